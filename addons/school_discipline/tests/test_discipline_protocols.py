# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DisciplineCase, end_of, utc


@tagged("post_install", "-at_install")
class TestDisciplineProtocols(DisciplineCase):
    def _protocol(self, code, knowledge, login="t_convivencia"):
        case_type = self.env["school.discipline.case.type"].search([("code", "=", code)])
        return self.env_as(login)["school.discipline.case"].create(
            {
                "type_id": case_type.id,
                "student_id": self.student.id,
                "batch_id": self.batch.id,
                "knowledge_datetime": knowledge,
            }
        )

    def test_protocol_i_deadlines_over_easter(self):
        # Known on Thursday 2 April 2026; Good Friday 3 and the weekend do not count.
        case = self._protocol("CT-I", utc(2026, 4, 2, 16))
        self.assertEqual(
            self.step(case, "I1").deadline, utc(2026, 4, 3, 16), "denuncia within 24 h"
        )
        for code in ("I2", "I3", "I4", "I5"):
            self.assertEqual(self.step(case, code).deadline, end_of(2026, 4, 6), code)
        with freeze_time(utc(2026, 4, 6, 12)):
            self.step(case, "I5").with_user(self.users["t_director"]).action_done("Orden escrita")
        self.assertEqual(self.step(case, "I6").deadline, end_of(2026, 4, 13), "5 business days")
        self.assertFalse(self.step(case, "I7").deadline)

    def test_protocol_iii_follow_up_and_director_closure(self):
        case = self._protocol("CT-III", utc(2026, 5, 4, 10))
        entry = case.student_id.school_discipline_entry_ids.filtered(lambda e: e.kind == "protocol")
        self.assertEqual(entry.book, "hoja_vida")
        self.assertIn(case.name, entry.description)
        self.assertNotIn(self.student.name, entry.description, "no names (digest §2.8)")
        self.assertEqual(self.step(case, "III1").deadline, utc(2026, 5, 5, 10))
        with freeze_time(utc(2026, 5, 4, 18)):
            self.step(case, "III1").with_user(self.users["t_inspector"]).action_done(
                "Informe preliminar: vulneración leve"
            )
        self.assertEqual(self.step(case, "III2").deadline, utc(2026, 5, 5, 18))
        with freeze_time(utc(2026, 5, 5, 9)):
            self.step(case, "III2").action_done("Citación telefónica y correo")
        contact = self.step(case, "III4")
        self.assertEqual(contact.deadline, end_of(2026, 5, 12), "contact every 5 business days")
        with freeze_time(utc(2026, 5, 11, 9)):
            contact.action_done("Llamado al adulto responsable")
        again = self.step(case, "III4")
        self.assertNotEqual(again, contact)
        self.assertEqual(again.deadline, end_of(2026, 5, 18))
        closure = self.step(case, "III6")
        with self.assertRaisesRegex(UserError, "is done by Director"):
            closure.action_done("Cierre")
        with freeze_time(utc(2026, 7, 1, 9)):
            self.step(case, "III3").action_skip("Vulneración leve: sin denuncia")
            closure.with_user(self.users["t_director"]).action_done(
                "Resolución fundada: situación superada"
            )
        self.assertEqual(case.state, "closed")
        self.assertFalse(case.step_ids.filtered(lambda s: s.state == "pending"))

    def test_protocol_i_review_window_when_enrolment_ends(self):
        """P-I 4.1d: 3 business days to ask for review, 15 when the sanction
        is a cancellation or an expulsion."""
        case = self._protocol("CT-I", utc(2026, 9, 1, 9))
        case.write({"fault_id": self.gg01.id})
        director = self.users["t_director"]
        with freeze_time(utc(2026, 9, 1, 12)):
            for code in ("I1",):
                self.step(case, code).with_user(director).action_skip("Sin delito")
            self.step(case, "I2").action_done("Aviso a los padres")
            self.step(case, "I3").with_user(self.users["t_inspector"]).action_done("Registro")
            self.step(case, "I4").with_user(director).action_done("Medidas urgentes")
            self.step(case, "I5").with_user(director).action_done("Orden escrita")
            self.step(case, "I6").action_done("Investigación")
            self.step(case, "I7").action_done("Informe de cierre")
            case.write({"sanction_id": self.s11.id, "measure_ids": [self.m01.id]})
            # An expulsion needs the Consejo de Profesores (MC 8.3 L1633):
            # protocol I's Consejo step (I7C), not typed minutes (this test
            # typed them before).
            with self.assertRaisesRegex(UserError, "close the step"):
                self.step(case, "I8").with_user(director).action_done("Resolución")
            self.step(case, "I7C").with_user(director).action_done("Acta 4")
            self.step(case, "I8").with_user(director).action_done("Resolución")
        # 15 business days from 1 September; 18 and 19 September are holidays.
        self.assertEqual(self.step(case, "I9").deadline, end_of(2026, 9, 23))

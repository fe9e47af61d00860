# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DisciplineCase, end_of, utc


@tagged("post_install", "-at_install")
class TestDisciplineAulaSegura(DisciplineCase):
    """P-XII / Ley 21.128 end to end, with real dates (June 2026)."""

    def _start(self):
        # A knife found on Monday 1 June 2026 at 09:00.
        entry = self.env_as("t_inspector")["school.discipline.entry"].create(
            {
                "student_id": self.student.id,
                "fault_id": self.gg06.id,
                "date": utc(2026, 6, 1, 9),
                "description": "Porta un cortaplumas en la mochila.",
            }
        )
        case = entry.case_ids
        self.assertEqual(case.type_id, self.type_xii)
        return case.with_user(self.users["t_director"])

    def test_aula_segura_expulsion(self):
        case = self._start()
        self.assertEqual(self.step(case, "X1").deadline, utc(2026, 6, 2, 9), "24 hours")
        with freeze_time(utc(2026, 6, 1, 12)):
            with self.assertRaisesRegex(UserError, "Only the Director"):
                case.with_user(self.users["t_inspector"]).action_precautionary()
            case.action_precautionary()
        self.assertEqual(
            (case.precautionary_start, case.precautionary_end),
            (datetime.date(2026, 6, 1), datetime.date(2026, 6, 5)),
        )
        with freeze_time(utc(2026, 6, 1, 18)):
            self.step(case, "X1").action_done(
                "Correo y llamado telefónico; investigador: Inspector General."
            )
        # 15 business days; San Pedro y San Pablo (Monday 29 June) does not count.
        # Reclamo against the measure and descargos: 5 business days; the
        # resolution: 10 business days from the start notice.
        self.assertEqual(self.step(case, "X2").deadline, end_of(2026, 6, 8))
        self.assertEqual(self.step(case, "X3").deadline, end_of(2026, 6, 8))
        self.assertEqual(self.step(case, "X4").deadline, end_of(2026, 6, 15))
        case.action_extend_precautionary()
        self.assertEqual(case.precautionary_end, datetime.date(2026, 6, 12))
        with self.assertRaisesRegex(UserError, "only once"):
            case.action_extend_precautionary()
        # The Director cannot resolve before the descargos (D-09).
        with freeze_time(utc(2026, 6, 2, 10)), self.assertRaisesRegex(UserError, "waits for"):
            self.step(case, "X4").action_done("Resolución anticipada")
        with freeze_time(utc(2026, 6, 3, 10)):
            self.step(case, "X2").action_skip("Sin reclamo")
            self.step(case, "X3").sudo().action_register_submission("Descargos del apoderado")
        case.write({"sanction_id": self.s11.id, "measure_ids": [self.m01.id]})
        # Ley 21.128 (digest ~L1384, seed P-XII L3210): the Director decides
        # the expulsion; the Consejo de Profesores gives its opinion on the
        # reconsideration (X6, only if appealed), before the final decision.
        # No minutes before the resolution (this test typed some before).
        self.assertFalse(case.council_minutes)
        with freeze_time(utc(2026, 6, 10, 10)):
            self.step(case, "X4").action_done("Resolución notificada")
        self.assertEqual(self.step(case, "X4").deadline_met, "met")
        self.assertEqual(self.step(case, "X5").deadline, end_of(2026, 7, 2))
        with freeze_time(utc(2026, 6, 15, 10)):
            self.step(case, "X5").sudo().action_register_submission("Solicito reconsideración")
        self.assertEqual(self.step(case, "X7").deadline, end_of(2026, 6, 22))
        with freeze_time(utc(2026, 6, 17, 10)):
            with self.assertRaisesRegex(UserError, "needs its record"):
                self.step(case, "X6").action_done()
            self.step(case, "X6").action_done("Acta del Consejo: mantiene la medida.")
            self.assertIn("mantiene la medida", case.council_minutes)
            self.step(case, "X7").action_done("Se rechaza la reconsideración")
        superintendencia = self.step(case, "X8")
        self.assertEqual(superintendencia.state, "pending")
        self.assertEqual(superintendencia.deadline, end_of(2026, 6, 24))
        with freeze_time(utc(2026, 6, 18, 10)):
            superintendencia.action_done("Oficio enviado a la Superintendencia, folio 123")
        self.assertEqual(case.state, "closed")
        self.assertTrue(all(s.deadline_met in (False, "met") for s in case.step_ids))

    def test_aula_segura_without_ending_skips_superintendencia(self):
        case = self._start()
        with freeze_time(utc(2026, 6, 1, 18)):
            self.step(case, "X1").action_done("Correo")
        self.assertEqual(self.step(case, "X2").state, "skipped", "no precautionary suspension")
        with freeze_time(utc(2026, 6, 3, 10)):
            self.step(case, "X3").sudo().action_register_submission("Descargos")
            case.write(
                {"sanction_id": self.s6.id, "sanction_days": 5, "measure_ids": [self.m01.id]}
            )
            self.step(case, "X4").action_done("Resolución")
        self.assertEqual(self.step(case, "X8").state, "skipped")
        with freeze_time(utc(2026, 6, 3, 12)):
            self.step(case, "X5").action_skip("No se pide reconsideración")
        self.assertEqual([self.step(case, c).state for c in ("X6", "X7")], ["skipped", "skipped"])
        self.assertEqual(case.state, "closed")

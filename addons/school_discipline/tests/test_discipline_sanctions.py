# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DisciplineCase, utc


@tagged("post_install", "-at_install")
class TestDisciplineSanctions(DisciplineCase):
    """The eligibility matrix of MC 7.2c, 7.3c and 8.3 (digest §10 rule 5)."""

    def _decide(self, case, **vals):
        case.write(vals)
        case._check_decision()

    def _consult_council(self, case, minutes):
        """Variant B up to its Consejo step (B3), through the procedure."""
        director = self.users["t_director"]
        with freeze_time(utc(2026, 5, 21, 10)):
            self.step(case, "B1").with_user(director).action_done("Carta certificada")
            self.step(case, "B2").action_register_submission("Descargos")
            self.step(case, "B3").with_user(director).action_done(minutes)

    def test_suspension_days_per_level(self):
        grave = self.new_case(fault=self.g07)
        self._decide(grave, sanction_id=self.s6.id, sanction_days=5, measure_ids=[self.m01.id])
        with self.assertRaisesRegex(UserError, "1 to 5 business days"):
            self._decide(grave, sanction_days=6)
        # Extended once for the same period (MC 8.3 L1607).
        self._decide(grave, sanction_days=10, sanction_extended=True)
        with self.assertRaisesRegex(UserError, "1 to 10"):
            self._decide(grave, sanction_days=11)
        gravisima = self.new_case(fault=self.gg01)
        with self.assertRaisesRegex(UserError, "3 to 5 business days"):
            self._decide(
                gravisima, sanction_id=self.s6.id, sanction_days=2, measure_ids=[self.m01.id]
            )

    def test_expulsion_only_for_gravisimas_in_its_procedure(self):
        grave = self.new_case(case_type=self.type_b, fault=self.g07)
        with self.assertRaisesRegex(UserError, "cannot be applied to a falta grave"):
            self._decide(grave, sanction_id=self.s11.id, measure_ids=[self.m01.id])
        standard = self.new_case(fault=self.gg01)
        with self.assertRaisesRegex(UserError, "cancellation/expulsion procedure"):
            self._decide(standard, sanction_id=self.s11.id, measure_ids=[self.m01.id])
        expulsion = self.new_case(case_type=self.type_b, fault=self.gg01)
        with self.assertRaisesRegex(UserError, "Consejo de Profesores"):
            self._decide(expulsion, sanction_id=self.s11.id, measure_ids=[self.m01.id])
        # Typing something into the minutes is not a consultation (MC 8.3
        # L1633): the procedure's Consejo step must be done.
        with self.assertRaisesRegex(UserError, "close the step"):
            self._decide(expulsion, council_minutes="Acta n.º 12")
        # A procedure without a Consejo step cannot apply such a sanction.
        ceremony = self.new_case(fault=self.gg01)
        with self.assertRaisesRegex(UserError, "does not include"):
            self._decide(ceremony, sanction_id=self.s9.id, measure_ids=[self.m01.id])
        self._consult_council(expulsion, "Acta n.º 12: el Consejo opina favorablemente.")
        self._decide(expulsion)
        self.assertIn("Acta n.º 12", expulsion.council_minutes)

    def test_cancellation_for_a_grave_needs_a_broken_condicionalidad(self):
        case = self.new_case(case_type=self.type_b, fault=self.g07)
        vals = {"sanction_id": self.s10.id, "measure_ids": [self.m01.id]}
        # The Consejo consulted through the procedure's step (B3), not by
        # typing its minutes.
        self._consult_council(case, "Acta n.º 3")
        with self.assertRaisesRegex(UserError, "broken condicionalidad"):
            self._decide(case, **vals)
        condition = self.new_case(fault=self.g07)
        condition.write({"sanction_id": self.s7.id, "measure_ids": [self.m01.id]})
        condition.sudo().write({"state": "closed"})
        with self.assertRaisesRegex(UserError, "Only the Director"):
            condition.with_user(self.users["t_inspector"]).action_mark_condition_broken()
        condition.with_user(self.users["t_director"]).action_mark_condition_broken()
        self._decide(case, condition_case_id=condition.id, **vals)

    def test_only_allowed_sanctions_offered(self):
        grave = self.new_case(fault=self.g07)
        self.assertIn(self.s6, grave.allowed_sanction_ids)
        self.assertIn(self.s7, grave.allowed_sanction_ids)
        self.assertNotIn(self.s11, grave.allowed_sanction_ids)
        self.assertFalse(grave.allowed_sanction_ids.filtered(lambda s: s.subject == "guardian"))
        gravisima = self.new_case(fault=self.gg01)
        self.assertIn(self.s11, gravisima.allowed_sanction_ids)

    def test_support_measure_required(self):
        case = self.new_case(fault=self.g07)
        with self.assertRaisesRegex(UserError, "formative support measure"):
            self._decide(case, sanction_id=self.s6.id, sanction_days=1)

    def test_tea_assessment(self):
        """D-10: a student with TEA is sanctioned for a grave only when the
        fault is not a manifestation of the condition."""
        self.student.school_neurodivergent = True
        case = self.new_case(fault=self.g07)
        vals = {"sanction_id": self.s6.id, "sanction_days": 1, "measure_ids": [self.m01.id]}
        with self.assertRaisesRegex(UserError, "not a manifestation"):
            self._decide(case, **vals)
        with self.assertRaisesRegex(UserError, "not a manifestation"):
            self._decide(case, tea_assessment="manifestation", **vals)
        self._decide(case, tea_assessment="unrelated", **vals)
        # Measures alone need no assessment.
        measures_only = self.new_case(fault=self.g07)
        self._decide(measures_only, measure_ids=[self.m01.id])

    def test_leves_never_go_to_due_process(self):
        with self.assertRaisesRegex(UserError, "leves never go through"):
            self.new_case(fault=self.l05)

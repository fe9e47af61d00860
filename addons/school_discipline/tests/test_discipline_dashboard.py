# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import DisciplineCase, utc


@tagged("post_install", "-at_install")
class TestDisciplineDashboard(DisciplineCase):
    def _card(self, login):
        user = self.users[login]
        env = self.env(user=user, context={"allowed_company_ids": user.company_ids.ids})
        return env["res.company"].browse(self.school.id)

    def test_open_cases_and_overdue_steps(self):
        case = self.new_case()
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(case, "A1").action_done("Correo")
        with freeze_time(utc(2026, 6, 30, 9)):
            card = self._card("t_director")
            self.assertEqual(card.school_dashboard_open_case_count, 1)
            action = card.action_school_dashboard_open_cases()
            self.assertEqual(card.env[action["res_model"]].search(action["domain"]), case)
            overdue = card.env["school.discipline.case.step"].search(
                card.action_school_dashboard_overdue_steps()["domain"]
            )
            self.assertTrue(overdue)
            self.assertEqual(overdue.case_id, case)
            self.assertEqual(card.school_dashboard_overdue_step_count, len(overdue))
        # Another school's Director sees none of it.
        other = self.env["res.company"].browse(self.other_school.id)
        self.assertEqual(other.school_dashboard_open_case_count, 0)

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.school_base.tests.test_dashboard import DashboardCase


@tagged("post_install", "-at_install")
class TestAttendanceDashboard(DashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The nightly figures (written by the cron as the superuser).
        cls.student.sudo().school_attendance_band = "at_risk"
        cls.other_student.sudo().school_attendance_band = "chronic"
        cls.student2.sudo().school_attendance_band = "critical"

    def test_bands_per_school_and_network(self):
        director_card = self._cards(self.env_director)
        self.assertEqual(director_card.school_dashboard_below_promotion_count, 1)
        self.assertEqual(director_card.school_dashboard_chronic_count, 2)
        self.assertEqual(
            self._open(director_card, "action_school_dashboard_below_promotion"), self.student
        )
        self.assertEqual(
            set(self._open(director_card, "action_school_dashboard_chronic").ids),
            {self.student.id, self.other_student.id},
        )
        network = self._cards(self.env_sostenedor).filtered("school_is_sostenedor")
        self.assertEqual(network.school_dashboard_below_promotion_count, 2)
        self.assertEqual(network.school_dashboard_chronic_count, 3)
        self.assertEqual(
            set(self._open(network, "action_school_dashboard_below_promotion").ids),
            {self.student.id, self.student2.id},
        )

    def test_no_marks_this_month(self):
        card = self._cards(self.env_director)
        self.assertFalse(card.school_dashboard_attendance_known)
        self.assertEqual(card.school_dashboard_attendance, 0.0)


@tagged("post_install", "-at_install")
class TestAttendanceMonthClose(DashboardCase):
    def _wizard(self, login, month):
        env = self.env(user=self.users[login])
        form = Form(env["school.attendance.month.close"])
        form.month = month
        return form

    def test_director_closes_a_month(self):
        form = self._wizard("t_director", datetime.date(2026, 4, 17))
        self.assertEqual(form.month_label, "04/2026")
        self.assertFalse(form.already_closed)
        action = form.save().action_close()
        self.assertEqual(action["res_model"], "school.attendance.month")
        closed = self.env["school.attendance.month"].search([("company_id", "=", self.school.id)])
        self.assertEqual(closed.month, datetime.date(2026, 4, 1))
        self.assertEqual(closed.closed_by_id, self.users["t_director"])
        # The same month again: the wizard says so and cannot close it twice.
        again = self._wizard("t_director", datetime.date(2026, 4, 3))
        self.assertTrue(again.already_closed)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["school.attendance.month"].with_user(self.users["t_director"]).browse(
                closed.id
            ).unlink()

    def test_only_the_director_closes(self):
        with self.assertRaises(AccessError):
            self._wizard("t_inspector", datetime.date(2026, 4, 1)).save().action_close()
        self.assertFalse(
            self.env["school.attendance.month"].search([("company_id", "=", self.school.id)])
        )

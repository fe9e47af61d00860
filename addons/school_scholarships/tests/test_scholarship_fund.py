# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ScholarshipCase


@tagged("post_install", "-at_install")
class TestScholarshipFund(ScholarshipCase):
    """The fund from enrolment, average attendance and projected income."""

    def _draft(self, **values):
        vals = {
            "company_id": self.school.id,
            "school_year": self.today.year + 2,
            "tax_year": self.today.year,
            "window_start": self.today,
            "window_end": self.today,
            "results_date": self.today.replace(year=self.today.year + 1),
            "annual_tuition": 1000000,
            "fund_unit": "becas",
            "fund_income_rate": 10,
            "fund_state_per_student": 100000,
            "commission_ids": [Command.set([u.id for u in self.members])],
        }
        vals.update(values)
        return self.env["school.scholarship.process"].with_user(self.sostenedor_user).create(vals)

    def test_fund_from_the_figures(self):
        process = self._draft(fund_enrolment=400, fund_attendance_rate=90)
        with self.assertRaises(AccessError):
            process.with_user(self.users["t_teacher"]).action_compute_fund()
        with self.assertRaises(AccessError):
            process.with_user(self.commission_user).action_compute_fund()
        process.with_user(self.sch_admin).action_compute_fund()
        # Income 400 x 1,000,000 x 10 % = 40 M; state 400 x 90 % x 100,000
        # = 36 M; 76 M = 76 full becas.
        self.assertEqual(process.fund_projected_income, 400000000)
        self.assertEqual(process.fund_becas, 76)
        self.assertIn("76.00 full becas", process.fund_note)
        process.sudo().fund_unit = "money"
        process.with_user(self.sostenedor_user).action_compute_fund()
        self.assertEqual(process.fund_amount, 76000000)
        # Fixed once the call is open.
        process.with_user(self.sostenedor_user).action_open()
        with self.assertRaisesRegex(UserError, "not possible"):
            process.with_user(self.sostenedor_user).action_compute_fund()

    def test_enrolment_and_attendance_read_when_left_empty(self):
        process = self._draft()
        if "school.attendance.register.line" in self.env:
            # The class book's register of this month: 4 days present of 5.
            self.env["school.attendance.register.line"].sudo().create(
                {
                    "company_id": self.school.id,
                    "batch_id": self.batch.id,
                    "student_id": self.student.id,
                    "month": self.today.replace(day=1),
                    "sige_present": 0b11110,
                    "sige_absent": 0b00001,
                }
            )
            expected_rate = 80.0
        else:
            expected_rate = 0.0
        process.with_user(self.sostenedor_user).action_compute_fund()
        # Ana and Bruno are enrolled in the fixture school.
        self.assertEqual(process.fund_enrolment, 2)
        self.assertEqual(process.fund_attendance_rate, expected_rate)
        expected = 2 * 1000000 * 0.10 + 2 * expected_rate / 100 * 100000
        self.assertAlmostEqual(process.fund_becas, round(expected / 1000000, 2))

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ScholarshipCase


@tagged("post_install", "-at_install")
class TestScholarshipSharedFinancing(ScholarshipCase):
    """A school that leaves financiamiento compartido switches the becas
    off: no new call, its history kept."""

    def _next_year_call(self, **values):
        return dict(
            {
                "company_id": self.school.id,
                "school_year": self.today.year + 2,
                "tax_year": self.today.year,
                "window_start": self.today,
                "window_end": self.today + datetime.timedelta(days=5),
                "results_date": self.today + datetime.timedelta(days=10),
                "annual_tuition": 1000000,
                "fund_unit": "becas",
                "fund_becas": 1,
            },
            **values,
        )

    def test_leaving_shared_financing_keeps_the_history(self):
        app = self._apply()
        self.school.school_shared_financing = False
        sostenedor = self.env["school.scholarship.process"].with_user(self.sostenedor_user)
        with self.assertRaisesRegex(UserError, "no longer charges shared financing"):
            sostenedor.create(self._next_year_call())
        # A draft prepared before the switch does not open either.
        self.school.school_shared_financing = True
        draft = sostenedor.create(
            self._next_year_call(commission_ids=[(6, 0, [m.id for m in self.members])])
        )
        self.school.school_shared_financing = False
        with self.assertRaisesRegex(UserError, "no longer charges shared financing"):
            draft.action_open()
        self.assertEqual(draft.state, "draft")
        # The history stays readable: the commission's process and the
        # family's application.
        commission = self.env["school.scholarship.application"].with_user(self.commission_user)
        self.assertIn(app, commission.search([("process_id", "=", self.process.id)]))
        family = self.env["school.scholarship.application"].with_user(self.guardian_user)
        self.assertEqual(family.search([("id", "=", app.id)]), app)

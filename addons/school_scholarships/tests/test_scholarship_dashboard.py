# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import ScholarshipCase


@tagged("post_install", "-at_install")
class TestScholarshipDashboard(ScholarshipCase):
    """The Tablero's becas figure: the school year's processes and the part
    of their fund allocated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sostenedor_user.company_ids |= cls.sostenedor

    def _card(self, login, company):
        user = self.users[login]
        env = self.env(user=user, context={"allowed_company_ids": user.company_ids.ids})
        return env["res.company"].browse(company.id)

    def test_becas_of_this_year(self):
        # The fixture's process is next year's call: not this year's fund.
        card = self._card("t_sostenedor", self.school)
        self.assertEqual(card.school_dashboard_becas_count, 0)
        this_year = self._make_process(self.today, school_year=self.today.year, fund_becas=4)
        app = self._apply(process=this_year)
        self.env["school.scholarship.award"].sudo().create(
            {
                "process_id": this_year.id,
                "application_id": app.id,
                "type_id": self.env.ref(
                    "school_scholarships.school_scholarship_type_socioeconomic"
                ).id,
                "percentage": 50,
            }
        )
        self.env.invalidate_all()  # the figures are computed, not stored
        card = self._card("t_sostenedor", self.school)
        self.assertEqual(card.school_dashboard_becas_count, 1)
        # Half a beca of a fund of 4.
        self.assertAlmostEqual(card.school_dashboard_becas_used, 12.5)
        action = card.action_school_dashboard_becas()
        self.assertEqual(action["res_model"], "school.scholarship.process")
        self.assertEqual(card.env[action["res_model"]].search(action["domain"]), this_year)
        # The network card counts it too.
        network = self._card("t_sostenedor", self.sostenedor)
        self.assertEqual(network.school_dashboard_becas_count, 1)
        self.assertAlmostEqual(network.school_dashboard_becas_used, 12.5)
        self.assertEqual(
            network.env["school.scholarship.process"].search(
                network.action_school_dashboard_becas()["domain"]
            ),
            this_year,
        )

    def test_director_outside_the_becas_groups(self):
        """The Director may not read the becas processes: the Tablero still
        opens, without a becas figure."""
        self._make_process(self.today, school_year=self.today.year)
        card = self._card("t_director", self.school)
        self.assertEqual(card.school_dashboard_becas_count, 0)
        self.assertEqual(card.school_dashboard_becas_used, 0.0)
        self.assertEqual(card.school_dashboard_student_count, 2)

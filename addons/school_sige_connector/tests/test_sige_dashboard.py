# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.tests import tagged

from odoo.addons.school_base.tests.test_dashboard import DashboardCase


@tagged("post_install", "-at_install")
class TestSigeDashboard(DashboardCase):
    """The Tablero's SIGE figure: the sends someone has to look at."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        sends = cls.env["school.sige.send"]
        values = {"teaching_code": "110", "grade_code": 3, "date": datetime.date(2026, 3, 31)}
        cls.rejected = sends.create(dict(values, company_id=cls.school.id, state="rejected"))
        cls.manual = sends.create(
            dict(values, company_id=cls.school2.id, state="manual", grade_code=4)
        )
        # Sent, accepted or waiting to be sent: nothing to look at.
        for grade, state in enumerate(("accepted", "sent", "to_send"), start=5):
            sends.create(dict(values, company_id=cls.school.id, state=state, grade_code=grade))

    def test_school_and_network_figures(self):
        card = self._cards(self.env_director)
        self.assertEqual(card.school_dashboard_sige_count, 1)
        action = card.action_school_dashboard_sige()
        self.assertEqual(action["res_model"], "school.sige.send")
        self.assertEqual(self._open(card, "action_school_dashboard_sige"), self.rejected)
        network = self._cards(self.env_sostenedor).filtered("school_is_sostenedor")
        self.assertEqual(network.school_dashboard_sige_count, 2)
        self.assertEqual(
            self._open(network, "action_school_dashboard_sige"), self.rejected | self.manual
        )

    def test_teacher_sees_no_sige_figure(self):
        card = self._dashboard_env("t_teacher")["res.company"].browse(self.school.id)
        self.assertEqual(card.school_dashboard_sige_count, 0)

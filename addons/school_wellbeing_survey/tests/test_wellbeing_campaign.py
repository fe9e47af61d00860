# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWellbeingCampaign(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.psychologist = new_test_user(
            cls.env, login="wb_psy", groups="school_base.school_base_group_psychologist"
        )
        cls.teacher = new_test_user(
            cls.env, login="wb_teacher", groups="school_base.school_base_group_teacher"
        )

    def test_lifecycle(self):
        campaign = (
            self.env["school.wellbeing.campaign"]
            .with_user(self.psychologist)
            .create({"name": "Marzo", "date_start": datetime.date(2026, 3, 1)})
        )
        campaign.action_open()
        self.assertEqual(campaign.state, "open")
        with self.assertRaises(UserError):
            campaign.action_open()
        with self.assertRaises(UserError):
            campaign.unlink()
        campaign.action_close()
        self.assertEqual(campaign.state, "closed")

    def test_teacher_has_no_access(self):
        with self.assertRaises(AccessError):
            self.env["school.wellbeing.campaign"].with_user(self.teacher).search([])

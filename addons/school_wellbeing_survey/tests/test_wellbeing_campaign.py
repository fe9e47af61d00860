# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WellbeingCase


@tagged("post_install", "-at_install")
class TestWellbeingCampaign(WellbeingCase):
    def test_open_creates_sheets_and_reminds_head_teacher(self):
        self.assertEqual(self.campaign.state, "open")
        self.assertEqual(self.campaign.sheet_ids.batch_id, self.batch | self.other_batch)
        self.assertEqual(self.campaign.date_start, datetime.date(2026, 11, 1))
        activity = self.sheet.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.users["t_head"])
        # A second reminder run does not duplicate it.
        self.sheet._remind_head_teachers()
        self.assertEqual(len(self.sheet.activity_ids), 1)
        # The other course has no profesor jefe: no reminder.
        other = self.campaign.sheet_ids - self.sheet
        self.assertFalse(other.activity_ids)

    def test_public_methods_check_the_caller(self):
        campaign = self._make_campaign(datetime.date(2026, 10, 1), open_=False)
        for login in ("t_teacher", "t_head", "t_secretary", "t_inspector", "t_social"):
            with self.assertRaises(AccessError, msg=login):
                campaign.with_user(self.users[login]).action_open()
        for user in (self.guardian_user, self.role_users["student"]):
            with self.assertRaises(AccessError):
                campaign.with_user(user).action_open()
        campaign.with_user(self.users["t_convivencia"]).action_open()
        with self.assertRaises(AccessError):
            campaign.with_user(self.users["t_head"]).action_close()
        # The state is not writable from outside the campaign's steps.
        with self.assertRaises(AccessError):
            campaign.with_user(self.users["t_psychologist"]).write({"state": "draft"})
        with self.assertRaises(AccessError):
            self.env["school.wellbeing.campaign"].with_user(self.users["t_psychologist"]).create(
                {
                    "name": "x",
                    "date_start": "2026-06-01",
                    "date_open": "2026-06-20",
                    "date_close": "2026-06-30",
                    "company_id": self.school.id,
                    "state": "closed",
                }
            )
        with self.assertRaises(AccessError):
            self.env["school.wellbeing.campaign"].with_user(self.users["t_head"]).create(
                {"name": "x", "date_start": "2026-06-01", "company_id": self.school.id}
            )

    def test_closed_is_read_only_and_reopen_by_director_logged(self):
        answer = self.sheet.with_user(self.users["t_head"])._ensure_answers()[:1]
        answer._set_answers({self.q["participation"]: (self.option("participation", "all"), "")})
        self.campaign.with_user(self.users["t_psychologist"]).action_close()
        self.assertEqual(self.campaign.state, "closed")
        self.assertFalse(self.sheet.activity_ids, "closing removes the reminders")
        head_answer = answer.with_user(self.users["t_head"])
        with self.assertRaises(UserError):
            head_answer._set_answers(
                {self.q["participation"]: (self.option("participation", "few"), "")}
            )
        with self.assertRaises(UserError):
            head_answer.line_ids.write({"text_value": "x"})
        with self.assertRaises(UserError):
            self.campaign.with_user(self.users["t_psychologist"]).write({"name": "Otro"})
        for login in ("t_psychologist", "t_convivencia", "t_head"):
            with self.assertRaises(AccessError, msg=login):
                self.campaign.with_user(self.users[login]).action_reopen()
        messages = len(self.campaign.message_ids)
        self.campaign.with_user(self.users["t_director"]).action_reopen()
        self.assertEqual(self.campaign.state, "open")
        self.assertEqual(self.campaign.reopen_count, 1)
        self.assertGreater(len(self.campaign.message_ids), messages)
        self.assertIn("t_director", self.campaign.message_ids[0].body.lower().replace(" ", "_"))
        head_answer._set_answers(
            {self.q["participation"]: (self.option("participation", "few"), "")}
        )
        self.assertEqual(answer.option_ids, self.option("participation", "few"))

    def test_cron_follows_the_seed_calendar(self):
        campaign_model = self.env["school.wellbeing.campaign"]
        august, _opens, closes = campaign_model._demo_calendar(2026)[0]
        self.assertEqual(_opens, datetime.date(2026, 8, 24))
        self.assertEqual(closes, datetime.date(2026, 9, 9))
        campaign = (
            campaign_model.with_user(self.users["t_psychologist"])
            .create(
                {
                    "name": "Agosto",
                    "date_start": august,
                    "date_open": _opens,
                    "date_close": closes,
                    "company_id": self.school.id,
                    "batch_ids": [(6, 0, self.batch.ids)],
                }
            )
            .sudo()
        )
        campaign_model._cron_wellbeing_campaigns(today=datetime.date(2026, 8, 23))
        self.assertEqual(campaign.state, "draft")
        campaign_model._cron_wellbeing_campaigns(today=datetime.date(2026, 8, 24))
        self.assertEqual(campaign.state, "open")
        self.assertEqual(campaign.sheet_ids.activity_ids.user_id, self.users["t_head"])
        campaign_model._cron_wellbeing_campaigns(today=datetime.date(2026, 9, 9))
        self.assertEqual(campaign.state, "open")
        campaign_model._cron_wellbeing_campaigns(today=datetime.date(2026, 9, 10))
        self.assertEqual(campaign.state, "closed")

    @mute_logger("odoo.sql_db")
    def test_one_campaign_per_month(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self._make_campaign(datetime.date(2026, 11, 15), open_=False)

    def test_head_teacher_fills_own_course_only(self):
        head = self.users["t_head"]
        answers = self.sheet.with_user(head)._ensure_answers()
        self.assertEqual(answers.student_id, self.student | self.third)
        other_sheet = self.campaign.sheet_ids - self.sheet
        with self.assertRaises(AccessError):
            other_sheet.with_user(head)._check_fill()
        with self.assertRaises(AccessError):
            self.env["school.wellbeing.answer"].with_user(head).create(
                {"sheet_id": other_sheet.id, "student_id": self.other_student.id}
            )
        with self.assertRaises(AccessError):
            answers[:1].with_user(head).write({"version": 7})

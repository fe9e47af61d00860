# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PDF, ScholarshipCase


@tagged("post_install", "-at_install")
class TestScholarshipResults(ScholarshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.app = cls._apply()
        cls.process.sudo().write(
            {
                "state": "allocated",
                "window_start": datetime.date(2025, 11, 3),
                "window_end": datetime.date(2025, 11, 28),
                "results_date": datetime.date(2026, 3, 2),
            }
        )
        cls.app.sudo().state = "awarded"
        cls.env["school.scholarship.award"].sudo().create(
            {
                "process_id": cls.process.id,
                "application_id": cls.app.id,
                "type_id": cls.env.ref(
                    "school_scholarships.school_scholarship_type_socioeconomic"
                ).id,
                "percentage": 50,
            }
        )
        # A non-academic day inside the appeal window.
        cls.env["school.calendar.day"].create(
            {"name": "Jornada", "date": datetime.date(2026, 3, 17), "company_id": cls.school.id}
        )

    def _publish_and_receive(self):
        with freeze_time("2026-02-27 15:00:00"):
            with self.assertRaisesRegex(UserError, "from"):
                self.process.with_user(self.sch_admin).action_publish_results()
        with freeze_time("2026-03-13 15:00:00"):  # a Friday
            self.process.with_user(self.sch_admin).action_publish_results()
            with self.assertRaises(AccessError):
                self.app.with_user(self.other_guardian_user).action_record_receipt()
            self.app.with_user(self.guardian_user).action_record_receipt()

    def test_appeal_timer_across_a_non_academic_day(self):
        self._publish_and_receive()
        # Mon 16, (Tue 17 off), Wed 18, Thu 19, Fri 20, Mon 23.
        self.assertEqual(self.app.appeal_deadline, datetime.date(2026, 3, 23))
        with freeze_time("2026-03-24 12:00:00"):
            with self.assertRaisesRegex(UserError, "ended"):
                self.app.with_user(self.guardian_user).action_file_appeal("Nuevos antecedentes")
        with freeze_time("2026-03-23 12:00:00"):
            with self.assertRaises(AccessError):
                self.app.with_user(self.other_guardian_user).action_file_appeal("x")
            appeal = self.app.with_user(self.guardian_user).action_file_appeal(
                "Perdí el empleo en febrero"
            )
            appeal.with_user(self.guardian_user).action_upload("finiquito.pdf", PDF)
        # 10 school days, Good Friday (3 April) a public holiday.
        self.assertEqual(appeal.answer_due, datetime.date(2026, 4, 7))
        self.assertEqual(self.process.appeal_pending_count, 1)
        with self.assertRaises(AccessError):
            appeal.with_user(self.sch_admin).action_decide(True, "Sí", 100)
        appeal.with_user(self.commission_user).action_decide(True, "Acreditado", 100)
        self.assertEqual(self.app.award_ids.percentage, 100)
        log = self.env["school.scholarship.award.log"].search(
            [("application_id", "=", self.app.id)]
        )
        self.assertEqual((log.old_percentage, log.new_percentage), (50, 100))
        # Final: no second decision, no second appeal.
        with self.assertRaisesRegex(UserError, "final"):
            appeal.with_user(self.commission_user).action_decide(False, "No")
        with freeze_time("2026-03-23 12:00:00"):
            with self.assertRaisesRegex(UserError, "once"):
                self.app.with_user(self.guardian_user).action_file_appeal("otra vez")

    def test_receipt_by_secretary_and_letter(self):
        with freeze_time("2026-03-13 15:00:00"):
            self.process.with_user(self.sch_admin).action_publish_results()
            self.app.with_user(self.sch_admin).action_record_receipt()
        self.assertEqual(self.app.receipt_recorded_by_id, self.sch_admin)
        with self.assertRaisesRegex(UserError, "already"):
            self.app.with_user(self.guardian_user).action_record_receipt()
        action = self.app.with_user(self.guardian_user).action_print_letter()
        self.assertEqual(action["url"], "/my/scholarships/%s/letter" % self.app.id)
        action = self.app.with_user(self.sch_admin).action_print_letter()
        self.assertEqual(action["report_name"], "school_scholarships.report_scholarship_letter")
        with self.assertRaises(AccessError):
            self.app.with_user(self.users["t_teacher"]).action_print_letter()

    def test_falsification_bans_two_years(self):
        with self.assertRaises(AccessError):
            self.app.with_user(self.users["t_director"]).action_record_loss("falsification", "x")
        with self.assertRaisesRegex(UserError, "reasoned"):
            self.app.with_user(self.commission_user).action_record_loss("falsification", " ")
        loss = self.app.with_user(self.commission_user).action_record_loss(
            "falsification", "Liquidaciones adulteradas, verificado con el empleador"
        )
        self.assertEqual(self.app.state, "lost")
        self.assertEqual(loss.ban_until.year, self.today.year + 2)
        # The family is told, without household data.
        notice = self.env["mail.message"].search(
            [("model", "=", loss._name), ("res_id", "=", loss.id)]
        )
        self.assertIn(self.guardian_user.partner_id, notice.partner_ids)
        self.assertNotIn("400000", notice.body)
        # Next year's call: the family may not apply.
        next_year = self._make_process(self.today, school_year=self.today.year + 2)
        with self.assertRaisesRegex(UserError, "may not apply"):
            self._apply(process=next_year)
        # Three years on the ban is over.
        later = self._make_process(
            self.today.replace(year=self.today.year + 3), school_year=self.today.year + 4
        )
        self.assertTrue(later.window_start > loss.ban_until)

    def test_discipline_loss_without_ban(self):
        loss = self.app.with_user(self.sostenedor_user).action_record_loss(
            "discipline", "Falta gravísima del apoderado, resolución firme"
        )
        self.assertFalse(loss.ban_until)
        self.assertEqual(self.app.state, "lost")
        with self.assertRaises(AccessError):
            loss.with_user(self.sostenedor_user).write({"cause": "renunciation"})

    def test_commission_reminded_as_the_appeal_answer_nears(self):
        self._publish_and_receive()
        with freeze_time("2026-03-23 12:00:00"):
            appeal = self.app.with_user(self.guardian_user).action_file_appeal(
                "Perdí el empleo en febrero"
            )
        self.assertEqual(appeal.answer_due, datetime.date(2026, 4, 7))
        self.assertEqual(self.process.appeal_reminder_days, 3)
        self.assertNotIn(
            self.guardian_user.partner_id,
            appeal.message_partner_ids,
            "the family does not follow the commission's record",
        )
        cron = self.env["school.scholarship.appeal"]
        self.commission_user.lang = "es_CL"
        with freeze_time("2026-03-31 12:00:00"):  # 3 school days on: Monday 6 April
            self.assertFalse(cron._cron_answer_reminders())
        self.assertFalse(appeal.activity_ids)
        # Thursday 2 April: Good Friday is a holiday, so 3 school days reach
        # Wednesday 8 April, past the due date.
        with freeze_time("2026-04-02 12:00:00"):
            self.assertFalse(cron._cron_answer_reminders())
            cron._cron_answer_reminders()  # re-run: no second activity
        self.assertEqual(
            sorted(appeal.activity_ids.user_id.ids), sorted(u.id for u in self.members)
        )
        self.assertEqual(set(appeal.activity_ids.mapped("date_deadline")), {appeal.answer_due})
        self.assertIn("07/04/2026", appeal.activity_ids[0].summary)
        # Each member reads it in their own language (the cron runs as OdooBot).
        mine = appeal.activity_ids.filtered(lambda a: a.user_id == self.commission_user)
        self.assertEqual(mine.summary, "Responder la apelación de beca a más tardar el 07/04/2026")
        appeal.with_user(self.commission_user).action_decide(False, "Sin antecedentes nuevos")
        self.assertFalse(appeal.activity_ids, "answered: the reminders are done")

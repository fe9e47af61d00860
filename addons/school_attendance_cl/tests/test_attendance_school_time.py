# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every date of the class book is the school's, whoever computes it.

Chile's summer time ends on the first Saturday of April (in 2026 the night
of 4 to 5 April): Santiago goes from UTC-3 to UTC-4, Punta Arenas (Magallanes)
stays at UTC-3 all year. 03:30 UTC on 8 April is 23:30 of the 7th in
Santiago and 00:30 of the 8th in Punta Arenas; before the change both read
the same."""

import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AttendanceCase

D = datetime.date
DT = datetime.datetime


@tagged("post_install", "-at_install")
class TestSchoolTime(AttendanceCase):
    def _arrival(self, when):
        # An editor whose own time zone is Madrid's: it must not matter.
        return (
            self.env["school.attendance.arrival"]
            .with_context(tz="Europe/Madrid")
            .create(
                {
                    "student_id": self.student.id,
                    "company_id": self.school.id,
                    "kind": "withdrawal",
                    "datetime": when,
                    "guardian_id": self.parent.id,
                }
            )
        )

    def test_arrival_date_is_the_schools(self):
        self.school.partner_id.tz = "America/Santiago"
        # Before the change, both Chilean zones at UTC-3.
        self.assertEqual(self._arrival(DT(2026, 4, 3, 2, 30)).date, D(2026, 4, 2))
        # After it: Santiago's late evening is still the 7th.
        self.assertEqual(self._arrival(DT(2026, 4, 8, 3, 30)).date, D(2026, 4, 7))
        self.school.partner_id.tz = "America/Punta_Arenas"
        self.assertEqual(self._arrival(DT(2026, 4, 8, 3, 30)).date, D(2026, 4, 8))
        self.assertEqual(self._arrival(DT(2026, 4, 3, 2, 30)).date, D(2026, 4, 2))

    def _presented_at(self, when):
        justification = self.env["school.attendance.justification"].create(
            {
                "student_id": self.student.id,
                "company_id": self.school.id,
                "date_from": D(2026, 4, 6),
                "date_to": D(2026, 4, 6),
                "reason": "medical",
                "certificate_date": D(2026, 4, 6),
            }
        )
        # create_date is the database's clock: set the moment it was presented.
        self.env.cr.execute(
            "UPDATE school_attendance_justification SET create_date = %s WHERE id = %s",
            (when, justification.id),
        )
        justification.invalidate_recordset(["create_date"])
        justification._compute_on_time()
        return justification.on_time

    def test_certificate_on_time_in_school_time(self):
        """Issued on Monday 6 April: 48 hours after that day ends in the
        school, i.e. until midnight of Wednesday the 8th, school time."""
        self.school.partner_id.tz = "America/Santiago"
        self.assertTrue(self._presented_at(DT(2026, 4, 9, 3, 30)))  # 23:30 of the 8th
        self.assertFalse(self._presented_at(DT(2026, 4, 9, 4, 30)))  # 00:30 of the 9th
        self.school.partner_id.tz = "America/Punta_Arenas"
        self.assertFalse(self._presented_at(DT(2026, 4, 9, 3, 30)))  # 00:30 of the 9th
        self.assertTrue(self._presented_at(DT(2026, 4, 9, 2, 30)))  # 23:30 of the 8th

    def test_bands_count_up_to_the_schools_yesterday(self):
        """At 23:30 in Santiago (already the next day in UTC and in Punta
        Arenas) today's blocks are not marked yet: they must not count."""
        batch = self._make_batch("TZB", 1)
        student = batch._school_students_on(D(2026, 4, 1))
        calendar = self.env["school.calendar"]
        for day in calendar.school_days(D(2026, 3, 2), D(2026, 4, 6), company=self.school):
            self.session_model.save_block(batch.id, day, 2, [])
        # The cron's user has no time zone of its own (UTC).
        students = self.env["op.student"].with_context(tz="UTC")
        self.school.partner_id.tz = "America/Santiago"
        with freeze_time(DT(2026, 4, 8, 3, 30)):
            students._cron_update_attendance_bands()
        self.assertEqual(student.school_attendance_rate, 100.0)
        enrolment = student.course_detail_ids
        days = enrolment.school_attendance_days
        self.assertEqual((enrolment.school_attendance_present, days), (days, days))
        # In Punta Arenas the 7th is over: unmarked, it counts as not attended.
        self.school.partner_id.tz = "America/Punta_Arenas"
        with freeze_time(DT(2026, 4, 8, 3, 30)):
            students._cron_update_attendance_bands()
        self.assertEqual(enrolment.school_attendance_days, days + 1)
        self.assertLess(student.school_attendance_rate, 100.0)

    def test_cron_runs_at_night_in_chile(self):
        cron = self.env.ref("school_attendance_cl.ir_cron_update_attendance_bands")
        self.assertEqual(cron.nextcall.time(), datetime.time(6, 30))
        for zone in ("America/Santiago", "America/Punta_Arenas"):
            self.school.partner_id.tz = zone
            local = self.env["school.calendar"].to_school_time(cron.nextcall, self.school)
            self.assertTrue(2 <= local.hour <= 4, zone)

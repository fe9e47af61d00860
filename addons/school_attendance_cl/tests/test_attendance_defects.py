# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command
from odoo.tests import tagged

from .common import AttendanceCase

D = datetime.date
DT = datetime.datetime


@tagged("post_install", "-at_install")
class TestAttendanceDefects(AttendanceCase):
    def _late(self, when):
        return (
            self.env["school.attendance.arrival"]
            .with_user(self.users["t_inspector"])
            .create(
                {
                    "student_id": self.student.id,
                    "company_id": self.school.id,
                    "kind": "start_late",
                    "datetime": when,
                    "minutes_late": 5,
                    "companion": "Madre",
                }
            )
        )

    def test_commitment_letter_counts_this_school_year_only(self):
        """Two study hours in the school year bring the carta de compromiso
        (RI III.3.1): last year's study hour does not count."""
        for day in range(2, 10):  # 2025: six lateness, one study hour
            self._late(DT(2025, 4, day, 11, 20))
        last_year = self.env["school.attendance.citation"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertEqual(len(last_year), 1)
        arrivals = [self._late(DT(2026, 3, day, 11, 20)) for day in (2, 3, 4, 5, 6, 9)]
        first_this_year = arrivals[-1].citation_id
        self.assertTrue(first_this_year)
        self.assertFalse(first_this_year.commitment_required)
        arrivals = [self._late(DT(2026, 3, day, 11, 20)) for day in (10, 11, 12, 13, 16, 17)]
        self.assertTrue(arrivals[-1].citation_id.commitment_required)

    def test_band_alert_goes_to_the_current_head_teacher(self):
        faculty = self.env["op.faculty"]
        former, current = faculty.create(
            [
                {
                    "first_name": "Pía",
                    "last_name": "Pasada",
                    "name": "Pía Pasada",
                    "gender": "female",
                    "birth_date": D(1980, 1, 1),
                    "partner_id": self.users["t_teacher2"].partner_id.id,
                },
                {
                    "first_name": "Hilda",
                    "last_name": "Jefa",
                    "name": "Hilda Jefa",
                    "gender": "female",
                    "birth_date": D(1980, 1, 1),
                    "partner_id": self.users["t_head"].partner_id.id,
                },
            ]
        )
        past_batch = self.env["op.batch"].create(
            {
                "name": "2° básico A 2025",
                "code": "T-B2A25",
                "course_id": self.course.id,
                "start_date": D(2025, 3, 3),
                "end_date": D(2025, 12, 19),
                "company_id": self.school.id,
                "head_teacher_id": former.id,
            }
        )
        batch = self._make_batch("HTC", 0)
        batch.head_teacher_id = current
        student = (
            self.env["op.student"]
            .with_company(self.school)
            .create(
                {
                    "first_name": "Rita",
                    "last_name": "Repite",
                    "name": "Rita Repite",
                    "gender": "f",
                    "course_detail_ids": [
                        Command.create(
                            {"course_id": self.course.id, "batch_id": b.id, "roll_number": "9"}
                        )
                        for b in (past_batch, batch)
                    ],
                }
            )
        )
        calendar = self.env["school.calendar"]
        for day in calendar.school_days(D(2026, 3, 2), D(2026, 3, 13), company=self.school):
            self.session_model.save_block(
                batch.id, day, 2, [{"student_id": student.id, "code": "absent"}]
            )
        # sudo: the nightly figures are protected; last night's band.
        student.sudo().write({"school_attendance_band": "excellent"})
        self.env["op.student"]._cron_update_attendance_bands(today=D(2026, 3, 14))
        self.assertEqual(student.school_attendance_band, "critical")
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "op.student"), ("res_id", "=", student.id)]
        )
        self.assertEqual(activity.user_id, self.users["t_head"])

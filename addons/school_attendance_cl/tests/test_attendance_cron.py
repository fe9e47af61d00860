# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.school_base.tools import cron_batches

from .common import AttendanceCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestAttendanceCron(AttendanceCase):
    def test_one_bad_student_does_not_stop_the_others(self):
        """A student whose figures cannot be written (here a database
        constraint that refuses them) is logged and skipped; the other
        students of the same chunk and the other schools get theirs."""
        other_course = self.env["op.course"].create(
            {"name": "1° básico", "code": "O-B1", "company_id": self.other_school.id}
        )
        other_batch = self.env["op.batch"].create(
            {
                "name": "1° básico A",
                "code": "O-B1A",
                "course_id": other_course.id,
                "start_date": D(2026, 3, 2),
                "end_date": D(2026, 12, 18),
                "company_id": self.other_school.id,
            }
        )
        far = (
            self.env["op.student"]
            .with_company(self.other_school)
            .create(
                {
                    "first_name": "Lejos",
                    "last_name": "Otra",
                    "name": "Lejos Otra",
                    "gender": "f",
                    "course_detail_ids": [
                        Command.create(
                            {
                                "course_id": other_course.id,
                                "batch_id": other_batch.id,
                                "roll_number": "1",
                            }
                        )
                    ],
                }
            )
        )
        batch = self._make_batch("PSN", 3)
        students = batch._school_students_on(D(2026, 3, 2))
        calendar = self.env["school.calendar"]
        for course, school in ((batch, self.school), (other_batch, self.other_school)):
            for day in calendar.school_days(D(2026, 3, 2), D(2026, 3, 13), company=school):
                self.session_model.save_block(course.id, day, 2, [])
        bad = students.sorted("id")[0]
        # The poisoned record: its figures violate a constraint (rolled back
        # with the test's transaction).
        self.env.cr.execute(
            SQL(
                "ALTER TABLE op_student ADD CONSTRAINT school_test_poison"
                " CHECK (id <> %s OR school_attendance_rate IS NULL)",
                bad.id,
            )
        )
        with (
            mute_logger("odoo.sql_db"),
            self.assertLogs(cron_batches.__name__, "ERROR") as logs,
        ):
            failed = self.env["op.student"]._cron_update_attendance_bands(today=D(2026, 3, 14))
        self.assertEqual(len(failed), 1)
        self.assertIn(str(bad.id), logs.output[0])
        bad.invalidate_recordset()
        self.assertFalse(bad.school_attendance_band)
        for student in students - bad:
            self.assertEqual(
                (student.school_attendance_rate, student.school_attendance_band),
                (100.0, "excellent"),
            )
        self.assertEqual(far.school_attendance_rate, 100.0)
        self.assertEqual(far.course_detail_ids.school_attendance_days, 10)
        # The courses' figures of the school with the bad student were written.
        self.assertEqual(bad.course_detail_ids.school_attendance_days, 10)
        # Safe to run again: same figures, no duplicate alert.
        self.env.cr.execute("ALTER TABLE op_student DROP CONSTRAINT school_test_poison")
        self.assertEqual(
            self.env["op.student"]._cron_update_attendance_bands(today=D(2026, 3, 14)), []
        )
        self.assertEqual(bad.school_attendance_rate, 100.0)
        self.assertEqual(far.school_attendance_rate, 100.0)

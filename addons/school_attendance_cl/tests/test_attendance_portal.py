# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.tests import HttpCase, tagged

from .common import AttendanceCase


@tagged("post_install", "-at_install")
class TestAttendancePortal(HttpCase, AttendanceCase):
    def test_teacher_takes_and_signs_a_block(self):
        self.start_tour(
            "/my/attendance?date=2026-03-04", "school_attendance_teacher_block", login="t_teacher"
        )
        session = self.env["school.attendance.session"].search(
            [("batch_id", "=", self.batch.id), ("date", "=", "2026-03-04"), ("block", "=", 1)]
        )
        self.assertEqual(session.state, "signed")
        self.assertEqual(session.signed_by_id, self.users["t_teacher"])
        self.assertEqual(session.line_ids.code_id.code, "absent")

    def test_teacher_saves_a_block_offline(self):
        self.start_tour(
            "/my/attendance?date=2026-03-04", "school_attendance_teacher_offline", login="t_teacher"
        )
        session = self.env["school.attendance.session"].search(
            [("batch_id", "=", self.batch.id), ("date", "=", "2026-03-04"), ("block", "=", 2)]
        )
        self.assertEqual(len(session), 1)
        self.assertEqual(session.state, "draft")
        absent = session.line_ids.filtered(lambda line: line.code_id.code == "absent")
        self.assertEqual(absent.student_id, self.student)

    def test_offline_save_of_a_block_signed_meanwhile_is_refused(self):
        self.start_tour(
            "/my/attendance?date=2026-03-04",
            "school_attendance_teacher_offline_refused",
            login="t_teacher",
        )
        session = self.env["school.attendance.session"].search(
            [("batch_id", "=", self.batch.id), ("date", "=", "2026-03-04"), ("block", "=", 3)]
        )
        self.assertEqual(session.state, "signed")
        self.assertEqual(set(session.line_ids.mapped("code_id.code")), {"present"})

    def test_guardian_justifies_an_absence(self):
        # An absence on a recent school day (the page lists the last 60 days).
        calendar = self.env["school.calendar"].with_company(self.school)
        day = calendar.add_school_days(datetime.date.today() - datetime.timedelta(days=10), 1)
        self.env["school.attendance.session"].save_block(
            self.batch.id, day, 2, [{"student_id": self.student.id, "code": "absent"}]
        )
        self.start_tour(
            "/my/attendance/justify", "school_attendance_guardian_justify", login="t_guardian"
        )
        justification = self.env["school.attendance.justification"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertEqual(justification.reason, "family")
        self.assertEqual(justification.submitted_by_id, self.guardian_user)
        self.assertEqual(justification.state, "submitted")

    def test_other_course_not_found(self):
        self.authenticate("t_teacher", "t_teacher")
        page = self.url_open("/my/attendance/%s/2026-03-04/1" % self.other_batch.id)
        self.assertEqual(page.status_code, 404)

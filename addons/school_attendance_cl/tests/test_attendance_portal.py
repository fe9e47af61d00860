# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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

    def test_other_course_not_found(self):
        self.authenticate("t_teacher", "t_teacher")
        page = self.url_open("/my/attendance/%s/2026-03-04/1" % self.other_batch.id)
        self.assertEqual(page.status_code, 404)

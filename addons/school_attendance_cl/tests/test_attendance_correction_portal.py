# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import AttendanceCase


@tagged("post_install", "-at_install")
class TestAttendanceCorrectionPortal(HttpCase, AttendanceCase):
    """A teacher asks, from the page of a signed block, for the correction of
    a mark (issue 14); the Director decides it in the backend."""

    # The teacher's phone: the tour runs at 390 px, with touch.
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = datetime.date(2026, 3, 4)
        teacher_env = cls.env(user=cls.users["t_teacher"])
        teacher_env["school.attendance.session"].save_block(
            cls.batch.id,
            cls.day,
            2,
            [{"student_id": cls.student.id, "code": "absent", "late_minutes": 0}],
            sign=True,
        )
        cls.block_session = cls.env["school.attendance.session"].search(
            [("batch_id", "=", cls.batch.id), ("date", "=", cls.day), ("block", "=", 2)]
        )
        cls.line = cls.block_session.line_ids.filtered(lambda line: line.student_id == cls.student)
        cls.url = "/my/attendance/%s/2026-03-04/2" % cls.batch.id

    def _corrections(self):
        return self.env["school.attendance.correction"].search([("line_id", "=", self.line.id)])

    def _ask(self, login, **data):
        self.authenticate(login, login)
        values = {"line_id": self.line.id, "code": "late", "late_minutes": "10"}
        values.update(data, csrf_token=http.Request.csrf_token(self))
        return self.url_open(self.url + "/correction", data=values, allow_redirects=False)

    def test_teacher_of_the_course_asks_for_a_correction(self):
        self.assertEqual(self.block_session.state, "signed")
        page = self._ask("t_teacher", reason="Llegó atrasado, no ausente")
        self.assertEqual(page.status_code, 303)
        correction = self._corrections()
        self.assertEqual(len(correction), 1)
        self.assertEqual(correction.state, "pending")
        self.assertEqual(correction.requested_by_id, self.users["t_teacher"])
        self.assertEqual(correction.old_code_id.code, "absent")
        self.assertEqual(correction.new_code_id.code, "late")
        self.assertEqual(correction.new_late_minutes, 10)
        # The mark itself waits for the Director.
        self.assertEqual(self.line.code_id.code, "absent")
        # The block's page lists the request.
        page = self.url_open(self.url + "?requested=1")
        self.assertIn('data-state="pending"', page.text)
        self.assertIn("o_school_correction_sent", page.text)
        # A second request for the same mark is refused, and says why.
        page = self._ask("t_teacher", reason="Otra vez")
        self.assertEqual(page.status_code, 400)
        self.assertIn("Ya hay una corrección de", page.text)
        self.assertEqual(len(self._corrections()), 1)

    def test_teacher_asks_for_a_correction_on_a_phone(self):
        self.start_tour(self.url, "school_attendance_teacher_correction", login="t_teacher")
        correction = self._corrections()
        self.assertEqual(len(correction), 1)
        self.assertEqual(correction.new_code_id.code, "late")
        self.assertEqual(correction.new_late_minutes, 12)
        self.assertEqual(correction.reason, "Llegó a las 8:12")

    def test_other_teacher_is_refused(self):
        page = self._ask("t_teacher2", reason="No es mi curso")
        self.assertEqual(page.status_code, 404)
        self.assertFalse(self._corrections())

    def test_missing_reason_creates_nothing(self):
        page = self._ask("t_teacher", reason="  ")
        self.assertEqual(page.status_code, 400)
        self.assertIn("alert-danger", page.text)
        self.assertFalse(self._corrections())

    def test_mark_of_another_block_is_not_found(self):
        page = self._ask("t_teacher", line_id="999999999", reason="Error")
        self.assertEqual(page.status_code, 404)
        page = self._ask("t_teacher", line_id="abc", reason="Error")
        self.assertEqual(page.status_code, 404)
        self.assertFalse(self._corrections())

    def test_without_csrf_token_nothing_is_created(self):
        self.authenticate("t_teacher", "t_teacher")
        page = self.url_open(
            self.url + "/correction",
            data={"line_id": self.line.id, "code": "late", "reason": "Sin token"},
            allow_redirects=False,
        )
        self.assertEqual(page.status_code, 400)
        self.assertFalse(self._corrections())

    def test_display_names(self):
        self.assertEqual(
            self.line.with_context(lang="es_CL").display_name,
            "Tour 3° básico A · 04/03 · bloque 2 · %s" % self.student.name,
        )
        correction = self.env["school.attendance.correction"].create(
            {"line_id": self.line.id, "new_code_id": self.line.code_id.id, "reason": "x"}
        )
        self.assertIn(self.student.name, correction.display_name)

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.tests import HttpCase, tagged

from .common import AttendanceCase


@tagged("post_install", "-at_install")
class TestAttendanceLanding(HttpCase, AttendanceCase):
    def _landing(self, user):
        user.password = user.login
        self.authenticate(None, None)
        response = self.url_open(
            "/web/login",
            data={
                "login": user.login,
                "password": user.login,
                "csrf_token": http.Request.csrf_token(self),
            },
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        return response.headers["Location"]

    def test_teacher_lands_on_todays_class_lists(self):
        self.assertTrue(self._landing(self.users["t_teacher"]).endswith("/my/attendance"))

    def test_secretary_lands_on_the_class_blocks(self):
        self.assertTrue(
            self._landing(self.users["t_secretary"]).endswith(
                "/odoo/action-school_attendance_cl.school_attendance_session_action"
            )
        )

    def test_first_home_shows_every_card_of_a_teacher(self):
        self.users["t_teacher"].password = "t_teacher"
        self.start_tour("/my", "school_attendance_teacher_home_cards", login="t_teacher")

    def test_first_home_shows_every_card_of_a_guardian(self):
        self.guardian_user.password = "t_guardian"
        self.start_tour("/my", "school_attendance_guardian_home_cards", login="t_guardian")

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import SchoolCase


@tagged("post_install", "-at_install")
class TestPortalTour(HttpCase, SchoolCase):
    def test_teacher_sees_school_entry_on_my(self):
        self.users["t_teacher"].password = "t_teacher"
        self.start_tour("/my", "school_base_teacher_portal", login="t_teacher")

    def test_guardian_page_lists_only_own_child(self):
        self.guardian_user.password = "t_guardian"
        self.authenticate("t_guardian", "t_guardian")
        page = self.url_open("/my/school")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ana Tour", page.text)
        self.assertNotIn("Bruno Otro", page.text)

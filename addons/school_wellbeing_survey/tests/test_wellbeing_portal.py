# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests import HttpCase, tagged

from .common import WellbeingCase


@tagged("post_install", "-at_install")
class TestWellbeingPortal(HttpCase, WellbeingCase):
    def test_head_teacher_fills_on_the_portal(self):
        self.users["t_head"].password = "t_head"
        self.start_tour("/my/wellbeing", "school_wellbeing_portal", login="t_head")
        answer = self.sheet.answer_ids.filtered(lambda a: a.student_id == self.third)
        self.assertEqual(
            answer.option_ids,
            self.option("participation", "some") | self.option("emotions", "stress"),
        )
        self.assertEqual(answer.source, "portal")

    def test_other_teacher_gets_not_found(self):
        self.users["t_teacher"].password = "t_teacher"
        self.authenticate("t_teacher", "t_teacher")
        page = self.url_open("/my/wellbeing/%s" % self.sheet.id)
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("Ana Tour", page.text)

    def _post(self, fields):
        page = self.url_open("/my/wellbeing/%s" % self.sheet.id)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            "/my/wellbeing/%s" % self.sheet.id, data=dict(fields, csrf_token=token)
        )

    def test_forged_option_is_refused(self):
        self.users["t_head"].password = "t_head"
        self.authenticate("t_head", "t_head")
        participation = self.q["participation"]
        key = "q%s_s%s" % (participation.id, self.student.id)
        # An option of another question: refused, nothing saved.
        page = self._post({key: str(self.option("channel", "phone").id)})
        self.assertEqual(page.status_code, 200)
        self.assertIn("alert-danger", page.text)
        self.assertFalse(self.sheet.answer_ids.option_ids)
        # The right one is saved.
        page = self._post({key: str(self.option("participation", "few").id)})
        self.assertIn("o_wellbeing_saved", page.text)
        self.assertEqual(self.sheet.answer_ids.option_ids, self.option("participation", "few"))

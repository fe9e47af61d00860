# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command
from odoo.tests import tagged
from odoo.tools.translate import code_translations

from odoo.addons.school_base.tests.user_texts import internal_refs

from .common import AttendanceCase


@tagged("post_install", "-at_install")
class TestAttendanceVocabulary(AttendanceCase):
    """One word per mark: the class book's buttons, the codes (portal of the
    apoderados, register) and the register's columns say the same."""

    def test_codes_and_labels_agree(self):
        labels = code_translations.get_python_translations("school_attendance_cl", "es_CL")
        expected = {"present": "Presente", "absent": "Ausente", "late": "Atraso"}
        codes = self.env["school.attendance.code"].with_context(lang="es_CL")
        for key, word in expected.items():
            code = codes.search([("code", "=", key)])
            self.assertEqual(code.name, word)
            self.assertEqual(labels.get(code.with_context(lang="en_US").name), word)
        self.assertEqual(
            codes.search([("code", "=", "absent_justified")]).name, "Ausente justificado"
        )
        self.assertEqual(codes.search([("code", "=", "late_justified")]).name, "Atraso justificado")

    def test_register_without_internal_refs(self):
        wizard = (
            self.env["school.attendance.register.print"]
            .with_user(self.users["t_secretary"])
            .create(
                {
                    "batch_ids": [Command.set(self.batch.ids)],
                    "month": datetime.date(2026, 3, 1),
                }
            )
        )
        html, __ = (
            self.env["ir.actions.report"]
            .with_context(lang="es_CL")
            ._render_qweb_html("school_attendance_cl.action_report_attendance_register", wizard.ids)
        )
        html = html.decode()
        self.assertIn("Ausente", html)
        self.assertNotIn("Falta", html)
        self.assertFalse(internal_refs(html))

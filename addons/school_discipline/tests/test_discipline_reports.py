# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import zipfile

from freezegun import freeze_time

from odoo.tests import tagged

from .common import DisciplineCase, utc


@tagged("post_install", "-at_install")
class TestDisciplineReports(DisciplineCase):
    def setUp(self):
        super().setUp()
        self.env["school.discipline.entry"].create(
            {
                "student_id": self.student.id,
                "kind": "positive",
                "award_id": self.env.ref("school_discipline.school_discipline_award_3").id,
                "description": "Destaca por su constancia.",
            }
        )
        self.case = self.new_case()
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(self.case, "A1").action_done("Correo y llamado")

    def test_hoja_de_vida_report(self):
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            "school_discipline.report_hoja_de_vida", self.student.ids
        )
        html = html.decode()
        self.assertIn("Destaca por su constancia.", html)
        self.assertIn("Estímulo", html)

    def test_case_file_report(self):
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            "school_discipline.report_case_file", self.case.ids
        )
        html = html.decode()
        self.assertIn(self.case.name, html)
        self.assertIn("Descargos y medios de prueba", html)
        self.assertIn("Correo y llamado", html)

    def test_odt_letter_and_fallback(self):
        content, filetype = self.env["ir.actions.report"]._render_py3o(
            "school_discipline.school_discipline_case_letter_py3o", self.case.ids
        )
        self.assertEqual(filetype, "odt")
        with zipfile.ZipFile(io.BytesIO(content)) as odt:
            xml = odt.read("content.xml").decode()
        self.assertIn(self.case.name, xml)
        self.assertIn("Notificación de inicio de procedimiento", xml)
        self.assertIn("Descargos y medios de prueba", xml, "the next stage and its deadline")
        # Without LibreOffice the PDF comes from the QWeb letter.
        self.env["ir.config_parameter"].sudo().set_param(
            "py3o.conversion_command", "/nonexistent/libreoffice"
        )
        action = self.case.action_print_letter()
        self.assertEqual(action["report_name"], "school_discipline.report_case_letter")
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            "school_discipline.report_case_letter", self.case.ids
        )
        self.assertIn("Notificación de inicio de procedimiento", html.decode())

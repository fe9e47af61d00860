# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import zipfile

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ScholarshipCase


@tagged("post_install", "-at_install")
class TestScholarshipReports(ScholarshipCase):
    """The result letter (ODT template, QWeb fallback) and the reserved
    beneficiary list (XLSX)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.app = cls._apply()
        cls.process.sudo().state = "results"
        cls.app.sudo().state = "awarded"
        cls.award = (
            cls.env["school.scholarship.award"]
            .sudo()
            .create(
                {
                    "process_id": cls.process.id,
                    "application_id": cls.app.id,
                    "type_id": cls.env.ref(
                        "school_scholarships.school_scholarship_type_socioeconomic"
                    ).id,
                    "percentage": 50,
                    "rank": 1,
                }
            )
        )
        cls.es = cls.env(context=dict(cls.env.context, lang="es_CL"))

    def test_odt_letter_and_fallback(self):
        reports = self.es["ir.actions.report"]
        content, filetype = reports._render_py3o(
            "school_scholarships.action_report_scholarship_letter_py3o", self.app.ids
        )
        self.assertEqual(filetype, "odt")
        with zipfile.ZipFile(io.BytesIO(content)) as odt:
            xml = odt.read("content.xml").decode()
        self.assertIn("RESERVADO", xml)
        self.assertIn("Ana Tour", xml)
        self.assertIn("una exención del 50 % de la colegiatura", xml)
        self.assertIn("apelar por escrito", xml)
        self.assertNotIn("400000", xml, "no household data in the letter")
        # Without LibreOffice the PDF comes from the QWeb letter, same wording.
        self.env["ir.config_parameter"].sudo().set_param(
            "py3o.conversion_command", "/nonexistent/libreoffice"
        )
        action = self.app.with_user(self.commission_user).action_print_letter()
        self.assertEqual(action["report_name"], "school_scholarships.report_scholarship_letter")
        html, __ = reports._render_qweb_html(
            "school_scholarships.report_scholarship_letter", self.app.ids
        )
        self.assertIn("una exención del 50 % de la colegiatura", html.decode())

    def test_letter_of_a_lost_beca(self):
        self.app.with_user(self.commission_user).action_record_loss(
            "renunciation", "Renuncia por escrito"
        )
        app = self.app.with_env(self.es)
        self.assertIn("ha terminado", app.letter_body)
        self.assertIn("Renuncia voluntaria", app.letter_body)
        self.assertFalse(app.letter_next, "no appeal against a loss in the letter")

    def test_beneficiary_list_is_reserved(self):
        report = self.env.ref("school_scholarships.action_report_scholarship_beneficiaries_xlsx")
        for user in (self.commission_user, self.sch_admin, self.sostenedor_user):
            content, kind = (
                report.with_user(user)
                .with_context(lang="es_CL")
                ._render_xlsx(report.report_name, self.process.ids, {})
            )
            self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        self.assertIn("RESERVADO", sheet.oddHeader.left.text)
        self.assertEqual(sheet["A1"].value, "RESERVADO")
        rows = list(sheet.iter_rows(min_row=5, values_only=True))
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][:4], (1, "Ana Tour", "22222222-2", "Tour 3° básico A"))
        self.assertEqual(rows[0][5:], (50, 500000, "Becado"))
        # Teachers and apoderados (who may read the call itself) are refused.
        for user in (self.users["t_teacher"], self.guardian_user, self.users["t_director"]):
            with self.assertRaises(AccessError):
                report.with_user(user)._render_xlsx(report.report_name, self.process.ids, {})
        self.assertEqual(
            set(report.groups_id.mapped(lambda g: g.get_external_id()[g.id])),
            {
                "school_scholarships.group_scholarship_commission",
                "school_scholarships.group_scholarship_admin",
                "school_base.school_base_group_sostenedor",
            },
        )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import io

import openpyxl

from odoo.tests import HttpCase, tagged

from .common import WellbeingCase


class ReportFixture(WellbeingCase):
    """Ana: no contact and hopeless; Carla took part in everything."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        answers = cls.sheet._ensure_answers()
        cls.ana = answers.filtered(lambda a: a.student_id == cls.student)
        cls.ana._set_answers(
            {
                cls.q["participation"]: (cls.option_of("participation", "no_contact"), ""),
                cls.q["emotions"]: (cls.option_of("emotions", "hopelessness"), ""),
            }
        )
        (answers - cls.ana)._set_answers(
            {cls.q["participation"]: (cls.option_of("participation", "all"), "")}
        )
        cls.env["school.wellbeing.risk"]._compute_for(
            cls.student | cls.third, datetime.date(2026, 11, 25)
        )

    @classmethod
    def option_of(cls, question, code):
        return cls.env.ref("school_wellbeing_survey.option_%s_%s" % (question, code))


@tagged("post_install", "-at_install")
class TestWellbeingReport(ReportFixture):
    def test_sections_and_charts(self):
        sections = self.campaign._report_sections()
        self.assertEqual(sections[0]["students"], 2)
        self.assertEqual(len(sections[0]["charts"]), 2, "participation and emotions answered")
        self.assertTrue(sections[0]["charts"][0].startswith("iVBOR"), "a base64 PNG")
        # Ana: no contact and hopeless (wellbeing red).
        self.assertIn(self.student, self.campaign._report_critical().student_id)

    def test_xlsx_export(self):
        report = self.env.ref("school_wellbeing_survey.action_report_wellbeing_campaign_xlsx")
        content, kind = report._render_xlsx(report.report_name, self.campaign.ids, {})
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("Course", "RUN", "Student"))
        self.assertIn("No contact with the student or the family", [c for r in rows for c in r])


@tagged("post_install", "-at_install")
class TestWellbeingReportPdf(HttpCase, ReportFixture):
    """wkhtmltopdf fetches the report's assets over HTTP: an HttpCase, so
    that those requests see the test's transaction."""

    def test_pdf_renders_with_charts(self):
        report = self.env.ref("school_wellbeing_survey.action_report_wellbeing_campaign")
        html = report._render_qweb_html(report.report_name, self.campaign.ids)[0].decode()
        self.assertIn("data:image/png;base64,iVBOR", html)
        self.assertIn(self.student.name, html)
        self.assertIn("encuesta de noviembre: Sin contacto", html)
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, self.campaign.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with open("/tmp/wellbeing_report_test.pdf", "wb") as out:
            out.write(pdf)

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import io
import re

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

    def test_alert_signals_month_over_month(self):
        """October: Ana took part in nothing, both without internet (Carla
        also without a device: one signal, counted once). November (the
        fixture): Ana not reached and hopeless, Carla took part. The other
        course's student, not reached in November, counts for the team
        only: the shares are read with the caller's rights."""
        october = self._make_campaign(datetime.date(2026, 10, 1))
        sheet = october.sheet_ids.filtered(lambda s: s.batch_id == self.batch)
        no_internet = self.option_of("tech", "no_internet")
        for answer in sheet._ensure_answers():
            if answer.student_id == self.student:
                values = {
                    self.q["participation"]: (self.option_of("participation", "none"), ""),
                    self.q["tech"]: (no_internet, ""),
                }
            else:
                values = {
                    self.q["participation"]: (self.option_of("participation", "all"), ""),
                    self.q["tech"]: (no_internet | self.option_of("tech", "no_device"), ""),
                }
            answer._set_answers(values)
        other_sheet = self.campaign.sheet_ids - self.sheet
        other_sheet._ensure_answers()._set_answers(
            {self.q["participation"]: (self.option_of("participation", "no_contact"), "")}
        )
        labels = dict(
            self.env["school.wellbeing.trend"]._fields["risk_flag"]._description_selection(self.env)
        )
        signals = self.campaign.with_user(self.users["t_psychologist"])._report_flag_trend()
        self.assertEqual(signals["campaigns"], october | self.campaign)
        self.assertEqual(signals["answered"], [2, 3])
        self.assertEqual(
            dict(signals["series"]),
            {
                labels["no_contact"]: [0.0, 66.7],
                labels["no_participation"]: [50.0, 0.0],
                labels["critical_emotion"]: [0.0, 33.3],
                labels["no_connectivity"]: [100.0, 0.0],
                labels["working"]: [0.0, 0.0],
            },
        )
        self.assertTrue(signals["chart"].startswith("iVBOR"), "a base64 PNG")
        # The profesor jefe: their own course only.
        signals = self.campaign.with_user(self.users["t_head"])._report_flag_trend()
        self.assertEqual(signals["answered"], [2, 2])
        series = dict(signals["series"])
        self.assertEqual(series[labels["no_contact"]], [0.0, 50.0])
        self.assertEqual(series[labels["critical_emotion"]], [0.0, 50.0])
        # In the PDF's month over month: the chart and its table.
        report = self.env.ref("school_wellbeing_survey.action_report_wellbeing_campaign")
        html = (
            report.with_user(self.users["t_head"])
            ._render_qweb_html(report.report_name, self.campaign.ids)[0]
            .decode()
        )
        self.assertIn(signals["chart"], html)
        html = re.sub(r">\s+<", "><", html)
        self.assertIn(
            '<td>%s</td><td class="text-end">100 %%</td><td class="text-end">0 %%</td>'
            % labels["no_connectivity"],
            html,
        )

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

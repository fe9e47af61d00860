# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ReportWellbeingCampaignXlsx(models.AbstractModel):
    _name = "report.school_wellbeing_survey.report_wellbeing_campaign_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Wellbeing Survey Answers (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        bold = workbook.add_format({"bold": True, "text_wrap": True})
        _ = self.env._
        for campaign in objs:
            sheet = workbook.add_worksheet(campaign.name[:31])
            questions = self.env["school.wellbeing.question"].search([])
            header = [_("Course"), _("RUN"), _("Student")] + questions.mapped("name")
            for col, title in enumerate(header):
                sheet.write(0, col, title, bold)
            # The caller's own rights: a profesor jefe exports their course.
            answers = self.env["school.wellbeing.answer"].search(
                [("campaign_id", "=", campaign.id)], order="batch_id, student_id"
            )
            for row, answer in enumerate(answers, 1):
                sheet.write(row, 0, answer.batch_id.name)
                sheet.write(row, 1, answer.student_id.school_id_number or "")
                sheet.write(row, 2, answer.student_id.name)
                by_question = {line.question_id: line for line in answer.line_ids}
                for col, question in enumerate(questions, 3):
                    line = by_question.get(question)
                    if line:
                        sheet.write(
                            row,
                            col,
                            ", ".join(line.option_ids.mapped("name")) or line.text_value or "",
                        )
            sheet.set_column(0, 0, 18)
            sheet.set_column(1, 1, 13)
            sheet.set_column(2, 2, 30)
            sheet.set_column(3, 3 + len(questions), 28)

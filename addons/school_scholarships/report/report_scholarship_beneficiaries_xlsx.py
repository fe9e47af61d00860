# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..models.school_scholarship_guard import BACKOFFICE, require


class ReportScholarshipBeneficiariesXlsx(models.AbstractModel):
    """The reserved list of the students who benefit and the amount of each
    exemption (seed 003 RI III.9 Art. 10, L595-597)."""

    _name = "report.school_scholarships.report_scholarship_beneficiaries"
    _inherit = "report.report_xlsx.abstract"
    _description = "Scholarship Beneficiaries (XLSX, reserved)"

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        # Reserved: the commission, the scholarship administration and the
        # sostenedor only (an apoderado may read the process, not the list).
        require(
            self.env,
            *BACKOFFICE,
            message=_("Only the commission, the administration and the sostenedor read the list."),
        )
        objs.check_access("read")
        title = workbook.add_format({"bold": True, "font_color": "#9C0006", "font_size": 13})
        bold = workbook.add_format({"bold": True, "text_wrap": True, "bottom": 1})
        percent = workbook.add_format({"num_format": "0.00"})
        money = workbook.add_format({"num_format": "#,##0"})
        reserved = _("RESERVED")
        states = dict(
            self.env["school.scholarship.application"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        for process in objs:
            sheet = workbook.add_worksheet(("%s %s" % (reserved, process.school_year))[:31])
            # The printed header of every page, and the first rows.
            sheet.set_header("&L&B%s&R%s" % (reserved, process.name.replace("&", "&&")))
            sheet.write(0, 0, reserved, title)
            sheet.write(
                1,
                0,
                _(
                    "Confidential list of the beneficiaries of %(process)s: for the scholarship "
                    "commission, the administration and the sostenedor only.",
                    process=process.name,
                ),
            )
            header = [
                _("Rank"),
                _("Student"),
                _("RUN"),
                _("Course"),
                _("Scholarship Type"),
                _("Exemption (%)"),
                _("Annual Amount"),
                _("State"),
            ]
            for col, name in enumerate(header):
                sheet.write(3, col, name, bold)
            # The caller's own rights read the awards (checked above); the
            # student's RUN and course come from the roll.
            awards = process.award_ids.filtered(
                lambda a: a.application_id.state in ("awarded", "lost")
            )
            for row, award in enumerate(awards, 4):
                student = award.application_id.student_id.sudo()
                sheet.write(row, 0, award.rank or "")
                sheet.write(row, 1, student.name)
                sheet.write(row, 2, student.school_id_number or "")
                # The current course: the latest running enrolment.
                current = student.course_detail_ids.filtered(lambda c: c.state == "running")
                sheet.write(row, 3, current.sorted("id")[-1:].batch_id.name or "")
                sheet.write(row, 4, award.type_id.name)
                sheet.write_number(row, 5, award.percentage, percent)
                sheet.write_number(row, 6, award.amount, money)
                sheet.write(row, 7, states.get(award.application_id.state, ""))
            sheet.set_column(0, 0, 8)
            sheet.set_column(1, 1, 32)
            sheet.set_column(2, 3, 16)
            sheet.set_column(4, 4, 24)
            sheet.set_column(5, 7, 14)

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ReportAttendanceRegisterXlsx(models.AbstractModel):
    _name = "report.school_attendance_cl.report_attendance_register_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Monthly Attendance Register (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        bold = workbook.add_format({"bold": True})
        center = workbook.add_format({"align": "center"})
        _ = self.env._
        for wizard in objs:
            for grid in wizard.get_register_data():
                sheet = workbook.add_worksheet(grid["batch"].name[:31])
                sheet.write(0, 0, grid["batch"].company_id.name, bold)
                sheet.write(0, 2, grid["batch"].name, bold)
                sheet.write(0, 3, grid["month"].strftime("%m/%Y"), bold)
                # No., RUN, name, then a column a school day, then totals.
                first_day = 3
                header = (
                    [_("No."), _("RUN"), _("Student")]
                    + [d.strftime("%d") for d in grid["days"]]
                    + [_("Present"), _("Absent"), _("Late"), _("Justified"), _("%")]
                )
                for col, title in enumerate(header):
                    sheet.write(2, col, title, bold)
                base = len(grid["days"]) + first_day
                for number, row in enumerate(grid["rows"], start=1):
                    row_index = number + 2
                    sheet.write(row_index, 0, number)
                    sheet.write(row_index, 1, row["student"].school_id_display or "")
                    sheet.write(row_index, 2, row["student"].name)
                    for col, cell in enumerate(row["cells"], start=first_day):
                        sheet.write(row_index, col, cell, center)
                    totals = row["totals"]
                    for offset, key in enumerate(
                        ("present", "absent", "late", "justified", "rate")
                    ):
                        sheet.write(row_index, base + offset, totals[key])
                last = len(grid["rows"]) + 3
                sheet.write(last, 2, _("Present"), bold)
                sheet.write(last + 1, 2, _("Absent"), bold)
                for col, (present, absent) in enumerate(
                    zip(grid["day_present"], grid["day_absent"], strict=True), start=first_day
                ):
                    sheet.write(last, col, present, center)
                    sheet.write(last + 1, col, absent, center)
                sheet.write(last + 2, 2, _("Course"), bold)
                sheet.write(last + 2, base, grid["totals"]["present"])
                sheet.write(last + 2, base + 4, grid["totals"]["rate"])
                sheet.write(last + 5, 2, grid["batch"].head_teacher_id.name or "")
                sheet.write(last + 6, 2, _("Head teacher's signature"))
                sheet.set_column(0, 0, 4)
                sheet.set_column(1, 1, 12)
                sheet.set_column(2, 2, 32)
                sheet.set_column(first_day, base - 1, 3.5)

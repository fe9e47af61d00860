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
                sheet.write(0, 0, grid["batch"].name, bold)
                sheet.write(0, 2, grid["month"].strftime("%m/%Y"), bold)
                header = (
                    [_("Student")]
                    + [d.strftime("%d") for d in grid["days"]]
                    + [_("Present"), _("Absent"), _("Late"), _("Justified"), _("%")]
                )
                for col, title in enumerate(header):
                    sheet.write(2, col, title, bold)
                for row_index, row in enumerate(grid["rows"], start=3):
                    sheet.write(row_index, 0, row["student"].name)
                    for col, cell in enumerate(row["cells"], start=1):
                        sheet.write(row_index, col, cell, center)
                    totals = row["totals"]
                    base = len(grid["days"]) + 1
                    for offset, key in enumerate(
                        ("present", "absent", "late", "justified", "rate")
                    ):
                        sheet.write(row_index, base + offset, totals[key])
                last = len(grid["rows"]) + 3
                sheet.write(last, 0, _("Present"), bold)
                sheet.write(last + 1, 0, _("Absent"), bold)
                for col, (present, absent) in enumerate(
                    zip(grid["day_present"], grid["day_absent"], strict=True), start=1
                ):
                    sheet.write(last, col, present, center)
                    sheet.write(last + 1, col, absent, center)
                sheet.write(last + 2, 0, _("Course"), bold)
                sheet.write(last + 2, len(grid["days"]) + 1, grid["totals"]["present"])
                sheet.write(last + 2, len(grid["days"]) + 5, grid["totals"]["rate"])
                sheet.set_column(0, 0, 32)
                sheet.set_column(1, len(grid["days"]), 3.5)

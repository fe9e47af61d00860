# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import models

from ..models.school_siagie_register import (
    FIRST_DAY_COL,
    FIRST_ROW,
    HEADER_ROW,
    HEADERS,
    LABELS,
    LEGEND_LABEL,
    TITLE,
    VALUE_COL,
    WEEKDAY_ROW,
)


class ReportSiagieRegisterXlsx(models.AbstractModel):
    """The SIAGIE grid, one sheet per section (layout: the constants of
    school.siagie.register, which the import reads back)."""

    _name = "report.school_siagie.report_siagie_register_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "SIAGIE Monthly Register (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        bold = workbook.add_format({"bold": True})
        head = workbook.add_format({"bold": True, "align": "center", "border": 1})
        cell = workbook.add_format({"align": "center", "border": 1})
        text = workbook.add_format({"border": 1})
        off = workbook.add_format({"align": "center", "border": 1, "bg_color": "#D9D9D9"})
        used = set()
        for wizard in objs:
            for grid in wizard.get_grid_data():
                sheet = workbook.add_worksheet(self._sheet_name(grid, used))
                # xlsxwriter counts rows and columns from 0.
                sheet.write(0, 0, TITLE, bold)
                values = (
                    grid["school_name"],
                    grid["course_name"],
                    grid["batch_name"],
                    grid["batch_code"],
                    grid["month_label"],
                )
                for (row, label), value in zip(LABELS, values, strict=True):
                    sheet.write_string(row - 1, 0, label, bold)
                    sheet.write_string(row - 1, VALUE_COL - 1, value)
                for col, title in enumerate(HEADERS):
                    sheet.write_string(HEADER_ROW - 1, col, title, head)
                school_days = set(grid["school_days"])
                for offset, (day, weekday) in enumerate(
                    zip(grid["days"], grid["weekdays"], strict=True)
                ):
                    col = FIRST_DAY_COL - 1 + offset
                    sheet.write_number(HEADER_ROW - 1, col, day.day, head)
                    sheet.write_string(WEEKDAY_ROW - 1, col, weekday, head)
                for index, row in enumerate(grid["rows"]):
                    line = FIRST_ROW - 1 + index
                    sheet.write_number(line, 0, row["number"], text)
                    sheet.write_string(line, 1, row["document"], text)
                    sheet.write_string(line, 2, row["name"], text)
                    for offset, (day, value) in enumerate(
                        zip(grid["days"], row["cells"], strict=True)
                    ):
                        style = cell if day in school_days else off
                        sheet.write_string(line, FIRST_DAY_COL - 1 + offset, value, style)
                legend_row = FIRST_ROW + len(grid["rows"])  # one blank row, 0-based
                sheet.write_string(legend_row, 0, LEGEND_LABEL, bold)
                sheet.write_string(
                    legend_row,
                    2,
                    "  ".join("%s %s" % (symbol, name) for symbol, name in grid["legend"]),
                )
                sheet.set_column(0, 0, 4)
                sheet.set_column(1, 1, 11)
                sheet.set_column(2, 2, 36)
                sheet.set_column(FIRST_DAY_COL - 1, FIRST_DAY_COL + 30, 3.2)
                sheet.freeze_panes(WEEKDAY_ROW, FIRST_DAY_COL - 1)

    @staticmethod
    def _sheet_name(grid, used):
        """The section's code (or name), as Excel allows, unique."""
        base = re.sub(r"[\[\]:*?/\\]", "-", grid["batch_code"] or grid["batch_name"])[:28]
        name, number = base, 1
        while name.lower() in used:
            number += 1
            name = "%s~%s" % (base, number)
        used.add(name.lower())
        return name

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import of a filled SIAGIE grid (a school bringing its history): strict,
all or nothing, errors per cell, marks through the class book's API."""

import io

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import D, SiagieCase, read_sheet

SEPTEMBER = D(2026, 9, 1)
# September 2026: Tuesday the 1st, no public holiday in Peru.
FIRST_ROW = 10


@tagged("post_install", "-at_install")
class TestSiagieImport(SiagieCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.section, (cls.ana, cls.beto) = cls._pe_section(
            "PE-2A",
            "2.° A",
            [("Arce Luna", "Ana", False, "42000001"), ("Bravo Soto", "Beto", False, "42000002")],
        )
        cls.secretary_env = cls.env(user=cls.users["t_secretary"])

    def _export(self, month=SEPTEMBER):
        wizard = (
            self.env["school.siagie.register.print"]
            .with_user(self.users["t_secretary"])
            .create({"batch_ids": [Command.set(self.section.ids)], "month": month})
        )
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.users["t_secretary"])
            ._render("school_siagie.action_report_siagie_register_xlsx", wizard.ids)
        )
        return content

    def _filled(self, changes=None):
        """The exported September grid with "." on every school day and
        ``changes`` ({"F11": value}) applied."""
        workbook = openpyxl.load_workbook(io.BytesIO(self._export()))
        sheet = workbook.worksheets[0]
        school_days = self.env["school.calendar"]._school_month_days(self.school, SEPTEMBER)
        for row in (FIRST_ROW, FIRST_ROW + 1):
            for day in school_days:
                sheet.cell(row=row, column=3 + day.day).value = "."
        for ref, value in (changes or {}).items():
            sheet[ref] = value
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    def _sessions(self):
        return self.env["school.attendance.session"].search([("batch_id", "=", self.section.id)])

    def test_import_round_trip(self):
        # Row 10 is ARCE LUNA ANA, row 11 BRAVO SOTO BETO; column D is day 1
        # (Tuesday), H and I the first weekend, J Monday the 7th.
        content = self._filled({"J10": "F", "K11": "j", "E11": "T", "M10": "U"})
        counts = self.secretary_env["school.siagie.register"].import_grid(content, "sep.xlsx")
        self.assertEqual(counts, {"sections": 1, "days": 22, "marks": 44})
        sessions = self._sessions()
        self.assertEqual(len(sessions), 22)
        self.assertEqual(set(sessions.mapped("block")), {self.school.school_attendance_daily_block})
        got = read_sheet(self._export())
        self.assertEqual(got[FIRST_ROW - 1][3:13], [".", ".", ".", ".", "", "", "F", ".", ".", "U"])
        self.assertEqual(got[FIRST_ROW][3:13], [".", "T", ".", ".", "", "", ".", "J", ".", "."])
        # Written by the class book's write path: its audit log says so.
        log = self.env["school.attendance.log"].search([("session_id", "in", sessions.ids)])
        self.assertEqual(len(log), 22)
        self.assertTrue(all("sep.xlsx" in reason for reason in log.mapped("reason")))
        # The same grid again: the class book already says so, nothing new.
        counts = self.secretary_env["school.siagie.register"].import_grid(content, "sep.xlsx")
        self.assertEqual(counts["days"], 0)
        # A different grid for days already there: refused, per cell.
        with self.assertRaisesRegex(UserError, "cell E10: The class book already has"):
            self.secretary_env["school.siagie.register"].import_grid(
                self._filled({"E10": "F"}), "sep2.xlsx"
            )

    def test_errors_per_cell_and_nothing_written(self):
        content = self._filled(
            {
                "F10": "F",  # Thursday the 3rd: "F" is fine
                "G10": "X",  # an unknown symbol
                "I10": ".",  # Sunday the 6th
                "B11": "49999999",  # nobody of the section
            }
        )
        with self.assertRaises(UserError) as caught:
            self.secretary_env["school.siagie.register"].import_grid(content, "sep.xlsx")
        message = str(caught.exception)
        self.assertIn("nothing was written", message)
        self.assertIn("Sheet PE-2A, cell G10: Unknown symbol X", message)
        self.assertIn("Sheet PE-2A, cell I10: 06/09/2026 is not a school day", message)
        self.assertIn("Sheet PE-2A, cell B11: No student of 2.° A", message)
        self.assertIn("BRAVO SOTO BETO (42000002) is in the section", message)
        self.assertNotIn("F10", message)
        self.assertFalse(self._sessions())
        # A blank school day of a known student.
        with self.assertRaisesRegex(UserError, "cell G11: The attendance of 04/09/2026"):
            self.secretary_env["school.siagie.register"].import_grid(
                self._filled({"G11": None}), "sep.xlsx"
            )
        self.assertFalse(self._sessions())

    def test_sheet_header_checked(self):
        with self.assertRaisesRegex(UserError, "cell C5: No section of the school"):
            self.secretary_env["school.siagie.register"].import_grid(
                self._filled({"C5": "NOPE"}), "x.xlsx"
            )
        with self.assertRaisesRegex(UserError, "cell C6: Write the month"):
            self.secretary_env["school.siagie.register"].import_grid(
                self._filled({"C6": "Sept."}), "x.xlsx"
            )
        with self.assertRaisesRegex(UserError, "not a valid XLSX"):
            self.secretary_env["school.siagie.register"].import_grid(b"no", "x.xlsx")

    def test_closed_month_refused(self):
        self._mark_month(self.section, SEPTEMBER)
        self.secretary_env["school.siagie.register"].close_month(self.section.ids, SEPTEMBER)
        with self.assertRaisesRegex(UserError, "cell C6: The attendance of 2.° A"):
            self.secretary_env["school.siagie.register"].import_grid(self._filled(), "x.xlsx")

    def test_only_secretary_and_director_import(self):
        content = self._filled()
        for login in ("t_inspector", "t_teacher"):
            with self.assertRaises(AccessError):
                self.env(user=self.users[login])["school.siagie.register"].import_grid(
                    content, "x.xlsx"
                )
        with self.assertRaises(AccessError):
            self.env(user=self.guardian_user)["school.siagie.register"].import_grid(
                content, "x.xlsx"
            )
        self.assertFalse(self._sessions())
        counts = self.env(user=self.users["t_director"])["school.siagie.register"].import_grid(
            content, "x.xlsx"
        )
        self.assertEqual(counts["days"], 22)

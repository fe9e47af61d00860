# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SIAGIE monthly register (seed 004): the grid checked by hand, its
PDF, the monthly closing and what a closed month refuses."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import D, SiagieCase, read_sheet


def cells(text):
    """One row of day cells, written as in the seed's grid: "_" is blank."""
    return ["" if cell == "_" else cell for cell in text.split()]


# October 2026 in Peru: Thursday the 1st; the 8th is a public holiday
# (Combate de Angamos). Checked by hand, a column per day of the month.
WEEKDAYS = "J V S D L M X J V S D L M X J V S D L M X J V S D L M X J V S"
DAYS = [str(day) for day in range(1, 32)]
LEGEND = (
    ". Asistió  F Falta  T Tardanza  J Falta justificada  U Tardanza justificada  "
    "SM Sin matrícula  TR Traslado  RE Retirado  FA Fallecido"
)
EXPECTED_OCTOBER = [
    ["REGISTRO DE ASISTENCIA MENSUAL"] + [""] * 33,
    ["Institución educativa:", "", "Escuela Test"] + [""] * 31,
    ["Grado:", "", "1.er grado"] + [""] * 31,
    ["Sección:", "", "1.° A"] + [""] * 31,
    ["Código de sección:", "", "PE-1A"] + [""] * 31,
    ["Mes:", "", "OCTUBRE 2026"] + [""] * 31,
    [""] * 34,
    ["#", "DNI/CUI", "APELLIDOS Y NOMBRES"] + DAYS,
    ["", "", ""] + cells(WEEKDAYS),
    # Enrolled on Monday the 12th: "sin matrícula" before; a justified
    # lateness on the 20th.
    ["1", "71234567", "APAZA TICONA MARÍA"]
    + cells("SM SM _ _ SM SM SM _ SM _ _ . . . . . _ _ . U . . . _ _ . . . . . _"),
    # Late on the 2nd; transferred after Wednesday the 14th: "traslado" on
    # every later school day, weekends and the holiday stay blank.
    ["2", "41234567", "CONDORI HUAMÁN LUIS ALBERTO"]
    + cells(". T _ _ . . . _ . _ _ . . . TR TR _ _ TR TR TR TR TR _ _ TR TR TR TR TR _"),
    # Absent on the 6th; a justified absence on the 13th.
    ["3", "45678912", "QUISPE MAMANI ROSA"]
    + cells(". . _ _ . F . _ . _ _ . J . . . _ _ . . . . . _ _ . . . . . _"),
    [""] * 34,
    ["Leyenda:", "", LEGEND] + [""] * 31,
]


class OctoberCase(SiagieCase):
    """A section of three students and its October 2026, marked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.section, students = cls._pe_section(
            "PE-1A",
            "1.° A",
            [
                ("Quispe Mamani", "Rosa", False, "45678912"),
                ("Condori Huamán", "Luis", "Alberto", "41234567"),
                ("Apaza Ticona", "María", False, "71234567"),
            ],
            teacher=cls.teacher,
        )
        cls.rosa, cls.luis, cls.maria = students
        enrolment = cls.env["op.student.course"].search([("batch_id", "=", cls.section.id)])
        enrolment.filtered(lambda e: e.student_id == cls.maria).school_enrolment_date = D(
            2026, 10, 12
        )
        enrolment.filtered(lambda e: e.student_id == cls.luis).write(
            {"school_withdrawal_date": D(2026, 10, 14), "school_exit_reason": "transfer"}
        )
        cls.october = D(2026, 10, 1)
        cls._mark_month(
            cls.section,
            cls.october,
            {
                D(2026, 10, 2): [(cls.luis, "late")],
                D(2026, 10, 6): [(cls.rosa, "absent")],
                D(2026, 10, 13): [(cls.rosa, "absent_justified")],
                D(2026, 10, 20): [(cls.maria, "late_justified")],
            },
        )
        cls.secretary = cls.users["t_secretary"]

    def _wizard(self, user, batches, month):
        return (
            self.env["school.siagie.register.print"]
            .with_user(user)
            .create({"batch_ids": [Command.set(batches.ids)], "month": month})
        )


@tagged("post_install", "-at_install")
class TestSiagieRegister(OctoberCase):
    def test_october_grid_checked_by_hand(self):
        """Seed 004's grid for a month with a holiday, a transfer, a
        justified absence and a mid-month enrolment, cell by cell."""
        self.assertNotIn(
            D(2026, 10, 8),
            self.env["school.calendar"]._school_month_days(self.school, self.october),
        )
        wizard = self._wizard(self.secretary, self.section, D(2026, 10, 20))
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.secretary)
            ._render("school_siagie.action_report_siagie_register_xlsx", wizard.ids)
        )
        self.assertEqual(kind, "xlsx")
        got = read_sheet(content, "PE-1A")
        self.assertEqual(len(got), len(EXPECTED_OCTOBER))
        for row_number, (got_row, expected_row) in enumerate(
            zip(got, EXPECTED_OCTOBER, strict=True), start=1
        ):
            self.assertEqual(got_row, expected_row, "row %s" % row_number)

    def test_close_complete_month_locks_it(self):
        secretary_env = self.env(user=self.secretary)
        closing = secretary_env["school.siagie.register"].close_month(
            self.section.ids, "2026-10-15"
        )
        self.assertEqual((closing.batch_id, closing.month), (self.section, self.october))
        sessions = secretary_env["school.attendance.session"]
        # A change of a mark, a new block, a block's deletion: refused.
        with self.assertRaisesRegex(UserError, "1.° A"):
            sessions.save_block(
                self.section.id,
                D(2026, 10, 5),
                self.school.school_attendance_daily_block,
                [{"student_id": self.rosa.id, "code": "absent"}],
            )
        with self.assertRaises(UserError):
            sessions.save_block(self.section.id, D(2026, 10, 5), 5, [])
        block = self.env["school.attendance.session"].search(
            [("batch_id", "=", self.section.id), ("date", "=", D(2026, 10, 5))]
        )
        with self.assertRaises(UserError):
            block.with_user(self.users["t_inspector"]).unlink()
        with self.assertRaises(UserError):
            block.line_ids[:1].with_user(self.users["t_inspector"]).write(
                {"code_id": self.absent.id}
            )
        # Another section of the school, and another month, stay open.
        self.env["school.attendance.session"].save_block(
            self.batch.id, D(2026, 10, 5), 1, [{"student_id": self.student.id, "code": "absent"}]
        )
        self.env["school.attendance.session"].save_block(self.section.id, D(2026, 11, 2), 1, [])
        with self.assertRaisesRegex(UserError, "already closed"):
            secretary_env["school.siagie.register"].close_month(self.section.ids, self.october)
        with self.assertRaises(UserError):
            closing.unlink()
        with self.assertRaises(AccessError):
            secretary_env["school.siagie.closing"].create(
                {"batch_id": self.section.id, "month": D(2026, 9, 1), "company_id": self.school.id}
            )

    def test_close_incomplete_month_names_what_is_missing(self):
        section, (student,) = self._pe_section(
            "PE-1B", "1.° B", [("Huamán Rojas", "Pedro", False, "40000001")]
        )
        self._mark_month(section, self.october, skip={D(2026, 10, 7), D(2026, 10, 21)})
        with self.assertRaises(UserError) as caught:
            self.env(user=self.secretary)["school.siagie.register"].close_month(
                (section | self.section).ids, self.october
            )
        message = str(caught.exception)
        self.assertIn("1.° B, 07/10/2026: no attendance for HUAMÁN ROJAS PEDRO.", message)
        self.assertIn("1.° B, 21/10/2026", message)
        self.assertNotIn("1.° A,", message)
        # All or nothing: the complete section was not closed either.
        self.assertFalse(self.env["school.siagie.closing"].search([]))

    def test_close_refuses_a_month_not_over(self):
        today = self.env["school.calendar"].school_today(self.school)
        with self.assertRaisesRegex(UserError, "not over"):
            self.env(user=self.secretary)["school.siagie.register"].close_month(
                self.section.ids, today.replace(day=28)
            )

    def test_symbol_table(self):
        """The shipped table maps every code of the class book; a code the
        Director adds later shows its SIAGIE letter until it gets a row."""
        symbols = self.env["school.siagie.code"]._school_symbols()
        by_key = {
            key: symbols[code_id]
            for key, (code_id, _late) in self.env["school.attendance.code"]
            ._school_code_map()
            .items()
        }
        self.assertEqual(
            by_key,
            {
                "present": ".",
                "absent": "F",
                "late": "T",
                "absent_justified": "J",
                "late_justified": "U",
                "non_academic": "",
                "not_enrolled": "SM",
                "transfer": "TR",
                "withdrawn": "RE",
                "deceased": "FA",
            },
        )
        code = self.env["school.attendance.code"].create(
            {"name": "Asistencia remota", "code": "remote", "siagie_letter": "R"}
        )
        self.assertEqual(self.env["school.siagie.code"]._school_symbols()[code.id], "R")
        with self.assertRaises(ValidationError):
            self.env.ref("school_siagie.school_siagie_code_late").symbol = "F"
        with self.assertRaises(AccessError):
            self.env.ref("school_siagie.school_siagie_code_late").with_user(
                self.secretary
            ).symbol = "TT"

    def test_teachers_and_guardians_cannot_export_or_close(self):
        for user in (self.users["t_teacher"], self.guardian_user):
            with self.assertRaises(AccessError):
                self.env(user=user)["school.siagie.register"].grid_data(
                    self.section.ids, self.october
                )
            with self.assertRaises(AccessError):
                self.env(user=user)["school.siagie.register"].close_month(
                    self.section.ids, self.october
                )
        self.assertFalse(self.env["school.siagie.closing"].search([]))


@tagged("post_install", "-at_install")
class TestSiagiePdf(HttpCase, OctoberCase):
    """The PDF for real (wkhtmltopdf fetches the report's assets from the
    test server: an HttpCase, whose server shares the test's cursor)."""

    def test_pdf(self):
        wizard = self._wizard(self.secretary, self.section, self.october)
        report = self.env["ir.actions.report"].with_user(self.secretary)
        html, _kind = report._render_qweb_html(
            "school_siagie.action_report_siagie_register", wizard.ids
        )
        html = html.decode()
        for text in ("APAZA TICONA MARÍA", "41234567", "OCTUBRE 2026", ">TR<", ">J<", ">U<"):
            self.assertIn(text, html)
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "school_siagie.action_report_siagie_register", wizard.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

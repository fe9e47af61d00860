# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolAttendanceRegisterPrint(models.TransientModel):
    _name = "school.attendance.register.print"
    _description = "Print the Monthly Attendance Register"

    batch_ids = fields.Many2many("op.batch", string="Courses", required=True)
    month = fields.Date(
        required=True,
        default=lambda self: self.env["school.calendar"]
        .school_today(self.env.company)
        .replace(day=1),
        help="Any day of the month to print.",
    )

    def get_register_data(self):
        """The register grids of the chosen courses and month (read-only)."""
        self.ensure_one()
        return self.env["school.attendance.register"].register_data(self.batch_ids, self.month)

    def _school_report_filename(self):
        """The file's name: the register, its course(s) and month, e.g.
        "Registro de asistencia 1° básico A 2026-03"."""
        self.ensure_one()
        courses = self.batch_ids
        what = (
            courses.name
            if len(courses) == 1
            else self.env._("%(count)s courses", count=len(courses))
        )
        return "%s %s %s" % (
            self.env._("Attendance register"),
            what,
            self.month.strftime("%Y-%m"),
        )

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("school_attendance_cl.action_report_attendance_register").report_action(
            self
        )

    def action_print_xlsx(self):
        self.ensure_one()
        return self.env.ref(
            "school_attendance_cl.action_report_attendance_register_xlsx"
        ).report_action(self)

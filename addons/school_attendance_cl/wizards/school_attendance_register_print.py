# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolAttendanceRegisterPrint(models.TransientModel):
    _name = "school.attendance.register.print"
    _description = "Print the Monthly Attendance Register"

    batch_ids = fields.Many2many("op.batch", string="Courses", required=True)
    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month to print.",
    )

    def get_register_data(self):
        """The register grids of the chosen courses and month (read-only)."""
        self.ensure_one()
        return self.env["school.attendance.register"].register_data(self.batch_ids, self.month)

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

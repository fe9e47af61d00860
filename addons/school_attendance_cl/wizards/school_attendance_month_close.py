# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class SchoolAttendanceMonthClose(models.TransientModel):
    """Closing a month of attendance, with its consequence stated first:
    once closed, no mark of that month can change, and a closed month
    cannot be reopened (school.attendance.month)."""

    _name = "school.attendance.month.close"
    _description = "Close a Month of Attendance"

    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    month = fields.Date(
        required=True,
        default=lambda self: self._default_month(),
        help="Any day of the month to close.",
    )
    month_label = fields.Char(string="Month to Close", compute="_compute_month_label")
    already_closed = fields.Boolean(compute="_compute_month_label")

    @api.model
    def _default_month(self):
        """The last month of the current school: the one usually closed."""
        today = self.env["school.calendar"].school_today(self.env.company)
        return today.replace(day=1) - relativedelta(months=1)

    @api.depends("month", "company_id")
    def _compute_month_label(self):
        closed_model = self.env["school.attendance.month"]
        for wizard in self:
            month = wizard.month and wizard.month.replace(day=1)
            wizard.month_label = month.strftime("%m/%Y") if month else False
            wizard.already_closed = bool(
                month
                and wizard.company_id
                and month in closed_model._school_closed_months(wizard.company_id.id)
            )

    def action_close(self):
        """Close the month (school.attendance.month's create checks that
        the caller is the Director) and show the closed months."""
        self.ensure_one()
        self.env["school.attendance.month"].with_company(self.company_id).create(
            {"month": self.month, "company_id": self.company_id.id}
        )
        return self.env["ir.actions.act_window"]._for_xml_id(
            "school_attendance_cl.school_attendance_month_action"
        )

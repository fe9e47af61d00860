# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import fields, models


def _previous_month(wizard):
    today = fields.Date.context_today(wizard)
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


class SchoolSiagieRegisterPrint(models.TransientModel):
    """Export (XLSX, PDF) or close the SIAGIE register of sections and a
    month. What it prints and closes is checked by school.siagie.register."""

    _name = "school.siagie.register.print"
    _description = "SIAGIE Monthly Register"

    batch_ids = fields.Many2many("op.batch", string="Sections", required=True)
    month = fields.Date(
        required=True, default=_previous_month, help="Any day of the month to export or close."
    )

    def get_grid_data(self):
        """The grids of the chosen sections and month (read-only)."""
        self.ensure_one()
        return self.env["school.siagie.register"].grid_data(self.batch_ids, self.month)

    def action_print_pdf(self):
        self.ensure_one()
        self.get_grid_data()  # the caller's checks, before a report is built
        return self.env.ref("school_siagie.action_report_siagie_register").report_action(self)

    def action_print_xlsx(self):
        self.ensure_one()
        self.get_grid_data()
        return self.env.ref("school_siagie.action_report_siagie_register_xlsx").report_action(self)

    def action_close_month(self):
        self.ensure_one()
        closings = self.env["school.siagie.register"].close_month(self.batch_ids, self.month)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Closed: %(sections)s.", sections=", ".join(closings.mapped("display_name"))
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

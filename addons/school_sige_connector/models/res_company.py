# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# The sends someone has to look at (the send list's "Needs Action" filter).
NEEDS_ACTION = ("rejected", "manual", "failed", "observed", "changed")


class ResCompany(models.Model):
    _inherit = "res.company"

    # The dashboard (school_base): SIGE's sync state, with the user's access.
    school_dashboard_sige_count = fields.Integer(
        string="SIGE Sends Needing Action", compute="_compute_school_dashboard_sige"
    )

    # Read with the user's access: cached per user and active schools.
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_school_dashboard_sige(self):
        counts = self._school_dashboard_counts("school.sige.send", [("state", "in", NEEDS_ACTION)])
        for company in self:
            company.school_dashboard_sige_count = counts[company]

    def action_school_dashboard_sige(self):
        return self._school_dashboard_action(
            "school.sige.send",
            [("state", "in", NEEDS_ACTION)],
            self.env._("SIGE Sends Needing Action"),
        )

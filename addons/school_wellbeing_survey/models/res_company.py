# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # The dashboard (school_base): the early warnings, counted with the
    # user's access (the risk rules decide who sees them).
    school_dashboard_wellbeing_critical_count = fields.Integer(
        string="Critical Wellbeing Risks", compute="_compute_school_dashboard_wellbeing"
    )
    school_dashboard_wellbeing_red_count = fields.Integer(
        string="Red Wellbeing Risks", compute="_compute_school_dashboard_wellbeing"
    )

    # Read with the user's access: cached per user and active schools.
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_school_dashboard_wellbeing(self):
        critical = self._school_dashboard_counts(
            "school.wellbeing.risk", [("level", "=", "critical")]
        )
        red = self._school_dashboard_counts("school.wellbeing.risk", [("level", "=", "red")])
        for company in self:
            company.school_dashboard_wellbeing_critical_count = critical[company]
            company.school_dashboard_wellbeing_red_count = red[company]

    def action_school_dashboard_wellbeing(self):
        return self._school_dashboard_action(
            "school.wellbeing.risk",
            [("level", "in", ("critical", "red"))],
            self.env._("Wellbeing Risks"),
        )

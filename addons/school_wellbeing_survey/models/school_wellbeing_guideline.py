# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .roles import TEAM_ROLES
from .school_wellbeing_risk_rule import FACTORS


class SchoolWellbeingGuideline(models.Model):
    """A line of action (seed 000 "Orientaciones para fortalecer el
    vínculo"): re-contact those who did not take part, strengthen the bond
    with the rest; per risk factor. Editable text."""

    _name = "school.wellbeing.guideline"
    _description = "Line of Action"
    _order = "sequence, id"

    name = fields.Char(string="Title", required=True, translate=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection(
        [("recontact", "Re-contact who did not take part"), ("bond", "Strengthen the bond")],
        required=True,
        default="bond",
    )
    factor = fields.Selection(FACTORS, help="The risk factor it answers; empty for every student.")
    description = fields.Text(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="School", index=True, help="Leave empty for every school."
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._(
                "Only the coexistence team or the Director edit the lines of action."
            ),
        )
        return super().create(vals_list)

    def write(self, vals):
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._(
                "Only the coexistence team or the Director edit the lines of action."
            ),
        )
        return super().write(vals)

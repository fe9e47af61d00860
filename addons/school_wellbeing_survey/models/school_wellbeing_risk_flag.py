# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .school_wellbeing_risk_rule import COLORS, FACTORS


class SchoolWellbeingRiskFlag(models.Model):
    """A rule that fired on a student, with the figure that fired it."""

    _name = "school.wellbeing.risk.flag"
    _description = "Early-Warning Flag"
    _order = "risk_id, factor, id"
    _rec_name = "explanation"

    risk_id = fields.Many2one(
        "school.wellbeing.risk", required=True, ondelete="cascade", index=True
    )
    rule_id = fields.Many2one("school.wellbeing.risk.rule", string="Rule", ondelete="set null")
    factor = fields.Selection(FACTORS, required=True)
    color = fields.Selection(COLORS, required=True)
    explanation = fields.Char(required=True)
    company_id = fields.Many2one(related="risk_id.company_id", store=True, index=True)
    batch_id = fields.Many2one(related="risk_id.batch_id", store=True, index=True)

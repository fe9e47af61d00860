# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .school_wellbeing_risk_rule import COLORS, FACTORS


class SchoolWellbeingRiskHistory(models.Model):
    """When a factor of a student's risk changed colour, and why."""

    _name = "school.wellbeing.risk.history"
    _description = "Early-Warning History"
    _order = "date desc, id desc"
    _rec_name = "explanation"

    risk_id = fields.Many2one(
        "school.wellbeing.risk", required=True, ondelete="cascade", index=True
    )
    student_id = fields.Many2one(related="risk_id.student_id", store=True, index=True)
    date = fields.Date(required=True)
    factor = fields.Selection(FACTORS + [("overall", "Overall")], required=True)
    old_color = fields.Selection(COLORS + [("critical", "Critical")], string="From")
    new_color = fields.Selection(COLORS + [("critical", "Critical")], string="To")
    explanation = fields.Char()
    company_id = fields.Many2one(related="risk_id.company_id", store=True, index=True)
    batch_id = fields.Many2one(related="risk_id.batch_id", store=True, index=True)

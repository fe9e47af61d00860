# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .school_wellbeing_risk_rule import COLORS, FACTORS


class SchoolWellbeingFollowupLine(models.Model):
    """A factor that fired when the student became critical, with the
    follow-up's outcome: the rows of "which actions worked"."""

    _name = "school.wellbeing.followup.line"
    _description = "Follow-up Factor"
    _order = "followup_id, factor, id"
    _rec_name = "explanation"

    followup_id = fields.Many2one(
        "school.wellbeing.followup", required=True, ondelete="cascade", index=True
    )
    factor = fields.Selection(FACTORS, required=True)
    color = fields.Selection(COLORS, required=True)
    rule_id = fields.Many2one("school.wellbeing.risk.rule", string="Rule", ondelete="set null")
    explanation = fields.Char(required=True)
    outcome = fields.Selection(related="followup_id.outcome", store=True)
    state = fields.Selection(related="followup_id.state", store=True)
    date_open = fields.Date(related="followup_id.date_open", store=True)
    date_done = fields.Date(related="followup_id.date_done", store=True)
    student_id = fields.Many2one(related="followup_id.student_id", store=True, index=True)
    company_id = fields.Many2one(related="followup_id.company_id", store=True, index=True)
    batch_id = fields.Many2one(related="followup_id.batch_id", store=True, index=True)

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .roles import TEAM_ROLES

# The survey answers that feed the early-warning risk (anchors.md §5
# "Wellbeing survey flags").
RISK_FLAGS = [
    ("no_contact", "No contact"),
    ("no_participation", "No participation"),
    ("critical_emotion", "Critical emotion"),
    ("no_connectivity", "No connectivity"),
    ("working", "Working"),
]


class SchoolWellbeingOption(models.Model):
    """An allowed answer of a question (the workbook's drop-down values)."""

    _name = "school.wellbeing.option"
    _description = "Wellbeing Survey Option"
    _order = "question_id, sequence, id"

    question_id = fields.Many2one(
        "school.wellbeing.question", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Answer", required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    risk_flag = fields.Selection(
        RISK_FLAGS,
        help="This answer raises a wellbeing flag of the student's early-warning risk.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        related="question_id.company_id", store=True, index=True, string="School"
    )

    _sql_constraints = [
        ("code_question_uniq", "unique(code, question_id)", "The option code must be unique."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._("Only the coexistence team or the Director edit the questions."),
        )
        return super().create(vals_list)

    def write(self, vals):
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._("Only the coexistence team or the Director edit the questions."),
        )
        return super().write(vals)

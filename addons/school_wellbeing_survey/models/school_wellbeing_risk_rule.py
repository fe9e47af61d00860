# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .roles import TEAM_ROLES
from .school_wellbeing_option import RISK_FLAGS

FACTORS = [
    ("attendance", "Attendance"),
    ("discipline", "Discipline"),
    ("wellbeing", "Wellbeing"),
    ("overage", "Overage"),
]
COLORS = [("green", "Green"), ("yellow", "Yellow"), ("red", "Red")]
SEVERITY = {"green": 0, "yellow": 1, "red": 2}


class SchoolWellbeingRiskRule(models.Model):
    """A rule of the early-warning risk (anchors.md §5 "Suggested default
    rule set"): data a school edits. Each rule that fires on a student
    raises its factor to the rule's colour and says why."""

    _name = "school.wellbeing.risk.rule"
    _description = "Early-Warning Rule"
    _order = "factor, sequence, id"

    name = fields.Char(string="Rule", required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    factor = fields.Selection(FACTORS, required=True)
    kind = fields.Selection(
        [
            ("attendance_below", "Month attendance below the threshold (%)"),
            ("absence_share", "Share of the year's school days missed at least the threshold (%)"),
            ("next_absence", "One more absence this month takes the month below the threshold (%)"),
            ("grave_fault", "Grave or gravísima fault, or suspension, within the days"),
            ("survey_flag", "Survey answer with the flag"),
            ("overage", "Years older than the grade's age, at least the threshold"),
        ],
        required=True,
    )
    threshold = fields.Float(default=0.0)
    days = fields.Integer(default=30, help="For faults: how many days back they count.")
    survey_flag = fields.Selection(RISK_FLAGS)
    color = fields.Selection(COLORS[1:], required=True, default="red")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="School", index=True, help="Leave empty for every school."
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The rule code must be unique."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._("Only the coexistence team or the Director edit the rules."),
        )
        return super().create(vals_list)

    def write(self, vals):
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._("Only the coexistence team or the Director edit the rules."),
        )
        return super().write(vals)

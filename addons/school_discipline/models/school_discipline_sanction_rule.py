# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolDisciplineSanctionRule(models.Model):
    """One cell of the sanction eligibility matrix: ``sanction_id`` may be
    applied to a fault of ``level``, for ``min_days``-``max_days`` business
    days (seed 003 MC 7.2c, 7.3c, 8.3; digest §2.4)."""

    _name = "school.discipline.sanction.rule"
    _description = "Sanction Eligibility"
    _order = "sanction_id, level"

    sanction_id = fields.Many2one(
        "school.discipline.sanction", required=True, ondelete="cascade", index=True
    )
    level = fields.Selection(
        [("leve", "Leve"), ("grave", "Grave"), ("gravisima", "Gravísima")],
        required=True,
    )
    min_days = fields.Integer()
    max_days = fields.Integer()
    requires_broken_condition = fields.Boolean(
        string="Only After a Broken Condicionalidad",
        help="Allowed for this level only when the student broke a "
        "condicionalidad and committed a new fault.",
    )

    _sql_constraints = [
        ("sanction_level_uniq", "unique(sanction_id, level)", "One rule per sanction and level."),
    ]

    def _compute_display_name(self):
        levels = dict(self._fields["level"]._description_selection(self.env))
        for rule in self:
            days = " %s-%s" % (rule.min_days, rule.max_days) if rule.max_days else ""
            rule.display_name = "%s%s" % (levels.get(rule.level, ""), days)

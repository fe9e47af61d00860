# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolScholarshipCriterionScale(models.Model):
    """A bracket of a criterion's scale, e.g. per-capita income from/to."""

    _name = "school.scholarship.criterion.scale"
    _description = "Scholarship Criterion Bracket"
    _order = "criterion_id, value_from"

    criterion_id = fields.Many2one(
        "school.scholarship.criterion", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="criterion_id.company_id", store=True)
    value_from = fields.Float(required=True)
    value_to = fields.Float(help="Empty: no upper limit.")
    points = fields.Float(required=True)

    def _compute_display_name(self):
        for bracket in self:
            bracket.display_name = "%s: %s - %s" % (
                bracket.criterion_id.code or "",
                bracket.value_from,
                bracket.value_to or "",
            )

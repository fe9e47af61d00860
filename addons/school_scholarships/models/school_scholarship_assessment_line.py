# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .school_scholarship_guard import check_protected


class SchoolScholarshipAssessmentLine(models.Model):
    """Points given by one member on one manual criterion."""

    _name = "school.scholarship.assessment.line"
    _description = "Scholarship Assessment Line"
    _order = "assessment_id, criterion_id"

    assessment_id = fields.Many2one(
        "school.scholarship.assessment", required=True, ondelete="cascade", index=True
    )
    application_id = fields.Many2one(related="assessment_id.application_id", store=True, index=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    conflict = fields.Boolean(related="assessment_id.conflict", store=True)
    criterion_id = fields.Many2one(
        "school.scholarship.criterion",
        required=True,
        ondelete="restrict",
        domain=[("basis", "=", "manual")],
    )
    points = fields.Float(required=True)

    _sql_constraints = [
        (
            "criterion_uniq",
            "unique(assessment_id, criterion_id)",
            "A criterion is scored once per assessment.",
        )
    ]

    def _compute_display_name(self):
        for line in self:
            line.display_name = "%s: %s" % (line.criterion_id.code or "", line.points)

    @api.constrains("points", "criterion_id")
    def _check_points(self):
        for line in self:
            if line.criterion_id.basis != "manual":
                raise ValidationError(
                    self.env._(
                        "%(criterion)s is computed from the household, not scored by hand.",
                        criterion=line.criterion_id.display_name,
                    )
                )
            if not 0 <= line.points <= line.criterion_id.max_points:
                raise ValidationError(
                    self.env._(
                        "%(criterion)s is scored from 0 to %(max)s.",
                        criterion=line.criterion_id.display_name,
                        max=line.criterion_id.max_points,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.assessment_id._check_assessor()
        return lines

    def write(self, vals):
        check_protected(self, [vals], {"assessment_id"})
        self.assessment_id._check_assessor()
        return super().write(vals)

    def unlink(self):
        self.assessment_id._check_assessor()
        return super().unlink()

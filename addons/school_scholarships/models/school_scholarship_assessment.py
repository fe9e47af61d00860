# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .school_scholarship_guard import COMMISSION, check_protected, require

PROTECTED_FIELDS = {"user_id", "application_id", "company_id"}


class SchoolScholarshipAssessment(models.Model):
    """One commission member's assessment of one application (seed 003
    RI III.9 Art. 7-8, L557-583), with a declared conflict of interest: a
    member related to the family does not score it."""

    _name = "school.scholarship.assessment"
    _description = "Scholarship Assessment"
    _order = "application_id, id"

    application_id = fields.Many2one(
        "school.scholarship.application", required=True, ondelete="cascade", index=True
    )
    process_id = fields.Many2one(related="application_id.process_id", store=True, index=True)
    company_id = fields.Many2one(related="application_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Commission Member", required=True, default=lambda s: s.env.user
    )
    conflict = fields.Boolean(string="Conflict of Interest")
    conflict_reason = fields.Char()
    line_ids = fields.One2many("school.scholarship.assessment.line", "assessment_id")
    notes = fields.Text()

    _sql_constraints = [
        (
            "member_uniq",
            "unique(application_id, user_id)",
            "A commission member assesses an application once.",
        )
    ]

    def _compute_display_name(self):
        for assessment in self:
            assessment.display_name = "%s - %s" % (
                assessment.application_id.display_name,
                assessment.user_id.name or "",
            )

    @api.constrains("conflict", "line_ids", "conflict_reason")
    def _check_conflict(self):
        for assessment in self:
            if assessment.conflict and assessment.line_ids:
                raise ValidationError(
                    self.env._(
                        "A member with a conflict of interest cannot score this application."
                    )
                )
            if assessment.conflict and not assessment.conflict_reason:
                raise ValidationError(self.env._("State the conflict of interest."))

    def _check_assessor(self):
        """The author is a member of this process's commission, and the
        application is under review."""
        if self.env.su:
            return
        for assessment in self:
            process = assessment.application_id.process_id
            if assessment.user_id != self.env.user or self.env.user not in process.commission_ids:
                raise AccessError(
                    self.env._("Only the member of the commission writes their own assessment.")
                )
            if process.state != "review" or assessment.application_id.state != "review":
                raise UserError(self.env._("Applications are scored while under review."))

    @api.model_create_multi
    def create(self, vals_list):
        require(self.env, COMMISSION, message=self.env._("Only the commission scores."))
        if not self.env.su:
            for vals in vals_list:
                if vals.get("user_id", self.env.uid) != self.env.uid:
                    raise AccessError(self.env._("A member records only their own assessment."))
        assessments = super().create(vals_list)
        assessments._check_assessor()
        return assessments

    def write(self, vals):
        check_protected(self, [vals], PROTECTED_FIELDS)
        self._check_assessor()
        return super().write(vals)

    def unlink(self):
        self._check_assessor()
        return super().unlink()

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .school_scholarship_guard import COMMISSION, SOSTENEDOR, require


class SchoolScholarshipAward(models.Model):
    """An exemption in the allocation of the fund (seed 003 RI III.9 Art. 3-4,
    L476-486): a ranked proposal the commission adjusts; every change is
    logged with its author and reason."""

    _name = "school.scholarship.award"
    _description = "Scholarship Award"
    _order = "process_id, rank, id"
    _check_company_auto = True

    process_id = fields.Many2one(
        "school.scholarship.process", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="process_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    application_id = fields.Many2one(
        "school.scholarship.application", required=True, ondelete="cascade", index=True
    )
    student_id = fields.Many2one(related="application_id.student_id")
    type_id = fields.Many2one("school.scholarship.type", required=True, ondelete="restrict")
    percentage = fields.Float(required=True)
    amount = fields.Monetary(compute="_compute_amount")
    rank = fields.Integer()
    origin = fields.Selection(
        [("proposal", "Proposal"), ("manual", "Commission")], default="manual", required=True
    )
    log_ids = fields.One2many("school.scholarship.award.log", "award_id")

    def _compute_display_name(self):
        for award in self:
            award.display_name = "%s - %s %%" % (
                award.application_id.display_name,
                award.percentage,
            )

    def _compute_amount(self):
        for award in self:
            award.amount = award.percentage / 100.0 * award.process_id.annual_tuition

    @api.constrains("percentage", "type_id")
    def _check_percentage(self):
        for award in self:
            if not 0 < award.percentage <= award.type_id.max_exemption:
                raise ValidationError(
                    self.env._(
                        "An exemption of type %(type)s is between 0 and %(max)s %%.",
                        type=award.type_id.name,
                        max=award.type_id.max_exemption,
                    )
                )

    def _authority_error(self):
        return AccessError(
            self.env._("Only the commission or the sostenedor changes the allocation.")
        )

    def _is_socioeconomic(self):
        """Counts in the two thirds 'exclusively socioeconomic' (Art. 4):
        the vulnerability type counts there when the process says so."""
        self.ensure_one()
        vulnerability = self.env.ref(
            "school_scholarships.school_scholarship_type_vulnerability", raise_if_not_found=False
        )
        if self.type_id == vulnerability:
            return self.process_id.vulnerability_in_socioeconomic
        return self.type_id.fund_share == "socioeconomic"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise self._authority_error()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise self._authority_error()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise self._authority_error()
        return super().unlink()

    @api.model
    def _require_adjustable(self, process):
        require(self.env, COMMISSION, SOSTENEDOR, message=self._authority_error().args[0])
        if process.state != "review":
            raise UserError(self.env._("The allocation is adjusted before it is confirmed."))

    @api.model
    def action_add(self, application_id, type_id, percentage, reason):
        """The commission adds an exemption (a discretionary one, or moves a
        family up the ranking)."""
        application = self.env["school.scholarship.application"].browse(application_id)
        application.check_access("read")
        self._require_adjustable(application.process_id)
        if application.state != "review":
            raise UserError(self.env._("Only an application under review can be awarded."))
        _require_reason(self.env, reason)
        # sudo: the caller is the commission (checked above).
        award = self.sudo().create(
            {
                "process_id": application.process_id.id,
                "application_id": application.id,
                "type_id": type_id,
                "percentage": percentage,
                "rank": 0,
                "origin": "manual",
            }
        )
        award._log(0.0, percentage, reason)
        return award

    def action_adjust(self, percentage, reason):
        self.ensure_one()
        self.check_access("read")
        self._require_adjustable(self.process_id)
        _require_reason(self.env, reason)
        old = self.percentage
        # sudo: the caller is the commission (checked above).
        self.sudo().write({"percentage": percentage, "origin": "manual"})
        self.sudo()._log(old, percentage, reason)
        return True

    def action_remove(self, reason):
        self.ensure_one()
        self.check_access("read")
        self._require_adjustable(self.process_id)
        _require_reason(self.env, reason)
        # sudo: the caller is the commission (checked above); the log keeps the trace.
        self.sudo()._log(self.percentage, 0.0, reason)
        self.sudo().unlink()
        return True

    def _log(self, old, new, reason):
        self.env["school.scholarship.award.log"].sudo().create(
            {
                "award_id": self.id if new else False,
                "process_id": self.process_id.id,
                "application_id": self.application_id.id,
                "user_id": self.env.uid,
                "old_percentage": old,
                "new_percentage": new,
                "reason": reason,
            }
        )


def _require_reason(env, reason):
    if not (reason or "").strip():
        raise UserError(env._("Give the reason for the change."))

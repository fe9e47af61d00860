# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# seed 003 RI III.9 Art. 14 L613-625 (14.6, rejection, is not a loss).
CAUSES = [
    ("renunciation", "Voluntary renunciation"),
    ("withdrawal", "Withdrawal or change of school"),
    ("falsification", "Proven false or omitted information"),
    ("not_vulnerable", "No longer in need, after an assessment"),
    ("discipline", "Grave or gravísima fault of the student or apoderado"),
]
# Art. 13 L611: who gave false information may not apply for 2 years.
BAN_YEARS = 2


class SchoolScholarshipLoss(models.Model):
    """The reasoned loss of a scholarship during the year, with a notice to
    the family (seed 003 RI III.9 Art. 13-14)."""

    _name = "school.scholarship.loss"
    _description = "Scholarship Loss"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    application_id = fields.Many2one(
        "school.scholarship.application", required=True, ondelete="restrict", index=True
    )
    company_id = fields.Many2one(related="application_id.company_id", store=True, index=True)
    student_id = fields.Many2one(related="application_id.student_id", store=True, index=True)
    applicant_partner_id = fields.Many2one(
        related="application_id.applicant_partner_id", store=True, index=True
    )
    cause = fields.Selection(CAUSES, required=True)
    reasoning = fields.Text(required=True)
    date = fields.Date(required=True)
    ban_until = fields.Date(help="No new application before this date (false information).")
    recorded_by_id = fields.Many2one("res.users", required=True)

    def _compute_display_name(self):
        causes = dict(self._fields["cause"]._description_selection(self.env))
        for loss in self:
            loss.display_name = "%s - %s" % (
                loss.application_id.display_name,
                causes.get(loss.cause, ""),
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("A loss is recorded from the application."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise AccessError(self.env._("A recorded loss cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise AccessError(self.env._("A recorded loss cannot be deleted."))
        return super().unlink()

    @api.model
    def _record(self, application, cause, reasoning):
        if cause not in dict(CAUSES):
            raise UserError(self.env._("Unknown cause of loss."))
        if not (reasoning or "").strip():
            raise UserError(self.env._("The loss must be reasoned."))
        application = application.with_env(self.env)
        today = self.env["school.calendar"].school_today(application.company_id)
        loss = self.create(
            {
                "application_id": application.id,
                "cause": cause,
                "reasoning": reasoning,
                "date": today,
                "ban_until": today + relativedelta(years=BAN_YEARS)
                if cause == "falsification"
                else False,
                "recorded_by_id": self.env.uid,
            }
        )
        application.write({"state": "lost"})
        loss._notify_family()
        return loss

    def _notify_family(self):
        """The notice to the apoderado: the cause and the reasons, nothing
        of the household's data."""
        for loss in self:
            causes = dict(loss._fields["cause"]._description_selection(loss.env))
            loss.message_notify(
                partner_ids=loss.applicant_partner_id.ids,
                subject=self.env._("Scholarship: loss of the benefit"),
                body=self.env._(
                    "The scholarship of %(student)s has ended. Cause: %(cause)s. "
                    "Reasons: %(reasons)s",
                    student=loss.student_id.name,
                    cause=causes[loss.cause],
                    reasons=loss.reasoning,
                ),
            )

    @api.model
    def _ban_for(self, student, partner, process):
        """The falsification ban (Art. 13) that still bars this student or
        this apoderado when the process's window opens."""
        # sudo: a ban is a fact the application step needs, whoever applies.
        return self.sudo().search(
            [
                ("cause", "=", "falsification"),
                ("ban_until", ">=", process.sudo().window_start),
                "|",
                ("student_id", "=", student.id),
                ("applicant_partner_id", "=", partner.id),
            ],
            limit=1,
        )

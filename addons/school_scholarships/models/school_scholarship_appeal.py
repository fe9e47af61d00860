# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.school_base.tools.cron_batches import chunks, run_in_batches

from .school_scholarship_guard import COMMISSION, SOSTENEDOR, check_protected, require

PROTECTED_FIELDS = {
    "application_id",
    "process_id",
    "company_id",
    "attachment_ids",
    "state",
    "filed_date",
    "answer_due",
    "decided_by_id",
    "decided_date",
    "decision",
    "new_percentage",
    "reminder_sent",
}


class SchoolScholarshipAppeal(models.Model):
    """A written appeal with new background (seed 003 RI III.9 Art. 11,
    L601-603): filed within 5 school days of the receipt, answered within 10
    school days, final."""

    _name = "school.scholarship.appeal"
    _description = "Scholarship Appeal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "answer_due, id"

    application_id = fields.Many2one(
        "school.scholarship.application", required=True, ondelete="cascade", index=True
    )
    process_id = fields.Many2one(related="application_id.process_id", store=True, index=True)
    company_id = fields.Many2one(related="application_id.company_id", store=True, index=True)
    reason = fields.Text(required=True)
    filed_date = fields.Date(readonly=True)
    answer_due = fields.Date(readonly=True)
    state = fields.Selection(
        [("filed", "Filed"), ("upheld", "Upheld"), ("dismissed", "Dismissed")],
        default="filed",
        required=True,
        readonly=True,
        index=True,
    )
    decision = fields.Text(readonly=True)
    new_percentage = fields.Float(readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_date = fields.Datetime(readonly=True)
    # The files the family sent (action_upload), not every file on the
    # appeal: the commission's chatter notes and activity feedback attach
    # theirs to the same record, and the family must not receive them.
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "school_scholarship_appeal_background_rel",
        "appeal_id",
        "attachment_id",
        string="New Background",
        readonly=True,
    )
    # The commission's activities as the answer nears its due date (cron).
    reminder_sent = fields.Boolean(readonly=True, copy=False)

    def _compute_display_name(self):
        for appeal in self:
            appeal.display_name = self.env._(
                "Appeal %(application)s", application=appeal.application_id.display_name
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("An appeal is filed from the application."))
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], PROTECTED_FIELDS)
        if not self.env.su and self.filtered(lambda a: a.state != "filed"):
            raise UserError(self.env._("The appeal was decided; its result is final."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise AccessError(self.env._("An appeal cannot be deleted."))
        return super().unlink()

    @api.model
    def _file(self, application, reason):
        application = application.with_env(self.env)
        calendar = self.env["school.calendar"]
        today = calendar.school_today(application.company_id)
        # The appeal's chatter is the commission's: the family is not made a
        # follower (it reads its appeal on the portal).
        return self.with_context(mail_create_nosubscribe=True, mail_create_nolog=True).create(
            {
                "application_id": application.id,
                "reason": reason,
                "filed_date": today,
                # seed 003 RI III.9 Art. 11 L603: answered within 10 business days.
                "answer_due": calendar.add_school_days(today, 10, application.company_id),
            }
        )

    def action_upload(self, filename, content_b64):
        """New background for the appeal (same limits as the documents)."""
        self.ensure_one()
        app = self.application_id
        if not (app._is_applicant() or self.env["res.users"]._school_has_role(SOSTENEDOR)):
            raise AccessError(self.env._("Only the apoderado adds background to the appeal."))
        if self.state != "filed":
            raise UserError(self.env._("The appeal was decided; its result is final."))
        doc_model = self.env["school.scholarship.document"]
        # The document checks size and type; reuse them without a checklist line.
        content, mimetype = doc_model._validate_file(app.process_id, content_b64)
        # sudo: the caller is the applicant (checked above); the link marks
        # the file as the family's background.
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": (filename or "antecedente")[:200],
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        self.sudo().attachment_ids = [Command.link(attachment.id)]
        return attachment

    def action_decide(self, upheld, decision, new_percentage=0.0):
        """The commission (or the sostenedor) answers; the result is final."""
        require(
            self.env,
            COMMISSION,
            SOSTENEDOR,
            message=self.env._("Only the commission or the sostenedor answers an appeal."),
        )
        self.ensure_one()
        if self.state != "filed":
            raise UserError(self.env._("The appeal was decided; its result is final."))
        if not (decision or "").strip():
            raise UserError(self.env._("Give the reasons of the decision."))
        # sudo: the caller is the commission or the sostenedor (checked above).
        self.sudo().write(
            {
                "state": "upheld" if upheld else "dismissed",
                "decision": decision,
                "new_percentage": new_percentage if upheld else 0.0,
                "decided_by_id": self.env.uid,
                "decided_date": fields.Datetime.now(),
            }
        )
        if upheld and new_percentage:
            self.sudo()._apply(new_percentage, decision)
        # The reminders of the commission are done: the appeal is answered.
        if self.sudo().activity_ids:
            self.sudo().activity_ids.action_feedback(feedback=self.env._("Appeal answered."))
        return True

    # ------------------------------------------------------------------
    # Reminders (cron)
    # ------------------------------------------------------------------
    @api.model
    def _cron_answer_reminders(self):
        """An activity for each member of the commission when an appeal's
        answer is due within the process's reminder days (school days), or
        overdue. School by school, by chunks, each in its own savepoint
        (cron_batches); running it again is harmless: an appeal is reminded
        once (``reminder_sent``), decided appeals never."""
        appeals = self.search(
            [("state", "=", "filed"), ("reminder_sent", "=", False)], order="company_id, id"
        )
        calendar = self.env["school.calendar"]
        horizon = {
            (company, days): calendar.add_school_days(calendar.school_today(company), days, company)
            for company, days in {
                (a.company_id, a.process_id.appeal_reminder_days) for a in appeals
            }
        }
        due = appeals.filtered(
            lambda a: a.answer_due
            and a.answer_due <= horizon[(a.company_id, a.process_id.appeal_reminder_days)]
        )
        batches = [
            (
                "%s: appeal reminders" % company.name,
                chunk,
                lambda records: records._remind_commission(),
            )
            for company in due.company_id
            for chunk in chunks(due.filtered(lambda a, c=company: a.company_id == c))
        ]
        return run_in_batches(self.env, batches, "Scholarship appeal reminders")

    def _remind_commission(self):
        """The activities of the commission for these appeals (private: the
        cron's)."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for appeal in self:
            for user in appeal.process_id.commission_ids:
                # In the member's language (the cron runs as OdooBot).
                env = self.with_context(lang=user.lang).env
                appeal.activity_schedule(
                    activity_type_id=todo.id,
                    user_id=user.id,
                    date_deadline=appeal.answer_due,
                    summary=env._(
                        "Answer the scholarship appeal by %(date)s",
                        date=appeal.answer_due.strftime("%d/%m/%Y"),
                    ),
                )
        self.write({"reminder_sent": True})

    def _apply(self, percentage, decision):
        """An upheld appeal changes (or grants) the exemption, logged."""
        app = self.application_id
        award = app.award_ids[:1]
        old = award.percentage if award else 0.0
        if award:
            award.write({"percentage": percentage, "origin": "manual"})
        else:
            award = self.env["school.scholarship.award"].create(
                {
                    "process_id": app.process_id.id,
                    "application_id": app.id,
                    "type_id": self.env.ref(
                        "school_scholarships.school_scholarship_type_socioeconomic"
                    ).id,
                    "percentage": percentage,
                    "origin": "manual",
                }
            )
        app.write({"state": "awarded"})
        award._log(old, percentage, decision)

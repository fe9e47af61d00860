# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError


class SchoolAttendanceJustification(models.Model):
    """An apoderado's justification of absences or lateness.

    Seed 003 II.2 duty 9: a medical certificate is presented within 48 hours
    of its issue (the limit is a company setting with that value).
    Inspectoría accepts or rejects it; an accepted one turns the absences and
    lateness of its days into justified ones, keeping the original mark on
    each line and in the audit log.
    """

    _name = "school.attendance.justification"
    _description = "Absence Justification"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    student_id = fields.Many2one("op.student", required=True, index=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    reason = fields.Selection(
        [("medical", "Medical certificate"), ("family", "Family reason"), ("other", "Other")],
        required=True,
        default="medical",
    )
    description = fields.Text()
    certificate_date = fields.Date(string="Certificate Issued On")
    certificate_file = fields.Binary(string="Certificate", attachment=True)
    certificate_filename = fields.Char()
    on_time = fields.Boolean(
        compute="_compute_on_time",
        store=True,
        help="Presented within the school's limit after the certificate's issue.",
    )
    state = fields.Selection(
        [("submitted", "Submitted"), ("accepted", "Accepted"), ("rejected", "Rejected")],
        default="submitted",
        required=True,
        index=True,
        tracking=True,
    )
    submitted_by_id = fields.Many2one(
        "res.users", string="Submitted By", default=lambda self: self.env.user, readonly=True
    )
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    decision_note = fields.Char()

    @api.depends("certificate_date", "reason", "create_date")
    def _compute_on_time(self):
        for justification in self:
            if justification.reason != "medical" or not justification.certificate_date:
                justification.on_time = True
                continue
            hours = justification.company_id.school_justification_hours
            issued = datetime.datetime.combine(justification.certificate_date, datetime.time.max)
            presented = justification.create_date or fields.Datetime.now()
            justification.on_time = presented <= issued + datetime.timedelta(hours=hours)

    @api.constrains("date_from", "date_to", "reason", "certificate_date")
    def _check_dates(self):
        for justification in self:
            if justification.date_to < justification.date_from:
                raise UserError(
                    self.env._(
                        "Justification of %(student)s: the last day is before the first.",
                        student=justification.student_id.name,
                    )
                )
            if justification.reason == "medical" and not justification.certificate_date:
                raise UserError(
                    self.env._(
                        "Justification of %(student)s: a medical certificate needs its "
                        "date of issue.",
                        student=justification.student_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["op.student"]._school_fill_company(vals_list)
        return super().create(vals_list)

    def _school_lines(self):
        self.ensure_one()
        return self.env["school.attendance.line"].search(
            [
                ("student_id", "=", self.student_id.id),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
                ("code_id.sige_status", "!=", "not_counted"),
                ("code_id.is_justified", "=", False),
                "|",
                ("code_id.sige_status", "=", "absent"),
                ("code_id.is_late", "=", True),
            ]
        )

    def action_accept(self):
        """Inspectoría accepts: absences become justified absences, lateness
        justified lateness; each line keeps its original mark."""
        codes = {c.code: c for c in self.env["school.attendance.code"].search([])}
        for justification in self:
            if justification.state != "submitted":
                raise UserError(self.env._("This justification was already decided."))
            lines = justification._school_lines()
            reason = self.env._("Justification #%(id)s", id=justification.id)
            lines = lines.with_context(
                school_attendance_justification=True, school_attendance_reason=reason
            )
            lines.filtered(lambda line: not line.original_code_id)._school_keep_original()
            lines.filtered(lambda line: line.code_id.is_late).write(
                {"code_id": codes["late_justified"].id}
            )
            lines.filtered(
                lambda line: not line.code_id.is_late and not line.code_id.is_justified
            ).write({"code_id": codes["absent_justified"].id})
        self.write({"state": "accepted", "decided_by_id": self.env.uid})
        return True

    def action_reject(self):
        if any(j.state != "submitted" for j in self):
            raise UserError(self.env._("This justification was already decided."))
        self.write({"state": "rejected", "decided_by_id": self.env.uid})
        return True

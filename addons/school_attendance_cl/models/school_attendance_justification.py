# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .school_guard import GUARDIAN, INSPECTOR, SECRETARY, check_protected, to_db_int


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
    # Inspectoría's decision and who presented it: set by create (the
    # submitter) and by action_accept/action_reject (sudo, after the check).
    _school_protected_fields = frozenset({"state", "decided_by_id", "submitted_by_id"})
    # Not from whoever presents it: Inspectoría's note, written later.
    _school_create_protected_fields = _school_protected_fields | {"decision_note"}
    # What is justified: fixed once decided.
    _school_request_fields = frozenset(
        {"student_id", "company_id", "date_from", "date_to", "reason", "certificate_date"}
    )

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

    @api.depends("certificate_date", "reason", "create_date", "company_id")
    def _compute_on_time(self):
        calendar = self.env["school.calendar"]
        for justification in self:
            if justification.reason != "medical" or not justification.certificate_date:
                justification.on_time = True
                continue
            company = justification.company_id or self.env.company
            hours = company.school_justification_hours
            # The certificate's day ends at midnight of the school's time
            # zone; create_date is naive UTC: both compared in UTC.
            tz = calendar.school_tz(company)
            issued_on = justification.certificate_date
            end_of_day = datetime.datetime.combine(issued_on, datetime.time.max)
            issued = tz.localize(end_of_day).astimezone(pytz.utc).replace(tzinfo=None)
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
        check_protected(self, vals_list, self._school_create_protected_fields)
        self._school_check_presenter(vals_list)
        self.env["op.student"]._school_fill_company(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], self._school_protected_fields)
        if (
            not self.env.su
            and set(vals) & self._school_request_fields
            and any(j.state != "submitted" for j in self)
        ):
            raise UserError(self.env._("This justification was already decided."))
        return super().write(vals)

    @api.model
    def _school_check_presenter(self, vals_list):
        """An apoderado presents justifications for their own children;
        Secretaría and Inspectoría for any student."""
        users = self.env["res.users"]
        if users._school_has_role(SECRETARY):
            return
        try:
            students = self.env["op.student"].browse(
                {to_db_int(vals["student_id"]) for vals in vals_list if vals.get("student_id")}
            )
        except (TypeError, ValueError):
            raise UserError(self.env._("Choose one of your children.")) from None
        # sudo: who the apoderados of these students are, read only to
        # decide here.
        if not users._school_has_role(GUARDIAN) or any(
            self.env.uid not in student.school_guardian_user_ids.ids for student in students.sudo()
        ):
            raise AccessError(
                self.env._("An apoderado can justify only the absences of their own children.")
            )

    def _school_lines(self):
        self.ensure_one()
        return self.env["school.attendance.line"].search(
            [
                ("student_id", "=", self.student_id.id),
                ("company_id", "=", self.company_id.id),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
                ("code_id.sige_status", "!=", "not_counted"),
                ("code_id.is_justified", "=", False),
                "|",
                ("code_id.sige_status", "=", "absent"),
                ("code_id.is_late", "=", True),
            ]
        )

    def _school_check_can_decide(self):
        self.env["res.users"]._school_require_role(
            INSPECTOR,
            message=self.env._("Only Inspectoría can accept or reject justifications."),
        )
        self.check_access("read")
        if any(j.state != "submitted" for j in self):
            raise UserError(self.env._("This justification was already decided."))

    def action_accept(self):
        """Inspectoría accepts: absences become justified absences, lateness
        justified lateness; each line keeps its original mark."""
        self._school_check_can_decide()
        # By XML id: the codes this addon ships (their keys cannot change).
        late_justified = self.env.ref("school_attendance_cl.school_attendance_code_late_justified")
        absent_justified = self.env.ref(
            "school_attendance_cl.school_attendance_code_absent_justified"
        )
        for justification in self:
            # sudo: the marks may be in signed blocks, which an accepted
            # justification changes (keeping the original mark); Inspectoría
            # was checked above. The log keeps the inspector as the user.
            lines = justification.sudo()._school_lines()
            reason = self.env._("Justification #%(id)s", id=justification.id)
            lines._school_write_marks(
                changes=[
                    (
                        lines.filtered(lambda line: line.code_id.is_late),
                        {"code_id": late_justified.id},
                    ),
                    (
                        lines.filtered(
                            lambda line: not line.code_id.is_late and not line.code_id.is_justified
                        ),
                        {"code_id": absent_justified.id},
                    ),
                ],
                reason=reason,
                keep_original=True,
            )
        # sudo: the decision fields are protected; checked above.
        self.sudo().write({"state": "accepted", "decided_by_id": self.env.uid})
        return True

    def action_reject(self):
        self._school_check_can_decide()
        # sudo: the decision fields are protected; checked above.
        self.sudo().write({"state": "rejected", "decided_by_id": self.env.uid})
        return True

    @api.depends("student_id", "date_from", "date_to")
    def _compute_display_name(self):
        for justification in self:
            days = justification.date_from.strftime("%d/%m") if justification.date_from else ""
            if justification.date_to and justification.date_to != justification.date_from:
                days = "%s–%s" % (days, justification.date_to.strftime("%d/%m"))
            justification.display_name = self.env._(
                "Justification of %(student)s · %(days)s",
                student=justification.student_id.name or "",
                days=days,
            )

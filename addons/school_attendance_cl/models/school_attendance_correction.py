# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .school_guard import APPROVER, check_protected, to_db_int


class SchoolAttendanceCorrection(models.Model):
    """Change of a signed mark, requested by a teacher or Inspectoría and
    approved (visado) by the Director or a designee (Circular 30: "la
    corrección deberá ser firmada por el docente … y visada por el Director").
    """

    _name = "school.attendance.correction"
    _description = "Attendance Correction Request"
    _order = "id desc"
    _check_company_auto = True
    # The decision and who asked: set by create (old code, requester) and by
    # action_approve/action_reject (sudo, after the Director's check).
    _school_protected_fields = frozenset(
        {"state", "decided_by_id", "requested_by_id", "old_code_id"}
    )
    # What is corrected and how: fixed once decided.
    _school_request_fields = frozenset({"line_id", "new_code_id", "new_late_minutes", "reason"})

    line_id = fields.Many2one(
        "school.attendance.line", string="Mark", required=True, ondelete="restrict", index=True
    )
    student_id = fields.Many2one(related="line_id.student_id", store=True)
    date = fields.Date(related="line_id.date", store=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)
    old_code_id = fields.Many2one("school.attendance.code", string="Current Code", readonly=True)
    new_code_id = fields.Many2one("school.attendance.code", string="Correct Code", required=True)
    new_late_minutes = fields.Integer(string="Correct Minutes Late")
    reason = fields.Char(required=True)
    state = fields.Selection(
        [("pending", "Pending"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="pending",
        required=True,
        index=True,
    )
    requested_by_id = fields.Many2one(
        "res.users", string="Requested By", default=lambda self: self.env.user, readonly=True
    )
    decided_by_id = fields.Many2one("res.users", string="Approved/Rejected By", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        check_protected(self, vals_list, self._school_protected_fields)
        try:
            line_ids = [to_db_int(vals["line_id"]) for vals in vals_list]
        except (KeyError, TypeError, ValueError):
            raise UserError(self.env._("A correction needs the mark it corrects.")) from None
        lines = self.env["school.attendance.line"].browse(line_ids)
        lines.check_access("read")
        # Requested by a teacher of the mark's course, Inspectoría or
        # Secretaría (Circular 30: "firmada por el docente").
        lines.batch_id._school_require_class_book()
        # One open request per mark: a second one would race the first at
        # the Director's desk. sudo: the caller keeps this class book
        # (checked above); only whether a request is pending is read.
        pending = (
            self.sudo().search([("line_id", "in", lines.ids), ("state", "=", "pending")]).line_id
        )
        if pending or len(set(line_ids)) < len(line_ids):
            raise UserError(
                self.env._(
                    "A correction of %(mark)s is already waiting for the Director's approval.",
                    mark=(pending or lines)[:1].display_name,
                )
            )
        code_by_line = {line.id: line.code_id.id for line in lines}
        for vals in vals_list:
            # Set here, after the check above refused it from the caller.
            vals["old_code_id"] = code_by_line[to_db_int(vals["line_id"])]
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], self._school_protected_fields)
        if (
            not self.env.su
            and set(vals) & self._school_request_fields
            and any(c.state != "pending" for c in self)
        ):
            raise UserError(self.env._("This correction was already decided."))
        if not self.env.su and "line_id" in vals:
            raise UserError(self.env._("A correction stays on the mark it was asked for."))
        return super().write(vals)

    def _check_can_decide(self):
        # Circular 30: corrections are "visadas por el Director" (or a
        # designee with the approver group).
        self.env["res.users"]._school_require_role(
            APPROVER,
            message=self.env._(
                "Only the Director or a designee can approve attendance corrections."
            ),
        )
        self.check_access("read")
        if any(c.state != "pending" for c in self):
            raise UserError(self.env._("This correction was already decided."))

    def action_approve(self):
        self._check_can_decide()
        for correction in self:
            # sudo: the mark is in a signed block, which only this approved
            # correction may change; the Director was checked above. The log
            # keeps the approver as the user and the request's reason.
            lines = self.env["school.attendance.line"].sudo()
            lines._school_write_marks(
                changes=[
                    (
                        correction.line_id.sudo(),
                        {
                            "code_id": correction.new_code_id.id,
                            "late_minutes": correction.new_late_minutes,
                        },
                    )
                ],
                reason=correction.reason,
            )
        # sudo: the decision fields are protected; checked above.
        self.sudo().write({"state": "approved", "decided_by_id": self.env.uid})
        return True

    def action_reject(self):
        self._check_can_decide()
        # sudo: the decision fields are protected; checked above.
        self.sudo().write({"state": "rejected", "decided_by_id": self.env.uid})
        return True

    @api.depends("line_id", "line_id.display_name", "new_code_id")
    def _compute_display_name(self):
        for correction in self:
            correction.display_name = self.env._(
                "Correction of %(mark)s → %(code)s",
                mark=correction.line_id.display_name or "",
                code=correction.new_code_id.name or "",
            )

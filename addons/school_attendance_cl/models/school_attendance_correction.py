# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class SchoolAttendanceCorrection(models.Model):
    """Change of a signed mark, requested by a teacher or Inspectoría and
    approved (visado) by the Director or a designee (Circular 30: "la
    corrección deberá ser firmada por el docente … y visada por el Director").
    """

    _name = "school.attendance.correction"
    _description = "Attendance Correction Request"
    _order = "id desc"
    _check_company_auto = True

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
        lines = self.env["school.attendance.line"].browse([v["line_id"] for v in vals_list])
        lines.check_access("read")
        code_by_line = {line.id: line.code_id.id for line in lines}
        for vals in vals_list:
            vals["old_code_id"] = code_by_line[vals["line_id"]]
        return super().create(vals_list)

    def _check_can_decide(self):
        if not self.env.user.has_group("school_attendance_cl.group_attendance_approver"):
            raise AccessError(
                self.env._("Only the Director or a designee can approve attendance corrections.")
            )
        if any(c.state != "pending" for c in self):
            raise UserError(self.env._("This correction was already decided."))

    def action_approve(self):
        self._check_can_decide()
        for correction in self:
            correction.line_id.with_context(
                school_attendance_correction=True,
                school_attendance_reason=correction.reason,
            ).write(
                {
                    "code_id": correction.new_code_id.id,
                    "late_minutes": correction.new_late_minutes,
                }
            )
        self.write({"state": "approved", "decided_by_id": self.env.uid})
        return True

    def action_reject(self):
        self._check_can_decide()
        self.write({"state": "rejected", "decided_by_id": self.env.uid})
        return True

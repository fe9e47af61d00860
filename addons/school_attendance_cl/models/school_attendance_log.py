# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolAttendanceLog(models.Model):
    """Append-only trail of every create, change and deletion of a mark:
    who, when, old -> new, why (Circular 30 / EDE, anchors.md §3.2). No
    access right allows writing it; school.attendance.line is its writer."""

    _name = "school.attendance.log"
    _description = "Attendance Audit Log"
    _order = "id desc"
    _log_access = True

    line_id = fields.Many2one("school.attendance.line", ondelete="set null", index=True)
    session_id = fields.Many2one("school.attendance.session", ondelete="set null", index=True)
    student_id = fields.Many2one("op.student", index=True)
    date = fields.Date()
    block = fields.Integer()
    company_id = fields.Many2one("res.company", index=True)
    user_id = fields.Many2one("res.users", string="User")
    action = fields.Selection(
        [("create", "Created"), ("write", "Changed"), ("unlink", "Deleted")], required=True
    )
    old_code_id = fields.Many2one("school.attendance.code", string="Old Code")
    new_code_id = fields.Many2one("school.attendance.code", string="New Code")
    old_late_minutes = fields.Integer(string="Old Minutes Late")
    new_late_minutes = fields.Integer(string="New Minutes Late")
    reason = fields.Char()

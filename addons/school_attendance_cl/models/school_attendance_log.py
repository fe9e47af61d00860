# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SchoolAttendanceLog(models.Model):
    """Append-only trail of every creation, change and deletion of marks:
    who, when, old -> new, why (Circular 30 / EDE, anchors.md §3.2).

    One row per operation: ``changes`` lists every mark it touched as
    ``[line id, student id, old code id, new code id, old minutes, new
    minutes]``; when the operation touched one mark, that mark is also in the
    plain fields (line, student, old and new code) for searching. No access
    right allows writing this model; school.attendance.line is its writer.
    """

    _name = "school.attendance.log"
    _description = "Attendance Audit Log"
    _order = "id desc"

    session_id = fields.Many2one("school.attendance.session", ondelete="set null", index=True)
    line_id = fields.Many2one("school.attendance.line", ondelete="set null", index="btree_not_null")
    student_id = fields.Many2one("op.student", index="btree_not_null")
    date = fields.Date()
    block = fields.Integer()
    company_id = fields.Many2one("res.company")
    user_id = fields.Many2one("res.users", string="User")
    action = fields.Selection(
        [("create", "Created"), ("write", "Changed"), ("unlink", "Deleted")], required=True
    )
    old_code_id = fields.Many2one("school.attendance.code", string="Old Code")
    new_code_id = fields.Many2one("school.attendance.code", string="New Code")
    old_late_minutes = fields.Integer(string="Old Minutes Late")
    new_late_minutes = fields.Integer(string="New Minutes Late")
    changes = fields.Json(help="[line, student, old code, new code, old minutes, new minutes]")
    change_count = fields.Integer(string="Marks")
    changes_text = fields.Text(string="Details", compute="_compute_changes_text")
    reason = fields.Char()

    @api.depends("changes")
    def _compute_changes_text(self):
        codes = {
            c.id: c.siagie_letter or c.name for c in self.env["school.attendance.code"].search([])
        }
        for log in self:
            log.changes_text = "\n".join(
                "#%s: %s -> %s%s"
                % (
                    student,
                    codes.get(old, "-"),
                    codes.get(new, "-"),
                    " (%s -> %s min)" % (old_late, new_late) if old_late != new_late else "",
                )
                for _line, student, old, new, old_late, new_late in (log.changes or [])
            )

    @api.model
    def _school_append(self, action, session, entries, reason=False):
        """Write one log row for ``entries`` (the ``changes`` tuples)."""
        if not entries:
            return self.browse()
        single = entries[0] if len(entries) == 1 else None
        vals = {
            "session_id": session.id,
            "date": session.date,
            "block": session.block,
            "company_id": session.company_id.id,
            "user_id": self.env.uid,
            "action": action,
            "changes": entries,
            "change_count": len(entries),
            "reason": reason,
        }
        if single:
            vals.update(
                {
                    "line_id": single[0] if action != "unlink" else False,
                    "student_id": single[1],
                    "old_code_id": single[2] or False,
                    "new_code_id": single[3] or False,
                    "old_late_minutes": single[4],
                    "new_late_minutes": single[5],
                }
            )
        # sudo: the log is append-only and no role may create, write or
        # delete its rows; this method is its only writer.
        return self.sudo().create(vals)

    @api.depends("action", "session_id", "date", "block")
    def _compute_display_name(self):
        actions = dict(self._fields["action"]._description_selection(self.env))
        for log in self:
            log.display_name = self.env._(
                "%(action)s · %(date)s · block %(block)s",
                action=actions.get(log.action, ""),
                date=log.date.strftime("%d/%m/%Y") if log.date else "",
                block=log.block,
            )

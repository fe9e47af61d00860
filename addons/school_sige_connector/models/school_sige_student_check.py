# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..services.sige_client import SigeError, split_run

RESULTS = [
    ("ok", "Known to SIGE"),
    ("mismatch", "Identity differs from SIGE"),
    ("unknown", "Not in SIGE"),
    ("invalid_run", "RUN not valid"),
    ("error", "Not checked (error)"),
]
CODE_RESULT = {1: "ok", 2: "mismatch", 3: "ok", 4: "unknown", 5: "invalid_run"}


class SchoolSigeStudentCheck(models.Model):
    """Whether SIGE has a record (ficha) of a student, as getValidacion
    answered (sige-interface.md §6): Secretaría fixes the students SIGE does
    not know before their days are sent. Written only by the connector."""

    _name = "school.sige.student.check"
    _description = "SIGE Student Check"
    _order = "result desc, student_id"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", string="School", required=True, index=True)
    student_id = fields.Many2one("op.student", required=True, ondelete="cascade", index=True)
    run = fields.Char(string="RUN")
    result = fields.Selection(RESULTS, required=True)
    code = fields.Integer(string="SIGE Code")
    checked_at = fields.Datetime()
    note = fields.Text(string="What to Do")

    _sql_constraints = [
        ("student_uniq", "unique(company_id, student_id)", "One check per student and school."),
    ]

    @api.depends("student_id", "result")
    def _compute_display_name(self):
        labels = dict(self._fields["result"]._description_selection(self.env))
        for check in self:
            check.display_name = "%s · %s" % (check.student_id.name, labels.get(check.result))

    @api.model
    def _school_validate_pending(self, backend, today, limit=300):
        """Validate the students of this month's days still to send whom
        SIGE was never asked about (or whose check failed), at most
        ``limit`` per run (sudo, from the connector's rounds)."""
        sends = self.env["school.sige.send"].search(
            [
                ("company_id", "=", backend.company_id.id),
                ("state", "in", ("to_send", "failed", "changed")),
                ("date", ">=", today.replace(day=1)),
                ("date", "<=", today),
            ]
        )
        students = self.env["op.student"]
        for batch in sends.batch_ids:
            students |= batch._school_students_on(today)
        done = self.search(
            [
                ("company_id", "=", backend.company_id.id),
                ("student_id", "in", students.ids),
                ("result", "!=", "error"),
            ]
        )
        pending = (students - done.student_id)[:limit]
        if not pending:
            return self.browse()
        try:
            backend._school_client()
        except UserError:
            return self.browse()
        return self._school_validate(backend, pending)

    @api.model
    def _school_validate(self, backend, students):
        """Ask SIGE about ``students`` (sudo, caller checked); one record
        per student, replaced by each check. Returns the checks."""
        _ = self.env._
        existing = {
            c.student_id.id: c
            for c in self.search(
                [("company_id", "=", backend.company_id.id), ("student_id", "in", students.ids)]
            )
        }
        client = None
        checks = self.browse()
        notes = {
            "ok": False,
            "mismatch": _(
                "SIGE has this RUN under other names: Secretaría corrects the names or the RUN."
            ),
            "unknown": _(
                "SIGE has no record of this student: Secretaría registers the student in SIGE "
                "(or corrects the RUN) before the day is sent."
            ),
            "invalid_run": _("The RUN is not valid: Secretaría corrects it."),
            "error": _("SIGE could not be asked; check again later."),
        }
        for student in students:
            values = {
                "company_id": backend.company_id.id,
                "student_id": student.id,
                "run": student.school_id_number,
                "checked_at": fields.Datetime.now(),
                "code": 0,
            }
            try:
                split_run(student.school_id_number)
            except ValueError:
                values["result"] = "invalid_run"
            else:
                client = client or backend._school_client()
                last = (student.last_name or "").split()
                try:
                    response = client.validate_student(
                        backend.company_id.school_rbd,
                        student.school_id_number,
                        " ".join(filter(None, [student.first_name, student.middle_name])),
                        last[0] if last else "",
                        " ".join(last[1:]),
                    )
                    values["code"] = response.code
                    values["result"] = CODE_RESULT.get(response.code, "error")
                except SigeError:
                    values["result"] = "error"
            values["note"] = notes[values["result"]]
            check = existing.get(student.id)
            if check:
                check.write(values)
            else:
                check = self.create(values)
            checks |= check
        return checks

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import create_index

from .school_guard import (
    GUARDIAN,
    INSPECTOR,
    SECRETARY,
    TEACHER,
    check_protected,
    to_db_int,
)

AUDITED_FIELDS = ("code_id", "late_minutes")


class SchoolAttendanceLine(models.Model):
    """One mark: one student in one class block (a lean row, no chatter)."""

    _name = "school.attendance.line"
    _description = "Attendance Mark"
    _order = "date desc, block, student_id"
    _check_company_auto = True
    # Who created or changed a mark, and when, is in school.attendance.log:
    # the four magic columns would only repeat it on every row.
    _log_access = False
    # Written only by the addon's own steps (a justification keeps the
    # original mark), under sudo after their caller check.
    _school_protected_fields = frozenset({"original_code_id"})

    # Indexes: (session_id, student_id) is the unique constraint's; marks are
    # read by block (session) or by student and period (rates, justifications,
    # the register rows' refresh).
    session_id = fields.Many2one("school.attendance.session", required=True, ondelete="restrict")
    student_id = fields.Many2one("op.student", required=True)
    code_id = fields.Many2one("school.attendance.code", string="Code", required=True)
    late_minutes = fields.Integer(string="Minutes Late")
    original_code_id = fields.Many2one(
        "school.attendance.code",
        string="Original Code",
        help="The mark as first taken, kept when a justification changes it.",
    )
    # Copies of the session's keys, written once at creation, so that
    # registers and percentages group marks without joining sessions.
    batch_id = fields.Many2one("op.batch", string="Course", required=True)
    date = fields.Date(required=True)
    block = fields.Integer(required=True)
    company_id = fields.Many2one("res.company", string="School", required=True)

    _sql_constraints = [
        (
            "session_student_uniq",
            "unique(session_id, student_id)",
            "A student has one mark per block.",
        ),
    ]

    def init(self):
        # Schema only (idempotent); data migrations live in migrations/.
        create_index(
            self.env.cr,
            "school_attendance_line_student_date_idx",
            self._table,
            ["student_id", "date"],
        )

    # ORM entry points: the checks of a caller (Inspectoría's backend, RPC),
    # then the one write path below.
    @api.model_create_multi
    def create(self, vals_list):
        check_protected(self, vals_list, self._school_protected_fields)
        if not self.env.su:
            # A mark belongs to its block: its copies of the block's keys
            # are the block's, whatever the caller sent.
            sessions = self.env["school.attendance.session"].browse(
                {vals.get("session_id") for vals in vals_list if vals.get("session_id")}
            )
            keys = {
                session.id: {
                    "batch_id": session.batch_id.id,
                    "date": session.date,
                    "block": session.block,
                    "company_id": session.company_id.id,
                }
                for session in sessions
            }
            for vals in vals_list:
                if vals.get("session_id"):
                    vals.update(keys[vals["session_id"]])
            # A mark is of a student of the block's course on its day: a
            # teacher cannot record (and sign) a day for another course's
            # student through their own block.
            for session in sessions:
                students = {
                    vals.get("student_id")
                    for vals in vals_list
                    if vals.get("session_id") == session.id
                }
                if students - set(session.batch_id._school_students_on(session.date).ids):
                    raise AccessError(
                        self.env._(
                            "Only the students enrolled in %(course)s on %(date)s can be "
                            "marked in its block.",
                            course=session.batch_id.name,
                            date=session.date.strftime("%d/%m/%Y"),
                        )
                    )
            self.env["school.attendance.code"]._school_check_code_for_caller(
                {vals["code_id"] for vals in vals_list if vals.get("code_id")}
            )
        lines = super().create(vals_list)
        self._school_write_marks(created=lines)
        return lines

    def write(self, vals):
        # A mark never moves to another block; its original code is the
        # addon's to keep (sudo, after the caller check).
        allowed = set(AUDITED_FIELDS) | (self._school_protected_fields if self.env.su else set())
        if set(vals) - allowed:
            raise UserError(self.env._("Only the code and the minutes late of a mark can change."))
        self._school_check_editable()
        if not self.env.su and vals.get("code_id"):
            self.env["school.attendance.code"]._school_check_code_for_caller({vals["code_id"]})
        marks = {name: value for name, value in vals.items() if name in AUDITED_FIELDS}
        if len(marks) < len(vals):
            # The original code (sudo only): not a change of the mark.
            super().write({name: vals[name] for name in set(vals) - set(marks)})
        if marks:
            self._school_write_marks(changes=[(self, marks)])
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self.env["res.users"]._school_require_role(
            INSPECTOR,
            message=self.env._("Only Inspectoría can delete attendance blocks or marks."),
        )
        self._school_check_editable()

    def unlink(self):
        # The write path logs the deletion, runs the ORM's unlink (and its
        # ondelete checks), then refreshes what the marks were part of.
        self._school_write_marks(delete=self, unlink=super().unlink)
        return True

    # --------------------------------------------- the one write path --
    # teacher's tap -> mark -> register row -> _school_marks_changed
    @api.model
    def _school_write_marks(
        self, changes=(), created=None, delete=None, unlink=None, reason=None, keep_original=False
    ):
        """Write marks: every change of a mark but a block's first save
        goes here (a block saved again, Inspectoría's edits, approved
        corrections, accepted justifications, deletions); the first save,
        one SQL statement (school.attendance.session._school_insert_block),
        ends in the same _school_marks_written.

        ``changes``: ``[(marks, {"code_id": id, "late_minutes": n})]``, each
        group of marks set to its values (marks already so are left alone);
        ``created``: marks just inserted (by the ORM's create); ``delete``:
        marks to delete (``unlink``: the ORM's unlink of them, default
        theirs without this class's override).
        ``reason`` goes to the audit log. With ``keep_original`` each changed
        mark without an original code keeps its current one as its original
        (an accepted justification).

        The caller was checked (the public entry points above, or the
        addon's steps under sudo); here: a signed block's marks change only
        under sudo, a closed month not at all. Writes through the ORM, one
        audit log row per block and operation, then _school_marks_written.
        Returns whether any mark changed.
        """
        keys = set()
        register_keys = set()
        for lines, vals in changes:
            if set(vals) - set(AUDITED_FIELDS):
                raise UserError(
                    self.env._("Only the code and the minutes late of a mark can change.")
                )
            lines = lines.filtered(lambda line, vals=vals: line._school_differs(vals))
            if not lines:
                continue
            lines._school_check_editable()
            if keep_original:
                by_code = defaultdict(lambda: self.browse())
                for line in lines.filtered(lambda line: not line.original_code_id):
                    by_code[line.code_id.id] |= line
                for code_id, originals in by_code.items():
                    super(SchoolAttendanceLine, originals).write({"original_code_id": code_id})
            old = {line.id: (line.code_id.id, line.late_minutes) for line in lines}
            super(SchoolAttendanceLine, lines).write(vals)
            lines._school_log("write", old, reason)
            keys |= lines._school_block_keys()
            if "code_id" in vals:
                register_keys |= lines._school_register_keys()
        if created:
            created._school_check_editable()
            created._school_log("create", {}, reason)
            keys |= created._school_block_keys()
            register_keys |= created._school_register_keys()
        if delete:
            delete._school_log(
                "unlink", {line.id: (line.code_id.id, line.late_minutes) for line in delete}, reason
            )
            keys |= delete._school_block_keys()
            register_keys |= delete._school_register_keys()
            # The ondelete check (Inspectoría, an editable block) runs here.
            (unlink or super(SchoolAttendanceLine, delete).unlink)()
        self._school_marks_written(keys, register_keys)
        return bool(keys)

    @api.model
    def _school_marks_written(self, keys, register_keys=()):
        """The end of every write of marks: bring the register rows of
        ``register_keys`` (_school_register_keys) up to date, then tell
        _school_marks_changed about ``keys`` (nothing changed: no call)."""
        if register_keys:
            self.env["school.attendance.register.line"]._school_refresh(register_keys)
        if keys:
            self._school_marks_changed(frozenset(keys))

    @api.model
    def _school_marks_changed(self, keys):
        """Extension point: the marks of these blocks changed.

        ``keys``: ``{(company id, course id, date, block)}``, one per block
        whose marks were created, changed or deleted by one logical change
        (a block's first save or a save again with differences, an edit, an
        approved correction, an accepted justification, a deletion). Called
        exactly once per such change, after the marks, their audit log and
        the register rows (school.attendance.register.line, including the
        SIGE day masks) are written, in the writer's environment (the
        writer was checked; use sudo for your own records). Not called when
        nothing changed (a block sent again as it was).

        Override it (call super) to follow changes, e.g. the SIGE connector
        marks the days it already sent as to be sent again. Do not extend
        create/write/unlink of the marks: a block's first save writes them
        in one SQL statement, without the ORM."""
        return

    # ---------------------------------------------------------- helpers --
    def _school_check_editable(self):
        # A signed block's marks change only through the addon's own steps
        # (an approved correction, an accepted justification), which write
        # them under sudo after checking their caller. No context key.
        if not self.env.su and any(line.session_id.state == "signed" for line in self):
            raise UserError(
                self.env._("This block is signed: ask for a correction to change a mark.")
            )
        self.env["school.attendance.month"]._check_open(
            {(line.company_id.id, line.date) for line in self}
        )

    def _school_differs(self, vals):
        """Whether this mark is not already ``vals`` (code, minutes late)."""
        self.ensure_one()
        return ("code_id" in vals and self.code_id.id != vals["code_id"]) or (
            "late_minutes" in vals and self.late_minutes != (vals["late_minutes"] or 0)
        )

    def _school_block_keys(self):
        """The blocks of these marks: ``{(company id, course id, date,
        block)}`` (the keys of _school_marks_changed)."""
        return {(line.company_id.id, line.batch_id.id, line.date, line.block) for line in self}

    def _school_register_keys(self):
        """The register rows these marks are part of: ``{(course id,
        student id, month)}`` of the marks of daily blocks."""
        return {
            (line.batch_id.id, line.student_id.id, line.date.replace(day=1))
            for line in self
            if line.block == line.company_id.school_attendance_daily_block
        }

    def _school_log(self, action, old, reason=None):
        """Append the changes of this operation to the audit log, one row
        per session (Circular 30 audit trail)."""
        by_session = defaultdict(list)
        for line in self:
            before = old.get(line.id, (False, 0))
            after = (False, 0) if action == "unlink" else (line.code_id.id, line.late_minutes)
            if action == "write" and before == after:
                continue
            by_session[line.session_id].append(
                [line.id, line.student_id.id, before[0], after[0], before[1], after[1]]
            )
        log = self.env["school.attendance.log"]
        for session, entries in by_session.items():
            log._school_append(action, session, entries, reason or False)

    def _school_apply_marks(self, session, students, wanted, present, reason=None):
        """Bring the session's marks to ``wanted`` ({student id: (code id,
        late)}, everyone else present) in one write: one UPDATE per distinct
        mark, the marks of students enrolled since created."""
        existing = {line.student_id.id: line for line in self}
        to_create = []
        to_write = defaultdict(lambda: self.browse())
        for student_id in students.ids:
            target = wanted.get(student_id, (present.id, 0))
            line = existing.get(student_id)
            if not line:
                to_create.append(
                    {
                        "session_id": session.id,
                        "student_id": student_id,
                        "code_id": target[0],
                        "late_minutes": target[1],
                        "batch_id": session.batch_id.id,
                        "date": session.date,
                        "block": session.block,
                        "company_id": session.company_id.id,
                    }
                )
            elif (line.code_id.id, line.late_minutes) != target:
                to_write[target] |= line
        return self._school_write_marks(
            changes=[
                (lines, {"code_id": code_id, "late_minutes": late})
                for (code_id, late), lines in to_write.items()
            ],
            # Students enrolled since the block was first saved.
            created=super().create(to_create) if to_create else None,
            reason=reason,
        )

    @api.model
    def _school_require_attendance_reader(self, students):
        """Raise AccessError unless the caller may read the attendance of
        every one of ``students``: a school-wide role (Secretaría,
        Inspectoría, the Director), a teacher of one of the student's
        courses, or one of the student's apoderados."""
        users = self.env["res.users"]
        if users._school_has_role(SECRETARY):
            return
        uid = self.env.uid
        # sudo: who teaches the students' courses and who their apoderados
        # are, read only to decide here; nothing of it reaches the caller.
        if users._school_has_role(TEACHER) and all(
            uid in student.course_detail_ids.batch_id.teacher_user_ids.ids
            for student in students.sudo()
        ):
            return
        if users._school_has_role(GUARDIAN) and all(
            uid in student.school_guardian_user_ids.ids for student in students.sudo()
        ):
            return
        raise AccessError(
            self.env._(
                "Only the students' teachers, their apoderados, Inspectoría or Secretaría "
                "can read their attendance."
            )
        )

    # ------------------------------------------------------------ API ----
    @api.model
    def attendance_rates(self, student_ids, date_from, date_to):
        """Daily attendance of students between two dates (both included).

        Returns ``{student_id: {"present": n, "days": d, "rate": percent}}``.
        Read with the caller's rights: students and marks they may not read
        raise AccessError.
        Only the school's daily block counts (res.company setting, default
        the 2nd), only real school days count (school calendar), from the
        student's enrolment to their withdrawal, never "÷ 31"; days marked
        with a code that does not count as a school day (not enrolled,
        transferred…) leave the denominator; a school day without a mark
        counts as not attended ("se entenderá sin registro de asistencia").
        """
        try:
            date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
            students = self.env["op.student"].browse([to_db_int(sid) for sid in student_ids])
        except (TypeError, ValueError):
            raise UserError(self.env._("Give student numbers and two valid dates.")) from None
        if not (date_from and date_to):
            raise UserError(self.env._("Give student numbers and two valid dates."))
        # Read-only, and only for whom the caller may read: checked first,
        # then the marks and enrolments are read through the caller's
        # record rules.
        self.check_access("read")
        students.check_access("read")
        self._school_require_attendance_reader(students)
        enrolments = self.env["op.student.course"].search([("student_id", "in", students.ids)])
        ranges = defaultdict(list)
        for enrolment in enrolments:
            start = max(date_from, enrolment.school_enrolment_date or date_from)
            end = min(date_to, enrolment.school_withdrawal_date or date_to)
            if start <= end:
                ranges[enrolment.student_id.id].append((start, end))
        result = {}
        calendar = self.env["school.calendar"]
        for company in students.company_id or self.env.company:
            company_students = students.filtered(lambda s, c=company: s.company_id == c)
            days = calendar.school_days(date_from, date_to, company=company)
            rows = self._read_group(
                [
                    ("student_id", "in", company_students.ids),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    ("block", "=", company.school_attendance_daily_block),
                ],
                ["student_id", "code_id"],
                ["__count"],
            )
            present = defaultdict(int)
            excluded = defaultdict(int)
            for student, code, count in rows:
                if not code.counts_as_school_day:
                    excluded[student.id] += count
                elif code.sige_status == "present":
                    present[student.id] += count
            for student in company_students:
                counted = (
                    sum(
                        1
                        for day in days
                        if any(start <= day <= end for start, end in ranges[student.id])
                    )
                    - excluded[student.id]
                )
                result[student.id] = {
                    "present": present[student.id],
                    "days": counted,
                    "rate": round(100.0 * present[student.id] / counted, 1) if counted else 0.0,
                }
        return result

    @api.depends("batch_id", "date", "block", "student_id")
    def _compute_display_name(self):
        # "1° básico A · 02/12 · bloque 2 · Agustín Vargas"
        for line in self:
            line.display_name = self.env._(
                "%(course)s · %(date)s · block %(block)s · %(student)s",
                course=line.batch_id.name or "",
                date=line.date.strftime("%d/%m") if line.date else "",
                block=line.block,
                student=line.student_id.name or "",
            )

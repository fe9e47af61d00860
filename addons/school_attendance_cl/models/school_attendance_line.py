# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, create_index

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
        create_index(
            self.env.cr,
            "school_attendance_line_student_date_idx",
            self._table,
            ["student_id", "date"],
        )
        # The registers read school.attendance.register.line now, not the
        # marks by course and month: one index less to write per mark.
        self.env.cr.execute("DROP INDEX IF EXISTS school_attendance_line_batch_date_idx")

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
        lines = super().create(vals_list)
        lines._school_check_editable()
        lines._school_log("create", {})
        self.env["school.attendance.register.line"]._school_refresh(lines._school_register_keys())
        return lines

    def write(self, vals):
        # A mark never moves to another block; its original code is the
        # addon's to keep (sudo, after the caller check).
        allowed = set(AUDITED_FIELDS) | (self._school_protected_fields if self.env.su else set())
        if set(vals) - allowed:
            raise UserError(self.env._("Only the code and the minutes late of a mark can change."))
        self._school_check_editable()
        old = {line.id: (line.code_id.id, line.late_minutes) for line in self}
        result = super().write(vals)
        self._school_log("write", old)
        if "code_id" in vals:
            self.env["school.attendance.register.line"]._school_refresh(
                self._school_register_keys()
            )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self.env["res.users"]._school_require_role(
            INSPECTOR,
            message=self.env._("Only Inspectoría can delete attendance blocks or marks."),
        )
        self._school_check_editable()

    def unlink(self):
        self._school_log("unlink", {line.id: (line.code_id.id, line.late_minutes) for line in self})
        keys = self._school_register_keys()
        result = super().unlink()
        self.env["school.attendance.register.line"]._school_refresh(keys)
        return result

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

    def _school_register_keys(self):
        """The register rows these marks are part of: ``{(course id,
        student id, month)}`` of the marks of daily blocks."""
        return {
            (line.batch_id.id, line.student_id.id, line.date.replace(day=1))
            for line in self
            if line.block == line.company_id.school_attendance_daily_block
        }

    def _school_keep_original(self):
        """Remember each line's current code as its original mark."""
        by_code = defaultdict(lambda: self.browse())
        for line in self:
            by_code[line.code_id] |= line
        for code, lines in by_code.items():
            lines.write({"original_code_id": code.id})

    def _school_log(self, action, old):
        """Append the changes of this operation to the audit log, one row
        per session (Circular 30 audit trail)."""
        reason = self.env.context.get("school_attendance_reason") or False
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
            log._school_append(action, session, entries, reason)

    @api.model
    def _school_insert_marks(self, session, students, wanted, present):
        """The first save of a block: insert every mark in one statement.

        The hot path of the class book (16,000 marks a day in a large
        school) bypasses the ORM's per-record create, measured in
        tests/bench/attendance_bench.py. Access was checked by creating the
        session through the ORM (same course, same record rules) and here at
        model level; the month was checked open; the ORM cache of marks is
        invalidated and the insert is logged like any creation.
        """
        self.check_access("create")
        student_ids = students.ids
        targets = [wanted.get(student_id, (present.id, 0)) for student_id in student_ids]
        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO school_attendance_line
                    (session_id, student_id, code_id, late_minutes, batch_id, date, block,
                     company_id)
                SELECT %(session)s, t.student, t.code, t.late, %(batch)s, %(date)s, %(block)s,
                       %(company)s
                  FROM unnest(%(students)s::int[], %(codes)s::int[], %(lates)s::int[])
                       AS t(student, code, late)
                RETURNING id, student_id
                """,
                session=session.id,
                batch=session.batch_id.id,
                date=session.date,
                block=session.block,
                company=session.company_id.id,
                students=student_ids,
                codes=[target[0] for target in targets],
                lates=[target[1] for target in targets],
            )
        )
        self.invalidate_model()
        session.invalidate_recordset(["line_ids"])
        target_by_student = dict(zip(student_ids, targets, strict=True))
        self.env["school.attendance.log"]._school_append(
            "create",
            session,
            [
                [
                    line_id,
                    student_id,
                    False,
                    target_by_student[student_id][0],
                    0,
                    target_by_student[student_id][1],
                ]
                for line_id, student_id in rows
            ],
            self.env.context.get("school_attendance_reason") or False,
        )
        lines = self.browse([row[0] for row in rows])
        self.env["school.attendance.register.line"]._school_refresh(lines._school_register_keys())
        return lines

    def _school_apply_marks(self, session, students, wanted, present):
        """Bring the session's marks to ``wanted`` ({student id: (code id,
        late)}, everyone else present) with one UPDATE per distinct mark."""
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
        for (code_id, late), lines in to_write.items():
            lines.write({"code_id": code_id, "late_minutes": late})
        if to_create:
            self.create(to_create)

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

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .school_guard import INSPECTOR, check_protected, to_db_int


class SchoolAttendanceSession(models.Model):
    """The attendance of one class block of one course on one day.

    Marks live in school.attendance.line, one row per student, with no
    chatter and no tracking: the audit trail Circular 30 asks for goes to the
    append-only school.attendance.log instead (shared/research/anchors.md
    §3.2). Once signed, a mark changes only through a correction request
    approved by the Director (visado).
    """

    _name = "school.attendance.session"
    _description = "Class Block Attendance"
    _order = "date desc, block, batch_id"
    _check_company_auto = True
    # Set only by action_sign/save_block (sudo, after their caller check).
    _school_protected_fields = frozenset({"state", "signed_by_id", "signed_at"})
    # What the block is: fixed once created (its marks copy it).
    _school_fixed_fields = frozenset({"batch_id", "date", "block", "company_id"})

    batch_id = fields.Many2one(
        "op.batch", string="Course", required=True, index=True, check_company=True
    )
    date = fields.Date(required=True, index=True)
    block = fields.Integer(required=True, default=1, help="Class block of the day (1, 2, …).")
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("signed", "Signed")], default="draft", required=True, index=True
    )
    signed_by_id = fields.Many2one("res.users", string="Signed By", readonly=True)
    signed_at = fields.Datetime(readonly=True)
    line_ids = fields.One2many("school.attendance.line", "session_id", string="Marks")

    _sql_constraints = [
        (
            "batch_date_block_uniq",
            "unique(batch_id, date, block)",
            "A course has one attendance per block and day.",
        ),
    ]

    @api.depends("batch_id", "date", "block")
    def _compute_display_name(self):
        for session in self:
            session.display_name = "%s · %s · %s" % (
                session.batch_id.name,
                session.date,
                session.block,
            )

    @api.model_create_multi
    def create(self, vals_list):
        check_protected(self, vals_list, self._school_protected_fields)
        self.env["school.attendance.month"]._check_open(
            [
                (vals.get("company_id") or self.env.company.id, fields.Date.to_date(vals["date"]))
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], self._school_protected_fields | self._school_fixed_fields)
        if not self.env.su and any(session.state == "signed" for session in self):
            raise UserError(
                self.env._("This block is signed: ask for a correction to change a mark.")
            )
        self.env["school.attendance.month"]._check_open([(s.company_id.id, s.date) for s in self])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self.env["res.users"]._school_require_role(
            INSPECTOR,
            message=self.env._("Only Inspectoría can delete attendance blocks or marks."),
        )
        if any(session.state == "signed" for session in self):
            raise UserError(self.env._("A signed attendance cannot be deleted."))
        self.env["school.attendance.month"]._check_open([(s.company_id.id, s.date) for s in self])

    def unlink(self):
        # A draft block's marks go first, through their own checks and audit
        # log (the marks' foreign key would otherwise refuse the delete).
        self.line_ids.unlink()
        return super().unlink()

    # ---------------------------------------------------------- actions --
    def action_sign(self):
        """The teacher signs the block: its marks are final from now on.

        Only a teacher of the block's course, Inspectoría or Secretaría."""
        self.check_access("write")
        self.batch_id._school_require_class_book()
        # sudo: the signature fields are protected; the caller was checked.
        self.filtered(lambda s: s.state == "draft").sudo()._school_sign()
        return True

    def _school_sign(self):
        self.write(
            {"state": "signed", "signed_by_id": self.env.uid, "signed_at": fields.Datetime.now()}
        )

    # ------------------------------------------------------------ API ----
    @api.model
    def save_block(self, batch_id, date, block, marks=(), sign=False, reason=None):
        """Record the attendance of one block; the method the portal calls.

        Every student enrolled in the course on ``date`` is present except
        those in ``marks``, a list of ``{"student_id": id, "code": key,
        "late_minutes": n}`` (``code`` is a school.attendance.code key such
        as ``absent`` or ``late``). Sending the same block again is harmless
        (retry-safe): only differences are written, and logged; sending
        again exactly what a signed block holds is a success that writes
        nothing (a retry after a lost answer), while different marks on a
        signed block need a correction. The number of
        SQL queries does not depend on the class size. With ``sign`` the
        block is signed; ``reason`` is the note the audit log keeps (e.g. a
        list first taken on paper). The marks are written by the class book's one
        write path (school.attendance.line._school_write_marks, or for the
        first save the one statement of _school_insert_block), which ends
        in school.attendance.line._school_marks_changed. Returns the
        session.
        """
        batch_id, date, block, marks = self._school_parse_block(batch_id, date, block, marks)
        if reason is not None and not isinstance(reason, str):
            raise UserError(self.env._("The reason must be text."))
        # A course that does not exist raises MissingError (a UserError).
        batch = self.env["op.batch"].browse(batch_id)
        batch.check_access("read")
        # The caller keeps this course's class book: one check per call,
        # whatever the class size.
        batch._school_require_class_book()
        company = batch.company_id or self.env.company
        if date not in self.env["school.calendar"]._school_month_days(company, date):
            raise UserError(
                self.env._(
                    "%(date)s is not a school day of %(school)s.",
                    date=date.strftime("%d/%m/%Y"),
                    school=company.name,
                )
            )
        codes = self.env["school.attendance.code"]._school_code_map()
        present = self.env["school.attendance.code"].browse(codes["present"][0])
        wanted = {}
        for mark in marks:
            code = codes.get(mark.get("code"))
            if not code:
                raise UserError(
                    self.env._("Unknown attendance code %(code)s.", code=mark.get("code"))
                )
            late = mark["late_minutes"] if code[1] else 0
            if late < 0:
                raise UserError(self.env._("Minutes late cannot be negative."))
            wanted[mark["student_id"]] = (code[0], late)
        self.env["school.attendance.code"]._school_check_code_for_caller(
            {code_id for code_id, _late in wanted.values()}
        )
        self.env["school.attendance.month"]._check_open([(company.id, date)])
        vals = {"batch_id": batch.id, "date": date, "block": block, "company_id": company.id}
        fast_vals = dict(vals)
        if sign:
            # Taken and signed in one go: no draft step to store (the caller
            # was checked above).
            fast_vals.update(
                state="signed", signed_by_id=self.env.uid, signed_at=fields.Datetime.now()
            )
        session, enrolled = self._school_insert_block(batch, fast_vals, wanted, present, reason)
        if enrolled is None:
            enrolled = batch._school_students_on(date)
        unknown = set(wanted) - set(enrolled.ids)
        if unknown:
            raise UserError(
                self.env._(
                    "These students are not enrolled in %(course)s on %(date)s: %(ids)s",
                    course=batch.name,
                    date=date.strftime("%d/%m/%Y"),
                    ids=", ".join(map(str, sorted(unknown))),
                )
            )
        if session:
            return session
        session = self.search(
            [("batch_id", "=", batch.id), ("date", "=", date), ("block", "=", block)], limit=1
        )
        if session.state == "signed":
            # A re-send of what the block already holds (a retry after a
            # lost answer, a second tap) is the save that went through:
            # nothing is written, nothing is logged. Only different marks
            # need a correction.
            if session._school_holds_marks(enrolled, wanted, present):
                return session
            raise UserError(
                self.env._("This block is signed: ask for a correction to change a mark.")
            )
        if not session:
            # The first save could not vouch for the caller's rights: the
            # ORM's create raises the usual error, or creates the block
            # whose marks are then written as for a block saved again.
            session = self.create(vals)
        session.line_ids._school_apply_marks(session, enrolled, wanted, present, reason)
        if sign:
            # sudo: the signature fields are protected; the caller was
            # checked above.
            session.sudo()._school_sign()
        return session

    def _school_holds_marks(self, students, wanted, present):
        """Whether the block already holds exactly ``wanted`` ({student id:
        (code id, late)}) for ``students``, everyone else present: the marks
        save_block would write, compared with the stored ones (code and
        minutes late), read with the caller's rights."""
        self.ensure_one()
        stored = {
            line.student_id.id: (line.code_id.id, line.late_minutes) for line in self.line_ids
        }
        return all(
            stored.get(student_id) == wanted.get(student_id, (present.id, 0))
            for student_id in students.ids
        )

    @api.model
    def _school_parse_block(self, batch_id, date, block, marks):
        """The arguments of save_block as their types, or a UserError that
        names the wrong one (RPC and the portal pass what they received)."""
        try:
            batch_id = to_db_int(batch_id)
        except (TypeError, ValueError):
            raise UserError(self.env._("The course must be given by its number.")) from None
        try:
            date = fields.Date.to_date(date)
        except (TypeError, ValueError):
            date = None
        if not date:
            raise UserError(self.env._("The date must be a valid date (YYYY-MM-DD)."))
        try:
            block = to_db_int(block)
        except (TypeError, ValueError):
            raise UserError(self.env._("The block must be a number.")) from None
        if block < 1:
            raise UserError(self.env._("The block must be a number."))
        if not isinstance(marks, list | tuple) or not all(isinstance(m, dict) for m in marks):
            raise UserError(self.env._("The marks must be a list of student marks."))
        parsed = []
        for mark in marks:
            try:
                student_id = to_db_int(mark.get("student_id"))
                late = to_db_int(mark.get("late_minutes") or 0)
            except (TypeError, ValueError):
                raise UserError(
                    self.env._("A mark needs a student number and its minutes late as a number.")
                ) from None
            if not isinstance(mark.get("code"), str):
                raise UserError(
                    self.env._("Unknown attendance code %(code)s.", code=mark.get("code"))
                )
            parsed.append(
                {"student_id": student_id, "code": mark.get("code"), "late_minutes": late}
            )
        return batch_id, date, block, parsed

    @api.model
    def _school_insert_block(self, batch, vals, wanted, present, reason=None):
        """The first save of a block in one statement: read who is enrolled,
        insert the session, every mark and the audit log row, and, for the
        school's daily block, add the marks to the register rows.

        Returns ``(session, students)``: the new session (empty when the
        block already exists, or when a marked student is not enrolled:
        then nothing is written and the caller refuses the marks) and the
        students enrolled on the day. Returns ``(empty, None)`` when the
        fast path cannot vouch for the access rules: the caller then takes
        the ORM path, which raises the usual errors.

        The hot path of the class book (16,000 marks a day in a large
        school, tests/bench/attendance_bench.py) bypasses the ORM's create.
        What create would check is checked here first: the access rights
        (create on blocks and marks), the record rules of the block,
        evaluated on the values to insert as create evaluates them on the
        new record (filtered_domain); save_block checked the course's read
        rules, the school day and the closed month; the company is the
        course's by construction. The course's enrolments are read as the
        system, save_block having checked that the caller keeps its class
        book. Nothing of these tables is pending in the ORM
        (flushed) and the new rows are not in its cache.
        """
        line_model = self.env["school.attendance.line"]
        if not (self.has_access("create") and line_model.has_access("create")):
            return self.browse(), None
        rule_domain = self.env["ir.rule"]._compute_domain(self._name, "create")
        # sudo: an in-memory record, only to evaluate the user's create rules
        # on the values (the related course/teachers may be unreadable as such).
        if rule_domain and not self.sudo().new(vals).filtered_domain(rule_domain):
            return self.browse(), None
        for model in (self, line_model, self.env["school.attendance.log"]):
            model.flush_model()
        # The course's roll on the day, as the system: save_block checked
        # first that the caller keeps this course's class book
        # (_school_require_class_book), so the roll is theirs to mark.
        # Compiling the enrolments' domain and record rules again for every
        # block was a fifth of the first save's time; this is the query
        # op.batch._school_enrolment_query builds, without them.
        self.env["op.student.course"].flush_model(
            ["batch_id", "student_id", "school_enrolment_date", "school_withdrawal_date"]
        )
        enrolment = SQL(
            """
            SELECT student_id FROM op_student_course
             WHERE batch_id = %(batch)s AND school_enrolment_date <= %(date)s
               AND (school_withdrawal_date IS NULL OR school_withdrawal_date >= %(date)s)
            """,
            batch=batch.id,
            date=vals["date"],
        )
        register = SQL()
        company = self.env["res.company"].browse(vals["company_id"])
        if vals["block"] == company.school_attendance_daily_block:
            # The daily block's marks are also the register's rows.
            register = SQL(
                ", new_register AS (%s)",
                self.env["school.attendance.register.line"]._school_upsert_block_sql(
                    SQL.identifier("new_line"), vals, present
                ),
            )
        now = self.env.cr.now()
        rows = self.env.execute_query(
            SQL(
                """
                WITH enrolled AS (%(enrolment)s),
                roll AS (
                    SELECT COALESCE(
                               array_agg(DISTINCT student_id ORDER BY student_id), '{}'
                           )::int[] AS ids
                      FROM enrolled
                ), new_session AS (
                    INSERT INTO school_attendance_session
                        (batch_id, date, block, company_id, state, signed_by_id, signed_at,
                         create_uid, create_date, write_uid, write_date)
                    SELECT %(batch)s, %(date)s, %(block)s, %(company)s, %(state)s,
                           %(signed_by)s, %(signed_at)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM roll
                     WHERE %(marked)s::int[] <@ roll.ids
                    ON CONFLICT (batch_id, date, block) DO NOTHING
                    RETURNING id
                ), new_line AS (
                    -- Everyone enrolled is present but the marked students.
                    INSERT INTO school_attendance_line
                        (session_id, student_id, code_id, late_minutes, batch_id, date, block,
                         company_id)
                    SELECT s.id, r.student, COALESCE(m.code, %(present)s), COALESCE(m.late, 0),
                           %(batch)s, %(date)s, %(block)s, %(company)s
                      FROM new_session s
                     CROSS JOIN roll
                     CROSS JOIN unnest(roll.ids) AS r(student)
                      LEFT JOIN unnest(%(marked)s::int[], %(codes)s::int[], %(lates)s::int[])
                                AS m(student, code, late) ON m.student = r.student
                    RETURNING id, student_id, code_id, late_minutes
                ), changes AS (
                    SELECT count(*) AS n, min(id) AS line, min(student_id) AS student,
                           min(code_id) AS code, min(late_minutes) AS late,
                           jsonb_agg(
                               jsonb_build_array(id, student_id, false, code_id, 0, late_minutes)
                               ORDER BY id
                           ) AS entries
                      FROM new_line
                ), new_log AS (
                    -- One audit log row for the operation, as _school_append
                    -- writes it: a single mark in the plain fields too.
                    INSERT INTO school_attendance_log
                        (session_id, line_id, student_id, date, block, company_id, user_id,
                         action, old_code_id, new_code_id, old_late_minutes, new_late_minutes,
                         changes, change_count, reason,
                         create_uid, create_date, write_uid, write_date)
                    SELECT s.id,
                           CASE WHEN c.n = 1 THEN c.line END,
                           CASE WHEN c.n = 1 THEN c.student END,
                           %(date)s, %(block)s, %(company)s, %(uid)s, 'create', NULL,
                           CASE WHEN c.n = 1 THEN c.code END,
                           CASE WHEN c.n = 1 THEN 0 END,
                           CASE WHEN c.n = 1 THEN c.late END,
                           c.entries, c.n, %(reason)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM new_session s, changes c
                     WHERE c.n > 0
                )%(register)s
                SELECT roll.ids, (SELECT id FROM new_session) FROM roll
                """,
                register=register,
                enrolment=enrolment,
                batch=vals["batch_id"],
                date=vals["date"],
                block=vals["block"],
                company=vals["company_id"],
                state=vals.get("state", "draft"),
                signed_by=vals.get("signed_by_id"),
                signed_at=vals.get("signed_at"),
                uid=self.env.uid,
                now=now,
                present=present.id,
                marked=list(wanted),
                codes=[code for code, _late in wanted.values()],
                lates=[late for _code, late in wanted.values()],
                reason=reason or None,
            )
        )
        student_ids, session_id = rows[0]
        students = self.env["op.student"].browse(student_ids)
        if not session_id:
            return self.browse(), students
        line_model.invalidate_model()
        self.env["school.attendance.register.line"].invalidate_model()
        # The end of every write of marks; the register rows were written
        # above, in the same statement.
        if student_ids:
            line_model._school_marks_written(
                {(vals["company_id"], vals["batch_id"], vals["date"], vals["block"])}
            )
        return self.browse(session_id), students

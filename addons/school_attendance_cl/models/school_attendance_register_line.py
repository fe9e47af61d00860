# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

# Days of a month, as offsets from the 1st.
MONTH_DAYS = 31
# A code id in ``codes``: the character of code point CODE_BASE + id (a
# space where the day holds the present code, or no mark).
CODE_BASE = 48


class SchoolAttendanceRegisterLine(models.Model):
    """One row of the monthly register: the daily attendance (the school's
    daily block, res.company) of a student in a course and a month, as the
    register and SIGE read it, kept up to date by the class book whenever a
    mark of a daily block is written (school.attendance.line's write path,
    _school_write_marks, and a block's first save).

    The register of a whole school's month reads a row per student here
    instead of aggregating tens of thousands of marks (issue: attendance,
    benchmark (b)). The marks stay the record (school.attendance.line and
    its audit log); these rows can always be rebuilt from them
    (_school_rebuild), and are written only by SQL in this addon: nobody
    has write access.
    """

    _name = "school.attendance.register.line"
    _description = "Monthly Register Row"
    _order = "month desc, batch_id, student_id"
    _log_access = False

    company_id = fields.Many2one("res.company", string="School", required=True, ondelete="cascade")
    batch_id = fields.Many2one("op.batch", string="Course", required=True, ondelete="cascade")
    student_id = fields.Many2one("op.student", required=True, ondelete="cascade")
    month = fields.Date(required=True, help="The first day of the month.")
    marked = fields.Integer(
        string="Days Marked", help="Bit n: the day n days after the 1st has a daily mark."
    )
    others = fields.Integer(
        string="Days Not Present",
        help="Bit n: the daily mark of the day n days after the 1st is not the present code.",
    )
    codes = fields.Char(
        help="One character a day of the month: the code of a day in 'Days Not Present' "
        "(code point 48 + its id), else a space."
    )
    # What SIGE receives (school.attendance.code's sige_status): a late
    # arrival is present, a justified absence absent, a day marked with a
    # code SIGE does not receive (not enrolled, transferred…) in neither.
    sige_present = fields.Integer(
        string="Days Present (SIGE)",
        help="Bit n: the daily mark of the day n days after the 1st is sent to SIGE as present.",
    )
    sige_absent = fields.Integer(
        string="Days Absent (SIGE)",
        help="Bit n: the daily mark of the day n days after the 1st is sent to SIGE as absent.",
    )

    # Its index also serves the register, which reads courses' months.
    _sql_constraints = [
        (
            "batch_month_student_uniq",
            "unique(batch_id, month, student_id)",
            "A student has one register row per course and month.",
        ),
    ]

    # ------------------------------------------------------------ API ----
    @api.model
    def _school_refresh(self, keys):
        """Rebuild the rows of ``keys``, ``{(batch id, student id, month)}``
        (month: its 1st), from their marks (after marks changed through the
        ORM: corrections, justifications, a block saved again)."""
        if not keys:
            return
        batches, students, months = zip(*sorted(keys), strict=True)
        key_table = SQL(
            "unnest(%s::int[], %s::int[], %s::date[]) AS k(batch, student, month)",
            list(batches),
            list(students),
            list(months),
        )
        self.env.execute_query(
            SQL(
                """
                DELETE FROM school_attendance_register_line r
                 USING %s
                 WHERE r.batch_id = k.batch AND r.student_id = k.student AND r.month = k.month
                """,
                key_table,
            )
        )
        # The marks of each key's month, through the (student_id, date) index.
        self._school_insert_from_lines(
            SQL(
                "%s JOIN school_attendance_line l ON l.student_id = k.student"
                " AND l.batch_id = k.batch AND l.date >= k.month"
                " AND l.date < k.month + interval '1 month'",
                key_table,
            )
        )

    @api.model
    def _school_rebuild(self, companies):
        """Rebuild every row of ``companies`` (their daily block changed):
        the rows of their courses, from all the marks of those courses."""
        if not companies:
            return
        batches = SQL(
            "SELECT id FROM op_batch WHERE company_id IN %(ids)s"
            " UNION SELECT batch_id FROM school_attendance_register_line"
            " WHERE company_id IN %(ids)s",
            ids=companies._ids,
        )
        self.env.execute_query(
            SQL("DELETE FROM school_attendance_register_line WHERE batch_id IN (%s)", batches)
        )
        self._school_insert_from_lines(
            SQL("school_attendance_line l"),
            SQL(
                "(l.company_id IN %s OR l.batch_id IN (SELECT id FROM op_batch"
                " WHERE company_id IN %s))",
                companies._ids,
                companies._ids,
            ),
        )

    @api.model
    def _school_rebuild_all(self):
        """Rebuild every row (the present code or a code's SIGE status
        changed; an update of the addon, migrations/)."""
        self.env.execute_query(SQL("DELETE FROM school_attendance_register_line"))
        self._school_insert_from_lines(SQL("school_attendance_line l"))

    @api.model
    def _school_insert_from_lines(self, source, condition=None):
        """Insert the rows aggregated from the daily-block marks of
        ``source`` (FROM items naming the marks ``l``) that meet
        ``condition``, whose rows must not exist."""
        self.env["school.attendance.line"].flush_model()
        self.env["school.attendance.code"].flush_model(["sige_status"])
        self.env["res.company"].flush_model(["school_attendance_daily_block"])
        # Without a present code every marked day is a day not present.
        present = self.env["school.attendance.code"]._school_code_map().get("present", (0,))[0]
        # Each mark's day and the day of the mark before it: a code is
        # placed after as many spaces as days between them.
        self.env.execute_query(
            SQL(
                """
                INSERT INTO school_attendance_register_line
                    (company_id, batch_id, student_id, month, marked, others, codes,
                     sige_present, sige_absent)
                SELECT min(d.company_id), d.batch_id, d.student_id, d.month, bit_or(1 << d.day),
                       COALESCE(bit_or(1 << d.day) FILTER (WHERE d.code_id != %(present)s), 0),
                       rpad(
                           string_agg(
                               CASE WHEN d.code_id != %(present)s
                                    THEN lpad(chr(%(base)s + d.code_id), d.day - d.previous)
                                    ELSE repeat(' ', d.day - d.previous)
                               END,
                               '' ORDER BY d.day
                           ),
                           %(days)s
                       ),
                       COALESCE(bit_or(1 << d.day) FILTER (WHERE d.sige = 'present'), 0),
                       COALESCE(bit_or(1 << d.day) FILTER (WHERE d.sige = 'absent'), 0)
                  FROM (
                      SELECT l.company_id, l.batch_id, l.student_id, m.month, l.code_id,
                             sc.sige_status AS sige,
                             l.date - m.month AS day,
                             lag(l.date - m.month, 1, -1) OVER (
                                 PARTITION BY l.batch_id, l.student_id, m.month ORDER BY l.date
                             ) AS previous
                        FROM %(source)s
                        JOIN res_company c
                          ON c.id = l.company_id AND l.block = c.school_attendance_daily_block
                        JOIN school_attendance_code sc ON sc.id = l.code_id
                       CROSS JOIN LATERAL (
                           SELECT date_trunc('month', l.date)::date AS month
                       ) AS m
                       WHERE %(condition)s
                  ) AS d
                 GROUP BY d.batch_id, d.student_id, d.month
                -- A row another transaction wrote meanwhile: the marks win.
                ON CONFLICT (batch_id, month, student_id) DO UPDATE
                   SET company_id = EXCLUDED.company_id, marked = EXCLUDED.marked,
                       others = EXCLUDED.others, codes = EXCLUDED.codes,
                       sige_present = EXCLUDED.sige_present, sige_absent = EXCLUDED.sige_absent
                """,
                present=present,
                base=CODE_BASE,
                days=MONTH_DAYS,
                source=source,
                condition=condition or SQL("TRUE"),
            )
        )
        self.invalidate_model()

    @api.model
    def _school_upsert_block_sql(self, new_lines, vals, present):
        """The part of a block's first save (one SQL statement, see
        school.attendance.session._school_insert_block) that adds its marks,
        ``new_lines`` (a CTE of the new marks: student_id, code_id), to the
        register rows, when the block (``vals``: its batch, company, date)
        is the school's daily block."""
        date = vals["date"]
        month = date.replace(day=1)
        day = (date - month).days
        return SQL(
            """
            INSERT INTO school_attendance_register_line AS r
                (company_id, batch_id, student_id, month, marked, others, codes,
                 sige_present, sige_absent)
            SELECT %(company)s, %(batch)s, n.student_id, %(month)s, %(bit)s,
                   CASE WHEN n.code_id != %(present)s THEN %(bit)s ELSE 0 END,
                   overlay(
                       repeat(' ', %(days)s)
                       placing CASE WHEN n.code_id != %(present)s
                                    THEN chr(%(base)s + n.code_id) ELSE ' ' END
                       from %(position)s for 1
                   ),
                   CASE WHEN sc.sige_status = 'present' THEN %(bit)s ELSE 0 END,
                   CASE WHEN sc.sige_status = 'absent' THEN %(bit)s ELSE 0 END
              FROM %(new_lines)s AS n
              JOIN school_attendance_code sc ON sc.id = n.code_id
            ON CONFLICT (batch_id, month, student_id) DO UPDATE
               SET marked = r.marked | EXCLUDED.marked,
                   others = (r.others & ~EXCLUDED.marked) | EXCLUDED.others,
                   codes = overlay(
                       r.codes placing substr(EXCLUDED.codes, %(position)s, 1)
                       from %(position)s for 1
                   ),
                   sige_present = (r.sige_present & ~EXCLUDED.marked) | EXCLUDED.sige_present,
                   sige_absent = (r.sige_absent & ~EXCLUDED.marked) | EXCLUDED.sige_absent
            """,
            company=vals["company_id"],
            batch=vals["batch_id"],
            month=month,
            bit=1 << day,
            present=present.id,
            days=MONTH_DAYS,
            base=CODE_BASE,
            position=day + 1,
            new_lines=new_lines,
        )

    @api.depends("batch_id", "month", "student_id")
    def _compute_display_name(self):
        for row in self:
            row.display_name = "%s · %s · %s" % (
                row.batch_id.name or "",
                row.month.strftime("%m/%Y") if row.month else "",
                row.student_id.name or "",
            )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict
from operator import itemgetter

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .school_attendance_register_line import CODE_BASE, MONTH_DAYS
from .school_guard import to_db_int

# How a code counts in the totals (index in the per-kind counters).
PRESENT, ABSENT = 1, 0


class SchoolAttendanceRegister(models.AbstractModel):
    """The monthly register of a course (SIAGIE-like grid, seed 004):
    students x school days, the SIAGIE letter of each day's mark (daily
    block), totals per student and per day. Shared by the PDF, the XLSX and
    the benchmark."""

    _name = "school.attendance.register"
    _description = "Monthly Attendance Register"

    @api.model
    def register_data(self, batches, month, until=None):
        """Grid data of ``batches`` for the month of ``month`` (a date):
        per course, its school days, a row per student (cells and totals),
        the day totals and the course's totals. Days after ``until``
        (default: today in each school's time zone) are shown but not
        counted.

        A fixed number of queries whatever the size.
        """
        batches, month, until = self._school_parse_register_args(batches, month, until)
        code_model = self.env["school.attendance.code"]
        code_letters, counting = code_model._school_register_codes()
        # Per code id: (letter in the grid, PRESENT, ABSENT or None when it
        # does not count as a school day, late, justified).
        info_of = {
            code: (letter, PRESENT if info[0] else ABSENT, int(info[1]), int(info[2]))
            if (info := counting.get(code))
            else (letter, None, 0, 0)
            for code, letter in code_letters.items()
        }
        present = code_model._school_code_map()["present"][0]
        base_letter, base_kind, base_late, base_justified = info_of[present]
        rows = self._school_register_rows(batches, month)
        students = self.env["op.student"].browse({row[1] for row in rows})
        if not all(row[5] for row in rows):
            # A student the user may not read: the usual access error.
            students.check_access("read")
        # One prefetch for the reports, which read the students' names.
        records = dict(zip(students.ids, students, strict=True))
        by_batch = defaultdict(list)
        for row in rows:
            by_batch[row[0]].append(row)
        calendar = self.env["school.calendar"]
        # Per school: its school days and its today, in its own time zone:
        # days still to come are shown but not counted.
        schools = {}
        for company in {batch.company_id or self.env.company for batch in batches}:
            today = until or datetime.datetime.now(calendar.school_tz(company)).date()
            schools[company] = (list(calendar._school_month_days(company, month)), today)
        by_name = itemgetter(4)
        result = []
        for batch in batches:
            days, today = schools[batch.company_id or self.env.company]
            # A set of days is a bit mask: bit n is the day n days after
            # the 1st.
            offsets = [(day - month).days for day in days]
            # Per day offset: its column (None: not a school day).
            column_of = [None] * MONTH_DAYS
            for index, offset in enumerate(offsets):
                column_of[offset] = index
            grid_mask, past_mask, unmarked_mask = self._school_day_masks(
                offsets, days, today, until
            )
            all_present = [base_letter] * len(days)
            # Per day: the marks counted as present / absent, and the rows
            # whose cell is not the present code's letter.
            day_counts = ([0] * len(days), [0] * len(days))
            not_base = [0] * len(days)
            grid_rows = []
            for row in sorted(by_batch[batch.id], key=by_name):
                enrolled_on, withdrawn_on = row[2], row[3]
                # The days the student is enrolled (enrolled_on may be < 0).
                window = grid_mask
                if enrolled_on is not None and enrolled_on > 0:
                    window &= ~((1 << enrolled_on) - 1)
                if withdrawn_on is not None:
                    window &= (1 << (withdrawn_on + 1)) - 1
                # Every cell starts as the present code's; most stay so.
                cells = all_present.copy()
                marked = (row[6] or 0) & window
                # Days without a mark: "-" out of the enrolment, else blank.
                missing = grid_mask & ~marked
                while missing:
                    bit = missing & -missing
                    missing ^= bit
                    index = column_of[bit.bit_length() - 1]
                    cells[index] = "" if window & bit else "-"
                    not_base[index] += 1
                # The days marked with another code, and the code of each;
                # the totals count the days up to ``until``.
                others = (row[7] or 0) & marked
                base = (marked & past_mask & ~others).bit_count()
                counts = [0, 0]
                late = justified = 0
                codes = row[8]
                while others:
                    bit = others & -others
                    others ^= bit
                    offset = bit.bit_length() - 1
                    index = column_of[offset]
                    letter, kind, is_late, is_justified = info_of[ord(codes[offset]) - CODE_BASE]
                    cells[index] = letter
                    not_base[index] += 1
                    if kind is not None:
                        day_counts[kind][index] += 1
                    if bit & past_mask:
                        if kind is not None:
                            counts[kind] += 1
                        late += is_late
                        justified += is_justified
                if base_kind is not None:
                    counts[base_kind] += base
                late += base * base_late
                justified += base * base_justified
                days_counted = counts[PRESENT] + counts[ABSENT]
                days_counted += (window & unmarked_mask & ~marked).bit_count()
                grid_rows.append(
                    {
                        "student": records[row[1]],
                        "cells": cells,
                        "totals": {
                            "present": counts[PRESENT],
                            "absent": counts[ABSENT],
                            "late": late,
                            "justified": justified,
                            "days": days_counted,
                            "rate": round(100.0 * counts[PRESENT] / days_counted, 1)
                            if days_counted
                            else 0.0,
                        },
                    }
                )
            if base_kind is not None:
                # The present code's marks of a day: every row but those.
                day_counts[base_kind][:] = [
                    count + len(grid_rows) - other
                    for count, other in zip(day_counts[base_kind], not_base, strict=True)
                ]
            present_days = sum(row["totals"]["present"] for row in grid_rows)
            counted_days = sum(row["totals"]["days"] for row in grid_rows)
            result.append(
                {
                    "batch": batch,
                    "month": month,
                    "days": days,
                    "rows": grid_rows,
                    "day_present": day_counts[PRESENT],
                    "day_absent": day_counts[ABSENT],
                    # The course's attendance: its students' days, together.
                    "totals": {
                        "present": present_days,
                        "days": counted_days,
                        "rate": round(100.0 * present_days / counted_days, 1)
                        if counted_days
                        else 0.0,
                    },
                }
            )
        return result

    @api.model
    def _school_day_masks(self, offsets, days, today, until):
        """The month's school days, those counted (up to ``today``) and
        those whose missing marks count: today is still being taken, so
        without ``until`` a student not yet marked today is not short of a
        day. Bit n is the day n days after the 1st."""
        pairs = list(zip(offsets, days, strict=True))
        grid_mask = sum(1 << offset for offset in offsets)
        past_mask = sum(1 << offset for offset, day in pairs if day <= today)
        unmarked_mask = past_mask
        if until is None:
            unmarked_mask = sum(1 << offset for offset, day in pairs if day < today)
        return grid_mask, past_mask, unmarked_mask

    @api.model
    def _school_parse_register_args(self, batches, month, until):
        """register_data's arguments as their types (over RPC: course ids
        and strings), or a UserError naming the wrong one. The caller must
        keep the courses' class book (their teachers, Inspectoría,
        Secretaría); enrolments, names and register rows are then read
        through the caller's record rules."""
        if not isinstance(batches, models.BaseModel):
            try:
                batches = self.env["op.batch"].browse([to_db_int(bid) for bid in batches])
            except (TypeError, ValueError):
                raise UserError(self.env._("Give the courses by their numbers.")) from None
        try:
            month = fields.Date.to_date(month)
            until = fields.Date.to_date(until)
        except (TypeError, ValueError):
            month = None
        if not month:
            raise UserError(self.env._("The month must be a valid date (YYYY-MM-DD)."))
        batches.check_access("read")
        # The register of a course: its teachers, Inspectoría, Secretaría.
        batches._school_require_class_book()
        return batches, month.replace(day=1), until

    @api.model
    def _school_register_rows(self, batches, month):
        """One row per enrolment of the month in ``batches``: ``(batch id,
        student id, enrolled on, withdrawn on, name, readable, marked,
        others, codes)``, dates as day offsets from the 1st (None when
        unset), and the student's school.attendance.register.line of the
        month (its day masks and codes; None without a daily mark).

        Enrolments, names and register rows are read through the record
        rules of the user (_search), as plain rows: a whole school is
        thousands of students, too many to build records for.
        """
        last = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        enrolment_query = self.env["op.student.course"]._search(
            [
                ("batch_id", "in", batches.ids),
                ("school_enrolment_date", "<=", last),
                "|",
                ("school_withdrawal_date", "=", False),
                ("school_withdrawal_date", ">=", month),
            ]
        )
        enrolment = enrolment_query.table
        # A student's name lives on its partner (_inherits): read through
        # op.student's rules, as reading the record would.
        student_model = self.env["op.student"].with_context(active_test=False)
        student_query = student_model._search([])
        register_model = self.env["school.attendance.register.line"]
        register_model.check_access("read")
        register_query = register_model._search(
            [("batch_id", "in", batches.ids), ("month", "=", month)]
        )
        # Two queries joined here: the register rows of a month were
        # just written (the planner may not know them yet) and a join
        # misjudged in SQL is slower than a dictionary.
        register = {
            (row[0], row[1]): row[2:]
            for row in self.env.execute_query(
                register_query.select(
                    *(
                        SQL.identifier(register_query.table, name)
                        for name in ("batch_id", "student_id", "marked", "others", "codes")
                    )
                )
            )
        }
        nothing = (None, None, None)
        return [
            row + register.get((row[0], row[1]), nothing)
            for row in self.env.execute_query(
                SQL(
                    """
                    SELECT e.batch_id, e.student_id, e.enrolled_on - %(month)s,
                           e.withdrawn_on - %(month)s, COALESCE(s.name, ''), s.id IS NOT NULL
                      FROM (%(enrolments)s) AS e
                      LEFT JOIN (%(students)s) AS s ON s.id = e.student_id
                    """,
                    month=month,
                    enrolments=enrolment_query.select(
                        SQL.identifier(enrolment, "batch_id"),
                        SQL.identifier(enrolment, "student_id"),
                        SQL(
                            "%s AS enrolled_on",
                            SQL.identifier(enrolment, "school_enrolment_date"),
                        ),
                        SQL(
                            "%s AS withdrawn_on",
                            SQL.identifier(enrolment, "school_withdrawal_date"),
                        ),
                    ),
                    students=student_query.select(
                        SQL.identifier(student_query.table, "id"),
                        SQL(
                            "%s AS name",
                            student_model._field_to_sql(student_query.table, "name", student_query),
                        ),
                    ),
                )
            )
        ]

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict
from operator import itemgetter

from odoo import api, fields, models
from odoo.tools import SQL

# A day of the grid on which the student is not enrolled.
OUT = -1


class SchoolAttendanceRegister(models.AbstractModel):
    """The monthly register of a course (SIAGIE-like grid, seed 004):
    students x school days, the SIAGIE letter of each day's mark (daily
    block), totals per student and per day. Shared by the PDF, the XLSX and
    the benchmark."""

    _name = "school.attendance.register"
    _description = "Monthly Attendance Register"

    @api.model
    def register_data(self, batches, month):
        """Grid data of ``batches`` for the month of ``month`` (a date).

        A fixed number of queries whatever the size.
        """
        month = fields.Date.to_date(month).replace(day=1)
        # Per code id: its letter in the grid, and (present, late,
        # justified) for the totals when it counts as a school day. A cell
        # holds a code id, None (no mark) or OUT (not enrolled that day); a
        # set of days is a bit mask (bit n: the day n days after the 1st).
        code_letters, counting = self.env["school.attendance.code"]._school_register_codes()
        code_ids = list(code_letters)
        rows = self._school_register_rows(batches, month, code_ids)
        letters = {None: "", OUT: "-", **code_letters}
        present_codes = [code for code, info in counting.items() if info[0]]
        absent_codes = [code for code, info in counting.items() if not info[0]]
        present = self.env["school.attendance.code"]._school_code_map()["present"][0]
        students = self.env["op.student"].browse({row[1] for row in rows})
        if not all(row[5] for row in rows):
            # A student the user may not read: the usual access error.
            students.check_access("read")
        # One prefetch for the reports, which read the students' names.
        records = dict(zip(students.ids, students, strict=True))
        by_batch = defaultdict(list)
        for row in rows:
            by_batch[row[0]].append(row)
        # Days still to come are shown but not counted.
        today = fields.Date.context_today(self)
        calendar = self.env["school.calendar"]
        days_by_company = {
            company: list(calendar._school_month_days(company, month))
            for company in batches.company_id or self.env.company
        }
        cell_of, totals, by_name = letters.__getitem__, self._school_totals, itemgetter(4)
        result = []
        for batch in batches:
            days = days_by_company[batch.company_id or self.env.company]
            offsets = [(day - month).days for day in days]
            index_of = {offset: index for index, offset in enumerate(offsets)}
            grid_mask = sum(1 << offset for offset in offsets)
            everyone_present = [present] * len(days)
            past_mask = sum(
                1 << offset for offset, day in zip(offsets, days, strict=True) if day <= today
            )
            grid_rows = []
            codes_rows = []
            for row in sorted(by_batch[batch.id], key=by_name):
                enrolled_on, withdrawn_on, marked = row[2], row[3], row[6] or 0
                # The days the student is enrolled (enrolled_on may be < 0).
                window = grid_mask
                if enrolled_on is not None and enrolled_on > 0:
                    window &= ~((1 << enrolled_on) - 1)
                if withdrawn_on is not None:
                    window &= (1 << (withdrawn_on + 1)) - 1
                masks = [
                    (code, mask & window)
                    for code, mask in zip(code_ids, row[7:], strict=True)
                    if mask
                ]
                marked &= window
                if marked == grid_mask:
                    # Enrolled and marked every day, mostly present (the
                    # common case): set the other marks one by one.
                    codes = everyone_present.copy()
                    others = [(code, mask) for code, mask in masks if code != present]
                else:
                    codes = [None if window >> offset & 1 else OUT for offset in offsets]
                    others = masks
                for code, mask in others:
                    while mask:
                        bit = mask & -mask
                        codes[index_of[bit.bit_length() - 1]] = code
                        mask ^= bit
                codes_rows.append(codes)
                grid_rows.append(
                    {
                        "student": records[row[1]],
                        "cells": list(map(cell_of, codes)),
                        "totals": totals(
                            masks, (window & past_mask & ~marked).bit_count(), counting
                        ),
                    }
                )
            columns = list(zip(*codes_rows, strict=True)) if codes_rows else [()] * len(days)
            result.append(
                {
                    "batch": batch,
                    "month": month,
                    "days": days,
                    "rows": grid_rows,
                    "day_present": [sum(map(column.count, present_codes)) for column in columns],
                    "day_absent": [sum(map(column.count, absent_codes)) for column in columns],
                }
            )
        return result

    @api.model
    def _school_register_rows(self, batches, month, code_ids):
        """One row per enrolment of the month in ``batches``: ``(batch id,
        student id, enrolled on, withdrawn on, name, readable, marked,
        *days)``, dates as day offsets from the 1st (None when unset);
        ``marked`` the days with a daily-block mark and ``days`` the days of
        each code of ``code_ids`` (None without any), as bit masks.

        The marks are aggregated in SQL, like a GROUP BY student and code
        that counts them; enrolments, names and marks are read through the
        record rules of the user (_search), as plain rows: the whole school's
        month is tens of thousands of marks, too many to build records for.
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
        line_model = self.env["school.attendance.line"]
        line_model.check_access("read")
        companies = batches.company_id or self.env.company
        blocks = {company.id: company.school_attendance_daily_block for company in companies}
        line_query = line_model._search(
            [
                ("batch_id", "in", batches.ids),
                ("date", ">=", month),
                ("date", "<=", last),
                ("block", "in", list(set(blocks.values()))),
            ]
        )
        line = line_query.table
        # Each school's own daily block.
        line_query.add_where(
            SQL(" OR ").join(
                SQL(
                    "(%s = %s AND %s = %s)",
                    SQL.identifier(line, "company_id"),
                    company_id,
                    SQL.identifier(line, "block"),
                    block,
                )
                for company_id, block in blocks.items()
            )
        )
        day = SQL("1::bigint << (l.date - %s)", month)
        return self.env.execute_query(
            SQL(
                """
                WITH marks AS (
                    SELECT l.batch_id, l.student_id, bit_or(%(day)s) AS marked, %(by_code)s
                      FROM (%(lines)s) AS l
                     GROUP BY l.batch_id, l.student_id
                )
                SELECT e.batch_id, e.student_id, e.enrolled_on - %(month)s,
                       e.withdrawn_on - %(month)s, COALESCE(s.name, ''), s.id IS NOT NULL,
                       m.marked, %(masks)s
                  FROM (%(enrolments)s) AS e
                  LEFT JOIN (%(students)s) AS s ON s.id = e.student_id
                  LEFT JOIN marks m ON m.batch_id = e.batch_id AND m.student_id = e.student_id
                """,
                day=day,
                by_code=SQL(", ").join(
                    SQL(
                        "bit_or(%s) FILTER (WHERE l.code_id = %s) AS %s",
                        day,
                        code_id,
                        SQL.identifier("code_%s" % code_id),
                    )
                    for code_id in code_ids
                ),
                masks=SQL(", ").join(
                    SQL.identifier("m", "code_%s" % code_id) for code_id in code_ids
                ),
                month=month,
                lines=line_query.select(
                    SQL.identifier(line, "batch_id"),
                    SQL.identifier(line, "student_id"),
                    SQL.identifier(line, "date"),
                    SQL.identifier(line, "code_id"),
                ),
                enrolments=enrolment_query.select(
                    SQL.identifier(enrolment, "batch_id"),
                    SQL.identifier(enrolment, "student_id"),
                    SQL("%s AS enrolled_on", SQL.identifier(enrolment, "school_enrolment_date")),
                    SQL("%s AS withdrawn_on", SQL.identifier(enrolment, "school_withdrawal_date")),
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

    @staticmethod
    def _school_totals(masks, unmarked, counting):
        """A student's totals from its ``(code id, days)`` bit masks (days
        the student is enrolled); the ``unmarked`` past days count as school
        days not attended."""
        present = absent = late = justified = 0
        counted = unmarked
        for code, mask in masks:
            info = counting.get(code)
            if info is None:
                continue
            count = mask.bit_count()
            counted += count
            if info[0]:
                present += count
            else:
                absent += count
            if info[1]:
                late += count
            if info[2]:
                justified += count
        return {
            "present": present,
            "absent": absent,
            "late": late,
            "justified": justified,
            "days": counted,
            "rate": round(100.0 * present / counted, 1) if counted else 0.0,
        }

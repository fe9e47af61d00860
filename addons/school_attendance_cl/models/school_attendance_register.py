# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict
from operator import itemgetter

from odoo import api, fields, models
from odoo.tools import SQL

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
    def register_data(self, batches, month):
        """Grid data of ``batches`` for the month of ``month`` (a date).

        A fixed number of queries whatever the size.
        """
        month = fields.Date.to_date(month).replace(day=1)
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
        # The SQL packs a code id per day in this many bits (see below).
        bits = max(code_letters).bit_length()
        code_mask = (1 << bits) - 1
        rows = self._school_register_rows(batches, month, present, bits)
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
        by_name = itemgetter(4)
        result = []
        for batch in batches:
            days = days_by_company[batch.company_id or self.env.company]
            # A set of days is a bit mask: bit n is the day n days after
            # the 1st.
            offsets = [(day - month).days for day in days]
            # Per day's bit: its column and where the SQL put its code.
            slot_of = {1 << offset: (index, bits * offset) for index, offset in enumerate(offsets)}
            grid_mask = sum(1 << offset for offset in offsets)
            past_mask = sum(
                1 << offset for offset, day in zip(offsets, days, strict=True) if day <= today
            )
            all_present = [base_letter] * len(days)
            # Per day: the marks counted as present / absent.
            day_counts = ([0] * len(days), [0] * len(days))
            # Where the present code's marks count (a scratch list if nowhere).
            base_counts = day_counts[base_kind] if base_kind is not None else [0] * len(days)
            full_rows = 0
            grid_rows = []
            for row in sorted(by_batch[batch.id], key=by_name):
                enrolled_on, withdrawn_on = row[2], row[3]
                # The days the student is enrolled (enrolled_on may be < 0).
                window = grid_mask
                if enrolled_on is not None and enrolled_on > 0:
                    window &= ~((1 << enrolled_on) - 1)
                if withdrawn_on is not None:
                    window &= (1 << (withdrawn_on + 1)) - 1
                # Every marked day holds the present code but the others.
                marked = (row[6] or 0) & window
                if marked == grid_mask:
                    # Enrolled and marked every day (the common case).
                    cells = all_present.copy()
                    full_rows += 1
                else:
                    cells = [
                        (base_letter if marked >> offset & 1 else "")
                        if window >> offset & 1
                        else "-"
                        for offset in offsets
                    ]
                    for index, offset in enumerate(offsets):
                        base_counts[index] += marked >> offset & 1
                # The days marked with another code, and the code of each.
                others = (row[7] or 0) & window
                base = marked.bit_count() - others.bit_count()
                counts = [0, 0]
                late = justified = 0
                codes = int(row[8] or 0)
                while others:
                    bit = others & -others
                    others ^= bit
                    index, shift = slot_of[bit]
                    letter, kind, is_late, is_justified = info_of[codes >> shift & code_mask]
                    cells[index] = letter
                    base_counts[index] -= 1
                    if kind is not None:
                        counts[kind] += 1
                        day_counts[kind][index] += 1
                    late += is_late
                    justified += is_justified
                if base_kind is not None:
                    counts[base_kind] += base
                late += base * base_late
                justified += base * base_justified
                days_counted = counts[PRESENT] + counts[ABSENT]
                days_counted += (window & past_mask & ~marked).bit_count()
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
            if full_rows:
                base_counts[:] = [count + full_rows for count in base_counts]
            result.append(
                {
                    "batch": batch,
                    "month": month,
                    "days": days,
                    "rows": grid_rows,
                    "day_present": day_counts[PRESENT],
                    "day_absent": day_counts[ABSENT],
                }
            )
        return result

    @api.model
    def _school_register_rows(self, batches, month, present, bits):
        """One row per enrolment of the month in ``batches``: ``(batch id,
        student id, enrolled on, withdrawn on, name, readable, marked,
        others, codes)``, dates as day offsets from the 1st (None when
        unset). ``marked`` holds the days with a daily-block mark and
        ``others`` those whose code is not ``present`` (most marks are), as
        bit masks (bit n: the day n days after the 1st); ``codes`` the code
        ids of the ``others`` as one number: the code of day n in its bits
        ``bits * n`` to ``bits * (n + 1)`` (a numeric, as text: the cursor
        reads numerics as floats).

        The marks are aggregated in SQL, like a GROUP BY student that counts
        them; enrolments, names and marks are read through the record rules
        of the user (_search), as plain rows: the whole school's month is
        tens of thousands of marks, too many to build records for.
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
        offset = SQL("(l.date - %s)", month)
        return self.env.execute_query(
            SQL(
                """
                WITH marks AS (
                    SELECT l.batch_id, l.student_id, bit_or(%(day)s) AS marked,
                           bit_or(%(day)s) FILTER (WHERE l.code_id != %(present)s) AS others,
                           sum(l.code_id * (%(weights)s::numeric[])[%(offset)s + 1])
                               FILTER (WHERE l.code_id != %(present)s)::text AS codes
                      FROM (%(lines)s) AS l
                     GROUP BY l.student_id, l.batch_id
                )
                SELECT e.batch_id, e.student_id, e.enrolled_on - %(month)s,
                       e.withdrawn_on - %(month)s, COALESCE(s.name, ''), s.id IS NOT NULL,
                       m.marked, m.others, m.codes
                  FROM (%(enrolments)s) AS e
                  LEFT JOIN (%(students)s) AS s ON s.id = e.student_id
                  LEFT JOIN marks m ON m.batch_id = e.batch_id AND m.student_id = e.student_id
                """,
                offset=offset,
                day=SQL("1::bigint << %s", offset),
                weights=[1 << (bits * day) for day in range(31)],
                present=present,
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

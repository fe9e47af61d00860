# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict

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
        next_month = (month + datetime.timedelta(days=32)).replace(day=1)
        last = next_month - datetime.timedelta(days=1)
        companies = batches.company_id or self.env.company
        blocks = {company.id: company.school_attendance_daily_block for company in companies}
        # Enrolments and marks through queries that carry the record rules
        # of the user (_search), read as plain rows: the whole school's month
        # is tens of thousands of marks, too many to build records for.
        enrolment_query = self.env["op.student.course"]._search(
            [
                ("batch_id", "in", batches.ids),
                ("school_enrolment_date", "<=", last),
                "|",
                ("school_withdrawal_date", "=", False),
                ("school_withdrawal_date", ">=", month),
            ]
        )
        line_model = self.env["school.attendance.line"]
        line_model.check_access("read")
        line_query = line_model._search(
            [
                ("batch_id", "in", batches.ids),
                ("date", ">=", month),
                ("date", "<=", last),
                ("block", "in", list(set(blocks.values()))),
            ]
        )
        # A student's name lives on its partner (_inherits): read through
        # op.student's rules, as reading the record would.
        student_query = self.env["op.student"].with_context(active_test=False)._search([])
        enrolment, line = enrolment_query.table, line_query.table
        daily_block = SQL(" OR ").join(
            SQL(
                "(%s = %s AND %s = %s)",
                SQL.identifier(line, "company_id"),
                company_id,
                SQL.identifier(line, "block"),
                block,
            )
            for company_id, block in blocks.items()
        )
        line_query.add_where(SQL("(%s)", daily_block))
        # One row per enrolment with its month of marks aggregated in SQL:
        # the days of the month and the code ids of its daily-block marks.
        rows = self.env.execute_query(
            SQL(
                """
                WITH marks AS (
                    SELECT l.batch_id, l.student_id,
                           array_agg(l.date - %(month)s::date + 1 ORDER BY l.date) AS days,
                           array_agg(l.code_id ORDER BY l.date) AS codes
                      FROM (%(lines)s) AS l
                     GROUP BY l.batch_id, l.student_id
                )
                SELECT e.batch_id, e.student_id, e.enrolled_on, e.withdrawn_on,
                       COALESCE(s.name, ''), s.id IS NOT NULL, m.days, m.codes
                  FROM (%(enrolments)s) AS e
                  LEFT JOIN (%(students)s) AS s ON s.id = e.student_id
                  LEFT JOIN marks m ON m.batch_id = e.batch_id AND m.student_id = e.student_id
                """,
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
                        self.env["op.student"]._field_to_sql(
                            student_query.table, "name", student_query
                        ),
                    ),
                ),
            )
        )
        students = self.env["op.student"].browse({row[1] for row in rows})
        if not all(row[5] for row in rows):
            # A student the user may not read: the usual access error.
            students.check_access("read")
        # Per code id: its letter in the grid, and (counts as a school day,
        # present, late, justified) for the totals. A cell holds a code id,
        # None (no mark) or OUT (not enrolled that day).
        letters = {None: "", OUT: "-"}
        counting = {}
        for code in self.env["school.attendance.code"].with_context(active_test=False).search([]):
            if code.counts_as_school_day:
                letters[code.id] = code.siagie_letter or ""
                counting[code.id] = (code.sige_status == "present", code.is_late, code.is_justified)
            else:
                letters[code.id] = code.siagie_letter or "-"
        present_codes = [code for code, info in counting.items() if info[0]]
        absent_codes = [code for code, info in counting.items() if not info[0]]
        by_batch = defaultdict(list)
        for row in rows:
            by_batch[row[0]].append(row)
        # Days still to come are shown but not counted.
        today = fields.Date.context_today(self)
        result = []
        for batch in batches:
            company = batch.company_id or self.env.company
            days = list(self.env["school.calendar"]._school_month_days(company, month))
            month_of_days = [day.day for day in days]
            past = sum(1 for day in days if day <= today)
            grid_rows = []
            codes_rows = []
            for (
                _batch_id,
                student_id,
                enrolled_on,
                withdrawn_on,
                _name,
                _readable,
                mark_days,
                mark_codes,
            ) in sorted(by_batch[batch.id], key=lambda row: row[4]):
                if (enrolled_on and enrolled_on > days[0]) or (
                    withdrawn_on and withdrawn_on < days[-1]
                ):
                    marks = dict(zip(mark_days or (), mark_codes or (), strict=True))
                    codes = [
                        OUT
                        if (enrolled_on and day < enrolled_on)
                        or (withdrawn_on and day > withdrawn_on)
                        else marks.get(day.day)
                        for day in days
                    ]
                elif mark_days == month_of_days:
                    # Enrolled all month and marked on every school day, in
                    # order: the common case, the codes are the cells.
                    codes = mark_codes
                else:
                    marks = dict(zip(mark_days or (), mark_codes or (), strict=True))
                    codes = [marks.get(day) for day in month_of_days]
                codes_rows.append(codes)
                present = absent = late = justified = 0
                counted = codes[:past].count(None)
                for code in set(codes):
                    info = counting.get(code)
                    if info is None:
                        continue
                    count = codes.count(code)
                    counted += count
                    if info[0]:
                        present += count
                    else:
                        absent += count
                    if info[1]:
                        late += count
                    if info[2]:
                        justified += count
                grid_rows.append(
                    {
                        "student": students.browse(student_id),
                        "cells": list(map(letters.__getitem__, codes)),
                        "totals": {
                            "present": present,
                            "absent": absent,
                            "late": late,
                            "justified": justified,
                            "days": counted,
                            "rate": round(100.0 * present / counted, 1) if counted else 0.0,
                        },
                    }
                )
            columns = list(zip(*codes_rows, strict=True)) if codes_rows else [()] * len(days)
            result.append(
                {
                    "batch": batch,
                    "month": month,
                    "days": days,
                    "rows": grid_rows,
                    "day_present": [
                        sum(column.count(code) for code in present_codes) for column in columns
                    ],
                    "day_absent": [
                        sum(column.count(code) for code in absent_codes) for column in columns
                    ],
                }
            )
        return result

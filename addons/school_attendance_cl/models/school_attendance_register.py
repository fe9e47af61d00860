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
        enrolments, students = self._school_enrolments(batches, month)
        day_masks = self._school_day_masks(batches, month)
        # Per code id: its letter in the grid, and (present, late,
        # justified) for the totals when it counts as a school day. A cell
        # holds a code id, None (no mark) or OUT (not enrolled that day); a
        # set of days is a bit mask (bit n: the day n days after the 1st).
        code_letters, counting = self.env["school.attendance.code"]._school_register_codes()
        letters = {None: "", OUT: "-", **code_letters}
        present_codes = [code for code, info in counting.items() if info[0]]
        absent_codes = [code for code, info in counting.items() if not info[0]]
        present = self.env["school.attendance.code"]._school_code_map()["present"][0]
        by_batch = defaultdict(list)
        for row in enrolments:
            by_batch[row[0]].append(row)
        # Days still to come are shown but not counted.
        today = fields.Date.context_today(self)
        calendar = self.env["school.calendar"]
        days_by_company = {
            company: list(calendar._school_month_days(company, month))
            for company in batches.company_id or self.env.company
        }
        browse, cell_of, totals = students.browse, letters.__getitem__, self._school_totals
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
            for _batch_id, student_id, enrolled_on, withdrawn_on, _name, _readable in sorted(
                by_batch[batch.id], key=lambda row: row[4]
            ):
                # The days the student is enrolled (enrolled_on may be < 0).
                window = grid_mask
                if enrolled_on is not None and enrolled_on > 0:
                    window &= ~((1 << enrolled_on) - 1)
                if withdrawn_on is not None:
                    window &= (1 << (withdrawn_on + 1)) - 1
                student_masks = day_masks.get((batch.id, student_id), {})
                marked = 0
                for mask in student_masks.values():
                    marked |= mask
                marked &= window
                if marked == grid_mask:
                    # Enrolled and marked every day, mostly present (the
                    # common case): set the other marks one by one.
                    codes = everyone_present.copy()
                    others = [
                        (code, mask) for code, mask in student_masks.items() if code != present
                    ]
                else:
                    codes = [None if window >> offset & 1 else OUT for offset in offsets]
                    others = student_masks.items()
                for code, mask in others:
                    mask &= window
                    while mask:
                        bit = mask & -mask
                        codes[index_of[bit.bit_length() - 1]] = code
                        mask ^= bit
                codes_rows.append(codes)
                grid_rows.append(
                    {
                        "student": browse(student_id),
                        "cells": list(map(cell_of, codes)),
                        "totals": totals(
                            student_masks,
                            window,
                            (window & past_mask & ~marked).bit_count(),
                            counting,
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
                    "day_present": [
                        sum(column.count(code) for code in present_codes) for column in columns
                    ],
                    "day_absent": [
                        sum(column.count(code) for code in absent_codes) for column in columns
                    ],
                }
            )
        return result

    @api.model
    def _school_enrolments(self, batches, month):
        """``([(batch id, student id, enrolled on, withdrawn on, name,
        readable)], students)`` of the month's enrolments in ``batches``;
        dates as day offsets from the 1st of the month (None when unset)."""
        last = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        # Through the record rules of the user (_search), as plain rows.
        enrolment_query = self.env["op.student.course"]._search(
            [
                ("batch_id", "in", batches.ids),
                ("school_enrolment_date", "<=", last),
                "|",
                ("school_withdrawal_date", "=", False),
                ("school_withdrawal_date", ">=", month),
            ]
        )
        # A student's name lives on its partner (_inherits): read through
        # op.student's rules, as reading the record would.
        student_model = self.env["op.student"].with_context(active_test=False)
        student_query = student_model._search([])
        enrolment = enrolment_query.table
        rows = self.env.execute_query(
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
        students = self.env["op.student"].browse({row[1] for row in rows})
        if not all(row[5] for row in rows):
            # A student the user may not read: the usual access error.
            students.check_access("read")
        return rows, students

    @api.model
    def _school_day_masks(self, batches, month):
        """``{(batch id, student id): {code id: days}}`` of the month's
        daily-block marks in ``batches``, the days as a bit mask (bit n: the
        day n days after the 1st): aggregated in SQL like a GROUP BY student
        and code that counts marks, through the record rules of the user."""
        last = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        companies = batches.company_id or self.env.company
        blocks = {company.id: company.school_attendance_daily_block for company in companies}
        line_model = self.env["school.attendance.line"]
        line_model.check_access("read")
        query = line_model._search(
            [
                ("batch_id", "in", batches.ids),
                ("date", ">=", month),
                ("date", "<=", last),
                ("block", "in", list(set(blocks.values()))),
            ]
        )
        line = query.table
        # Each school's own daily block.
        query.add_where(
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
        select = query.select(
            SQL.identifier(line, "batch_id"),
            SQL.identifier(line, "student_id"),
            SQL.identifier(line, "code_id"),
            SQL("bit_or(1::bigint << (%s - %s))", SQL.identifier(line, "date"), month),
        )
        day_masks = defaultdict(dict)
        for batch_id, student_id, code_id, mask in self.env.execute_query(
            SQL("%s GROUP BY 1, 2, 3", select)
        ):
            day_masks[batch_id, student_id][code_id] = mask
        return day_masks

    @staticmethod
    def _school_totals(day_masks, window, unmarked, counting):
        """A student's totals from its ``{code id: days}`` bit masks, within
        ``window`` (the days of the grid the student is enrolled); the
        ``unmarked`` past days count as school days not attended."""
        present = absent = late = justified = 0
        counted = unmarked
        for code, mask in day_masks.items():
            info = counting.get(code)
            if info is None:
                continue
            count = (mask & window).bit_count()
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

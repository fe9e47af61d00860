# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL


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
        # Enrolments as plain tuples too (a rule-filtered query): op.student.course
        # records carry chatter and dozens of fields the grid does not need.
        enrolment_query = self.env["op.student.course"]._search(
            [
                ("batch_id", "in", batches.ids),
                ("school_enrolment_date", "<=", last),
                "|",
                ("school_withdrawal_date", "=", False),
                ("school_withdrawal_date", ">=", month),
            ]
        )
        enrolment_rows = self.env.execute_query(
            enrolment_query.select(
                *(
                    SQL.identifier(enrolment_query.table, column)
                    for column in (
                        "batch_id",
                        "student_id",
                        "school_enrolment_date",
                        "school_withdrawal_date",
                    )
                )
            )
        )
        # The whole school's month is tens of thousands of marks: read them
        # as plain tuples through a query that still carries the record
        # rules of the user (_search), without building records.
        line_model = self.env["school.attendance.line"]
        line_model.check_access("read")
        blocks = {company.id: company.school_attendance_daily_block for company in companies}
        query = line_model._search(
            [
                ("batch_id", "in", batches.ids),
                ("date", ">=", month),
                ("date", "<=", last),
                ("block", "in", list(set(blocks.values()))),
            ]
        )
        table = query.table
        rows = self.env.execute_query(
            query.select(
                SQL.identifier(table, "batch_id"),
                SQL.identifier(table, "student_id"),
                SQL.identifier(table, "date"),
                SQL.identifier(table, "code_id"),
                SQL.identifier(table, "block"),
                SQL.identifier(table, "company_id"),
            )
        )
        # Plain tuples per code: (letter, counts as a school day, present,
        # late, justified); the grid loop touches no record.
        codes = {
            code.id: (
                code.siagie_letter or "",
                code.counts_as_school_day,
                code.sige_status == "present",
                code.is_late,
                code.is_justified,
            )
            for code in self.env["school.attendance.code"].search([])
        }
        marks = defaultdict(dict)
        for batch_id, student_id, day, code_id, block, company_id in rows:
            if block == blocks.get(company_id):
                marks[(batch_id, student_id)][day] = codes[code_id]
        calendar = self.env["school.calendar"]
        days_by_company = {
            company.id: calendar.school_days(month, last, company=company) for company in companies
        }
        # A student's name lives on its partner (_inherits); reading it there
        # skips op.student's related-field and chatter machinery.
        students = self.env["op.student"].browse({row[1] for row in enrolment_rows})
        students.fetch(["partner_id"])
        students.partner_id.fetch(["name"])
        names = {s.id: s.partner_id.name or "" for s in students}
        by_batch = defaultdict(list)
        for batch_id, student_id, enrolled_on, withdrawn_on in enrolment_rows:
            by_batch[batch_id].append(
                (names[student_id], students.browse(student_id), enrolled_on, withdrawn_on)
            )
        # Days still to come are shown but not counted.
        today = fields.Date.context_today(self)
        result = []
        for batch in batches:
            days = days_by_company[(batch.company_id or self.env.company).id]
            rows = []
            day_present = [0] * len(days)
            day_absent = [0] * len(days)
            for _name, student, enrolled_on, withdrawn_on in sorted(
                by_batch[batch.id], key=lambda item: item[0]
            ):
                student_marks = marks.get((batch.id, student.id), {})
                cells = []
                present = absent = late = justified = counted = 0
                for index, day in enumerate(days):
                    if (enrolled_on and day < enrolled_on) or (withdrawn_on and day > withdrawn_on):
                        cells.append("-")
                        continue
                    code = student_marks.get(day)
                    if code is None:
                        counted += day <= today
                        cells.append("")
                        continue
                    letter, counts, is_present, is_late, is_justified = code
                    if not counts:
                        cells.append(letter or "-")
                        continue
                    counted += 1
                    cells.append(letter)
                    if is_present:
                        present += 1
                        day_present[index] += 1
                    else:
                        absent += 1
                        day_absent[index] += 1
                    late += is_late
                    justified += is_justified
                rows.append(
                    {
                        "student": student,
                        "cells": cells,
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
            result.append(
                {
                    "batch": batch,
                    "month": month,
                    "days": days,
                    "rows": rows,
                    "day_present": day_present,
                    "day_absent": day_absent,
                }
            )
        return result

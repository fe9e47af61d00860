# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models


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

        Three queries whatever the size: enrolments, marks, rates' marks.
        """
        month = fields.Date.to_date(month).replace(day=1)
        next_month = (month + datetime.timedelta(days=32)).replace(day=1)
        last = next_month - datetime.timedelta(days=1)
        companies = batches.company_id or self.env.company
        enrolments = self.env["op.student.course"].search(
            [
                ("batch_id", "in", batches.ids),
                ("school_enrolment_date", "<=", last),
                "|",
                ("school_withdrawal_date", "=", False),
                ("school_withdrawal_date", ">=", month),
            ]
        )
        marks = self.env["school.attendance.line"].search_read(
            [
                ("batch_id", "in", batches.ids),
                ("date", ">=", month),
                ("date", "<=", last),
                ("block", "in", list(set(companies.mapped("school_attendance_daily_block")))),
            ],
            ["student_id", "date", "code_id", "batch_id", "block"],
        )
        codes = {c.id: c for c in self.env["school.attendance.code"].search([])}
        mark_by_key = {}
        for row in marks:
            batch = batches.browse(row["batch_id"][0])
            if row["block"] == (batch.company_id or self.env.company).school_attendance_daily_block:
                mark_by_key[(row["batch_id"][0], row["student_id"][0], row["date"])] = codes[
                    row["code_id"][0]
                ]
        calendar = self.env["school.calendar"]
        days_by_company = {
            company.id: calendar.school_days(month, last, company=company) for company in companies
        }
        result = []
        for batch in batches:
            days = days_by_company[(batch.company_id or self.env.company).id]
            batch_enrolments = enrolments.filtered(lambda e, b=batch: e.batch_id == b)
            rows = []
            day_present = dict.fromkeys(days, 0)
            day_absent = dict.fromkeys(days, 0)
            for enrolment in batch_enrolments.sorted(lambda e: e.student_id.name or ""):
                cells = []
                totals = {"present": 0, "absent": 0, "late": 0, "justified": 0, "days": 0}
                for day in days:
                    enrolled = enrolment.school_enrolment_date <= day and (
                        not enrolment.school_withdrawal_date
                        or day <= enrolment.school_withdrawal_date
                    )
                    code = mark_by_key.get((batch.id, enrolment.student_id.id, day))
                    if not enrolled:
                        cells.append("-")
                        continue
                    if code and not code.counts_as_school_day:
                        cells.append(code.siagie_letter or "-")
                        continue
                    totals["days"] += 1
                    if not code:
                        cells.append("")
                        continue
                    cells.append(code.siagie_letter or "")
                    if code.sige_status == "present":
                        totals["present"] += 1
                        day_present[day] += 1
                    else:
                        totals["absent"] += 1
                        day_absent[day] += 1
                    totals["late"] += code.is_late
                    totals["justified"] += code.is_justified
                totals["rate"] = (
                    round(100.0 * totals["present"] / totals["days"], 1) if totals["days"] else 0.0
                )
                rows.append({"student": enrolment.student_id, "cells": cells, "totals": totals})
            result.append(
                {
                    "batch": batch,
                    "month": month,
                    "days": days,
                    "rows": rows,
                    "day_present": [day_present[d] for d in days],
                    "day_absent": [day_absent[d] for d in days],
                }
            )
        return result

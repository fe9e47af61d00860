# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# School days of the month so far below which the previous month is used.
MIN_MONTH_DAYS = 5


class SchoolWellbeingRisk(models.Model):
    _inherit = "school.wellbeing.risk"

    @api.model
    def _risk_attendance_inputs(self, students, day):
        """The month's and the year's daily attendance up to the day before
        ``day`` (school.attendance.line.attendance_rates: real school days,
        the school's daily block), and the school days of the whole month
        (for "one more absence makes the month < 85 %", anchors.md §9.2)."""
        result = super()._risk_attendance_inputs(students, day)
        if not students:
            return result
        # sudo: the risk engine runs as the cron or after the team's check
        # (action_recompute); the figures are not shown beyond the risk.
        lines = self.env["school.attendance.line"].sudo()
        calendar = self.env["school.calendar"]
        company = students[:1].company_id or self.env.company
        month = day.replace(day=1)
        yesterday = day - datetime.timedelta(days=1)
        month_total = calendar.count_school_days(
            month, fields.Date.end_of(month, "month"), company=company
        )
        month_rates = lines.attendance_rates(students.ids, month, yesterday) if day > month else {}
        # Early in a month a single absence weighs too much: with fewer than
        # MIN_MONTH_DAYS school days so far, the previous month speaks.
        previous = month - relativedelta(months=1)
        previous_rates = lines.attendance_rates(
            students.ids, previous, month - datetime.timedelta(days=1)
        )
        year_rates = lines.attendance_rates(students.ids, datetime.date(day.year, 1, 1), yesterday)
        # A student without any mark in the year (a school that does not keep
        # its class book here) has no attendance figures, not 0 %.
        marked = {
            student.id
            for (student,) in lines._read_group(
                [
                    ("student_id", "in", students.ids),
                    ("date", ">=", datetime.date(day.year, 1, 1)),
                    ("date", "<", day),
                ],
                ["student_id"],
            )
        }
        for student in students:
            entry = dict(result.get(student.id) or {}, month=month)
            if student.id not in marked:
                result[student.id] = entry
                continue
            figures = month_rates.get(student.id) or {}
            if figures.get("days", 0) >= MIN_MONTH_DAYS:
                entry.update(
                    month_rate=figures["rate"],
                    month_absent=figures["days"] - figures["present"],
                    month_days=month_total,
                )
            elif (previous_rates.get(student.id) or {}).get("days"):
                entry.update(month=previous, month_rate=previous_rates[student.id]["rate"])
            figures = year_rates.get(student.id) or {}
            if figures.get("days"):
                entry["year_absence_share"] = (
                    100.0 * (figures["days"] - figures["present"]) / figures["days"]
                )
            result[student.id] = entry
        return result

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

# Marked school days of the month so far below which the previous month is used.
MIN_MONTH_DAYS = 5


class SchoolWellbeingRisk(models.Model):
    _inherit = "school.wellbeing.risk"

    @api.model
    def _risk_attendance_inputs(self, students, day):
        """The month's and the year's daily attendance up to the day before
        ``day``, on the days the class book was really marked, and the school
        days of the whole month (for "one more absence makes the month
        < 85 %", anchors.md §9.2).

        Only marks count: a mark of the school's daily block with a code that
        counts as a school day is attended (SIGE "present") or an absence
        (SIGE "absent"). A school day without a mark is unknown, not an
        absence: a class book filled only in part must not turn students red
        (school.attendance.line.attendance_rates counts such days as not
        attended, which is right for the official registers, not for an
        early warning). One grouped query for all the students."""
        result = super()._risk_attendance_inputs(students, day)
        if not students:
            return result
        company = students[:1].company_id or self.env.company
        month = day.replace(day=1)
        previous = month - relativedelta(months=1)
        year_start = datetime.date(day.year, 1, 1)
        month_total = self.env["school.calendar"].count_school_days(
            month, fields.Date.end_of(month, "month"), company=company
        )
        lines = self.env["school.attendance.line"]
        lines.flush_model(["student_id", "code_id", "date", "block", "company_id"])
        self.env["school.attendance.code"].flush_model(["sige_status", "counts_as_school_day"])
        self.env["res.company"].flush_model(["school_attendance_daily_block"])
        # The risk engine runs as the cron or after the team's check
        # (action_recompute): like the sudo() reads it replaces, this query
        # reads every mark of the given students; only the counts reach the
        # risk.
        self.env.cr.execute(
            SQL(
                """
                SELECT l.student_id,
                       count(*) FILTER (WHERE l.date >= %(month)s),
                       count(*) FILTER (WHERE l.date >= %(month)s AND c.sige_status = 'present'),
                       count(*) FILTER (WHERE l.date >= %(month)s AND c.sige_status = 'absent'),
                       count(*) FILTER (WHERE l.date >= %(previous)s AND l.date < %(month)s),
                       count(*) FILTER (WHERE l.date >= %(previous)s AND l.date < %(month)s
                                          AND c.sige_status = 'present'),
                       count(*) FILTER (WHERE l.date >= %(year)s),
                       count(*) FILTER (WHERE l.date >= %(year)s AND c.sige_status = 'absent')
                  FROM school_attendance_line l
                  JOIN school_attendance_code c ON c.id = l.code_id
                  JOIN res_company rc ON rc.id = l.company_id
                 WHERE l.student_id = ANY(%(students)s)
                   AND l.date >= %(since)s
                   AND l.date < %(day)s
                   AND l.block = rc.school_attendance_daily_block
                   AND c.counts_as_school_day
              GROUP BY l.student_id
                """,
                month=month,
                previous=previous,
                year=year_start,
                since=min(previous, year_start),
                day=day,
                students=students.ids,
            )
        )
        rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for student_id in students.ids:
            entry = dict(result.get(student_id) or {}, month=month)
            counts = rows.get(student_id)
            if counts:
                days, present, absent, prev_days, prev_present, year_days, year_absent = counts
                if days >= MIN_MONTH_DAYS:
                    # Early in a month a single absence weighs too much: with
                    # fewer marked days so far, the previous month speaks.
                    entry.update(
                        month_rate=round(100.0 * present / days, 1),
                        month_absent=absent,
                        month_days=month_total,
                        month_marked=days,
                    )
                elif prev_days:
                    entry.update(
                        month=previous,
                        month_rate=round(100.0 * prev_present / prev_days, 1),
                        month_marked=prev_days,
                    )
                if year_days:
                    entry["year_absence_share"] = 100.0 * year_absent / year_days
                    entry["year_marked"] = year_days
            result[student_id] = entry
        return result

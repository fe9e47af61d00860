# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from .op_student import BANDS
from .school_guard import check_protected


def rate_of_sums(model, query, present, days):
    """SQL of a group's attendance: the sum of its ``present`` days over
    the sum of its ``days`` (fields of ``model``), in percent, not the mean
    of its rows' percentages (for _read_group_select)."""
    return SQL(
        "ROUND(100.0 * SUM(%s) / NULLIF(SUM(%s), 0), 1)::float8",
        model._field_to_sql(model._table, present, query),
        model._field_to_sql(model._table, days, query),
    )


class OpStudentCourse(models.Model):
    _inherit = "op.student.course"
    # The nightly figures (_school_update_attendance, as the superuser):
    # nobody types them.
    _school_attendance_fields = frozenset(
        {
            "school_attendance_present",
            "school_attendance_days",
            "school_attendance_rate",
            "school_attendance_band",
        }
    )

    # The class book reads a course's enrolments for every block it saves.
    batch_id = fields.Many2one(index=True)
    school_enrolment_date = fields.Date(
        string="Enrolled On",
        compute="_compute_school_enrolment_date",
        store=True,
        readonly=False,
        precompute=True,
        help="Attendance percentages count school days from this date.",
    )
    school_withdrawal_date = fields.Date(
        string="Withdrawn On",
        help="Last day the student belongs to the course (retiro, traslado).",
    )

    # The school year's daily attendance in this course, written every night
    # (op.student._cron_update_attendance_bands) from the monthly registers.
    company_id = fields.Many2one(
        related="batch_id.company_id", string="School", store=True, index=True
    )
    school_attendance_present = fields.Integer(
        string="Days Attended", readonly=True, help="School days attended this year."
    )
    school_attendance_days = fields.Integer(
        string="School Days",
        readonly=True,
        help="School days counted this year: from enrolment to withdrawal, up to yesterday.",
    )
    school_attendance_rate = fields.Float(
        string="Attendance (%)",
        readonly=True,
        aggregator="avg",
        help="Days attended over school days. Grouped (course, level, school), the days "
        "of every student together.",
    )
    school_attendance_band = fields.Selection(BANDS, string="Attendance Band", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        check_protected(self, vals_list, self._school_attendance_fields)
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], self._school_attendance_fields)
        return super().write(vals)

    def _read_group_select(self, aggregate_spec, query):
        # A group's attendance is its days attended over its school days,
        # not the mean of its students' percentages.
        if aggregate_spec == "school_attendance_rate:avg":
            return rate_of_sums(self, query, "school_attendance_present", "school_attendance_days")
        return super()._read_group_select(aggregate_spec, query)

    @api.depends("batch_id.start_date")
    def _compute_school_enrolment_date(self):
        for enrolment in self.filtered(lambda e: not e.school_enrolment_date):
            enrolment.school_enrolment_date = enrolment.batch_id.start_date

    @api.model
    def _school_update_attendance(self, date_from, date_to, company=None, enrolments=None):
        """Write the attendance of the enrolments that overlap two dates
        (both included, from the 1st of a month): the totals of their rows
        in the monthly registers of those months, so that a course's, a
        level's or a school's percentage counts the same days as its
        registers. An enrolment without a single daily mark in the period
        (a course that does not keep its class book here) gets none. With
        ``company``, only that school's enrolments; with ``enrolments``, only
        those among them."""
        domain = [("id", "in", enrolments.ids)] if enrolments is not None else []
        enrolments = self.search(
            domain
            + ([("company_id", "=", company.id)] if company else [])
            + [
                ("school_enrolment_date", "<=", date_to),
                "|",
                ("school_withdrawal_date", "=", False),
                ("school_withdrawal_date", ">=", date_from),
                ("batch_id.end_date", ">=", date_from),
            ]
        )
        # Per (course, student): days attended, school days, days marked.
        totals = defaultdict(lambda: [0, 0, 0])
        register = self.env["school.attendance.register"]
        month = date_from.replace(day=1)
        while month <= date_to:
            for grid in register.register_data(enrolments.batch_id, month, until=date_to):
                for row in grid["rows"]:
                    figures = totals[grid["batch"].id, row["student"].id]
                    figures[0] += row["totals"]["present"]
                    figures[1] += row["totals"]["days"]
                    figures[2] += row["totals"]["present"] + row["totals"]["absent"]
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        student_model = self.env["op.student"]
        by_value = defaultdict(lambda: self.browse())
        for enrolment in enrolments:
            present, days, marked = totals.get(
                (enrolment.batch_id.id, enrolment.student_id.id), (0, 0, 0)
            )
            if not marked:
                present = days = 0
            rate = round(100.0 * present / days, 1) if days else 0.0
            band = days and student_model._school_band(
                rate, enrolment.company_id or self.env.company
            )
            by_value[present, days, rate, band or False] |= enrolment
        for (present, days, rate, band), group in by_value.items():
            group.write(
                {
                    "school_attendance_present": present,
                    "school_attendance_days": days,
                    "school_attendance_rate": rate,
                    "school_attendance_band": band,
                }
            )

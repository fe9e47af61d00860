# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from .op_student_course import rate_of_sums


class SchoolAttendanceMonthReport(models.Model):
    """Attendance by month (the Tablero's trend): a row per register row
    (course, student, month) with its days as numbers, so that Odoo's graph
    and pivot views sum them. The register rows keep their days as bit
    masks, which read_group cannot add up; the days are those SIGE receives
    (present or absent), as the Tablero's percentage counts them."""

    _name = "school.attendance.month.report"
    _description = "Attendance by Month"
    _auto = False
    _order = "month desc, batch_id, student_id"
    _rec_name = "student_id"

    company_id = fields.Many2one("res.company", string="School", readonly=True)
    batch_id = fields.Many2one("op.batch", string="Course", readonly=True)
    course_id = fields.Many2one("op.course", string="Level", readonly=True)
    student_id = fields.Many2one("op.student", string="Student", readonly=True)
    month = fields.Date(readonly=True, help="The first day of the month.")
    days_present = fields.Integer(string="Days Attended", readonly=True)
    days_counted = fields.Integer(
        string="School Days",
        readonly=True,
        help="Days with a daily mark sent to SIGE as present or absent.",
    )
    attendance_rate = fields.Float(
        string="Attendance (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Days attended over school days. Grouped (course, level, school, month), "
        "the days of every student together.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # bit_count of a day mask: the days of the month it holds.
        present = SQL("bit_count(r.sige_present::bit(32))::int")
        counted = SQL("bit_count((r.sige_present | r.sige_absent)::bit(32))::int")
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT r.id, r.company_id, r.batch_id, b.course_id, r.student_id, r.month,
                           %(present)s AS days_present,
                           %(counted)s AS days_counted,
                           ROUND(100.0 * %(present)s / %(counted)s, 1)::float8 AS attendance_rate
                      FROM school_attendance_register_line r
                      JOIN op_batch b ON b.id = r.batch_id
                     WHERE (r.sige_present | r.sige_absent) != 0
                )
                """,
                table=SQL.identifier(self._table),
                present=present,
                counted=counted,
            )
        )

    @api.depends("batch_id.name", "month", "student_id.name")
    def _compute_display_name(self):
        for row in self:
            row.display_name = "%s · %s · %s" % (
                row.batch_id.name or "",
                row.month and row.month.strftime("%m/%Y") or "",
                row.student_id.name or "",
            )

    def _read_group_select(self, aggregate_spec, query):
        # A group's attendance is its days attended over its school days,
        # not the mean of its rows' percentages.
        if aggregate_spec == "attendance_rate:avg":
            return rate_of_sums(self, query, "days_present", "days_counted")
        return super()._read_group_select(aggregate_spec, query)

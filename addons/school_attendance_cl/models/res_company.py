# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# The dashboard's attendance figures (op.student's nightly bands).
BELOW_PROMOTION = ("at_risk", "critical")
CHRONIC_ABSENCE = ("chronic", "at_risk", "critical")


class ResCompany(models.Model):
    _inherit = "res.company"

    # shared/research/anchors.md §3.1: SIGE receives one daily mark per
    # student; schools derive it from one block (SchoolTrack uses the 2nd).
    school_attendance_daily_block = fields.Integer(
        string="Block for Daily Attendance",
        default=2,
        help="The class block whose marks are the day's attendance (what SIGE "
        "and the percentages count).",
    )

    # Seed 003 II.2 duty 9: medical certificates within 48 h of their issue.
    school_justification_hours = fields.Integer(string="Hours to Present a Certificate", default=48)
    # P-XI L3160-3164: up to 15 minutes late the agenda suffices; beyond it an
    # apoderado must come and sign.
    school_lateness_guardian_minutes = fields.Integer(
        string="Minutes Late Before an Apoderado Must Sign", default=15
    )
    # RI III.3.1 / P-XI L3168: every 6th start-of-day lateness of the year
    # cites the student to a study hour; the 2nd citation brings a carta de
    # compromiso (L3169).
    school_lateness_study_hour_every = fields.Integer(
        string="Start-of-Day Lateness per Study Hour", default=6
    )
    school_lateness_commitment_after = fields.Integer(
        string="Study Hours Before a Commitment Letter", default=2
    )
    # In-class lateness: P-XI L3180 cites the apoderado to sign the record
    # from the 3rd on, each time (the 2nd only goes to the hoja de vida,
    # L3178: school_attendance_discipline). RI III.3.2 L400 informs the
    # apoderado at the 3rd too; a school that cited from the 2nd (this
    # addon's earlier default) sets 2 (readme, "Conflicts").
    school_in_class_lateness_threshold = fields.Integer(
        string="In-Class Lateness Before Citing the Apoderado", default=3
    )

    # Attendance bands (shared/research/anchors.md §5): 97 % and more,
    # 90 % (chronic absence below: >= 10 % of school days missed), 85 %
    # (promotion, RTP Art. 29), 50 % (P-XIII L3286).
    school_band_excellent = fields.Float(string="Band: Excellent From (%)", default=97.0)
    school_band_normal = fields.Float(string="Band: Normal From (%)", default=90.0)
    school_band_promotion = fields.Float(string="Band: Promotion Minimum (%)", default=85.0)
    school_band_critical = fields.Float(string="Band: Critical Below (%)", default=50.0)

    # The dashboard (school_base): attendance of this month and the last
    # one (the monthly register's daily marks, as SIGE receives them), and
    # the students by their band of the year.
    school_dashboard_attendance = fields.Float(
        string="Attendance This Month (%)", compute="_compute_school_dashboard_attendance"
    )
    school_dashboard_attendance_previous = fields.Float(
        string="Attendance Last Month (%)", compute="_compute_school_dashboard_attendance"
    )
    school_dashboard_attendance_trend = fields.Float(
        string="Attendance Trend (points)",
        compute="_compute_school_dashboard_attendance",
        help="This month's attendance minus last month's.",
    )
    school_dashboard_attendance_known = fields.Boolean(
        compute="_compute_school_dashboard_attendance"
    )
    school_dashboard_below_promotion_count = fields.Integer(
        string="Below Promotion Attendance", compute="_compute_school_dashboard_bands"
    )
    school_dashboard_chronic_count = fields.Integer(
        string="Chronic Absence", compute="_compute_school_dashboard_bands"
    )

    # Read with the user's access: cached per user and active schools.
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_school_dashboard_bands(self):
        below = self._school_dashboard_counts(
            "op.student", [("school_attendance_band", "in", BELOW_PROMOTION)]
        )
        chronic = self._school_dashboard_counts(
            "op.student", [("school_attendance_band", "in", CHRONIC_ABSENCE)]
        )
        for company in self:
            company.school_dashboard_below_promotion_count = below[company]
            company.school_dashboard_chronic_count = chronic[company]

    # Read with the user's access: cached per user and active schools.
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_school_dashboard_attendance(self):
        """Days present over days marked (present or absent, as SIGE counts
        them) of the register rows of this month and the last one, each
        school's months in its own time zone; read with the user's access."""
        calendar = self.env["school.calendar"]
        scope = self._school_dashboard_scope()
        school_ids = set().union(*scope.values()) if scope else set()
        schools = self.browse(school_ids)
        this_month = {school.id: calendar.school_today(school).replace(day=1) for school in schools}
        months = set(this_month.values())
        months |= {month - relativedelta(months=1) for month in months}
        register = self.env["school.attendance.register.line"]
        rows = []
        # A role without the registers (convivencia, psychology) sees no
        # attendance figure (and the Tablero still opens).
        if register.has_access("read"):
            rows = register.search_read(
                [("company_id", "in", list(school_ids)), ("month", "in", list(months))],
                ["company_id", "month", "sige_present", "sige_absent"],
            )
        # {(school id, month): [days present, days counted]}
        totals = defaultdict(lambda: [0, 0])
        for row in rows:
            present, absent = row["sige_present"] or 0, row["sige_absent"] or 0
            key = (row["company_id"][0], row["month"])
            totals[key][0] += present.bit_count()
            totals[key][1] += (present | absent).bit_count()
        for company in self:
            figures = []
            for offset in (0, 1):
                present = counted = 0
                for school_id in scope[company]:
                    month = this_month[school_id] - relativedelta(months=offset)
                    day_present, day_counted = totals[(school_id, month)]
                    present += day_present
                    counted += day_counted
                figures.append((present, counted))
            (now_p, now_c), (last_p, last_c) = figures
            company.school_dashboard_attendance_known = bool(now_c)
            company.school_dashboard_attendance = 100.0 * now_p / now_c if now_c else 0.0
            company.school_dashboard_attendance_previous = (
                100.0 * last_p / last_c if last_c else 0.0
            )
            company.school_dashboard_attendance_trend = (
                company.school_dashboard_attendance - company.school_dashboard_attendance_previous
                if now_c and last_c
                else 0.0
            )

    def _school_dashboard_month_report_action(self, domain, name, first_view):
        """Attendance by month (school.attendance.month.report) in the
        card's scope, opening on its graph or its pivot."""
        views = {
            mode: self.env.ref(
                "school_attendance_cl.school_attendance_month_report_view_" + mode
            ).id
            for mode in ("graph", "pivot", "list")
        }
        order = [first_view] + [mode for mode in ("graph", "pivot", "list") if mode != first_view]
        return self._school_dashboard_action(
            "school.attendance.month.report",
            domain,
            name,
            views=[(views[mode], mode) for mode in order],
            search_view_id=[
                self.env.ref("school_attendance_cl.school_attendance_month_report_view_search").id
            ],
        )

    def action_school_dashboard_attendance(self):
        """This month's attendance of the card's schools, by course (each
        school's month in its own time zone)."""
        self.ensure_one()
        calendar = self.env["school.calendar"]
        schools = self.browse(sorted(self._school_dashboard_scope()[self]))
        months = sorted({calendar.school_today(school).replace(day=1) for school in schools})
        return self._school_dashboard_month_report_action(
            [("month", "in", months)], self.env._("Attendance This Month"), "pivot"
        )

    def action_school_dashboard_attendance_trend(self):
        """Attendance month by month (the trend), a line per school."""
        return self._school_dashboard_month_report_action(
            [], self.env._("Attendance by Month"), "graph"
        )

    def action_school_dashboard_below_promotion(self):
        return self._school_dashboard_action(
            "op.student",
            [("school_attendance_band", "in", BELOW_PROMOTION)],
            self.env._("Below Promotion Attendance"),
        )

    def action_school_dashboard_chronic(self):
        return self._school_dashboard_action(
            "op.student",
            [("school_attendance_band", "in", CHRONIC_ABSENCE)],
            self.env._("Chronic Absence"),
        )

    def write(self, vals):
        changed = self.browse()
        if "school_attendance_daily_block" in vals:
            changed = self.filtered(
                lambda c: c.school_attendance_daily_block != vals["school_attendance_daily_block"]
            )
        result = super().write(vals)
        # The register rows hold the daily block's marks.
        self.env["school.attendance.register.line"]._school_rebuild(changed)
        return result

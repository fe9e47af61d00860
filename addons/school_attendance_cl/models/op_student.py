# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict

from odoo import api, fields, models

from odoo.addons.school_base.tools.cron_batches import chunks, run_in_batches

from .school_guard import check_protected

BANDS = [
    ("excellent", "97 % or more"),
    ("normal", "90 – 97 %"),
    ("chronic", "85 – 90 % (chronic absence)"),
    ("at_risk", "50 – 85 % (below promotion)"),
    ("critical", "Below 50 %"),
]
BAND_ORDER = {key: index for index, (key, _label) in enumerate(BANDS)}


class OpStudent(models.Model):
    _inherit = "op.student"
    # The nightly figures (_cron_update_attendance_bands, as the superuser):
    # nobody types them.
    _school_attendance_fields = frozenset({"school_attendance_rate", "school_attendance_band"})

    school_attendance_rate = fields.Float(
        string="Attendance (%)",
        readonly=True,
        aggregator="avg",
        help="Daily attendance of the school year so far (updated every night).",
    )
    school_attendance_band = fields.Selection(BANDS, string="Attendance Band", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        check_protected(self, vals_list, self._school_attendance_fields)
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], self._school_attendance_fields)
        return super().write(vals)

    def _school_batch_on(self, day):
        """The course the student belongs to on ``day``: the enrolment whose
        course runs that day (from enrolment to withdrawal); the latest
        course begun by then when none does."""
        self.ensure_one()
        enrolments = self.course_detail_ids.filtered("batch_id")
        current = enrolments.filtered(
            lambda e: (e.school_enrolment_date or e.batch_id.start_date or day) <= day
            and (e.school_withdrawal_date or e.batch_id.end_date or day) >= day
        )
        if not current:
            current = enrolments.filtered(lambda e: (e.batch_id.start_date or day) <= day)
        return current.sorted(lambda e: (e.batch_id.start_date or day, e.id))[-1:].batch_id

    @api.model
    def _school_band(self, rate, company):
        if rate >= company.school_band_excellent:
            return "excellent"
        if rate >= company.school_band_normal:
            return "normal"
        if rate >= company.school_band_promotion:
            return "chronic"
        if rate >= company.school_band_critical:
            return "at_risk"
        return "critical"

    @api.model
    def _cron_update_attendance_bands(self, today=None):
        """Nightly, school by school: the year's attendance of every enrolled
        student up to yesterday; when a student falls into a lower band, the
        head teacher gets an activity.

        "Today" is each school's own date (school.calendar.school_today),
        never the server's or the cron user's: run in the evening in Chile
        while it is already tomorrow in UTC, "yesterday" would be the
        school's today, whose blocks are not marked yet and would count as
        absences (a school day without a mark counts as not attended)."""
        calendar = self.env["school.calendar"]
        course_model = self.env["op.student.course"]
        batches = []
        # Each school apart, its students by chunks: one failing record is
        # logged and skipped, the other schools' and students' figures are
        # written (cron_batches).
        for company, students in self._school_students_by_school().items():
            day = fields.Date.to_date(today) or calendar.school_today(company)
            start = datetime.date(day.year, 1, 1)
            yesterday = day - datetime.timedelta(days=1)
            batches.append(
                (
                    "%s: courses" % company.name,
                    course_model.search([("company_id", "=", company.id)]),
                    lambda enrolments, s=start, y=yesterday: (
                        enrolments._school_update_attendance(s, y, enrolments=enrolments)
                    ),
                )
            )
            batches.extend(
                (
                    "%s: students" % company.name,
                    chunk,
                    lambda group, c=company, d=day: self._school_update_bands(c, group, d),
                )
                for chunk in chunks(students)
            )
        return run_in_batches(self.env, batches, "Attendance bands")

    @api.model
    def _school_students_by_school(self):
        """{school: its enrolled students}, every school with enrolments."""
        students = self.search([("course_detail_ids", "!=", False)])
        by_school = defaultdict(lambda: self.browse())
        for student in students:
            by_school[student.company_id or self.env.company] |= student
        for company in self.env["op.student.course"].search([]).company_id:
            by_school.setdefault(company, self.browse())
        return dict(sorted(by_school.items(), key=lambda item: item[0].id))

    @api.model
    def _school_update_bands(self, company, students, today):
        """The figures of one school's students up to the day before
        ``today`` (a date of that school)."""
        start = datetime.date(today.year, 1, 1)
        yesterday = today - datetime.timedelta(days=1)
        if not students:
            return
        rates = self.env["school.attendance.line"].attendance_rates(students.ids, start, yesterday)
        by_value = {}
        alerts = []
        for student in students:
            figures = rates.get(student.id)
            if not figures or not figures["days"]:
                continue
            band = self._school_band(figures["rate"], company)
            old = student.school_attendance_band
            if old and BAND_ORDER[band] > BAND_ORDER[old]:
                alerts.append((student, band, figures["rate"]))
            by_value.setdefault((figures["rate"], band), self.browse())
            by_value[(figures["rate"], band)] |= student
        for (rate, band), group in by_value.items():
            group.write({"school_attendance_rate": rate, "school_attendance_band": band})
        labels = dict(self._fields["school_attendance_band"]._description_selection(self.env))
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        activities = []
        for student, band, rate in alerts:
            # The head teacher of the course the student is in now, not of
            # a course of an earlier year.
            head = student._school_batch_on(yesterday).head_teacher_id.user_ids[:1]
            if not head:
                continue
            activities.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id("op.student"),
                    "res_id": student.id,
                    "activity_type_id": activity_type.id,
                    "user_id": head.id,
                    "summary": self.env._(
                        "Attendance of %(student)s fell to %(rate)s %% (%(band)s)",
                        student=student.name,
                        rate=rate,
                        band=labels[band],
                    ),
                }
            )
        if activities:
            self.env["mail.activity"].create(activities)

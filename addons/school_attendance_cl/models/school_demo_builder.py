# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import random

from odoo import api, fields, models


def enrolled_on(enrolments, day):
    """The students of ``enrolments`` enrolled on ``day``."""
    return enrolments.filtered(
        lambda e: e.school_enrolment_date
        and e.school_enrolment_date <= day
        and (not e.school_withdrawal_date or e.school_withdrawal_date >= day)
    ).student_id


class SchoolDemoBuilder(models.AbstractModel):
    _inherit = "school.demo.builder"

    @api.model
    def _build_attendance_demo(self, rbd="2963"):
        """The class book of the demo school this school year up to
        yesterday: every course's daily block taken and signed by
        Inspectoría (about 4 % absent, 3 % late; two students of the
        apoderado's course absent more often, one of them below the
        promotion threshold), a late arrival, the apoderado's justification
        waiting for Inspectoría, and the nightly percentages and bands."""
        # No "<model> created" log: the demo is loaded before the module's
        # translations, so it would say "Convivencia Case creado" forever.
        self = self.with_context(mail_create_nolog=True)
        school = self.env["res.company"].search([("school_rbd", "=", rbd)], limit=1)
        users = {
            u.login: u
            for u in self.env["res.users"].search([("login", "in", ["inspector", "apoderado"])])
        }
        if not school or len(users) < 2:
            return False
        inspector_env = self.with_user(users["inspector"]).with_company(school).env
        today = fields.Date.context_today(self)
        calendar = self.env["school.calendar"]
        days = calendar.school_days(
            datetime.date(today.year, 1, 1), today - datetime.timedelta(days=1), company=school
        )
        batches = inspector_env["op.batch"].search([("company_id", "=", school.id)], order="id")
        child = (
            self.env["op.student"]
            .search([("company_id", "=", school.id)], order="id")
            .filtered(lambda s: users["apoderado"] in s.school_guardian_user_ids)[:1]
        )
        rng = random.Random(2963)
        sessions = inspector_env["school.attendance.session"]
        block = school.school_attendance_daily_block
        # The apoderado's child misses a day, which the apoderado justifies.
        missed = days[-2] if len(days) > 2 else None
        for batch in batches:
            # The course's enrolments read once, for every day.
            enrolments = batch.student_course_ids
            roster = enrolled_on(enrolments, today)
            # Two students of the apoderado's course miss more days.
            often = (roster - child)[:2] if child in roster else self.env["op.student"]
            for day in days:
                enrolled = enrolled_on(enrolments, day)
                if not enrolled:
                    continue
                marks = []
                for student in enrolled:
                    absent = 0.04 + (0.18 if student == often[:1] else 0.08 * (student in often))
                    draw = rng.random()
                    if draw < absent or (student == child and day == missed):
                        marks.append({"student_id": student.id, "code": "absent"})
                    elif draw < absent + 0.03:
                        marks.append({"student_id": student.id, "code": "late", "late_minutes": 7})
                sessions.save_block(batch.id, day, block, marks, sign=True)
        if child and missed:
            inspector_env["school.attendance.arrival"].create(
                {
                    "student_id": child.id,
                    "kind": "start_late",
                    "datetime": fields.Datetime.now() - datetime.timedelta(days=1),
                    "minutes_late": 10,
                    "agenda_signed": True,
                }
            )
            self.env["school.attendance.justification"].with_user(users["apoderado"]).create(
                {
                    "student_id": child.id,
                    "company_id": school.id,
                    "date_from": missed,
                    "date_to": missed,
                    "reason": "family",
                    "description": "Viaje familiar (demostración).",
                }
            )
        self.env["op.student"]._cron_update_attendance_bands()
        return True

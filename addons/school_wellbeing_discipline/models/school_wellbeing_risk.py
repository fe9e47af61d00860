# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models


class SchoolWellbeingRisk(models.Model):
    _inherit = "school.wellbeing.risk"

    @api.model
    def _risk_discipline_inputs(self, students, day, days):
        """Grave and gravísima faults in the hoja de vida, precautionary
        suspensions, and cases decided with a suspension (a sanction flagged
        ``wellbeing_suspension``, e.g. the suspensión de clases o
        actividades, MC 8.3) of the last ``days`` days (anchors.md §5: "a
        serious disciplinary record, or a suspension, within 30 days")."""
        result = super()._risk_discipline_inputs(students, day, days)
        if not students:
            return result
        since = day - datetime.timedelta(days=days)
        # sudo: the risk engine runs as the cron or after the team's check;
        # only the date and the fault's name reach the risk.
        entries = (
            self.env["school.discipline.entry"]
            .sudo()
            .search(
                [
                    ("student_id", "in", students.ids),
                    ("fault_level", "in", ("grave", "gravisima")),
                    ("date", ">=", fields.Datetime.to_datetime(since)),
                ]
            )
        )
        levels = dict(self.env["school.discipline.fault"]._fields["level"].selection)
        for entry in entries:
            result.setdefault(entry.student_id.id, []).append(
                (
                    entry.date.date(),
                    "%s %s" % (levels.get(entry.fault_level, ""), entry.fault_id.name or ""),
                )
            )
        cases = (
            self.env["school.discipline.case"]
            .sudo()
            .search(
                [
                    ("student_id", "in", students.ids),
                    ("precautionary", "=", True),
                    ("precautionary_start", ">=", since),
                ]
            )
        )
        for case in cases:
            result.setdefault(case.student_id.id, []).append(
                (case.precautionary_start, self.env._("Precautionary suspension"))
            )
        # The decision: the done decision step of a case whose sanction is a
        # suspension, dated on the day it was decided (school time).
        steps = (
            self.env["school.discipline.case.step"]
            .sudo()
            .search(
                [
                    ("student_id", "in", students.ids),
                    ("state", "=", "done"),
                    ("stage_id.decision", "=", True),
                    ("done_datetime", ">=", fields.Datetime.to_datetime(since)),
                    ("case_id.sanction_id.wellbeing_suspension", "=", True),
                ],
                order="done_datetime desc, id desc",
            )
        )
        calendar = self.env["school.calendar"]
        seen = set()
        for step in steps:
            case = step.case_id
            if case.id in seen:
                continue
            seen.add(case.id)
            decided = calendar.to_school_time(step.done_datetime, case.company_id).date()
            if decided < since:
                continue
            if case.sanction_days:
                what = self.env._(
                    "%(sanction)s, %(days)s days (decided in a case)",
                    sanction=case.sanction_id.name,
                    days=case.sanction_days,
                )
            else:
                what = self.env._(
                    "%(sanction)s (decided in a case)", sanction=case.sanction_id.name
                )
            result.setdefault(case.student_id.id, []).append((decided, what))
        return result

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random

from dateutil.relativedelta import relativedelta

from odoo import api, models

from .roles import FILL_ROLES

# Answer weights of the demo (participation, channel, technical, emotions).
PARTICIPATION = [("all", 60), ("some", 22), ("few", 10), ("none", 5), ("no_contact", 3)]
CHANNEL = [("platform", 35), ("messaging", 30), ("phone", 15), ("in_person", 15), ("email", 5)]
TECH = [("none", 55), ("shared_device", 15), ("unstable", 12), ("no_internet", 6), ("skills", 6)]
EMOTIONS = [("none", 50), ("anxiety", 15), ("stress", 12), ("boredom", 10), ("sadness", 8)]
WORK = [("no", 80), ("care", 12), ("occasional", 6), ("regular", 2)]


class SchoolDemoBuilder(models.AbstractModel):
    _inherit = "school.demo.builder"

    @api.model
    def _build_wellbeing_demo(self, rbd="2963", seed=20):
        """Two months of the survey for the demo school: last month closed,
        this month open, every course answered; the first students of the
        profesor jefe's course with no contact and a critical emotion; then
        the early-warning risk. Returns the critical students' ids of the
        survey (the bridges' demos add their attendance or faults)."""
        school = self.env["res.company"].search([("school_rbd", "=", rbd)], limit=1)
        campaign_model = self.env["school.wellbeing.campaign"]
        # Demo data files run again on every update: build once.
        if not school or campaign_model.search_count([("company_id", "=", school.id)]):
            return False
        rng = random.Random(seed)
        today = self.env["school.calendar"].school_today(school)
        months = [today.replace(day=1) - relativedelta(months=1), today.replace(day=1)]
        questions = {q.code: q for q in self.env["school.wellbeing.question"].search([])}

        def pick(code, weights):
            options = {o.code: o for o in questions[code].option_ids}
            codes, weight = zip(*weights, strict=True)
            return options[rng.choices(codes, weight)[0]]

        flagged = self.env["op.student"]
        for month in months:
            campaign = campaign_model.create(
                {
                    "name": campaign_model._month_name(month),
                    "date_start": month,
                    "date_open": month + relativedelta(days=19),
                    "date_close": month + relativedelta(months=1, days=5),
                    "company_id": school.id,
                }
            )
            campaign._do_open()
            for sheet in campaign.sheet_ids:
                roster = sheet._roster()
                head = sheet.batch_id.head_teacher_id
                at_risk = roster[:3] if head else roster[:0]
                flagged |= at_risk
                for student in roster:
                    values = {}
                    if student in at_risk:
                        values[questions["participation"]] = (
                            pick("participation", [("no_contact", 1)]),
                            "Sin respuesta a llamados ni mensajes.",
                        )
                        values[questions["emotions"]] = (pick("emotions", [("sadness", 1)]), "")
                        values[questions["tech"]] = (pick("tech", [("no_internet", 1)]), "")
                    else:
                        values[questions["participation"]] = (
                            pick("participation", PARTICIPATION),
                            "",
                        )
                        values[questions["channel"]] = (pick("channel", CHANNEL), "")
                        values[questions["tech"]] = (pick("tech", TECH), "")
                        values[questions["emotions"]] = (pick("emotions", EMOTIONS), "")
                    if questions["work"] in sheet._questions():
                        values[questions["work"]] = (pick("work", WORK), "")
                    answer = sheet._ensure_answers().filtered(
                        lambda a, s=student: a.student_id == s
                    )
                    answer._set_answers(values)
            if month != months[-1]:
                campaign._do_close()
        # One of them also feels hopeless (a critical emotion).
        hopeless = flagged[:1]
        for answer in self.env["school.wellbeing.answer"].search(
            [("student_id", "in", hopeless.ids), ("date_start", "=", months[-1])]
        ):
            line = answer.line_ids.filtered(lambda line: line.question_id == questions["emotions"])
            line.option_ids = [
                (
                    4,
                    questions["emotions"]
                    .option_ids.filtered(lambda o: o.code == "hopelessness")
                    .id,
                )
            ]
        self.env["school.wellbeing.risk"]._cron_compute_risk()
        return flagged.ids

    @api.model
    def _build_wellbeing_followup_demo(self, rbd="2963"):
        """The profesor jefe closes the activity of the first critical
        situation as a teacher would: what was done, two of the lines of
        action proposed, contact re-established; so "which actions worked"
        shows something on the demo school. Once."""
        school = self.env["res.company"].search([("school_rbd", "=", rbd)], limit=1)
        if not school:
            return False
        followups = self.env["school.wellbeing.followup"].search(
            [("company_id", "=", school.id)], order="date_open, id"
        )
        if followups.filtered(lambda f: f.state == "done"):
            return False

        def closable(followup):
            # A failing demo step would roll back the whole module's demo:
            # only a follow-up its profesor jefe may really close.
            user = followup.activity_id.user_id
            return (
                followup.state == "open"
                and followup.guideline_ids
                and user
                and user.with_user(user)._school_has_role(*FILL_ROLES)
                and followup.risk_id.with_user(user).has_access("write")
            )

        followup = followups.filtered(closable)[:1]
        if not followup:
            return False
        activity = followup.activity_id.with_user(followup.activity_id.user_id)
        activity.write(
            {
                "school_wellbeing_outcome": "contact",
                "school_wellbeing_guideline_ids": [(6, 0, followup.guideline_ids[:2].ids)],
            }
        )
        activity.action_feedback(
            feedback="Llamé a la apoderada y acordamos una entrevista; la estudiante volvió "
            "a conectarse a las clases."
        )
        return True

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The early-warning rules (anchors.md §5), each on a student built to hit
it. Attendance and discipline come through the hooks the bridge addons
fill (their own tests build real marks and entries); here they are given
as the hooks return them."""

import datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import WellbeingCase

DAY = datetime.date(2026, 11, 25)


@tagged("post_install", "-at_install")
class TestWellbeingRisk(WellbeingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.risk_model = cls.env["school.wellbeing.risk"].sudo()
        cls.rules = cls.risk_model._rules(cls.school)
        cls.rule = {rule.code: rule for rule in cls.rules}
        cls.student.birth_date = datetime.date(2018, 1, 10)  # 8 at 31 March: 3° básico
        cls.third.birth_date = datetime.date(2018, 2, 1)

    def inputs(self, attendance=None, discipline=None, survey=None):
        return {
            "attendance": attendance or {},
            "discipline": discipline or {},
            "survey": survey or {},
            "courses": {self.student.id: self.course, self.third.id: self.course},
        }

    def fired(self, inputs, student=None):
        student = student or self.student
        return {
            rule.code: text
            for rule, text in self.risk_model._evaluate(student, self.rules, inputs, DAY)
        }

    def test_no_input_no_flag(self):
        self.assertEqual(self.fired(self.inputs()), {})

    def test_attendance_bands(self):
        month = datetime.date(2026, 11, 1)

        def att(rate):
            return {self.student.id: {"month": month, "month_rate": rate}}

        self.assertEqual(set(self.fired(self.inputs(att(97.0)))), set())
        self.assertEqual(set(self.fired(self.inputs(att(89.0)))), {"attendance_repeated"})
        fired = self.fired(self.inputs(att(82.0)))
        # Only the lowest band that fired is kept (it says why).
        self.assertEqual(set(fired), {"attendance_grave"})
        self.assertEqual(fired["attendance_grave"], "attendance of November 82 % < 85 %")
        self.assertEqual(set(self.fired(self.inputs(att(40.0)))), {"attendance_critical"})

    def test_chronic_absence(self):
        month = datetime.date(2026, 11, 1)
        share = {self.student.id: {"month": month, "year_absence_share": 10.0}}
        self.assertIn("chronic_absence", self.fired(self.inputs(share)))
        share[self.student.id]["year_absence_share"] = 9.9
        self.assertNotIn("chronic_absence", self.fired(self.inputs(share)))

    def test_one_more_absence(self):
        month = datetime.date(2026, 11, 1)
        # 20 school days, 3 absences: 85 % now, 80 % after one more.
        figures = {"month": month, "month_days": 20, "month_absent": 3}
        fired = self.fired(self.inputs({self.student.id: figures}))
        self.assertEqual(
            fired["next_absence"], "one more absence in November takes the month to 80 % < 85 %"
        )
        figures["month_absent"] = 2  # 90 % now, 85 % after one more.
        self.assertNotIn("next_absence", self.fired(self.inputs({self.student.id: figures})))

    def test_grave_fault_within_30_days(self):
        recent = {self.student.id: [(DAY - datetime.timedelta(days=29), "Falta gravísima")]}
        fired = self.fired(self.inputs(discipline=recent))
        self.assertIn("Falta gravísima", fired["grave_fault"])
        old = {self.student.id: [(DAY - datetime.timedelta(days=31), "Falta grave")]}
        self.assertNotIn("grave_fault", self.fired(self.inputs(discipline=old)))

    def test_survey_flags_from_real_answers(self):
        answer = self.sheet._ensure_answers().filtered(lambda a: a.student_id == self.student)
        answer._set_answers(
            {
                self.q["participation"]: (self.option("participation", "no_contact"), ""),
                self.q["tech"]: (self.option("tech", "no_device"), ""),
                self.q["emotions"]: (self.option("emotions", "hopelessness"), ""),
            }
        )
        survey = self.risk_model._risk_survey_inputs(self.student, DAY)
        fired = self.fired(self.inputs(survey=survey))
        self.assertEqual(set(fired), {"no_contact", "no_connectivity", "critical_emotion"})
        self.assertIn("No contact", fired["no_contact"])
        answer._set_answers({self.q["participation"]: (self.option("participation", "none"), "")})
        survey = self.risk_model._risk_survey_inputs(self.student, DAY)
        self.assertIn("no_participation", self.fired(self.inputs(survey=survey)))

    def test_working_flag(self):
        work = self.option("work", "regular")
        fired = self.fired(self.inputs(survey={self.student.id: (DAY.replace(day=1), work)}))
        self.assertIn("working", fired)

    def test_overage(self):
        self.assertNotIn("overage", self.fired(self.inputs()))
        self.student.birth_date = datetime.date(2016, 1, 10)  # 10 in 3° básico
        fired = self.fired(self.inputs())
        self.assertEqual(fired["overage"], "2 years older than expected for 3° básico (≥ 2)")

    def test_rules_are_editable_data(self):
        self.rule["attendance_grave"].with_user(self.users["t_psychologist"]).threshold = 80
        self.rules.invalidate_recordset()
        month = datetime.date(2026, 11, 1)
        att = {self.student.id: {"month": month, "month_rate": 82.0}}
        self.assertNotIn("attendance_grave", self.fired(self.inputs(att)))
        with self.assertRaises(AccessError):
            self.rule["attendance_grave"].with_user(self.users["t_head"]).threshold = 70

    def test_critical_situation_history_and_one_activity(self):
        answer = self.sheet._ensure_answers().filtered(lambda a: a.student_id == self.student)
        answer._set_answers(
            {
                self.q["participation"]: (self.option("participation", "no_contact"), ""),
                self.q["emotions"]: (self.option("emotions", "grief"), ""),
            }
        )
        self.student.birth_date = datetime.date(2015, 1, 10)
        risks = self.risk_model._compute_for(self.student | self.third, DAY)
        risk = risks.filtered(lambda r: r.student_id == self.student)
        other = risks - risk
        # Two reds in one factor are one red: wellbeing red only.
        self.assertEqual(risk.wellbeing_color, "red")
        self.assertEqual(risk.overage_color, "yellow")
        self.assertEqual(risk.red_count, 1)
        self.assertEqual(risk.level, "red")
        self.assertEqual(other.level, "green")
        self.assertFalse(risk.activity_ids)
        # Make overage red too: two red factors = situación crítica.
        self.rule["overage"].color = "red"
        risk = self.risk_model._compute_for(self.student | self.third, DAY + datetime.timedelta(1))
        risk = risk.filtered(lambda r: r.student_id == self.student)
        self.assertEqual(risk.level, "critical")
        self.assertEqual(len(risk.activity_ids), 1)
        self.assertEqual(risk.activity_ids.user_id, self.users["t_head"])
        self.assertIn("Llamar a la familia", str(risk.activity_ids.note))
        self.assertIn("Sin contacto", str(risk.activity_ids.note))
        overage = risk.history_ids.filtered(lambda h: h.factor == "overage")
        self.assertEqual(overage.mapped("new_color"), ["red", "yellow"])
        self.assertIn("mayor que lo esperado", overage[0].explanation)
        # Still critical the next day: no second activity.
        self.risk_model._compute_for(self.student, DAY + datetime.timedelta(2))
        self.assertEqual(len(risk.activity_ids), 1)
        # The follow-up was opened with the red factors and the lines of
        # action; the activity links to it.
        followup = risk.followup_ids
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.state, "open")
        self.assertEqual(set(followup.line_ids.mapped("factor")), {"wellbeing", "overage"})
        self.assertEqual(risk.activity_ids.school_wellbeing_followup_id, followup)
        self.assertIn("Llamar a la familia", followup.guideline_ids.mapped("name"))
        # The head teacher changes neither the colours nor the follow-up's
        # own steps.
        head_risk = risk.with_user(self.users["t_head"])
        with self.assertRaises(AccessError):
            head_risk.write({"level": "green"})
        with self.assertRaises(AccessError):
            followup.with_user(self.users["t_head"]).write({"state": "done"})
        with self.assertRaises(AccessError):
            risk.with_user(self.users["t_teacher"]).read(["level"])

    def _critical_risk(self):
        self.rule["overage"].color = "red"
        self.student.birth_date = datetime.date(2015, 1, 10)
        survey = self.option("participation", "no_contact")
        answer = self.sheet._ensure_answers().filtered(lambda a: a.student_id == self.student)
        answer._set_answers({self.q["participation"]: (survey, "")})
        risk = self.risk_model._compute_for(self.student | self.third, DAY)
        risk = risk.filtered(lambda r: r.student_id == self.student)
        self.assertEqual(risk.level, "critical")
        return risk

    def test_closing_the_activity_records_the_followup(self):
        """The profesor jefe marks the activity done with feedback and an
        outcome: the follow-up records what was done, the outcome, who and
        when; "which actions worked" counts it by factor and outcome."""
        risk = self._critical_risk()
        activity = risk.activity_ids.with_user(self.users["t_head"])
        # Another teacher cannot close it (nor read the follow-up).
        with self.assertRaises(AccessError):
            risk.activity_ids.with_user(self.users["t_teacher"]).action_feedback("Nada")
        with self.assertRaises(AccessError):
            risk.followup_ids.with_user(self.users["t_teacher"]).read(["action_taken"])
        activity.school_wellbeing_outcome = "contact"
        activity.action_feedback(feedback="Visita domiciliaria con la familia.")
        self.assertFalse(risk.activity_ids)
        followup = risk.followup_ids
        self.assertEqual(followup.state, "done")
        self.assertEqual(followup.action_taken, "Visita domiciliaria con la familia.")
        self.assertEqual(followup.outcome, "contact")
        self.assertEqual(followup.user_id, self.users["t_head"])
        self.assertTrue(followup.date_done)
        lines = self.env["school.wellbeing.followup.line"].with_user(self.users["t_head"])
        groups = lines._read_group([("state", "=", "done")], ["factor", "outcome"], ["__count"])
        self.assertEqual(sorted(groups), [("overage", "contact", 1), ("wellbeing", "contact", 1)])
        # The head teacher may correct the outcome later; the team reads it.
        followup.with_user(self.users["t_head"]).outcome = "improved"
        self.assertEqual(
            followup.with_user(self.users["t_convivencia"]).line_ids.mapped("outcome"),
            ["improved", "improved"],
        )
        # action_done (the list's button) records it too, without feedback.
        self.student.birth_date = datetime.date(2018, 1, 10)
        self.risk_model._compute_for(self.student, DAY + datetime.timedelta(1))
        risk = self._critical_risk_again()
        risk.activity_ids.with_user(self.users["t_psychologist"]).action_done()
        second = risk.followup_ids.filtered(lambda f: f.state == "done") - followup
        self.assertEqual(
            (second.outcome, second.user_id), ("pending", self.users["t_psychologist"])
        )

    def test_closing_the_activity_records_the_applied_lines(self):
        """Closing the activity, the profesor jefe chooses which of the
        proposed lines of action were applied: the follow-up keeps them and
        "which actions worked" counts the follow-ups by applied line and
        outcome. A line that was not proposed is refused, in the popup and
        on the follow-up."""
        risk = self._critical_risk()
        followup = risk.followup_ids
        call = self.env.ref("school_wellbeing_survey.guideline_recontact_call")
        visit = self.env.ref("school_wellbeing_survey.guideline_recontact_visit")
        # A discipline line: not proposed for no contact and overage.
        support = self.env.ref("school_wellbeing_survey.guideline_bond_support")
        self.assertFalse((call | visit) - followup.guideline_ids)
        self.assertNotIn(support, followup.guideline_ids)
        head = self.users["t_head"]
        activity = risk.activity_ids.with_user(head)
        # The popup offers the proposed lines (its domain).
        self.assertEqual(activity.school_wellbeing_proposed_guideline_ids, followup.guideline_ids)
        # (assertRaises rolls the refused write back, assertRaisesRegex not.)
        with self.assertRaises(ValidationError) as refused:
            activity.school_wellbeing_guideline_ids = [Command.set((call | support).ids)]
        self.assertIn(
            "no fueron propuestas: %s" % support.with_env(activity.env).name,
            str(refused.exception),
        )
        # Another school's line: refused without telling its name.
        foreign = self.env["school.wellbeing.guideline"].create(
            {
                "name": "Línea reservada de otro colegio",
                "category": "recontact",
                "description": "No debe aparecer.",
                "company_id": self.env["res.company"].create({"name": "Otro colegio"}).id,
            }
        )
        for record, field in ((activity, "school_wellbeing_guideline_ids"), (followup, None)):
            with self.assertRaises(ValidationError) as refused:
                if field:
                    record.write({field: [Command.set((call | foreign).ids)]})
                else:
                    followup.with_user(head).applied_guideline_ids = [Command.link(foreign.id)]
            self.assertNotIn("reservada", str(refused.exception))
            self.assertIn("líneas de acción propuestas", str(refused.exception))
        activity.write(
            {
                "school_wellbeing_guideline_ids": [Command.set((call | visit).ids)],
                "school_wellbeing_outcome": "contact",
            }
        )
        activity.action_feedback(feedback="Llamada y visita domiciliaria.")
        self.assertEqual(followup.state, "done")
        self.assertEqual(followup.applied_guideline_ids, call | visit)
        self.assertEqual(followup.outcome, "contact")
        # Critical again later: the second one closed by the psychologist
        # with the call only, no change.
        self.student.birth_date = datetime.date(2018, 1, 10)
        self.risk_model._compute_for(self.student, DAY + datetime.timedelta(1))
        risk = self._critical_risk_again()
        second = risk.followup_ids - followup
        activity = risk.activity_ids.with_user(self.users["t_psychologist"])
        activity.school_wellbeing_guideline_ids = [Command.set(call.ids)]
        activity.school_wellbeing_outcome = "no_change"
        activity.action_done()
        self.assertEqual((second.applied_guideline_ids, second.outcome), (call, "no_change"))
        # Which lines of action worked: follow-ups by applied line x outcome,
        # with the head teacher's rights (the pivot's read_group too).
        followups = self.env["school.wellbeing.followup"].with_user(head)
        groups = followups._read_group(
            [("state", "=", "done")], ["applied_guideline_ids", "outcome"], ["__count"]
        )
        self.assertEqual(
            sorted((line.id, outcome, count) for line, outcome, count in groups),
            sorted([(call.id, "contact", 1), (visit.id, "contact", 1), (call.id, "no_change", 1)]),
        )
        rows = followups.read_group(
            [("state", "=", "done")],
            ["__count"],
            ["applied_guideline_ids", "outcome"],
            lazy=False,
        )
        self.assertEqual(
            sorted(
                (row["applied_guideline_ids"][0], row["outcome"], row["__count"]) for row in rows
            ),
            sorted([(call.id, "contact", 1), (visit.id, "contact", 1), (call.id, "no_change", 1)]),
        )
        # Afterwards on the follow-up: the head teacher corrects them, a
        # line not proposed is refused, another teacher cannot.
        followup.with_user(head).applied_guideline_ids = [Command.unlink(visit.id)]
        self.assertEqual(followup.applied_guideline_ids, call)
        with self.assertRaises(ValidationError) as refused:
            followup.with_user(head).applied_guideline_ids = [Command.link(support.id)]
        self.assertIn("no fueron propuestas", str(refused.exception))
        with self.assertRaises(AccessError):
            followup.with_user(self.users["t_teacher"]).applied_guideline_ids = [
                Command.link(visit.id)
            ]
        self.assertEqual(followup.applied_guideline_ids, call)

    def _critical_risk_again(self):
        self.student.birth_date = datetime.date(2015, 1, 10)
        risk = self.risk_model._compute_for(self.student, DAY + datetime.timedelta(2))
        self.assertEqual(risk.level, "critical")
        self.assertEqual(len(risk.followup_ids), 2)
        return risk

    def test_cron_runs_by_school(self):
        failed = self.env["school.wellbeing.risk"]._cron_compute_risk(today=DAY)
        self.assertEqual(failed, [])
        self.assertTrue(
            self.env["school.wellbeing.risk"].search([("student_id", "=", self.student.id)])
        )

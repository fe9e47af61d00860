# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict
from typing import NamedTuple

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.misc import format_date

from odoo.addons.school_base.tools.cron_batches import chunks, run_in_batches

from .roles import TEAM_ROLES, check_protected, grade_rank
from .school_wellbeing_risk_rule import COLORS, FACTORS, SEVERITY

LEVELS = COLORS + [("critical", "Critical situation")]


class RuleView(NamedTuple):
    """A school.wellbeing.risk.rule's values, as the rule methods read them."""

    id: int
    code: str
    kind: str
    factor: str
    color: str
    threshold: float
    days: int
    survey_flag: str


class SchoolWellbeingRisk(models.Model):
    """A student's early-warning risk (anchors.md §5): a traffic light per
    factor, from the rules that fired, each saying why; two or more reds
    are a "situación crítica" (seed 000 "Identificación de estudiantes en
    situaciones críticas"), and the profesor jefe gets one activity with the
    lines of action when a student becomes critical.

    Attendance and discipline are read through the hooks
    ``_risk_attendance_inputs`` and ``_risk_discipline_inputs``, which the
    bridge addons school_wellbeing_attendance and school_wellbeing_discipline
    fill; this addon depends on neither."""

    _name = "school.wellbeing.risk"
    _description = "Early-Warning Risk"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "red_count desc, level_rank desc, student_id"
    _rec_name = "student_id"
    _check_company_auto = True
    _protected_fields = frozenset(
        {
            "attendance_color",
            "discipline_color",
            "wellbeing_color",
            "overage_color",
            "level",
            "level_rank",
            "red_count",
            "date",
            "student_id",
            "batch_id",
            "company_id",
        }
    )

    student_id = fields.Many2one(
        "op.student", string="Student", required=True, index=True, check_company=True
    )
    batch_id = fields.Many2one("op.batch", string="Course", index=True, check_company=True)
    company_id = fields.Many2one("res.company", string="School", required=True, index=True)
    date = fields.Date(string="Computed On", readonly=True)
    attendance_color = fields.Selection(COLORS, default="green", readonly=True)
    discipline_color = fields.Selection(COLORS, default="green", readonly=True)
    wellbeing_color = fields.Selection(COLORS, default="green", readonly=True)
    overage_color = fields.Selection(COLORS, default="green", readonly=True)
    red_count = fields.Integer(string="Reds", readonly=True)
    level = fields.Selection(LEVELS, default="green", readonly=True, tracking=True)
    level_rank = fields.Integer(readonly=True)
    flag_ids = fields.One2many("school.wellbeing.risk.flag", "risk_id", string="Why")
    history_ids = fields.One2many("school.wellbeing.risk.history", "risk_id", string="History")
    explanation = fields.Text(compute="_compute_explanation")
    followup_ids = fields.One2many(
        "school.wellbeing.followup", "risk_id", string="Follow-up", readonly=True
    )

    _sql_constraints = [
        ("student_uniq", "unique(student_id)", "A student has one early-warning risk."),
    ]

    @api.depends("flag_ids.explanation")
    def _compute_explanation(self):
        for risk in self:
            risk.explanation = "\n".join(risk.flag_ids.mapped("explanation"))

    @api.model_create_multi
    def create(self, vals_list):
        check_protected(self, vals_list, self._protected_fields)
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], self._protected_fields)
        return super().write(vals)

    # ----------------------------------------------------------- actions --
    def action_recompute(self):
        """Compute the risk of the school's students now (the team)."""
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._("Only the coexistence team or the Director recompute the risk."),
        )
        # The schools of the given risks (readable by the caller), or the
        # caller's current school from an empty list.
        self.check_access("read")
        for company in self.company_id or self.env.company:
            # sudo: the team reads every student's inputs; checked above.
            students = self.env["op.student"].sudo().search([("company_id", "=", company.id)])
            day = self.env["school.calendar"].school_today(company)
            self.sudo()._compute_for(students, day)
        return True

    def action_open_trend(self):
        """The student's answers month by month (pivot: answers by month)."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Answers by Month: %(student)s", student=self.student_id.name),
            "res_model": "school.wellbeing.trend",
            "view_mode": "pivot,list,graph",
            "views": [(False, "pivot"), (False, "list"), (False, "graph")],
            "domain": [("student_id", "=", self.student_id.id)],
            "context": {"pivot_measures": ["__count"]},
        }

    # ------------------------------------------------------------ hooks --
    @api.model
    def _risk_attendance_inputs(self, students, day):
        """{student id: {"month": date, "month_rate": %, "month_days":
        school days of the whole month, "month_absent": absences so far,
        "year_absence_share": %}}; empty without an attendance addon
        (school_wellbeing_attendance fills it)."""
        return {}

    @api.model
    def _risk_discipline_inputs(self, students, day, days):
        """{student id: [(date, description)]} of grave or gravísima faults
        and suspensions in the ``days`` before ``day``; empty without a
        discipline addon (school_wellbeing_discipline fills it)."""
        return {}

    @api.model
    def _risk_survey_inputs(self, students, day):
        """{student id: (month, options)} of the latest answer of a month
        that began by ``day``."""
        answers = self.env["school.wellbeing.answer"].search(
            [("student_id", "in", students.ids), ("date_start", "<=", day)],
            order="date_start desc, id desc",
        )
        result = {}
        for answer in answers:
            result.setdefault(answer.student_id.id, (answer.date_start, answer.option_ids))
        return result

    # ----------------------------------------------------------- engine --
    @api.model
    def _rules(self, company):
        return self.env["school.wellbeing.risk.rule"].search(
            ["|", ("company_id", "=", False), ("company_id", "=", company.id)]
        )

    @api.model
    def _month_label(self, day):
        return format_date(self.env, day, date_format="MMMM")

    @api.model
    def _rule_views(self, rules):
        """The rules as plain read-only values (RuleView), read once for all
        the students instead of through the ORM for each student."""
        if not isinstance(rules, models.BaseModel):
            return rules
        return [
            RuleView(
                rule.id,
                rule.code,
                rule.kind,
                rule.factor,
                rule.color,
                rule.threshold,
                rule.days,
                rule.survey_flag,
            )
            for rule in rules
        ]

    def _evaluate(self, student, rules, inputs, day):
        """[(rule, explanation)] of the rules that fire on ``student``;
        ``rules`` a recordset or their _rule_views."""
        fired = []
        for rule in self._rule_views(rules):
            text = getattr(self, "_rule_%s" % rule.kind)(student, rule, inputs, day)
            if text:
                fired.append((rule, text))
        # Attendance bands: only the lowest band that fired says why.
        bands = [rule for rule, _text in fired if rule.kind == "attendance_below"]
        if len(bands) > 1:
            lowest = min(bands, key=lambda rule: rule.threshold)
            fired = [
                (rule, text)
                for rule, text in fired
                if rule.kind != "attendance_below" or rule == lowest
            ]
        return fired

    def _rule_attendance_below(self, student, rule, inputs, day):
        figures = inputs["attendance"].get(student.id) or {}
        rate = figures.get("month_rate")
        if rate is not None and rate < rule.threshold:
            return self.env._(
                "attendance of %(month)s %(rate)s %% < %(threshold)s %%",
                month=self._month_label(figures["month"]),
                rate=round(rate),
                threshold=round(rule.threshold),
            )
        return None

    def _rule_absence_share(self, student, rule, inputs, day):
        share = (inputs["attendance"].get(student.id) or {}).get("year_absence_share")
        if share is not None and share >= rule.threshold:
            return self.env._(
                "%(share)s %% of the year's school days missed ≥ %(threshold)s %% "
                "(chronic absence)",
                share=round(share, 1),
                threshold=round(rule.threshold),
            )
        return None

    def _rule_next_absence(self, student, rule, inputs, day):
        figures = inputs["attendance"].get(student.id) or {}
        total, absent = figures.get("month_days"), figures.get("month_absent")
        if not total or absent is None:
            return None
        now = 100.0 * (total - absent) / total
        after = 100.0 * (total - absent - 1) / total
        if now >= rule.threshold > after:
            return self.env._(
                "one more absence in %(month)s takes the month to %(rate)s %% < %(threshold)s %%",
                month=self._month_label(figures["month"]),
                rate=int(after),
                threshold=round(rule.threshold),
            )
        return None

    def _rule_grave_fault(self, student, rule, inputs, day):
        events = inputs["discipline"].get(student.id) or []
        since = day - datetime.timedelta(days=rule.days)
        recent = sorted((date, what) for date, what in events if since <= date <= day)
        if recent:
            date, what = recent[-1]
            return self.env._(
                "%(what)s on %(date)s (last %(days)s days)",
                what=what,
                date=format_date(self.env, date),
                days=rule.days,
            )
        return None

    def _rule_survey_flag(self, student, rule, inputs, day):
        month, options = inputs["survey"].get(student.id) or (None, None)
        hit = options and options.filtered(lambda o, flag=rule.survey_flag: o.risk_flag == flag)
        if hit:
            return self.env._(
                "survey of %(month)s: %(answer)s",
                month=self._month_label(month),
                answer=", ".join(hit.mapped("name")),
            )
        return None

    def _rule_overage(self, student, rule, inputs, day):
        course = inputs["courses"].get(student.id)
        rank = course and grade_rank(course)
        if not (rank and student.birth_date):
            return None
        # Chile: 1° básico at 6 years by 31 March of the school year.
        cutoff = datetime.date(day.year, 3, 31)
        born = student.birth_date
        age = cutoff.year - born.year - ((cutoff.month, cutoff.day) < (born.month, born.day))
        over = age - (rank + 5)
        if over >= rule.threshold:
            return self.env._(
                "%(years)s years older than expected for %(grade)s (≥ %(threshold)s)",
                years=over,
                grade=course.name,
                threshold=int(rule.threshold),
            )
        return None

    @api.model
    def _compute_for(self, students, day):
        """Compute and store the risk of ``students`` (one school) on ``day``;
        history rows for the factors that changed; one activity for the
        profesor jefe per newly critical student. Runs as the superuser
        (cron) or after the caller's check (action_recompute)."""
        if not students:
            return self.browse()
        company = students[:1].company_id or self.env.company
        # The reasons are stored text that the school's staff read: in the
        # school's language, whoever computes them (the nightly cron too).
        lang = self.env["res.lang"]._school_lang_of(company)
        if lang and self.env.lang != lang:
            return self.with_context(lang=lang)._compute_for(students.with_context(lang=lang), day)
        rules = self._rules(company)
        batch_of = {}
        for enrolment in self.env["op.student.course"].search(
            [("student_id", "in", students.ids), ("batch_id", "!=", False)],
            order="id",
        ):
            batch_of[enrolment.student_id.id] = enrolment.batch_id
        inputs = {
            "attendance": self._risk_attendance_inputs(students, day),
            "discipline": self._risk_discipline_inputs(
                students,
                day,
                max(rules.filtered(lambda r: r.kind == "grave_fault").mapped("days") or [30]),
            ),
            "survey": self._risk_survey_inputs(students, day),
            "courses": {sid: batch.course_id for sid, batch in batch_of.items()},
        }
        views = self._rule_views(rules)
        # Only the columns the rules read (not every column of op.student).
        students.fetch(["birth_date"])
        # The stored values as plain rows (one query), not through records.
        stored = ["student_id", "batch_id", "date", "level", "level_rank", "red_count"]
        stored += ["%s_color" % factor for factor, _label in FACTORS]
        existing = {
            row["student_id"]: row
            for row in self.search_read([("student_id", "in", students.ids)], stored, load=None)
        }
        missing = students.filtered(lambda s: s.id not in existing)
        if missing:
            self.create([{"student_id": s.id, "company_id": company.id} for s in missing])
            existing.update(
                (row["student_id"], row)
                for row in self.search_read([("student_id", "in", missing.ids)], stored, load=None)
            )
        old_flags = self._current_flags([row["id"] for row in existing.values()])
        changes = {
            "flags": [],
            "stale": [],
            "history": [],
            "critical": [],
            "write": {},
            "dated": [],
        }
        for student in students:
            row = existing[student.id]
            self._assess(row, self._evaluate(student, views, inputs, day), old_flags, day, changes)
            batch = batch_of.get(student.id)
            if batch and batch.id != row["batch_id"]:
                changes["write"].setdefault((("batch_id", batch.id),), []).append(row["id"])
        for key, ids in changes["write"].items():
            self.browse(ids).write(dict(key))
        if changes["dated"]:
            self.browse(changes["dated"]).write({"date": day})
        flag_model = self.env["school.wellbeing.risk.flag"]
        flag_model.search([("risk_id", "in", changes["stale"])]).unlink()
        flag_model.create(changes["flags"])
        self.env["school.wellbeing.risk.history"].create(changes["history"])
        for risk in self.browse(changes["critical"]):
            risk._notify_critical()
        return self.browse([row["id"] for row in existing.values()])

    @api.model
    def _current_flags(self, risk_ids):
        """{risk id: [(rule id, factor, colour, explanation)]} as stored."""
        flags = defaultdict(list)
        for row in self.env["school.wellbeing.risk.flag"].search_read(
            [("risk_id", "in", risk_ids)],
            ["risk_id", "rule_id", "factor", "color", "explanation"],
            load=None,
        ):
            flags[row["risk_id"]].append(
                (row["rule_id"], row["factor"], row["color"], row["explanation"])
            )
        return flags

    @api.model
    def _assess(self, risk, fired, old_flags, day, changes):
        """Fold the rules that ``fired`` into the colours and level of
        ``risk`` (its stored values, a search_read row);
        add to ``changes`` what must be written: the flags only when they
        changed (most students, most nights: none), the history of what
        changed, the values that changed (one write per distinct set), the
        date, and the risk itself when it becomes critical."""
        colors = dict.fromkeys((key for key, _label in FACTORS), "green")
        why = defaultdict(list)
        new_flags = []
        for rule, text in fired:
            if SEVERITY[rule.color] > SEVERITY[colors[rule.factor]]:
                colors[rule.factor] = rule.color
            why[rule.factor].append(text)
            new_flags.append((rule.id, rule.factor, rule.color, text))
        if sorted(new_flags) != sorted(old_flags.get(risk["id"], [])):
            changes["stale"].append(risk["id"])
            changes["flags"].extend(
                {
                    "risk_id": risk["id"],
                    "rule_id": rule_id,
                    "factor": factor,
                    "color": color,
                    "explanation": text,
                }
                for rule_id, factor, color, text in new_flags
            )
        reds = sum(1 for color in colors.values() if color == "red")
        level = "critical" if reds >= 2 else max(colors.values(), key=lambda c: SEVERITY[c])
        for factor, color in colors.items():
            old = risk["%s_color" % factor]
            if old != color:
                changes["history"].append(
                    {
                        "risk_id": risk["id"],
                        "date": day,
                        "factor": factor,
                        "old_color": old,
                        "new_color": color,
                        "explanation": "; ".join(why[factor]),
                    }
                )
        if level != risk["level"]:
            if level == "critical":
                changes["critical"].append(risk["id"])
            changes["history"].append(
                {
                    "risk_id": risk["id"],
                    "date": day,
                    "factor": "overall",
                    "old_color": risk["level"],
                    "new_color": level,
                    "explanation": self.env._("%(count)s red factors", count=reds),
                }
            )
        values = {"%s_color" % f: c for f, c in colors.items()}
        values.update(
            level=level,
            level_rank={"green": 0, "yellow": 1, "red": 2, "critical": 3}[level],
            red_count=reds,
        )
        changed = {name: value for name, value in values.items() if risk[name] != value}
        if changed:
            changes["write"].setdefault(tuple(sorted(changed.items())), []).append(risk["id"])
        if risk["date"] != day:
            changes["dated"].append(risk["id"])

    def _notify_critical(self):
        """One activity for the profesor jefe with the lines of action of
        the fired factors, and its follow-up record (the red factors, the
        lines of action proposed): closing the activity records what was
        done and the outcome (mail.activity._action_done). Called by the
        risk engine (superuser or after the team's check)."""
        self.ensure_one()
        # sudo: the follow-up and its activity are the engine's own records.
        risk = self.sudo()
        reds = risk.flag_ids.filtered(lambda f: f.color == "red")
        factors = set(reds.mapped("factor"))
        guidelines = (
            self.env["school.wellbeing.guideline"]
            .sudo()
            .search(["|", ("company_id", "=", False), ("company_id", "=", risk.company_id.id)])
            .filtered(lambda g: not g.factor or g.factor in factors)
        )
        day = risk.date or self.env["school.calendar"].school_today(risk.company_id)
        followup = (
            self.env["school.wellbeing.followup"]
            .sudo()
            .create(
                {
                    "risk_id": risk.id,
                    "date_open": day,
                    "guideline_ids": [(6, 0, guidelines.ids)],
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "factor": flag.factor,
                                "color": flag.color,
                                "rule_id": flag.rule_id.id,
                                "explanation": flag.explanation,
                            },
                        )
                        for flag in reds
                    ],
                }
            )
        )
        user = risk.batch_id.head_teacher_id.user_ids[:1]
        if not user:
            return followup
        item = Markup("<li>%s</li>")
        note = Markup("<p>%s</p><ul>%s</ul><p>%s</p><ul>%s</ul><p>%s</p>") % (
            self.env._("Why:"),
            Markup().join(item % f.explanation for f in risk.flag_ids),
            self.env._("Lines of action:"),
            Markup().join(item % ("%s: %s" % (g.name, g.description)) for g in guidelines),
            self.env._(
                "When you mark it as done, write what was done, choose the lines of action "
                "applied and the outcome: the follow-up keeps them."
            ),
        )
        activity = risk.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Critical situation: %(student)s", student=risk.student_id.name),
            note=note,
            user_id=user.id,
            school_wellbeing_followup_id=followup.id,
        )
        followup.activity_id = activity
        return followup

    @api.model
    def _cron_compute_risk(self, today=None):
        """Nightly, school by school and by chunks of students (each in its
        own savepoint, cron_batches)."""
        calendar = self.env["school.calendar"]
        students = self.env["op.student"].search([("course_detail_ids", "!=", False)])
        by_school = defaultdict(lambda: self.env["op.student"])
        for student in students:
            by_school[student.company_id] |= student
        batches = []
        for company, group in sorted(by_school.items(), key=lambda item: item[0].id):
            day = fields.Date.to_date(today) or calendar.school_today(company)
            batches.extend(
                (
                    "%s: risk" % company.name,
                    chunk,
                    lambda records, d=day: self._compute_for(records, d),
                )
                for chunk in chunks(group)
            )
        return run_in_batches(self.env, batches, "Early-warning risk")

#!/usr/bin/env python3
"""Discipline benchmark on the 2,000-student school (issue: discipline).

Run through ``./school bench`` (or ``./school script
tests/bench/discipline_bench.py school_bench`` on a database that has the
big school). Nothing is kept: the transaction is rolled back.

5,000 open case steps (500 protocol I cases of 10 stages, opened over the
last 20 days by an inspector): time to open them with their deadlines, to
recompute every deadline on the school calendar, to load the overdue
dashboard (counts per procedure and role, overdue and due-within-a-day
lists), and to run the deadlines cron (activities).
"""

import datetime
import random
import sys

from bench_common import bench_user, open_registry, timed

import odoo
from odoo import fields


def main(argv):
    own, registry = open_registry(argv, cases=500)
    rng = random.Random(11)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        school = env["res.company"].search([("school_rbd", "=", own.rbd)])
        inspector = bench_user(
            env,
            school,
            "bench.convivencia",
            "Bench Convivencia",
            [
                "school_base.school_base_group_inspector",
                "school_base.school_base_group_convivencia",
            ],
        )
        user_env = env(user=inspector, context={"allowed_company_ids": [school.id]})
        students = user_env["op.student"].search([("company_id", "=", school.id)])
        case_type = user_env["school.discipline.case.type"].search([("code", "=", "CT-I")])
        now = fields.Datetime.now()
        vals = [
            {
                "type_id": case_type.id,
                "student_id": rng.choice(students).id,
                "company_id": school.id,
                "knowledge_datetime": now
                - datetime.timedelta(minutes=rng.randint(0, 20 * 24 * 60)),
            }
            for __ in range(own.cases)
        ]
        cases = user_env["school.discipline.case"]
        seconds, cases = timed(lambda: cases.create(vals))
        cases.env.flush_all()
        steps = cases.step_ids
        print(
            "discipline: %d cases, %d open steps (%d with a deadline) opened in %.2f s "
            "(%.2f ms per step, deadlines and hoja de vida entries included)"
            % (
                len(cases),
                len(steps),
                len(steps.filtered("deadline")),
                seconds,
                seconds * 1000 / len(steps),
            )
        )
        # Recompute every deadline from scratch.
        # (as superuser: users cannot rewrite a step's clock)
        steps.sudo().write({"start_datetime": False, "deadline": False})
        steps.env.flush_all()
        env.invalidate_all()
        steps = user_env["school.discipline.case.step"].browse(steps.ids)
        seconds, __ = timed(lambda: steps._school_schedule())
        steps.env.flush_all()
        print(
            "discipline: deadline computation for %d open steps: %.2f s (%.3f ms per step)"
            % (len(steps), seconds, seconds * 1000 / len(steps))
        )
        step_model = user_env["school.discipline.case.step"]

        def dashboard():
            env.invalidate_all()
            groups = step_model._read_group(
                [("is_overdue", "=", True)], ["type_id", "responsible_group_id"], ["__count"]
            )
            overdue = step_model.search([("is_overdue", "=", True)], limit=80)
            overdue.read(["case_id", "name", "deadline", "responsible_group_id", "state"])
            soon = step_model.search_count([("is_due_soon", "=", True)])
            return sum(count for *__, count in groups), soon

        seconds, (overdue, soon) = timed(dashboard, repeat=10)
        print(
            "discipline: overdue dashboard over %d open steps: %.1f ms "
            "(%d overdue, %d due within a day; best of 10)"
            % (len(steps), seconds * 1000, overdue, soon)
        )
        seconds, __ = timed(lambda: step_model.sudo()._cron_deadlines())
        activities = env["mail.activity"].search_count(
            [("res_model", "=", "school.discipline.case"), ("res_id", "in", cases.ids)]
        )
        print("discipline: deadlines cron: %.2f s, %d activities" % (seconds, activities))
        cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1:])

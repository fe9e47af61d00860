#!/usr/bin/env python3
"""The Odoo side of the load test (load_bench.py): run through ``./school
script load_prepare.py DB --rbds 2964,2965 --courses N --blocks B --out FILE``.

For each school (RBD) it gives the head teacher of each of its first N
courses a password (the generated teachers have none), and writes to FILE
(JSON) what the load test needs: per course the teacher's login, the
students enrolled on the day to use and two of them to mark, and the day: a
school day on which none of these courses has any of the blocks yet (a run
never re-sends an old block). With ``--check FILE`` it reads the results
back instead: the blocks, their state and their marks, as the database holds
them.
"""

import datetime
import json
import sys

from bench_common import open_registry

import odoo

PASSWORD = "load-bench"


def free_day(env, schools, batches, blocks):
    """The latest school day, up to yesterday, of an open month, on which
    none of ``batches`` has a block among 1..``blocks``."""
    calendar = env["school.calendar"]
    day = calendar.school_today(schools[0]) - datetime.timedelta(days=1)
    used = {
        date
        for (date,) in env.execute_query(
            odoo.tools.SQL(
                "SELECT DISTINCT date FROM school_attendance_session"
                " WHERE batch_id = ANY(%s) AND block <= %s",
                batches.ids,
                blocks,
            )
        )
    }
    for __ in range(300):
        if day.month in (1, 2):
            day = day.replace(month=1, day=1) - datetime.timedelta(days=1)
            continue
        days = set(calendar._school_month_days(schools[0], day))
        if all(day in calendar._school_month_days(s, day) for s in schools) and day in days:
            if day not in used:
                return day
        day -= datetime.timedelta(days=1)
    raise SystemExit("no free school day left for the load test: use a fresh database")


def prepare(env, own):
    rbds = own.rbds.split(",")
    schools = env["res.company"].search([("school_rbd", "in", rbds)])
    if len(schools) != len(rbds):
        raise SystemExit("schools %s not all in the database" % own.rbds)
    out = {"schools": []}
    all_batches = env["op.batch"]
    for school in schools.sorted("school_rbd"):
        batches = env["op.batch"].search([("company_id", "=", school.id)], order="id")
        batches = batches[: own.courses]
        all_batches |= batches
        out["schools"].append({"rbd": school.school_rbd, "id": school.id, "courses": []})
    day = free_day(env, schools, all_batches, own.blocks)
    users = env["res.users"]
    for entry in out["schools"]:
        batches = all_batches.filtered(lambda b, sid=entry["id"]: b.company_id.id == sid)
        for batch in batches:
            user = batch.head_teacher_id.user_ids[:1]
            if not user:
                raise SystemExit("course %s has no teacher user" % batch.name)
            users |= user
            students = batch._school_students_on(day).sorted("id")
            entry["courses"].append(
                {
                    "batch": batch.id,
                    "name": batch.name,
                    "login": user.login,
                    "enrolled": len(students),
                    "absent": students[0].id,
                    "late": students[1].id,
                }
            )
    # One pbkdf2 hash for all (hashing costs ~0.35 s each).
    first = users[:1]
    first.password = PASSWORD
    env.flush_all()
    env.cr.execute("SELECT password FROM res_users WHERE id = %s", [first.id])
    (hashed,) = env.cr.fetchone()
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id = ANY(%s)", [hashed, (users - first).ids]
    )
    out.update(day=day.isoformat(), password=PASSWORD, blocks=own.blocks)
    with open(own.out, "w") as handle:
        json.dump(out, handle)


def check(env, own):
    """What the database holds of the blocks of the run described in FILE."""
    with open(own.check) as handle:
        run = json.load(handle)
    batch_ids = [c["batch"] for s in run["schools"] for c in s["courses"]]
    rows = env.execute_query(
        odoo.tools.SQL(
            """
            SELECT s.batch_id, s.block, s.state, count(l.id),
                   count(l.id) FILTER (WHERE c.code = 'absent'),
                   count(l.id) FILTER (WHERE c.code = 'late' AND l.late_minutes = 5),
                   (SELECT count(*) FROM school_attendance_log g WHERE g.session_id = s.id)
              FROM school_attendance_session s
              LEFT JOIN school_attendance_line l ON l.session_id = s.id
              LEFT JOIN school_attendance_code c ON c.id = l.code_id
             WHERE s.batch_id = ANY(%s) AND s.date = %s AND s.block <= %s
             GROUP BY s.id
            """,
            batch_ids,
            run["day"],
            run["blocks"],
        )
    )
    result = [
        {
            "batch": batch,
            "block": block,
            "state": state,
            "lines": lines,
            "absent": absent,
            "late": late,
            "logs": logs,
        }
        for batch, block, state, lines, absent, late, logs in rows
    ]
    with open(own.out, "w") as handle:
        json.dump(result, handle)


def main(argv):
    own, registry = open_registry(
        argv, rbds="2964", courses=45, blocks=8, out="load.json", check=""
    )
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if own.check:
            check(env, own)
        else:
            prepare(env, own)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

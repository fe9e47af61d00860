#!/usr/bin/env python3
"""SIGE benchmark (issue 11): one school month of daily sends through the
outbox against the SIGE stand-in over real HTTP (calls, bytes, wall time),
and the time to build the month's payloads vs one raw SQL of the same daily
marks (goal: at most 3x).

Run on a database with the school (``./school bench`` runs it on the
2,000-student school, RBD 2964, whose missing daily blocks it takes first;
the demo school of ``./school run``, RBD 2963, has its class book)::

    ./school script tests/bench/sige_bench.py <db> --rbd 2963 [--month 2026-11-01]

Nothing is kept: everything runs in a transaction that is rolled back.
"""

import datetime
import random
import sys
import time

from bench_common import open_registry, timed

from odoo import api
from odoo.tools import SQL

RAW_MARKS = """
    SELECT d.day, b.id, s.id, p.school_id_number, sc.sige_status
      FROM unnest(%(days)s::date[]) AS d(day)
      JOIN op_batch b ON b.company_id = %(company)s
      JOIN op_course c ON c.id = b.course_id AND c.sige_teaching_code IS NOT NULL
      JOIN op_student_course e ON e.batch_id = b.id
       AND e.school_enrolment_date <= d.day
       AND (e.school_withdrawal_date IS NULL OR e.school_withdrawal_date >= d.day)
      JOIN op_student s ON s.id = e.student_id
      JOIN res_partner p ON p.id = s.partner_id
      LEFT JOIN school_attendance_line l
        ON l.batch_id = b.id AND l.student_id = s.id AND l.date = d.day
       AND l.block = %(block)s
      LEFT JOIN school_attendance_code sc ON sc.id = l.code_id
     ORDER BY d.day, b.id, s.id
"""


def fill_month(env, school, month, last):
    """Take and sign the daily blocks of the month that are missing (the
    benchmark school of ./school bigschool has no class book): about 5 %
    absent. Returns (blocks, seconds) or None."""
    block = school.school_attendance_daily_block
    days = [d for d in env["school.calendar"]._school_month_days(school, month) if d <= last]
    batches = env["op.batch"].search(
        [("company_id", "=", school.id), ("course_id.sige_teaching_code", "!=", False)]
    )
    taken = {
        (s.batch_id.id, s.date)
        for s in env["school.attendance.session"].search(
            [("batch_id", "in", batches.ids), ("date", "in", days), ("block", "=", block)]
        )
    }
    missing = [(b, d) for d in days for b in batches if (b.id, d) not in taken]
    if not missing:
        return None
    rng = random.Random(11)
    start = time.perf_counter()
    sessions = env["school.attendance.session"].with_company(school)
    for batch, day in missing:
        if not (batch.start_date <= day and (not batch.end_date or batch.end_date >= day)):
            continue
        students = batch._school_students_on(day)
        marks = [{"student_id": s.id, "code": "absent"} for s in students if rng.random() < 0.05]
        sessions.save_block(batch.id, day, block, marks, sign=True)
    return len(missing), time.perf_counter() - start


def main(argv):
    own, registry = open_registry(argv, month="")
    # The addons path is known once the registry is open.
    from odoo.addons.school_sige_connector.models.school_sige_send import payload_hash
    from odoo.addons.school_sige_connector.services.sige_standin import SigeStandIn

    with registry.cursor() as cr:
        env = api.Environment(cr, 1, {})
        school = env["res.company"].search([("school_rbd", "=", own.rbd)], limit=1)
        if not school:
            raise SystemExit("no school with RBD %s" % own.rbd)
        today = env["school.calendar"].school_today(school)
        month = (
            datetime.date.fromisoformat(own.month)
            if own.month
            else (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        )
        last = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        standin = SigeStandIn(processing_delay=0, lenient=True)
        standin.start()
        try:
            standin.add_convenio(99, 999, "BENCHTOKEN", rbds=[int(own.rbd)])
            standin.add_rbd(int(own.rbd), open_months=[(month.year, month.month)])
            standin.set_now(datetime.datetime.combine(last, datetime.time(20, 0)))
            backend = env["school.sige.backend"].search([("company_id", "=", school.id)])
            values = {
                "name": "SIGE bench",
                "company_id": school.id,
                "cliente_id": 99,
                "convenio_id": 999,
                "new_token": "BENCHTOKEN",
                "auth_url": standin.auth_url,
                "service_url": standin.service_url,
            }
            if backend:
                backend.write(values)
            else:
                backend = env["school.sige.backend"].create(values)
            filled = fill_month(env, school, month, last)
            if filled:
                print("(filled %d missing daily blocks first, %.1f s)" % filled)
            sends = env["school.sige.send"]
            sends.search([("company_id", "=", school.id)]).unlink()
            sends = sends._school_prepare(backend, month, last)
            print("== SIGE: %s, %s (%d day x grade sends)" % (school.name, month, len(sends)))

            # Payload build vs raw SQL of the same daily marks.
            def build_all():
                return [built[0] for built in sends._school_build_many().values()]

            def raw_all():
                block = school.school_attendance_daily_block
                days = sorted(set(sends.mapped("date")))
                return env.execute_query(SQL(RAW_MARKS, days=days, block=block, company=school.id))

            env.invalidate_all()
            build_seconds, payloads = timed(build_all, repeat=3, before=env.invalidate_all)
            raw_seconds, rows = timed(raw_all, repeat=3)
            runs = sum(len(c["present"]) + len(c["absent"]) for p in payloads for c in p["courses"])
            print(
                "payload build: %.3f s for %d RUNs (%d hashes); raw SQL: %.3f s for %d rows; "
                "ratio %.1fx (goal <= 3x)"
                % (
                    build_seconds,
                    runs,
                    len({payload_hash(p) for p in payloads}),
                    raw_seconds,
                    len(rows),
                    build_seconds / raw_seconds if raw_seconds else 0.0,
                )
            )

            # The month's sends, one in flight at a time, polled at once.
            start = time.perf_counter()
            rounds = 0
            while rounds < 50:
                rounds += 1
                backend._school_run(today=last)
                left = sends.filtered(lambda s: s.state not in ("accepted", "observed"))
                if not left.filtered(lambda s: s.ready or s.state == "to_send" and s.payload):
                    break
                left.write({"next_try_at": False, "next_poll_at": False})
            wall = time.perf_counter() - start
            attempts = sends.attempt_ids
            exchanged = sum(len(a.exchanges or "") for a in attempts)
            states = {}
            for send in sends:
                states[send.state] = states.get(send.state, 0) + 1
            print(
                "sends: %.2f s wall, %d rounds, %d HTTP calls to the stand-in (%d kept "
                "calls), %.1f KiB of envelopes; states %s"
                % (wall, rounds, len(standin.calls), len(attempts), exchanged / 1024.0, states)
            )
            print(
                "accepted envíos in the stand-in: %d for %d keys"
                % (len(standin.envio_list()), len(standin.accepted_by_key()))
            )
        finally:
            standin.stop()
            cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1:])

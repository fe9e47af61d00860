#!/usr/bin/env python3
"""SIGE benchmark (issue 11): one school month of daily sends through the
outbox against the SIGE stand-in over real HTTP (calls, bytes, wall time),
and the time to build the month's payloads vs one raw SQL of the same daily
marks (goal: at most 3x).

Run on a database with the school's class book filled (the demo school of
``./school run``, RBD 2963, whose class book runs up to yesterday)::

    ./school script tests/bench/sige_bench.py <db> --rbd 2963 [--month 2026-11-01]

Nothing is kept: everything runs in a transaction that is rolled back.
"""

import datetime
import sys
import time

from bench_common import open_registry, timed

from odoo import api
from odoo.tools import SQL

from odoo.addons.school_sige_connector.models.school_sige_send import payload_hash
from odoo.addons.school_sige_connector.services.sige_standin import SigeStandIn

RAW_MARKS = """
    SELECT b.id, s.id, p.school_id_number, sc.sige_status
      FROM op_batch b
      JOIN op_course c ON c.id = b.course_id
      JOIN op_student_course e ON e.batch_id = b.id
      JOIN op_student s ON s.id = e.student_id
      JOIN res_partner p ON p.id = s.partner_id
      LEFT JOIN school_attendance_line l
        ON l.batch_id = b.id AND l.student_id = s.id AND l.date = %(day)s
       AND l.block = %(block)s
      LEFT JOIN school_attendance_code sc ON sc.id = l.code_id
     WHERE b.company_id = %(company)s AND c.sige_teaching_code IS NOT NULL
       AND e.school_enrolment_date <= %(day)s
       AND (e.school_withdrawal_date IS NULL OR e.school_withdrawal_date >= %(day)s)
     ORDER BY b.id, s.id
"""


def main(argv):
    own, registry = open_registry(argv, month="")
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
            sends = env["school.sige.send"]
            sends.search([("company_id", "=", school.id)]).unlink()
            sends = sends._school_prepare(backend, month, last)
            print("== SIGE: %s, %s (%d day x grade sends)" % (school.name, month, len(sends)))

            # Payload build vs raw SQL of the same daily marks.
            def build_all():
                return [send._school_build()[0] for send in sends]

            def raw_all():
                block = school.school_attendance_daily_block
                rows = []
                for day in sorted(set(sends.mapped("date"))):
                    rows += env.execute_query(
                        SQL(RAW_MARKS, day=day, block=block, company=school.id)
                    )
                return rows

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

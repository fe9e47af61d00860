#!/usr/bin/env python3
"""Attendance benchmarks on the 2,000-student school (issue: attendance).

Run through ``./school bench`` (which builds the scratch database with the
big school and installs openeducat_attendance in it for the comparison).
Nothing is kept: every scenario runs in a transaction that is rolled back.

(a) one full school day, 2,000 students x 8 blocks = 16,000 marks, through
    save_block() (what the portal calls) as an inspector, side by side with
    OpenEduCat's attendance sheets and lines for the same students: time and
    storage per mark (tables, indexes, audit log and register rows / chatter
    included); twice each, the first run of the process paying its one-off
    costs (caches, first queries), the second in the steady state.
(b) the whole school's monthly register (the month's school days: 20 in May
    2026) vs one raw SQL GROUP BY over the same marks; the register reads
    the register rows that saving the daily block keeps.
(c) saving a school day with a year of history (about 3 M marks) already
    stored vs on empty tables.
"""

import datetime
import random
import sys
import time

from bench_common import bench_user, open_registry, timed

import odoo
from odoo.tools import SQL

OURS = (
    "school_attendance_line",
    "school_attendance_session",
    "school_attendance_log",
    "school_attendance_register_line",
)
OPENEDUCAT = (
    "op_attendance_register",
    "op_attendance_sheet",
    "op_attendance_line",
    "mail_message",
    "mail_tracking_value",
    "mail_followers",
)


def table_bytes(cr, tables):
    cr.execute(
        "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
        "WHERE c.relname = ANY(%s) AND c.relkind = 'r'",
        [list(tables)],
    )
    return cr.fetchone()[0]


def day_marks(students, rng):
    """About 8 % absent and 3 % late, like a real day."""
    marks = []
    for student in students:
        draw = rng.random()
        if draw < 0.08:
            marks.append({"student_id": student.id, "code": "absent"})
        elif draw < 0.11:
            marks.append({"student_id": student.id, "code": "late", "late_minutes": 7})
    return marks


def record_day(env, batches, day, rng):
    """Every block of every course on ``day`` through save_block()."""
    sessions = env["school.attendance.session"]
    count = 0
    for batch in batches:
        students = batch._school_students_on(day)
        for block in range(1, 9):
            sessions.save_block(batch.id, day, block, day_marks(students, rng), sign=True)
            count += len(students)
    env.flush_all()
    return count


def openeducat_day(env, batches, day, rng):
    """The same day with OpenEduCat: a sheet per block, a line per student."""
    count = 0
    for batch in batches:
        students = batch._school_students_on(day)
        register = env["op.attendance.register"].create(
            {
                "name": ("R %s" % batch.code)[:16],
                "code": ("R%s" % batch.id)[:16],
                "course_id": batch.course_id.id,
                "batch_id": batch.id,
            }
        )
        for _block in range(1, 9):
            sheet = env["op.attendance.sheet"].create(
                {"register_id": register.id, "attendance_date": day}
            )
            lines = []
            for student in students:
                absent = rng.random() < 0.08
                lines.append(
                    {
                        "attendance_id": sheet.id,
                        "student_id": student.id,
                        "present": not absent,
                        "absent": absent,
                        "attendance_date": day,
                    }
                )
            env["op.attendance.line"].create(lines)
            count += len(students)
    env.flush_all()
    return count


def measure(cr, tables, func):
    before = table_bytes(cr, tables)
    start = time.perf_counter()
    marks = func()
    elapsed = time.perf_counter() - start
    after = table_bytes(cr, tables)
    return marks, elapsed, after - before


def insert_history(cr, company_id, codes, days):
    """A year of history: sessions and marks written with SQL in bulk."""
    cr.execute(
        SQL(
            """
            INSERT INTO school_attendance_session
                (batch_id, date, block, company_id, state, create_date, write_date)
            SELECT b.id, d::date, blk, %(company)s, 'signed', now(), now()
              FROM op_batch b,
                   unnest(%(days)s::date[]) AS d,
                   generate_series(1, 8) AS blk
             WHERE b.company_id = %(company)s
            """,
            company=company_id,
            days=days,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO school_attendance_line
                (session_id, student_id, code_id, late_minutes, batch_id, date, block,
                 company_id)
            SELECT s.id, e.student_id,
                   CASE WHEN random() < 0.08 THEN %(absent)s ELSE %(present)s END,
                   0, s.batch_id, s.date, s.block, s.company_id
              FROM school_attendance_session s
              JOIN op_student_course e ON e.batch_id = s.batch_id
             WHERE s.company_id = %(company)s AND s.date = ANY(%(days)s::date[])
            """,
            company=company_id,
            days=days,
            absent=codes["absent"],
            present=codes["present"],
        )
    )
    cr.execute("ANALYZE school_attendance_line")
    cr.execute("ANALYZE school_attendance_session")


def main(argv):
    own, registry = open_registry(argv)
    rng = random.Random(7)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        school = env["res.company"].search([("school_rbd", "=", own.rbd)])
        inspector = bench_user(
            env,
            school,
            "bench.inspector",
            "Bench Inspector",
            ["school_base.school_base_group_inspector"],
        )
        ins_env = env(user=inspector, context={"allowed_company_ids": [school.id]})
        batches = ins_env["op.batch"].search([("company_id", "=", school.id)])
        calendar = env["school.calendar"].with_company(school)
        year = datetime.date.today().year
        may = calendar.school_days(datetime.date(year, 5, 1), datetime.date(year, 5, 31))
        june_day = calendar.school_days(datetime.date(year, 6, 1), datetime.date(year, 6, 30))[0]
        print(
            "== attendance benchmarks: %d courses, %d students =="
            % (len(batches), sum(len(b._school_students_on(may[0])) for b in batches))
        )

        # (a) one school day, ours vs OpenEduCat, twice each: the first run
        # of a process also pays its one-off costs (caches filled, first
        # queries), the second is the steady state a school lives in.
        oec_env = env(context={"allowed_company_ids": [school.id]})
        runs = []
        for _run in ("first", "second"):
            cr.execute("SAVEPOINT bench_a")
            ours = measure(cr, OURS, lambda: record_day(ins_env, batches, may[0], rng))
            cr.execute("ROLLBACK TO SAVEPOINT bench_a")
            env.invalidate_all()
            oec = measure(
                cr,
                OPENEDUCAT,
                lambda: openeducat_day(
                    oec_env, oec_env["op.batch"].browse(batches.ids), may[0], rng
                ),
            )
            cr.execute("ROLLBACK TO SAVEPOINT bench_a")
            env.invalidate_all()
            runs.append((ours, oec))
        print("(a) one school day: %d marks" % runs[0][0][0])
        for label, (ours, oec) in zip(("first run", "second run"), runs, strict=True):
            ours_ms = 1000 * ours[1] / ours[0]
            oec_ms = 1000 * oec[1] / oec[0]
            print("    %s:" % label)
            print(
                "      suite     : %.3f ms/mark, %.0f bytes/mark (marks, blocks, audit log,"
                " register rows)" % (ours_ms, ours[2] / ours[0])
            )
            print(
                "      OpenEduCat: %.3f ms/mark, %.0f bytes/mark (sheets, lines, chatter)"
                % (oec_ms, oec[2] / oec[0])
            )
            print(
                "      speed-up %.1fx (goal >= 10x); storage %.0f bytes/mark (goal <= 250)"
                % (oec_ms / ours_ms, ours[2] / ours[0])
            )

        # (b) the whole school's monthly register vs one GROUP BY.
        cr.execute("SAVEPOINT bench_b")
        for day in may:
            for batch in batches:
                ins_env["school.attendance.session"].save_block(
                    batch.id,
                    day,
                    school.school_attendance_daily_block,
                    day_marks(batch._school_students_on(day), rng),
                )
        ins_env.flush_all()
        register = ins_env["school.attendance.register"]

        def group_by():
            cr.execute(
                "SELECT student_id, code_id, count(*) FROM school_attendance_line "
                "WHERE company_id = %s AND date BETWEEN %s AND %s AND block = %s "
                "GROUP BY student_id, code_id",
                [school.id, may[0], may[-1], school.school_attendance_daily_block],
            )
            return cr.fetchall()

        def register_vs_group_by():
            register_s, grids = timed(
                lambda: register.register_data(batches, may[0]),
                repeat=5,
                before=ins_env.invalidate_all,
            )
            sql_s, _rows = timed(group_by, repeat=5)
            return grids, register_s, sql_s

        grids, register_s, sql_s = register_vs_group_by()
        cells = sum(len(g["rows"]) * len(g["days"]) for g in grids)
        print(
            "(b) monthly register, %d school days, %d cells: %.0f ms; raw SQL GROUP BY %.0f ms;"
            " ratio %.1fx (goal <= 3x)"
            % (len(may), cells, 1000 * register_s, 1000 * sql_s, register_s / sql_s)
        )
        # The marks were just written: the planner has no statistics on
        # them. A live database has them (autovacuum): measure that too.
        for table in (
            "school_attendance_line",
            "school_attendance_register_line",
            "op_student_course",
            "op_student",
            "res_partner",
        ):
            cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
        grids, register_s, sql_s = register_vs_group_by()
        print(
            "    with planner statistics (ANALYZE): %.0f ms; raw SQL GROUP BY %.0f ms; ratio %.1fx"
            % (1000 * register_s, 1000 * sql_s, register_s / sql_s)
        )
        cr.execute("ROLLBACK TO SAVEPOINT bench_b")
        env.invalidate_all()

        # (c) a school day with a year of history already stored.
        cr.execute("SAVEPOINT bench_c")
        empty_marks, empty_s, _bytes = measure(
            cr, OURS, lambda: record_day(ins_env, batches, june_day, rng)
        )
        cr.execute("ROLLBACK TO SAVEPOINT bench_c")
        env.invalidate_all()
        history_days = calendar.school_days(
            datetime.date(year - 1, 3, 1), datetime.date(year - 1, 12, 20)
        )
        codes = {c.code: c.id for c in env["school.attendance.code"].search([])}
        start = time.perf_counter()
        insert_history(cr, school.id, codes, [d.isoformat() for d in history_days])
        cr.execute("SELECT count(*) FROM school_attendance_line")
        stored = cr.fetchone()[0]
        history_s = time.perf_counter() - start
        # The register rows of that history, as the class book keeps them.
        start = time.perf_counter()
        env["school.attendance.register.line"]._school_rebuild(school)
        cr.execute("ANALYZE school_attendance_register_line")
        rebuild_s = time.perf_counter() - start
        full_marks, full_s, _bytes = measure(
            cr, OURS, lambda: record_day(ins_env, batches, june_day, rng)
        )
        print(
            "(c) history: %d marks stored in %.0f s (SQL bulk insert), register rows rebuilt"
            " in %.1f s" % (stored, history_s, rebuild_s)
        )
        print(
            "    one school day on empty tables: %.3f ms/mark; with the history: %.3f ms/mark;"
            " ratio %.2fx (goal <= 1.2x)"
            % (1000 * empty_s / empty_marks, 1000 * full_s / full_marks, full_s / empty_s)
        )
        cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

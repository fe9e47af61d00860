#!/usr/bin/env python3
"""Wellbeing survey benchmark on the 2,000-student school (issue 12).

Run through ``./school bench`` (or ``./school script
tests/bench/wellbeing_bench.py school_bench`` on a database that has the
big school and school_wellbeing_survey). Nothing is kept: the transaction
is rolled back. Prints figures, asserts nothing.

- import, as the issue states it: one 2,000-row workbook (a scratch
  course with every student of the school) validated and created, against
  openpyxl merely reading the same file (read-only mode); goal <= 3x;
- import, as a month really comes: every course's workbook (45 files,
  2,000 rows in all), the same ratio; here each file's fixed work (the
  roster, the questions, the stored copy, the chatter log) weighs more;
- risk: the early-warning risk of every student with all the factors the
  installed addons provide; goal < 1 s; and the ratio to one SQL query
  reading the same survey inputs;
- report: the whole-school report (HTML with its charts, then the PDF).
"""

import datetime
import io
import random
import sys
import time

import openpyxl
from bench_common import bench_user, open_registry, timed

import odoo
from odoo.tools import SQL

PARTICIPATION = ["all", "all", "all", "some", "few", "none", "no_contact"]
EMOTIONS = ["none", "none", "anxiety", "stress", "sadness", "hopelessness"]


def fill(content, roster, names, rng):
    book = openpyxl.load_workbook(io.BytesIO(content))
    survey = book.worksheets[0]
    for row in range(2, len(roster) + 2):
        survey.cell(row, 4).value = names["participation"][rng.choice(PARTICIPATION)]
        survey.cell(row, 9).value = names["emotions"][rng.choice(EMOTIONS)]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_only(content):
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    rows = sum(1 for sheet in book.worksheets for __ in sheet.iter_rows(values_only=True))
    book.close()
    return rows


def main(argv):
    own, registry = open_registry(argv)
    rng = random.Random(12)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        school = env["res.company"].search([("school_rbd", "=", own.rbd)])
        psychologist = bench_user(
            env,
            school,
            "bench.psicologia",
            "Bench Psicología",
            ["school_base.school_base_group_psychologist"],
        )
        user_env = env(user=psychologist, context={"allowed_company_ids": [school.id]})
        today = env["school.calendar"].school_today(school)
        month = today.replace(day=1)
        students = env["op.student"].search([("company_id", "=", school.id)])
        # The scratch course of the 2,000-row workbook: a copy of a media
        # course (every question is asked there) with every student.
        batches = env["op.batch"].search([("company_id", "=", school.id)], order="id")
        template = batches.filtered(lambda b: b.code and "-m" in b.code)[:1] or batches[-1:]
        big_batch = template.copy({"name": "Bench 2000", "code": "%s-BENCH-2000" % own.rbd})
        env["op.student.course"].create(
            [
                {"student_id": s.id, "course_id": big_batch.course_id.id, "batch_id": big_batch.id}
                for s in students
            ]
        )
        campaign = user_env["school.wellbeing.campaign"].create(
            {
                "name": "Bench",
                "date_start": month,
                "date_open": month,
                "date_close": month + datetime.timedelta(days=27),
                "company_id": school.id,
            }
        )
        campaign.action_open()
        questions = env["school.wellbeing.question"].search([])
        names = {
            q.code: {o.code: o.name for o in q.option_ids}
            for q in questions
            if q.code in ("participation", "emotions")
        }
        big_sheet = campaign.sheet_ids.filtered(lambda s: s.batch_id == big_batch)
        files = []
        for sheet in campaign.sheet_ids - big_sheet:
            roster = sheet._roster()
            files.append((sheet, fill(sheet._workbook_bytes(), roster, names, rng)))
        big_file = fill(big_sheet._workbook_bytes(), big_sheet._roster(), names, rng)
        env.flush_all()

        def import_files(label, files):
            rows = sum(len(sheet._roster()) for sheet, __ in files)
            reading, __ = timed(lambda: sum(read_only(content) for __, content in files), repeat=3)

            def import_all():
                problems = []
                for sheet, content in files:
                    problems += sheet._import_workbook(content)
                env.flush_all()
                return problems

            importing, problems = timed(import_all, before=env.invalidate_all)
            print(
                "wellbeing: import of %s (%d rows): %.2f s; openpyxl read-only reading of "
                "the same %.2f s; ratio %.1fx (goal <= 3x)%s"
                % (
                    label,
                    rows,
                    importing,
                    reading,
                    importing / reading,
                    " — %d problems!" % len(problems) if problems else "",
                )
            )

        import_files("one 2,000-row workbook", [(big_sheet, big_file)])
        # Where the 2,000-row import's time goes: openpyxl reading the file,
        # the validation (parse: openpyxl plus every check, nothing
        # written), and the write alone (the one INSERT statement, foreign
        # keys checked by PostgreSQL row by row), as ratios to the reading.
        from odoo.addons.school_wellbeing_survey.tools import workbook

        questions_big, roster_big = big_sheet._questions(), big_sheet._roster()
        reading, __ = timed(lambda: read_only(big_file), repeat=3)
        parsing, (parsed, __) = timed(
            lambda: workbook.parse(big_sheet, questions_big, roster_big, big_file), repeat=3
        )

        def write_again():
            big_sheet.sudo().answer_ids.write({"active": False})
            env.flush_all()
            start = time.perf_counter()
            written = big_sheet._insert_answers(parsed, questions_big, big_sheet.version + 1)
            elapsed = time.perf_counter() - start
            if not written:
                raise SystemExit("the fast insert refused this user: nothing was written")
            return elapsed

        writing = min(write_again() for __ in range(3))
        lines = sum(len(answers) for __, answers in parsed)
        print(
            "wellbeing: the 2,000-row workbook read by openpyxl %.3f s; validated (parse, "
            "nothing written) %.3f s = %.1fx; written (one INSERT: %d answers, %d lines and "
            "their options) %.3f s = %.1fx"
            % (reading, parsing, parsing / reading, len(parsed), lines, writing, writing / reading)
        )
        import_files("%d course workbooks" % len(files), files)
        risk = env["school.wellbeing.risk"]
        risk._compute_for(students, today)  # first run creates the records
        env.flush_all()
        seconds, __ = timed(
            lambda: (risk._compute_for(students, today), env.flush_all()),
            repeat=3,
            before=env.invalidate_all,
        )

        def sql_inputs():
            cr.execute(
                SQL(
                    """
                    SELECT a.student_id, array_agg(o.risk_flag), s.birth_date
                      FROM school_wellbeing_answer a
                      JOIN school_wellbeing_answer_school_wellbeing_option_rel r
                        ON r.school_wellbeing_answer_id = a.id
                      JOIN school_wellbeing_option o ON o.id = r.school_wellbeing_option_id
                      JOIN op_student s ON s.id = a.student_id
                     WHERE a.student_id = ANY(%s) AND a.active AND a.date_start <= %s
                  GROUP BY a.student_id, s.birth_date
                    """,
                    students.ids,
                    today,
                )
            )
            return cr.fetchall()

        sql_seconds, __ = timed(sql_inputs, repeat=5)
        critical = risk.search_count([("company_id", "=", school.id), ("level", "=", "critical")])
        print(
            "wellbeing: risk of %d students: %.2f s (goal < 1 s, best of 3); one SQL query "
            "reading the survey inputs %.3f s; ratio %.0fx; %d critical"
            % (len(students), seconds, sql_seconds, seconds / max(sql_seconds, 1e-6), critical)
        )
        report = env.ref("school_wellbeing_survey.action_report_wellbeing_campaign")
        seconds, __ = timed(lambda: report._render_qweb_html(report.report_name, campaign.ids))
        print("wellbeing: whole-school report HTML with its charts: %.2f s" % seconds)
        try:
            seconds, (pdf, __) = timed(
                lambda: report.with_context(force_report_rendering=True)._render_qweb_pdf(
                    report.report_name, campaign.ids
                )
            )
            print("wellbeing: whole-school PDF: %.2f s, %d KiB" % (seconds, len(pdf) // 1024))
        except Exception as error:  # wkhtmltopdf needs the assets server
            print("wellbeing: whole-school PDF not rendered here: %s" % error)
        cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Roll import benchmark (issue 11): a generated 2,000-row nómina.

Run through ``./school bench`` (or ``./school script
tests/bench/roll_import_bench.py DB [--rbd 2963] [--rows 2000]`` on a
database with school_base and a school of that RBD). Nothing is kept: the
transaction is rolled back (the progress notices, sent through a cursor of
their own, stay in bus_bus as in production).

As a Secretaría user of the school: time to check the file, to import it
(the background job: checks again, then 2,000 new students, their
apoderados, 1,000 of them siblings, and their enrolments), and to import the
same file a second time (nothing changes), and a file that moves every
student to another course of the year.
"""

import base64
import sys

from bench_common import bench_user, open_registry, timed

import odoo

HEADER = [
    "RUN",
    "Nombres",
    "Apellido paterno",
    "Apellido materno",
    "Fecha de nacimiento",
    "Género",
    "Curso",
    "RUN apoderado",
    "Nombre apoderado",
    "Email apoderado",
    "Teléfono apoderado",
    "Fecha de matrícula",
]


def roll_file(batches, rows, year, shift=0):
    # (importable once open_registry has set the addons path)
    from odoo.addons.school_base.models.school_demo_builder import (
        FIRST_NAMES_F,
        FIRST_NAMES_M,
        SURNAMES,
        make_run,
    )

    lines = [";".join(HEADER)]
    for i in range(rows):
        gender = "F" if i % 2 else "M"
        first = (FIRST_NAMES_F if gender == "F" else FIRST_NAMES_M)[i % 20]
        family = i // 2  # two siblings per apoderado
        guardian_run = make_run(50_000_000 + family * 7)
        lines.append(
            ";".join(
                [
                    make_run(40_000_000 + i * 7),
                    first,
                    SURNAMES[family % len(SURNAMES)],
                    SURNAMES[(family * 7 + 3) % len(SURNAMES)],
                    "%02d-%02d-%d" % (1 + i % 28, 1 + i % 12, year - 6 - i % 12),
                    gender,
                    batches[(i + shift) % len(batches)].name,
                    guardian_run,
                    "Apoderado %d %s" % (family, SURNAMES[family % len(SURNAMES)]),
                    "apoderado.%d@bench.example.com" % family,
                    "+56 9 %08d" % family,
                    "01-03-%d" % year,
                ]
            )
        )
    return "\n".join(lines).encode()


def main(argv):
    own, registry = open_registry(argv, rows=2000)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        school = env["res.company"].search([("school_rbd", "=", own.rbd)])
        secretary = bench_user(
            env,
            school,
            "bench.secretaria",
            "Bench Secretaría",
            ["school_base.school_base_group_secretary"],
        )
        user_env = env(user=secretary, context={"allowed_company_ids": [school.id]})
        batches = user_env["op.batch"].search([("company_id", "=", school.id)], order="id")
        year = batches[0].start_date.year
        batches = batches.filtered(lambda b: b.start_date.year == year)
        content = base64.b64encode(roll_file(batches, own.rows, year))
        imports = user_env["school.roll.import"]
        job = env["school.roll.import"]

        def new_import(data=content):
            return imports.create({"file": data, "file_name": "bench.csv", "school_year": year})

        record = new_import()
        seconds, __ = timed(record.action_validate)
        print(
            "roll import: check of a %d-row file (%d courses): %.2f s (%s)"
            % (own.rows, len(batches), seconds, record.state)
        )
        record.action_import()  # over the inline limit: queued for the job
        seconds, __ = timed(job._cron_run_queued)
        print(
            "roll import: import (job: check + write): %.2f s: %d students, %d apoderados, "
            "%d enrolments created (%s)"
            % (
                seconds,
                record.student_created,
                record.guardian_created,
                record.enrolment_created,
                record.state,
            )
        )
        second = new_import()
        second.action_import()
        seconds, __ = timed(job._cron_run_queued)
        print(
            "roll import: same file again: %.2f s: %d created, %d updated, %d unchanged (%s)"
            % (
                seconds,
                second.student_created,
                second.student_updated,
                second.student_unchanged,
                second.state,
            )
        )
        third = new_import(base64.b64encode(roll_file(batches, own.rows, year, shift=1)))
        third.action_import()
        seconds, __ = timed(job._cron_run_queued)
        print(
            "roll import: every student in another course: %.2f s: %d updated, "
            "%d enrolments moved (%s)"
            % (seconds, third.student_updated, third.enrolment_moved, third.state)
        )
        cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1:])

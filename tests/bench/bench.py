#!/usr/bin/env python3
"""Benchmarks of the school suite: prints figures, asserts nothing.

Run with ``./school bench`` (not part of ./school test). Scenarios:

- install: time and peak memory of installing every addon of the suite
  (with its dependencies, no demo data) in a fresh database;
- bigschool: time and peak memory of generating the 2,000-student school
  (45 courses, apoderados, teachers) in that database;
- attendance (attendance_bench.py): one school day vs OpenEduCat, the
  whole-school monthly register vs raw SQL, a day with a year of history;
- SIGE (sige_bench.py): a school month of daily sends through the outbox
  against the SIGE stand-in; payload build vs raw SQL;
- discipline (discipline_bench.py): deadlines and the overdue dashboard for
  5,000 open case steps;
- SIAGIE (siagie_bench.py): the SIAGIE grid, XLSX and closing of every
  section for a month, and the import of a filled month.
- roll import (roll_import_bench.py): a 2,000-row nómina checked, imported,
  imported again, and re-imported with every student in another course.
- wellbeing (wellbeing_bench.py): one 2,000-row workbook and a month's
  workbooks of every course imported (vs openpyxl reading them), the
  2,000-row import split into reading, checking and writing, the risk of
  2,000 students, the whole-school report.
- load (load_bench.py): every course's teacher saves the same block at once
  through the portal form, 8 blocks, one school then three, against the
  production configuration (./school serve). Alone: ``./school bench load
  [--courses N] [--blocks B] [--db DB]`` (its database is kept and reused).

Later issues add their scenarios here; they reuse the bigschool database.
"""

import os
import subprocess
import sys
import time

REPO = os.environ["REPO"]
DB = os.environ.get("SCHOOL_BENCH_DB", "school_bench")


# Runs a command in a fresh process so that RUSAGE_CHILDREN only covers it.
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.run(sys.argv[1:]).returncode\n"
    "print('PEAK_KIB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(rc)\n"
)


def run_measured(cmd):
    """Run a command; return (seconds, peak MiB of its largest process, stdout)."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.stdout.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit("benchmark command failed: %s" % " ".join(cmd))
    lines = result.stdout.strip().splitlines()
    peak_kib = int(lines[-1].split()[1])
    return elapsed, peak_kib / 1024, "\n".join(lines[:-1])


def main(argv):
    if argv[:1] == ["load"]:
        # The load scenario alone, on its database (created when missing).
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import load_bench

        return load_bench.main(argv[1:])
    school = os.path.join(REPO, "school")
    subprocess.run(
        [
            "dropdb",
            "-h",
            os.environ["PGHOST"],
            "-p",
            os.environ["PGPORT"],
            "-U",
            os.environ["DB_USER"],
            "--if-exists",
            "--force",
            DB,
        ],
        check=True,
    )
    print("== school suite benchmarks (%s) ==" % time.strftime("%Y-%m-%d %H:%M"))
    seconds, peak, _out = run_measured(
        [
            school,
            "odoo",
            "-d",
            DB,
            "-i",
            os.environ["SCHOOL_ADDONS"],
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ]
    )
    print("install of the suite (no demo): %.1f s, peak memory %.0f MiB" % (seconds, peak))
    seconds, peak, out = run_measured([school, "bigschool", DB])
    print(out.strip())
    print(
        "2,000-student school generation (whole command): %.1f s, peak memory %.0f MiB"
        % (seconds, peak)
    )
    # OpenEduCat's attendance, only in this scratch database, for comparison.
    run_measured(
        [
            school,
            "odoo",
            "-d",
            DB,
            "-i",
            "openeducat_attendance",
            "--stop-after-init",
            "--log-level=warn",
        ]
    )
    for label, script in (
        ("attendance", "attendance_bench.py"),
        ("discipline", "discipline_bench.py"),
        ("SIAGIE", "siagie_bench.py"),
        ("SIGE", "sige_bench.py"),
        ("roll import", "roll_import_bench.py"),
        ("wellbeing", "wellbeing_bench.py"),
    ):
        seconds, peak, out = run_measured(
            [school, "script", os.path.join(REPO, "tests", "bench", script), DB]
        )
        print(out.strip())
        print("%s scenarios: %.0f s, peak memory %.0f MiB" % (label, seconds, peak))
    # Last: the load test against the production configuration, on this
    # database (it adds the sostenedor's two other schools).
    return subprocess.run(
        [sys.executable, os.path.join(REPO, "tests", "bench", "load_bench.py"), "--db", DB],
        check=False,
    ).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

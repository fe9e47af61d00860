#!/usr/bin/env python3
"""Generate the 2,000-student benchmark school in an existing database.

Run it through ``./school bigschool [DB]`` (which creates DB with the suite
installed, then calls this script with the Odoo options). Extra options:
``--students N`` (2000) and ``--courses N`` (45). Prints the time it took and
the peak memory of the process.
"""

import argparse
import resource
import sys
import time

import odoo
from odoo.modules.module import initialize_sys_path
from odoo.modules.registry import Registry


def main(argv):
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--courses", type=int, default=45)
    parser.add_argument("--rbd", default="2964")
    own, odoo_args = parser.parse_known_args(argv)
    odoo.tools.config.parse_config(odoo_args)
    initialize_sys_path()
    dbname = odoo.tools.config["db_name"]
    if isinstance(dbname, list):  # Odoo 18 may parse it as a list
        dbname = dbname[0]
    start = time.perf_counter()
    registry = Registry(dbname)
    with registry.cursor() as cr:  # commits when the block ends
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if env["res.company"].search_count([("school_rbd", "=", own.rbd)]):
            print("school with RBD %s already in %s: nothing to do" % (own.rbd, dbname))
            return 0
        school = env["school.demo.builder"]._build_big_school(
            students=own.students, courses=own.courses, rbd=own.rbd
        )
        counts = {
            "students": env["op.student"].search_count([("company_id", "=", school.id)]),
            "courses": env["op.batch"].search_count([("company_id", "=", school.id)]),
            "guardians": env["res.users"].search_count(
                [("company_id", "=", school.id), ("share", "=", True)]
            ),
            "teachers": env["op.faculty"].search_count([("company_id", "=", school.id)]),
        }
    elapsed = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        "generated %(students)d students in %(courses)d courses, %(guardians)d apoderados, "
        "%(teachers)d teachers" % counts
    )
    print("generation time: %.1f s; peak memory: %.0f MiB" % (elapsed, peak_mib))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

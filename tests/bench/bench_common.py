"""What the benchmark scripts share: open the database they are given and
create the user they act as (a real role, so record rules apply)."""

import argparse
import time

import odoo
from odoo import Command
from odoo.modules.module import initialize_sys_path
from odoo.modules.registry import Registry


def open_registry(argv, **options):
    """Parse ``--rbd`` and the script's own ``options`` (name: default) from
    ``argv``, the rest as Odoo's options; return (own args, registry)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--rbd", default="2964")
    for name, default in options.items():
        parser.add_argument("--%s" % name, type=type(default), default=default)
    own, odoo_args = parser.parse_known_args(argv)
    odoo.tools.config.parse_config(odoo_args)
    initialize_sys_path()
    dbname = odoo.tools.config["db_name"]
    if isinstance(dbname, list):
        dbname = dbname[0]
    return own, Registry(dbname)


def bench_user(env, school, login, name, groups):
    """A user of ``school`` with the groups of the given xml ids."""
    return (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": name,
                "login": "%s.%s" % (login, school.school_rbd),
                "company_id": school.id,
                "company_ids": [Command.set([school.id])],
                "groups_id": [Command.set([env.ref(xmlid).id for xmlid in groups])],
            }
        )
    )


def timed(func, repeat=1, before=None):
    """(best seconds over ``repeat`` runs of ``func``, its last result);
    ``before`` runs ahead of each run, outside the timing."""
    best = None
    for __ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result

#!/usr/bin/env python3
"""SIAGIE benchmarks on the 2,000-student school (school_siagie).

Run through ``./school bench`` (the scratch database with the big school).
Nothing is kept: the scenarios run in a transaction that is rolled back.

(a) the SIAGIE grid of every section of the school for a month whose school
    days all have their daily block (May of this year): grid_data, the XLSX
    of every section (one workbook, one sheet per section), the completeness
    check and closing of the month for every section;
(b) the import of that XLSX, filled, into June of this year (no marks yet):
    every cell checked, then every school day of every section saved as the
    daily block through save_block.
"""

import datetime
import io
import random
import sys

import openpyxl
from attendance_bench import day_marks
from bench_common import bench_user, open_registry, timed

import odoo
from odoo import Command


def main(argv):
    own, registry = open_registry(argv)
    rng = random.Random(11)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        school = env["res.company"].search([("school_rbd", "=", own.rbd)])
        secretary = bench_user(
            env,
            school,
            "bench.secretary.siagie",
            "Bench Secretary (SIAGIE)",
            ["school_base.school_base_group_secretary"],
        )
        sec_env = env(user=secretary, context={"allowed_company_ids": [school.id]})
        batches = sec_env["op.batch"].search([("company_id", "=", school.id)])
        calendar = env["school.calendar"]
        year = datetime.date.today().year
        may, june = datetime.date(year, 5, 1), datetime.date(year, 6, 1)
        block = school.school_attendance_daily_block
        for day in calendar._school_month_days(school, may):
            for batch in batches:
                sec_env["school.attendance.session"].save_block(
                    batch.id, day, block, day_marks(batch._school_students_on(day), rng)
                )
        sec_env.flush_all()
        register = sec_env["school.siagie.register"]
        grid_s, grids = timed(lambda: register.grid_data(batches.ids, may), repeat=3)
        rows = sum(len(grid["rows"]) for grid in grids)
        print(
            "== SIAGIE benchmarks: %d sections, %d students ==" % (len(batches), rows)
            + "\n(a) May, %d school days: grid_data of every section %.0f ms"
            % (len(grids[0]["school_days"]), 1000 * grid_s)
        )
        wizard = sec_env["school.siagie.register.print"].create(
            {"batch_ids": [Command.set(batches.ids)], "month": may}
        )
        report = sec_env["ir.actions.report"]
        xlsx_s, (content, _kind) = timed(
            lambda: report._render("school_siagie.action_report_siagie_register_xlsx", wizard.ids)
        )
        print(
            "    XLSX of every section: %.0f ms, %d KiB, %d sheets"
            % (1000 * xlsx_s, len(content) // 1024, len(grids))
        )
        cr.execute("SAVEPOINT bench_close")
        close_s, closings = timed(lambda: register.close_month(batches.ids, may))
        cr.execute("ROLLBACK TO SAVEPOINT bench_close")
        env.invalidate_all()
        env.registry.clear_cache()
        print(
            "    completeness check and closing of every section: %.0f ms (%d closed)"
            % (1000 * close_s, len(closings))
        )

        # (b) the May grid as June's, filled with "." on June's school days.
        june_wizard = sec_env["school.siagie.register.print"].create(
            {"batch_ids": [Command.set(batches.ids)], "month": june}
        )
        june_content, _kind = report._render(
            "school_siagie.action_report_siagie_register_xlsx", june_wizard.ids
        )
        workbook = openpyxl.load_workbook(io.BytesIO(june_content))
        june_days = calendar._school_month_days(school, june)
        for sheet in workbook.worksheets:
            row = 10
            while sheet.cell(row=row, column=1).value not in (None, "Leyenda:"):
                for day in june_days:
                    if not sheet.cell(row=row, column=3 + day.day).value:
                        sheet.cell(row=row, column=3 + day.day).value = (
                            "F" if rng.random() < 0.08 else "."
                        )
                row += 1
        out = io.BytesIO()
        workbook.save(out)
        import_s, counts = timed(lambda: register.import_grid(out.getvalue(), "junio.xlsx"))
        print(
            "(b) import of June for every section: %.1f s, %d school days (blocks), %d marks"
            % (import_s, counts["days"], counts["marks"])
        )
        cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1:])

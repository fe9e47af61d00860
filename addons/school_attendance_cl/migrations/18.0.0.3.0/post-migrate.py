# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Databases installed before 18.0.0.3.0.

- The registers read school.attendance.register.line, not the marks by
  course and month: one index less to write per mark.
- Every register row is rebuilt from the marks: the rows of a database
  whose marks predate them, and the new SIGE masks (sige_present,
  sige_absent) of the rows already there.
- The nightly attendance cron runs at night in Chile (06:30 UTC; its data
  record is noupdate).
- The in-class lateness citation threshold follows protocol XI (3).
"""

import datetime

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute("DROP INDEX IF EXISTS school_attendance_line_batch_date_idx")
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["school.attendance.register.line"]._school_rebuild_all()
    tomorrow = datetime.datetime.utcnow().date() + datetime.timedelta(days=1)
    cr.execute(
        """
        UPDATE ir_cron
           SET nextcall = %s
         WHERE id = (
               SELECT res_id FROM ir_model_data
                WHERE module = 'school_attendance_cl'
                  AND name = 'ir_cron_update_attendance_bands'
                  AND model = 'ir.cron')
        """,
        (datetime.datetime.combine(tomorrow, datetime.time(6, 30)),),
    )
    # Protocol XI cites the apoderado from the 3rd in-class lateness (seed 003
    # L3180); the earlier default (2) misread it. Schools still on it move.
    cr.execute(
        "UPDATE res_company SET school_in_class_lateness_threshold = 3"
        " WHERE school_in_class_lateness_threshold = 2"
    )

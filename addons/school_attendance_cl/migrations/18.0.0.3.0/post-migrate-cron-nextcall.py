# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The nightly attendance cron runs at night in Chile (06:30 UTC): its data
record is noupdate, so a database installed before gets the time here."""

import datetime


def migrate(cr, version):
    if not version:
        return
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

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.0.3.0: the register rows carry the SIGE day masks.

- The registers read school.attendance.register.line, not the marks by
  course and month: one index less to write per mark.
- Every register row is rebuilt from the marks: the rows of a database
  whose marks predate them, and the new SIGE masks (sige_present,
  sige_absent) of the rows already there.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute("DROP INDEX IF EXISTS school_attendance_line_batch_date_idx")
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["school.attendance.register.line"]._school_rebuild_all()

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The token moved from school.sige.backend (readable by SIGE officers) to
school.sige.secret (readable by nobody): carry it over, then empty the old
column."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not column_exists(cr, "school_sige_backend", "token"):
        return
    cr.execute(
        SQL(
            """
            INSERT INTO school_sige_secret (backend_id, token, create_date, write_date)
            SELECT id, token, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM school_sige_backend
             WHERE token IS NOT NULL AND token != ''
            ON CONFLICT (backend_id) DO NOTHING
            """
        )
    )
    cr.execute(SQL("ALTER TABLE school_sige_backend DROP COLUMN token"))

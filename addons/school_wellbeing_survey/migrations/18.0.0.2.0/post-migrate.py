# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Databases installed before 18.0.0.2.0: the follow-up written on the risk
(action_taken, outcome) moves to a follow-up record (closed), and the
columns go."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not version or not column_exists(cr, "school_wellbeing_risk", "action_taken"):
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        SQL(
            """
            SELECT id, action_taken, COALESCE(outcome, 'pending'), date
              FROM school_wellbeing_risk
             WHERE action_taken IS NOT NULL OR COALESCE(outcome, 'pending') != 'pending'
            """
        )
    )
    rows = cr.fetchall()
    env["school.wellbeing.followup"].create(
        [
            {
                "risk_id": risk_id,
                "state": "done",
                "date_open": date,
                "date_done": date,
                "action_taken": action_taken,
                "outcome": outcome,
            }
            for risk_id, action_taken, outcome, date in rows
        ]
    )
    cr.execute(SQL("ALTER TABLE school_wellbeing_risk DROP COLUMN IF EXISTS action_taken"))
    cr.execute(SQL("ALTER TABLE school_wellbeing_risk DROP COLUMN IF EXISTS outcome"))

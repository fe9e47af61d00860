# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Databases installed before 18.0.0.4.0.

The apoderado citations are school_base's school.guardian.citation (one model
for convivencia and lateness): every school.discipline.citation moves there
with its student, school, course, apoderado, dates, state, reason,
signature, agreements, case and entry, and its chatter. The old table goes
too: Odoo removes the old model's records (ir.model, its fields, access rules
and views) at the end of the update, but not the table of a model the
registry no longer has.
"""

from odoo.tools import SQL
from odoo.tools.sql import table_exists

from odoo.addons.school_base.tools.citation_migration import move_citations

COLUMNS = (
    "student_id",
    "company_id",
    "batch_id",
    "guardian_partner_id",
    "user_id",
    "scheduled_at",
    "channel",
    "reason",
    "state",
    "guardian_signed",
    "agreements",
    "case_id",
    "entry_id",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
)


def migrate(cr, version):
    if not version or not table_exists(cr, "school_discipline_citation"):
        return
    move_citations(
        cr,
        "school.discipline.citation",
        COLUMNS,
        SQL(
            "SELECT id, %s FROM school_discipline_citation ORDER BY id",
            SQL(", ").join(SQL.identifier(column) for column in COLUMNS),
        ),
    )
    cr.execute(SQL("DROP TABLE school_discipline_citation CASCADE"))

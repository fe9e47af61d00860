# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Databases installed before 18.0.0.4.0.

school.attendance.citation keeps the study hours only. Its apoderado
citations for in-class lateness (citation_type 'guardian') move to
school_base's school.guardian.citation, linked to their lateness, with their
chatter; the lateness no longer points at them as its study hour. Their
states become the apoderado citation's: to schedule -> to schedule,
scheduled -> notified, attended -> attended (the apoderado came to sign the
record: signed), missed -> not attended. The reason, which they did not
have, is the lateness's number and date. Odoo drops the citation_type
column at the end of the update (the model stays).
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists

from odoo.addons.school_base.tools.citation_migration import move_citations

COLUMNS = (
    "student_id",
    "company_id",
    "batch_id",
    "guardian_partner_id",
    "scheduled_at",
    "channel",
    "reason",
    "state",
    "guardian_signed",
    "arrival_id",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
)


def migrate(cr, version):
    if not version or not column_exists(cr, "school_attendance_citation", "citation_type"):
        return
    mapping = move_citations(
        cr,
        "school.attendance.citation",
        COLUMNS,
        SQL(
            """
            SELECT c.id, c.student_id, c.company_id, NULL, NULL, c.scheduled_at, 'agenda',
                   'Atraso a clases (protocolo XI).',
                   CASE c.state WHEN 'to_schedule' THEN 'draft'
                                WHEN 'scheduled' THEN 'notified'
                                ELSE c.state END,
                   c.state = 'attended', c.arrival_id,
                   c.create_uid, c.create_date, c.write_uid, c.write_date
              FROM school_attendance_citation c
             WHERE c.citation_type = 'guardian'
          ORDER BY c.id
            """
        ),
    )
    if not mapping:
        return
    old_ids = [old for old, _new in mapping]
    cr.execute(
        SQL(
            "UPDATE school_attendance_arrival SET citation_id = NULL WHERE citation_id = ANY(%s)",
            old_ids,
        )
    )
    cr.execute(SQL("DELETE FROM school_attendance_citation WHERE id = ANY(%s)", old_ids))
    # What SQL cannot: the apoderado and the course of each student, and the
    # reason in the school's language (as new citations get them).
    env = api.Environment(cr, SUPERUSER_ID, {})
    citations = env["school.guardian.citation"].browse([new for _old, new in mapping])
    citations._compute_guardian_partner_id()
    for citation in citations:
        vals = {"guardian_partner_id": citation.guardian_partner_id.id}
        arrival = citation.arrival_id.with_context(
            lang=citation.company_id.partner_id.lang or "es_CL"
        )
        if arrival:
            vals.update(arrival._school_guardian_citation_vals())
        citation.write(vals)

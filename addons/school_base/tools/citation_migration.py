# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Move the apoderado citations of an older model into school.guardian.citation.

Used by the post-migrate scripts of the addons that had their own citation
model (school_discipline's school.guardian.citation, school_attendance_cl's
'guardian' lateness citations). school_base is updated first, so the new
table exists; the old model's table is dropped by Odoo at the end of the
update, after these scripts. The chatter (messages, followers, activities,
attachments, tracked values) follows each citation to its new id.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

NEW_MODEL = "school.guardian.citation"


def move_citations(cr, old_model, columns, source):
    """Insert one school.guardian.citation per row of ``source`` and move
    each old record's chatter to it.

    ``columns``: the target columns, in the order ``source`` selects them
    after the old id (``source`` is an SQL SELECT whose first column is the
    old record's id). Returns the list of (old id, new id).
    """
    cr.execute(SQL("ALTER TABLE school_guardian_citation ADD COLUMN school_legacy_id integer"))
    cr.execute(
        SQL(
            "INSERT INTO school_guardian_citation (school_legacy_id, %s) %s",
            SQL(", ").join(SQL.identifier(column) for column in columns),
            source,
        )
    )
    cr.execute(
        SQL(
            "SELECT school_legacy_id, id FROM school_guardian_citation"
            " WHERE school_legacy_id IS NOT NULL ORDER BY school_legacy_id"
        )
    )
    mapping = cr.fetchall()
    cr.execute(SQL("ALTER TABLE school_guardian_citation DROP COLUMN school_legacy_id"))
    if mapping:
        remap_chatter(cr, old_model, mapping)
    _logger.info("%s: %d citations moved to %s", old_model, len(mapping), NEW_MODEL)
    return mapping


def remap_chatter(cr, old_model, mapping):
    """Point the chatter of the old records at their new citations."""
    old_ids = [old for old, _new in mapping]
    new_ids = [new for _old, new in mapping]
    moved = SQL("unnest(%s::int[], %s::int[]) AS moved(old_id, new_id)", old_ids, new_ids)
    for table, model_column in (
        ("mail_message", "model"),
        ("mail_followers", "res_model"),
        ("ir_attachment", "res_model"),
    ):
        cr.execute(
            SQL(
                "UPDATE %(table)s t SET %(column)s = %(new)s, res_id = moved.new_id FROM %(moved)s"
                " WHERE t.%(column)s = %(old)s AND t.res_id = moved.old_id",
                table=SQL.identifier(table),
                column=SQL.identifier(model_column),
                new=NEW_MODEL,
                old=old_model,
                moved=moved,
            )
        )
    cr.execute(
        SQL(
            "UPDATE mail_activity t SET res_model = %(new)s, res_id = moved.new_id,"
            " res_model_id = (SELECT id FROM ir_model WHERE model = %(new)s)"
            " FROM %(moved)s WHERE t.res_model = %(old)s AND t.res_id = moved.old_id",
            new=NEW_MODEL,
            old=old_model,
            moved=moved,
        )
    )
    # Tracked values name the old model's field: the new model's field of
    # the same name, where there is one (state, scheduled_at, ...).
    cr.execute(
        SQL(
            """
            UPDATE mail_tracking_value t
               SET field_id = new_field.id
              FROM mail_message m, ir_model_fields old_field, ir_model_fields new_field
             WHERE t.mail_message_id = m.id
               AND m.model = %(new)s
               AND m.res_id = ANY(%(ids)s)
               AND old_field.id = t.field_id
               AND old_field.model = %(old)s
               AND new_field.model = %(new)s
               AND new_field.name = old_field.name
            """,
            new=NEW_MODEL,
            old=old_model,
            ids=new_ids,
        )
    )

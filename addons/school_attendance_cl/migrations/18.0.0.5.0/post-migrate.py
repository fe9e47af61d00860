# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Databases installed before 18.0.0.5.0.

The attendance codes (noupdate data) were named in Spanish in their source
("Falta", "Tardanza", ...), so the class book said Ausente/Atraso and the
register and the portal Falta/Tardanza. Their source names are now English
and every language gets its own word from the .po files (es/es_CL Ausente,
Atraso; es_PE Falta, Tardanza). Codes a school renamed keep their names.
"""

from odoo.tools import SQL

# xml id -> (old default name, new source name, es/es_CL name)
RENAMES = {
    "school_attendance_code_present": ("Asistió", "Present", "Presente"),
    "school_attendance_code_absent": ("Falta", "Absent", "Ausente"),
    "school_attendance_code_late": ("Tardanza", "Late", "Atraso"),
    "school_attendance_code_absent_justified": (
        "Falta justificada",
        "Justified absence",
        "Ausente justificado",
    ),
    "school_attendance_code_late_justified": (
        "Tardanza justificada",
        "Justified late arrival",
        "Atraso justificado",
    ),
}


def migrate(cr, version):
    if not version:
        return
    for xmlid, (old, new, spanish) in RENAMES.items():
        # Only the untouched default: every translation of it held the old
        # Spanish word. The es_PE word is reloaded from its .po file.
        cr.execute(
            SQL(
                """
                UPDATE school_attendance_code c
                   SET name = jsonb_build_object(
                           'en_US', %(new)s, 'es', %(spanish)s, 'es_CL', %(spanish)s)
                  FROM ir_model_data d
                 WHERE d.module = 'school_attendance_cl' AND d.name = %(xmlid)s
                   AND d.model = 'school.attendance.code' AND d.res_id = c.id
                   AND c.name->>'en_US' = %(old)s
                """,
                new=new,
                spanish=spanish,
                old=old,
                xmlid=xmlid,
            )
        )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Databases installed before 18.0.0.2.0.

The legend of the SIAGIE grid said the attendance codes' names; these are
now the class book's (Ausente, Atraso in es_CL). The symbols of the seed
(noupdate data) get SIAGIE's own words, unless a school already set some.
"""

from odoo.tools import SQL

# xml id of the symbol -> SIAGIE's word (seed 004 legend)
LABELS = {
    "school_siagie_code_present": "Asistió",
    "school_siagie_code_absent": "Falta",
    "school_siagie_code_late": "Tardanza",
    "school_siagie_code_absent_justified": "Falta justificada",
    "school_siagie_code_late_justified": "Tardanza justificada",
}


def migrate(cr, version):
    if not version:
        return
    for xmlid, label in LABELS.items():
        cr.execute(
            SQL(
                """
                UPDATE school_siagie_code s
                   SET label = %(label)s
                  FROM ir_model_data d
                 WHERE d.module = 'school_siagie' AND d.name = %(xmlid)s
                   AND d.model = 'school.siagie.code' AND d.res_id = s.id
                   AND s.label IS NULL
                """,
                label=label,
                xmlid=xmlid,
            )
        )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shipped 'Hijo(a) de funcionario' type gets the new Child of Staff flag,
and the shipped types' Source no longer shows internal references (their
data is noupdate: a school may have edited them; an edited Source is kept)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    staff_type = env.ref(
        "school_scholarships.school_scholarship_type_staff_child", raise_if_not_found=False
    )
    if staff_type:
        staff_type.staff_child = True
    shipped = env["school.scholarship.type"].search(
        [("source_ref", "=like", "III.9 Título III, seed 003%")]
    )
    shipped.write({"source_ref": "Reglamento de becas, Título III"})

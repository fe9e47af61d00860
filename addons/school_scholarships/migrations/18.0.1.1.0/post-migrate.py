# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shipped 'Hijo(a) de funcionario' type gets the new Child of Staff flag
(its data is noupdate: a school may have edited it)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    staff_type = env.ref(
        "school_scholarships.school_scholarship_type_staff_child", raise_if_not_found=False
    )
    if staff_type:
        staff_type.staff_child = True

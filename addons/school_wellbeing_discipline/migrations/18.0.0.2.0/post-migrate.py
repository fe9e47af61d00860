# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Databases installed before 18.0.0.2.0: the suspensión de clases o
actividades (S6) counts as a suspension in the early-warning risk (the data
file that says so is noupdate, so it is loaded on new installs only)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    sanction = env.ref("school_discipline.school_discipline_sanction_s6", raise_if_not_found=False)
    if sanction:
        sanction.wellbeing_suspension = True

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""School › Students became a menu of its own (the student list and the roll
import, issue 11); an update keeps the action it had as a leaf, which a menu
with children does not run."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    menu = env.ref("school_base.school_base_menu_students", raise_if_not_found=False)
    if menu and menu.action:
        menu.action = False

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Staff roles no longer imply OpenEduCat's Faculty group (issue 9).

The update sets the roles' implied groups to School staff; users who got
Faculty through a role of an older version keep it until removed here. Odoo
administrators (Settings) keep it: OpenEduCat gives it to them itself.
"""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    faculty = env.ref("openeducat_core.group_op_faculty", raise_if_not_found=False)
    staff = env.ref("school_base.school_base_group_staff", raise_if_not_found=False)
    if not faculty or not staff:
        return
    system = env.ref("base.group_system")
    users = (faculty.users & staff.users) - system.users
    if users:
        faculty.write({"users": [Command.unlink(user.id) for user in users]})

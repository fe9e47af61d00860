# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models, tools

# Apps of Odoo and OpenEduCat that the school's roles do not work in: the
# website (only the frame of the portal), employees, OpenEduCat's own SIS,
# faculty, student and parent apps (the School app replaces them), the app
# store and the dashboards.
SCHOOL_HIDDEN_ROOT_MENUS = (
    "website.menu_website_configuration",
    "hr.menu_hr_root",
    "openeducat_core.menu_op_school_root",
    "openeducat_core.menu_op_faculty_root",
    "openeducat_core.menu_op_student_root",
    "openeducat_parent.menu_op_parent_root",
    "base.menu_management",
    "spreadsheet_dashboard.spreadsheet_dashboard_menu_root",
)


class IrUiMenu(models.Model):
    """A school role sees the School app, not the apps it does not work in.

    Their menus stay as they are for everyone else (OpenEduCat's own users
    keep them) and for Settings administrators, who see every app. Menus
    are not a security boundary: access rights and record rules are.
    """

    _inherit = "ir.ui.menu"

    @api.model
    @tools.ormcache("frozenset(self.env.user.groups_id.ids)", "debug")
    def _visible_menu_ids(self, debug=False):
        visible = super()._visible_menu_ids(debug=debug)
        user = self.env.user
        if not user.has_group("school_base.school_base_group_staff") or user.has_group(
            "base.group_system"
        ):
            return visible
        roots = self.browse(
            [
                menu_id
                for menu_id in (
                    self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
                    for xmlid in SCHOOL_HIDDEN_ROOT_MENUS
                )
                if menu_id
            ]
        )
        hidden = self.with_context(**{"ir.ui.menu.full_list": True}).search(
            [("id", "child_of", roots.ids)]
        )
        return visible - set(hidden.ids)

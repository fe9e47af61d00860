# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import AccessError

# Fields of res.users that change who a user is or what they may do. Only
# user administrators (Administration / Access Rights) may write them.
_SCHOOL_GUARDED_USER_FIELDS = {
    "groups_id",
    "login",
    "password",
    "new_password",
    "company_ids",
    "active",
    "share",
    "partner_id",
    "child_ids",
    "api_key_ids",
    "totp_secret",
}


class ResUsers(models.Model):
    """Security helpers of the school suite, and a guard on res.users.

    OpenEduCat grants its Faculty group (and whoever holds it) write access to
    res.users (openeducat_core ``access_res_users_faculty``), which lets any
    teacher add themself to Settings or rename another user's login over RPC.
    Our roles no longer imply that group, but the guard below holds even for a
    user who is still in it: outside sudo, only user administrators write
    other users or the fields that carry authority.
    """

    _inherit = "res.users"

    # ------------------------------------------------------------------
    # Caller checks shared by the suite's public methods.
    # ------------------------------------------------------------------
    @api.model
    def _school_has_role(self, *group_xmlids):
        """True when the current user holds any of the given groups (the
        superuser always does). The check uses env.user, never the context."""
        if self.env.su:
            return True
        user = self.env.user
        return any(user.has_group(xmlid) for xmlid in group_xmlids)

    @api.model
    def _school_require_role(self, *group_xmlids, message=None):
        """Raise AccessError unless the current user holds one of the groups.
        Called first thing by every public method that writes on behalf of a
        role; the method may then sudo() for its privileged steps."""
        if not self._school_has_role(*group_xmlids):
            raise AccessError(message or _("You are not allowed to do this."))

    # ------------------------------------------------------------------
    # Where each role lands after login.
    # ------------------------------------------------------------------
    # Roles that work in the backend; a teacher with none of them works in
    # the portal (on a phone, in the classroom).
    _SCHOOL_BACKEND_ROLES = (
        "school_base.school_base_group_secretary",
        "school_base.school_base_group_convivencia",
        "school_base.school_base_group_psychologist",
        "school_base.school_base_group_social_worker",
    )

    def _school_landing_url(self):
        """The page the user starts on after logging in, or None for Odoo's
        own (the backend's home action). Apoderados land on their children,
        teachers on their courses; the modules of the suite refine this
        (attendance: teachers on today's class lists, Secretaría on the
        attendance of the day)."""
        self.ensure_one()
        if self.has_group("school_base.school_base_group_guardian"):
            return "/my/school"
        if self.has_group("school_base.school_base_group_director"):
            # The Director and the sostenedor start on the dashboard, with
            # all their schools ticked in the company switcher (the current
            # one first): the network card covers every school at once; the
            # switcher can narrow it down afterwards.
            url = "/odoo/action-school_base.res_company_action_school_dashboard"
            companies = self.company_id | self.company_ids
            if len(companies) > 1:
                url += "?cids=%s" % "-".join(str(cid) for cid in companies.ids)
            return url
        if self.has_group("school_base.school_base_group_teacher") and not any(
            self.has_group(role) for role in self._SCHOOL_BACKEND_ROLES
        ):
            return "/my/school"
        return None

    # ------------------------------------------------------------------
    # The res.users guard.
    # ------------------------------------------------------------------
    def _school_check_user_write(self, vals):
        if self.env.su or self.env.user._is_admin():
            return
        keys = set(vals)
        reified = {k for k in keys if k.startswith(("in_group_", "sel_groups_"))}
        others = self - self.env.user
        if others or reified or keys & _SCHOOL_GUARDED_USER_FIELDS:
            raise AccessError(
                _(
                    "Only a user administrator can change another user, or the "
                    "login, groups, companies or password of a user."
                )
            )
        if not keys <= set(self.SELF_WRITEABLE_FIELDS):
            raise AccessError(_("You may change only your own preferences."))

    def write(self, vals):
        self._school_check_user_write(vals)
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su or self.env.user._is_admin()):
            raise AccessError(_("Only a user administrator can create users."))
        return super().create(vals_list)

    def unlink(self):
        if not (self.env.su or self.env.user._is_admin()):
            raise AccessError(_("Only a user administrator can delete users."))
        return super().unlink()

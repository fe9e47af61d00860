# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class OpParent(models.Model):
    """OpenEduCat copies the children's users into the apoderado user's
    ``child_ids`` (res.users) when an apoderado link is created, changed or
    removed, as the caller. Only user administrators may write res.users, so
    once the caller's own right on the apoderado links is checked, that
    bookkeeping runs in sudo."""

    _inherit = "op.parent"

    _SCHOOL_GUARDIAN_SYNC_FIELDS = ("student_ids", "name", "user_id")

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su or not any(vals.get("student_ids") for vals in vals_list):
            return super().create(vals_list)
        self.check_access("create")
        # sudo: child_ids bookkeeping on res.users, after the create right
        # was checked; the new records' rules are checked on the result.
        parents = super(OpParent, self.sudo()).create(vals_list).sudo(False)
        parents.check_access("create")
        return parents

    def write(self, vals):
        if self.env.su or not set(self._SCHOOL_GUARDIAN_SYNC_FIELDS) & set(vals):
            return super().write(vals)
        self.check_access("write")
        # sudo: child_ids bookkeeping on res.users, after the write right on
        # these apoderado links was checked.
        return super(OpParent, self.sudo()).write(vals)

    def unlink(self):
        if self.env.su:
            return super().unlink()
        self.check_access("unlink")
        # sudo: child_ids bookkeeping on res.users, after the unlink right on
        # these apoderado links was checked.
        return super(OpParent, self.sudo()).unlink()

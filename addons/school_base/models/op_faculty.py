# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError

DIRECTOR = "school_base.school_base_group_director"


class OpFaculty(models.Model):
    """A teacher's record (OpenEduCat). Its partner carries the teacher's
    users, and a course's teachers are the users of its faculty records
    (op.batch.teacher_user_ids): pointing a faculty record at another
    partner gives that partner's user the course's class book. Secretaría
    keeps the teachers' data, but only the Director (or the sostenedor above
    them) changes whose record it is."""

    _inherit = "op.faculty"

    def _school_check_partner(self, partner_ids):
        if self.env.su or self.env["res.users"]._school_has_role(DIRECTOR):
            return
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        # sudo: only to see whether the partners have users, which the
        # caller's rules may hide; nothing is written here.
        if partners.user_ids:
            raise AccessError(
                self.env._(
                    "Only the Director can link a teacher's record to a person who already "
                    "has a user."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._school_check_partner(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        )
        return super().create(vals_list)

    def write(self, vals):
        if "partner_id" in vals and any(
            faculty.partner_id.id != vals["partner_id"] for faculty in self
        ):
            if not (self.env.su or self.env["res.users"]._school_has_role(DIRECTOR)):
                raise AccessError(
                    self.env._("Only the Director can change whose record a teacher's record is.")
                )
        return super().write(vals)

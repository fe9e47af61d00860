# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, models


class OpStudent(models.Model):
    _inherit = "op.student"

    @api.model
    def _school_fill_company(self, vals_list, field="student_id"):
        """Give records about a student their school: ``company_id`` of each
        vals without one becomes the company of the student in ``field``."""
        missing = [vals for vals in vals_list if not vals.get("company_id") and vals.get(field)]
        if missing:
            company_by_student = {
                student.id: student.company_id.id
                for student in self.browse({vals[field] for vals in missing})
            }
            for vals in missing:
                if company_by_student.get(vals[field]):
                    vals["company_id"] = company_by_student[vals[field]]
        return vals_list

    @api.model_create_multi
    def create(self, vals_list):
        # A student belongs to the school that enrols them: the partner's
        # company (reached through _inherits) scopes the company rules. A
        # student made from an existing person keeps that person's school
        # (their user's company must match it).
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        )
        company_of = {partner.id: partner.company_id.id for partner in partners.sudo()}
        for vals in vals_list:
            vals.setdefault(
                "company_id", company_of.get(vals.get("partner_id")) or self.env.company.id
            )
        if self.env.su or not any(vals.get("parent_ids") for vals in vals_list):
            return super().create(vals_list)
        self.check_access("create")
        # sudo: OpenEduCat's child_ids bookkeeping on res.users (see below);
        # the caller's create right was checked just above, and the records'
        # rules are checked on the result.
        students = super(OpStudent, self.sudo()).create(vals_list).sudo(False)
        students.check_access("create")
        return students

    # OpenEduCat (openeducat_parent) copies each child's user into the
    # apoderado user's ``child_ids`` whenever a student's apoderados or user
    # change, as the caller: a write on res.users that only user
    # administrators may make. Secretaría manages the roll, so once its right
    # on the students themselves is checked, that bookkeeping runs in sudo.
    _SCHOOL_GUARDIAN_SYNC_FIELDS = ("parent_ids", "user_id")

    def write(self, vals):
        if self.env.su or not set(self._SCHOOL_GUARDIAN_SYNC_FIELDS) & set(vals):
            return super().write(vals)
        self.check_access("write")
        # sudo: OpenEduCat's child_ids bookkeeping on res.users (see above);
        # the caller's write right on these students was checked just above.
        return super(OpStudent, self.sudo()).write(vals)

    def unlink(self):
        if self.env.su or not self.parent_ids:
            return super().unlink()
        self.check_access("unlink")
        # sudo: OpenEduCat's child_ids bookkeeping on res.users (see above);
        # the caller's unlink right on these students was checked just above.
        # The apoderado links are cleared one student at a time first:
        # OpenEduCat's unlink fails when a child's user is missing from an
        # apoderado user's child_ids, and its write handles one student only.
        for student in self.sudo():
            student.write({"parent_ids": [Command.clear()]})
        return super(OpStudent, self.sudo()).unlink()

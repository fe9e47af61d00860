# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


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
        # company (reached through _inherits) scopes the company rules.
        for vals in vals_list:
            vals.setdefault("company_id", self.env.company.id)
        return super().create(vals_list)

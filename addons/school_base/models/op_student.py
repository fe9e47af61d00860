# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class OpStudent(models.Model):
    _inherit = "op.student"

    @api.model_create_multi
    def create(self, vals_list):
        # A student belongs to the school that enrols them: the partner's
        # company (reached through _inherits) scopes the company rules.
        for vals in vals_list:
            vals.setdefault("company_id", self.env.company.id)
        return super().create(vals_list)

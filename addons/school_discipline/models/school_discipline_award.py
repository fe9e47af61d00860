# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolDisciplineAward(models.Model):
    """An award (estímulo) of MC 13; given as a positive hoja de vida entry."""

    _name = "school.discipline.award"
    _description = "School Award"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(string="Award", required=True, translate=True)
    given_for = fields.Text(translate=True)
    presented_by = fields.Char(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="School", index=True)

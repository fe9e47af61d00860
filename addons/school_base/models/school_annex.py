# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolAnnex(models.Model):
    """A site of the school (anexo / sede) under the same RBD."""

    _name = "school.annex"
    _description = "School Annex"
    _order = "company_id, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    street = fields.Char(string="Address")
    phone = fields.Char()
    email = fields.Char()
    level_description = fields.Char(string="Levels Taught", help="e.g. 1° básico a IV° medio")
    max_capacity = fields.Integer(string="Maximum Capacity")
    batch_ids = fields.One2many("op.batch", "school_annex_id", string="Courses")

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Seed 003 P-XI L3178: the 2nd in-class lateness puts an anotación in the
    # hoja de observaciones, and so does every later one (L3180). RI III.3.2
    # (L400) writes it from the 3rd: a school following the Reglamento's
    # reading sets 3 (digest, readme "Configuration").
    school_in_class_lateness_entry_from = fields.Integer(
        string="In-Class Lateness Written in the Hoja de Vida From",
        default=2,
        help="From this in-class lateness of the school year on, each one puts a negative "
        "note (irresponsibility) in the student's hoja de vida. 0 writes none.",
    )

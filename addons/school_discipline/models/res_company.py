# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # MC 8.3 L1617-1627: a condicionalidad is reviewed at the end of every
    # semester. The months the semesters end (last day of the month).
    school_semester_1_end_month = fields.Integer(string="First Semester Ends (Month)", default=7)
    school_semester_2_end_month = fields.Integer(string="Second Semester Ends (Month)", default=12)

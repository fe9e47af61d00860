# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # MC 8.3 L1617-1627: a condicionalidad is reviewed at the end of every
    # semester. The months the semesters end (last day of the month).
    school_semester_1_end_month = fields.Integer(string="First Semester Ends (Month)", default=7)
    school_semester_2_end_month = fields.Integer(string="Second Semester Ends (Month)", default=12)
    # The class book records a fact when it happens: a teacher may record
    # one of the last days (the anotación written after the class, or on the
    # next school day), not rewrite the past year's record (the leve ladder
    # counts by date). Inspectoría and Convivencia, who gather late reports,
    # are not bound by it.
    school_entry_backdate_days = fields.Integer(
        string="Days a Teacher Can Date an Entry Back",
        default=7,
        help="How many days before today (in the school's time zone) a teacher may date an "
        "entry of the student's record.",
    )

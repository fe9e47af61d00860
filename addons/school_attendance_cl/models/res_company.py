# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # shared/research/anchors.md §3.1: SIGE receives one daily mark per
    # student; schools derive it from one block (SchoolTrack uses the 2nd).
    school_attendance_daily_block = fields.Integer(
        string="Block for Daily Attendance",
        default=2,
        help="The class block whose marks are the day's attendance (what SIGE "
        "and the percentages count).",
    )

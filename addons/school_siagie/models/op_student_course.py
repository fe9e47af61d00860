# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# The SIAGIE status of the days after a student leaves a section (seed 004
# legend), as the key of its school.attendance.code.
EXIT_REASONS = [
    ("transfer", "Transfer"),
    ("withdrawn", "Withdrawn"),
    ("deceased", "Deceased"),
]


class OpStudentCourse(models.Model):
    _inherit = "op.student.course"

    school_exit_reason = fields.Selection(
        EXIT_REASONS,
        string="Reason for Leaving",
        help="What the SIAGIE register shows on the school days after the withdrawal "
        "date (traslado, retirado, fallecido). Empty: withdrawn.",
    )

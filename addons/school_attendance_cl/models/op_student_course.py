# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class OpStudentCourse(models.Model):
    _inherit = "op.student.course"

    # The class book reads a course's enrolments for every block it saves.
    batch_id = fields.Many2one(index=True)
    school_enrolment_date = fields.Date(
        string="Enrolled On",
        compute="_compute_school_enrolment_date",
        store=True,
        readonly=False,
        precompute=True,
        help="Attendance percentages count school days from this date.",
    )
    school_withdrawal_date = fields.Date(
        string="Withdrawn On",
        help="Last day the student belongs to the course (retiro, traslado).",
    )

    @api.depends("batch_id.start_date")
    def _compute_school_enrolment_date(self):
        for enrolment in self.filtered(lambda e: not e.school_enrolment_date):
            enrolment.school_enrolment_date = enrolment.batch_id.start_date

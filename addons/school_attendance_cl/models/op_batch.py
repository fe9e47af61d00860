# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class OpBatch(models.Model):
    _inherit = "op.batch"

    def _school_students_on(self, date):
        """Students enrolled in this course on ``date`` (one query)."""
        self.ensure_one()
        enrolments = self.env["op.student.course"].search(
            [
                ("batch_id", "=", self.id),
                ("school_enrolment_date", "<=", date),
                "|",
                ("school_withdrawal_date", "=", False),
                ("school_withdrawal_date", ">=", date),
            ]
        )
        return enrolments.student_id

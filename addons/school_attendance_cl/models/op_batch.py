# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL


class OpBatch(models.Model):
    _inherit = "op.batch"

    def _school_students_on(self, date):
        """Students enrolled in this course on ``date`` (one query)."""
        self.ensure_one()
        query = self.env["op.student.course"]._search(
            [
                ("batch_id", "=", self.id),
                ("school_enrolment_date", "<=", date),
                "|",
                ("school_withdrawal_date", "=", False),
                ("school_withdrawal_date", ">=", date),
            ]
        )
        # The student ids straight from the (rule-filtered) query: the class
        # book asks this for every block it saves.
        rows = self.env.execute_query(query.select(SQL.identifier(query.table, "student_id")))
        return self.env["op.student"].browse(dict.fromkeys(row[0] for row in rows))

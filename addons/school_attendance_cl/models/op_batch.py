# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL


class OpBatch(models.Model):
    _inherit = "op.batch"

    def _school_enrolment_query(self, date):
        """The student ids enrolled in this course on ``date``, as SQL (a
        query filtered by the record rules of the user)."""
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
        return query.select(SQL.identifier(query.table, "student_id"))

    def _school_students_on(self, date):
        """Students enrolled in this course on ``date`` (one query)."""
        # The student ids straight from the (rule-filtered) query: the class
        # book asks this for every block it saves.
        rows = self.env.execute_query(self._school_enrolment_query(date))
        return self.env["op.student"].browse(dict.fromkeys(row[0] for row in rows))

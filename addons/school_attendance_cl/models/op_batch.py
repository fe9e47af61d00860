# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .school_guard import SECRETARY, TEACHER


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

    def _school_require_class_book(self):
        """Raise AccessError unless the current user keeps the class book of
        every one of these courses: a school-wide role (Secretaría,
        Inspectoría, the Director) or a teacher of the course (its head
        teacher or one of its teachers). A fixed number of queries whatever
        the number of courses or students (the class book's hot path)."""
        users = self.env["res.users"]
        if users._school_has_role(SECRETARY):
            return
        # sudo: who teaches these courses, read only to decide here; nothing
        # of it reaches the caller.
        if users._school_has_role(TEACHER) and all(
            self.env.uid in batch.teacher_user_ids.ids for batch in self.sudo()
        ):
            return
        raise AccessError(
            self.env._(
                "Only the teachers of %(courses)s, Inspectoría or Secretaría can keep or "
                "read its class book.",
                courses=", ".join(self.sudo().mapped("name")),
            )
        )

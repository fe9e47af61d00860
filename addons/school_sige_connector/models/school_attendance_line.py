# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SchoolAttendanceLine(models.Model):
    _inherit = "school.attendance.line"

    @api.model
    def _school_marks_changed(self, keys):
        """Days SIGE already holds whose daily marks changed (a correction,
        a justification) are sent again; the outbox keeps the history."""
        result = super()._school_marks_changed(keys)
        # sudo: the outbox is the connector's; the writer of the marks was
        # checked by the class book before its write.
        self.env["school.sige.send"].sudo()._school_marks_changed(keys)
        return result

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SchoolAttendanceLine(models.Model):
    _inherit = "school.attendance.line"

    def _school_check_editable(self):
        # The one check of every write of marks (school_attendance_cl's
        # write path): a month closed for a section is closed for its marks.
        result = super()._school_check_editable()
        self.env["school.siagie.closing"]._school_check_open(
            {(line.company_id.id, line.batch_id.id, line.date) for line in self}
        )
        return result

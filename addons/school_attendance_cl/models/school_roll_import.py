# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SchoolRollImport(models.Model):
    _inherit = "school.roll.import"

    def _school_enrolment_vals(self, row):
        """The roll's "Fecha de matrícula" is the date attendance counts
        from (a new or moved enrolment; blank: the course's start)."""
        vals = super()._school_enrolment_vals(row)
        if row.get("enrolment_date"):
            vals["school_enrolment_date"] = row["enrolment_date"]
        return vals

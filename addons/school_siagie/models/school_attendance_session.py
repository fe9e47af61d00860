# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SchoolAttendanceSession(models.Model):
    """A month closed for a section (school.siagie.closing) is read-only in
    the class book, where a closed month of the school (school.attendance.
    month) is checked: a block's creation, first save, change or deletion."""

    _inherit = "school.attendance.session"

    @api.model_create_multi
    def create(self, vals_list):
        batches = (
            self.env["op.batch"]
            .sudo()
            .browse(  # sudo: only their school
                {vals["batch_id"] for vals in vals_list if vals.get("batch_id")}
            )
        )
        company_of = {batch.id: batch.company_id.id for batch in batches}
        self.env["school.siagie.closing"]._school_check_open(
            {
                (
                    company_of.get(vals.get("batch_id")) or self.env.company.id,
                    vals.get("batch_id"),
                    fields.Date.to_date(vals["date"]),
                )
                for vals in vals_list
                if vals.get("batch_id") and vals.get("date")
            }
        )
        return super().create(vals_list)

    def write(self, vals):
        self._school_check_section_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_section_closed(self):
        self._school_check_section_open()

    def _school_check_section_open(self):
        self.env["school.siagie.closing"]._school_check_open(
            {(session.company_id.id, session.batch_id.id, session.date) for session in self}
        )

    @api.model
    def _school_insert_block(self, batch, vals, wanted, present, reason=None):
        # The first save of a block (one SQL statement, no ORM create).
        self.env["school.siagie.closing"]._school_check_open(
            {(vals["company_id"], batch.id, vals["date"])}
        )
        return super()._school_insert_block(batch, vals, wanted, present, reason=reason)

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class SchoolScholarshipAwardLog(models.Model):
    """Who changed the proposal, when, and why."""

    _name = "school.scholarship.award.log"
    _description = "Scholarship Allocation Change"
    _order = "id desc"

    award_id = fields.Many2one("school.scholarship.award", ondelete="set null", index=True)
    process_id = fields.Many2one(
        "school.scholarship.process", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="process_id.company_id", store=True, index=True)
    application_id = fields.Many2one(
        "school.scholarship.application", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", string="Author", required=True)
    old_percentage = fields.Float()
    new_percentage = fields.Float()
    reason = fields.Text(required=True)

    def _compute_display_name(self):
        for log in self:
            log.display_name = "%s: %s -> %s %%" % (
                log.application_id.display_name,
                log.old_percentage,
                log.new_percentage,
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("The log is written by the allocation's steps."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise AccessError(self.env._("The log cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise AccessError(self.env._("The log cannot be changed."))
        return super().unlink()

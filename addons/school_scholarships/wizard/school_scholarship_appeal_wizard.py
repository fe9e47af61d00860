# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolScholarshipAppealWizard(models.TransientModel):
    """The backend form of the commission's answer to an appeal; the
    appeal's own step checks the caller (``action_decide``)."""

    _name = "school.scholarship.appeal.wizard"
    _description = "Answer a Scholarship Appeal"

    appeal_id = fields.Many2one("school.scholarship.appeal", required=True)
    upheld = fields.Boolean(string="Appeal Upheld")
    new_percentage = fields.Float(string="New Exemption (%)")
    decision = fields.Text(string="Reasons of the Decision", required=True)

    def action_confirm(self):
        self.ensure_one()
        self.appeal_id.action_decide(self.upheld, self.decision, self.new_percentage)
        return {"type": "ir.actions.act_window_close"}

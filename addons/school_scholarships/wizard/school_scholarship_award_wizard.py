# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SchoolScholarshipAwardWizard(models.TransientModel):
    """The backend form for an exemption the commission adds to the
    allocation, changes or removes from it, or a beca the sostenedor grants
    during the year. It only collects the values: the model's methods check
    the caller and the rules and log the change with its reason
    (``school.scholarship.award.action_add``, ``action_adjust``,
    ``action_remove``, ``school.scholarship.process.action_grant_mid_year``)."""

    _name = "school.scholarship.award.wizard"
    _description = "Add or Grant a Scholarship"

    process_id = fields.Many2one("school.scholarship.process", required=True)
    company_id = fields.Many2one(related="process_id.company_id")
    mode = fields.Selection(
        [
            ("add", "Add to the allocation"),
            ("adjust", "Change the exemption"),
            ("remove", "Remove from the allocation"),
            ("mid_year", "Grant during the year"),
        ],
        required=True,
        default="add",
    )
    application_id = fields.Many2one(
        "school.scholarship.application",
        domain="[('process_id', '=', process_id), ('state', '=', 'review')]",
    )
    student_id = fields.Many2one(
        "op.student", domain="[('company_id', '=', company_id)]", string="Student"
    )
    award_id = fields.Many2one(
        "school.scholarship.award", domain="[('process_id', '=', process_id)]", string="Exemption"
    )
    # Required by the form where the mode needs them (not on removal).
    type_id = fields.Many2one(
        "school.scholarship.type",
        string="Scholarship Type",
        domain="[('company_id', 'in', [False, company_id])]",
    )
    staff_child = fields.Boolean(related="type_id.staff_child")
    staff_parent_ids = fields.Many2many(
        "hr.employee", compute="_compute_staff_parent_ids", string="Staff Parents"
    )
    staff_employee_id = fields.Many2one(
        "hr.employee", string="Staff Parent", domain="[('id', 'in', staff_parent_ids)]"
    )
    percentage = fields.Float(string="Exemption (%)")
    reason = fields.Text(required=True)

    @api.depends("application_id")
    def _compute_staff_parent_ids(self):
        for wizard in self:
            wizard.staff_parent_ids = (
                wizard.application_id._staff_parents() if wizard.application_id else False
            )

    @api.onchange("award_id")
    def _onchange_award_id(self):
        if self.award_id:
            self.type_id = self.award_id.type_id
            self.percentage = self.award_id.percentage

    @api.onchange("type_id")
    def _onchange_type_id(self):
        if self.type_id.staff_child:
            self.percentage = self.type_id.max_exemption
            self.staff_employee_id = self.staff_parent_ids[:1]

    def action_confirm(self):
        self.ensure_one()
        if self.mode in ("adjust", "remove"):
            process = self.award_id.process_id  # read before a removal
            if self.mode == "adjust":
                self.award_id.action_adjust(self.percentage, self.reason)
            else:
                self.award_id.action_remove(self.reason)
            return {
                "type": "ir.actions.act_window",
                "res_model": "school.scholarship.process",
                "res_id": process.id,
                "view_mode": "form",
            }
        if self.mode == "mid_year":
            award = self.process_id.action_grant_mid_year(
                self.student_id.id, self.type_id.id, self.percentage, self.reason
            )
        else:
            award = self.env["school.scholarship.award"].action_add(
                self.application_id.id,
                self.type_id.id,
                self.percentage,
                self.reason,
                self.staff_employee_id.id,
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "school.scholarship.application",
            "res_id": award.application_id.id,
            "view_mode": "form",
        }

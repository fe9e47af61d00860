# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

OCCUPATIONS = [
    ("employee", "Employed under contract"),
    ("self_employed", "Self-employed"),
    ("pensioner", "Pensioner"),
    ("unemployed", "Unemployed"),
    ("student", "Student"),
    ("home", "Home duties"),
    ("other", "Other"),
]


class SchoolScholarshipMember(models.Model):
    """A member of the applicant's household (form of Art. 5-6). Income is
    never tracked in chatter nor logged."""

    _name = "school.scholarship.member"
    _description = "Scholarship Household Member"
    _order = "application_id, sequence, id"

    application_id = fields.Many2one(
        "school.scholarship.application", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="application_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="application_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    run = fields.Char(string="RUN")
    relationship = fields.Selection(
        [
            ("student", "The student"),
            ("father", "Father"),
            ("mother", "Mother"),
            ("guardian", "Apoderado"),
            ("sibling", "Sibling"),
            ("grandparent", "Grandparent"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    age = fields.Integer(required=True)
    occupation = fields.Selection(OCCUPATIONS, default="other", required=True)
    studies = fields.Selection(
        [
            ("none", "None"),
            ("basica", "Basic"),
            ("media", "Secondary"),
            ("technical", "Technical"),
            ("higher", "Higher"),
        ],
        default="none",
    )
    is_studying = fields.Boolean(string="Currently Studying")
    has_illness = fields.Boolean(string="Has an Illness")
    income_salary = fields.Monetary(string="Salary")
    income_fees = fields.Monetary(string="Fees (Honorarios)")
    income_pension = fields.Monetary(string="Pension")
    income_other = fields.Monetary(string="Other Income")
    income_total = fields.Monetary(compute="_compute_income_total", store=True)

    @api.depends("income_salary", "income_fees", "income_pension", "income_other")
    def _compute_income_total(self):
        for member in self:
            member.income_total = (
                member.income_salary
                + member.income_fees
                + member.income_pension
                + member.income_other
            )

    @api.constrains("age", "income_salary", "income_fees", "income_pension", "income_other")
    def _check_values(self):
        for member in self:
            if member.age < 0 or member.age > 130:
                raise ValidationError(self.env._("The age of a member must be between 0 and 130."))
            if (
                min(
                    member.income_salary,
                    member.income_fees,
                    member.income_pension,
                    member.income_other,
                )
                < 0
            ):
                raise ValidationError(self.env._("An income cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members.application_id._check_editable()
        return members

    def write(self, vals):
        self.application_id._check_editable()
        return super().write(vals)

    def unlink(self):
        self.application_id._check_editable()
        return super().unlink()

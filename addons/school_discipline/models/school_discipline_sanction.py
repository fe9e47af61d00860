# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolDisciplineSanction(models.Model):
    """A sanction of the Reglamento (MC 8.3 for students, MC 12.x.2 for
    apoderados). Which fault levels allow it, and for how many days, is the
    eligibility matrix in ``rule_ids`` (data a school edits)."""

    _name = "school.discipline.sanction"
    _description = "Discipline Sanction"
    _order = "subject, sequence, code"
    _check_company_auto = True

    code = fields.Char(required=True)
    name = fields.Char(string="Sanction", required=True, translate=True)
    subject = fields.Selection(
        [("student", "Student"), ("guardian", "Apoderado")],
        string="Applies To",
        required=True,
        default="student",
    )
    sequence = fields.Integer(default=10)
    rule_ids = fields.One2many(
        "school.discipline.sanction.rule", "sanction_id", string="Allowed For"
    )
    uses_days = fields.Boolean(
        string="Counted in Days", help="The resolution states a number of business days."
    )
    extendable_once = fields.Boolean(help="May be extended once for the same period.")
    needs_council = fields.Boolean(
        string="Consejo de Profesores",
        help="The Director applies it only after consulting the Consejo de Profesores.",
    )
    ends_enrolment = fields.Boolean(
        string="Ends the Enrolment",
        help="Cancellation or expulsion: only in a procedure that allows it "
        "(15 business days for reconsideration).",
    )
    is_condition = fields.Boolean(
        string="Condicionalidad",
        help="A conditional enrolment, reviewed at the end of every semester.",
    )
    source_ref = fields.Char(string="Source")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="School", index=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Sanction codes are unique per school."),
    ]

    def _rule_for(self, level):
        self.ensure_one()
        return self.rule_ids.filtered(lambda rule: rule.level == level)[:1]

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolDisciplineMeasure(models.Model):
    """A formative support measure (medida de apoyo formativo / pedagógico,
    MC 9; for apoderados MC 12.x.2). Not a sanction; every grave or
    gravísima sanction comes with at least one (MC 8.1 L1545)."""

    _name = "school.discipline.measure"
    _description = "Formative Support Measure"
    _order = "subject, sequence, code"
    _check_company_auto = True

    code = fields.Char(required=True)
    name = fields.Char(string="Measure", required=True, translate=True)
    subject = fields.Selection(
        [("student", "Student"), ("guardian", "Apoderado")],
        string="Applies To",
        required=True,
        default="student",
    )
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    source_ref = fields.Char(string="Source")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="School", index=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Measure codes are unique per school."),
    ]

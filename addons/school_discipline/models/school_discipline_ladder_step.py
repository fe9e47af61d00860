# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolDisciplineLadderStep(models.Model):
    """A rung of the leve ladder (MC 7.1 L1470-1478): what the Nth leve of a
    student in the school year brings. The rung with the highest
    ``occurrence`` not above the count applies."""

    _name = "school.discipline.ladder.step"
    _description = "Leve Ladder Step"
    _order = "occurrence"
    _check_company_auto = True

    occurrence = fields.Integer(required=True, help="The Nth leve of the year.")
    name = fields.Char(string="Action", required=True, translate=True)
    book = fields.Selection(
        [("ficha", "Ficha del estudiante"), ("hoja_vida", "Hoja de vida")],
        required=True,
        help="Where the entry is written (leves go to the ficha until the written reprimand).",
    )
    label = fields.Char(required=True, translate=True, help="e.g. Amonestación.")
    sanction_id = fields.Many2one("school.discipline.sanction", check_company=True)
    cite_guardian = fields.Boolean(
        string="Cite the Apoderado",
        help="A citación al apoderado is created for the profesor jefe.",
    )
    review_neglect = fields.Boolean(
        string="Review for Neglect",
        help="Inspectoría checks the repeated leves for neglect or a rights violation.",
    )
    company_id = fields.Many2one("res.company", string="School", index=True)

    _sql_constraints = [
        (
            "occurrence_company_uniq",
            "unique(occurrence, company_id)",
            "One ladder step per occurrence and school.",
        ),
    ]

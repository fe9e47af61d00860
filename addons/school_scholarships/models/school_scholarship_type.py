# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SchoolScholarshipType(models.Model):
    """A kind of beca of the school's regulation (seed 003, III.9 Title III).

    At least two thirds of the fund go to socioeconomic exemptions; the rest
    is at the sostenedor's free disposal (Art. 4)."""

    _name = "school.scholarship.type"
    _description = "Scholarship Type"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    fund_share = fields.Selection(
        [
            ("socioeconomic", "Socioeconomic (at least 2/3 of the fund)"),
            ("discretionary", "Free disposal of the sostenedor (up to 1/3)"),
        ],
        required=True,
        default="socioeconomic",
    )
    max_exemption = fields.Float(
        string="Maximum Exemption (%)",
        default=100.0,
        help="Share of the tuition this type may exempt.",
    )
    mid_year = fields.Boolean(
        string="May Be Granted Mid-Year",
        help="E.g. the 'a criterio del sostenedor' type after a change in the "
        "family's finances (III.9 Title III).",
    )
    staff_child = fields.Boolean(
        string="Child of Staff",
        help="Granted to a child of a member of staff (teacher, directivo or education "
        "assistant), who is picked from the employees: always the type's full exemption, "
        "for the school year of the process only.",
    )
    criteria = fields.Text(translate=True)
    source_ref = fields.Char(string="Source")
    company_id = fields.Many2one("res.company", string="School", index=True)

    @api.constrains("max_exemption")
    def _check_max_exemption(self):
        for stype in self:
            if not 0 < stype.max_exemption <= 100:
                raise ValidationError(
                    self.env._(
                        "Scholarship type %(name)s: the maximum exemption must be "
                        "between 0 and 100 %% (got %(value)s).",
                        name=stype.name,
                        value=stype.max_exemption,
                    )
                )

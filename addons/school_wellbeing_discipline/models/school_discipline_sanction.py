# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolDisciplineSanction(models.Model):
    # anchors.md §5: "a suspension within 30 days" is a red discipline factor.
    _inherit = "school.discipline.sanction"

    wellbeing_suspension = fields.Boolean(
        string="Counts as a Suspension (Early Warning)",
        help="A case decided with this sanction counts as a suspension in the early-warning "
        "risk, within the days of its rule (30 by default).",
    )

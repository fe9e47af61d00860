# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolDisciplineSanction(models.Model):
    _inherit = "school.discipline.sanction"

    wellbeing_suspension = fields.Boolean(
        string="Counts as a Suspension (Early Warning)",
        help="A case decided with this sanction in the last days of the rule counts as a "
        "suspension in the early-warning risk (anchors: a suspension within 30 days).",
    )

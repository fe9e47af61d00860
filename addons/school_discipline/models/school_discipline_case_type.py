# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolDisciplineCaseType(models.Model):
    """A procedure: a due-process variant (MC 8.2, MC 8.3 II, MC 12, Aula
    Segura P-XII) or a protocol (P-I to P-XIII), with its stages, roles and
    deadlines as data (digest §2.5: deadlines differ per passage, so they
    are stored per type, never in one global setting)."""

    _name = "school.discipline.case.type"
    _description = "Case Procedure"
    _order = "sequence, code"
    _check_company_auto = True

    code = fields.Char(required=True)
    name = fields.Char(string="Procedure", required=True, translate=True)
    kind = fields.Selection(
        [
            ("disciplinary", "Due process (student)"),
            ("guardian", "Due process (apoderado)"),
            ("protocol", "Protocol"),
        ],
        required=True,
        default="disciplinary",
    )
    confidential = fields.Boolean(
        help="Only the convivencia team and the Director see these cases "
        "(protocols II, III and IV: reserved expediente, no copies).",
    )
    allows_ending_enrolment = fields.Boolean(
        string="Allows Cancellation / Expulsion",
        help="Sanctions that end the enrolment can only be applied in this procedure.",
    )
    allows_precautionary = fields.Boolean(
        string="Allows Precautionary Suspension",
        help="Medida cautelar de suspensión of Ley 21.128 (Aula Segura).",
    )
    precautionary_days = fields.Integer(default=5)
    stage_ids = fields.One2many("school.discipline.case.type.stage", "type_id", string="Stages")
    sequence = fields.Integer(default=10)
    source_ref = fields.Char(string="Source")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="School", index=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Procedure codes are unique per school."),
    ]

    def _compute_display_name(self):
        for case_type in self:
            case_type.display_name = "%s %s" % (case_type.code, case_type.name)

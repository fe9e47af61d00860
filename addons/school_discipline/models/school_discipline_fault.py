# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SchoolDisciplineFault(models.Model):
    """A fault of the school's Manual de Convivencia (seed 003, MC 7 for
    students, MC 12 for madres, padres y apoderados).

    Shipped with the seed school's catalogue; each school edits its own
    (Circular 482 will be replaced, so nothing here is hard-coded).
    """

    _name = "school.discipline.fault"
    _description = "Discipline Fault"
    _order = "subject, level_sequence, sequence, code"
    _check_company_auto = True

    code = fields.Char(required=True)
    name = fields.Char(string="Fault", required=True, translate=True)
    subject = fields.Selection(
        [("student", "Student"), ("guardian", "Apoderado")],
        string="Committed By",
        required=True,
        default="student",
    )
    level = fields.Selection(
        [("leve", "Leve"), ("grave", "Grave"), ("gravisima", "Gravísima")],
        required=True,
    )
    level_sequence = fields.Integer(compute="_compute_level_sequence", store=True)
    sequence = fields.Integer(default=10)
    case_type_id = fields.Many2one(
        "school.discipline.case.type",
        string="Procedure",
        check_company=True,
        help="The due-process variant a case for this fault follows. Graves "
        "and gravísimas never get a sanction without one.",
    )
    responsible = fields.Char(
        help="Who applies the measure and the sanction, as the Reglamento says."
    )
    is_crime = fields.Boolean(
        string="May Be a Crime",
        help="A denuncia is filed besides the internal procedure.",
    )
    source_ref = fields.Char(
        string="Source",
        help="Where the Reglamento defines it, e.g. Manual de Convivencia, artículo 7.1.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        index=True,
        help="Empty: shared by every school of the database.",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Fault codes are unique per school."),
    ]

    @api.depends("level")
    def _compute_level_sequence(self):
        order = {"leve": 1, "grave": 2, "gravisima": 3}
        for fault in self:
            fault.level_sequence = order.get(fault.level, 0)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for fault in self:
            fault.display_name = "%s %s" % (fault.code, fault.name) if fault.code else fault.name

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolDisciplineCaseTypeStage(models.Model):
    """A stage of a procedure: who does it, and its deadline counted from the
    right start event (digest §10 rule 2: knowledge of the facts, the event
    itself, or the end of an earlier stage; hours or business days)."""

    _name = "school.discipline.case.type.stage"
    _description = "Procedure Stage"
    _order = "type_id, sequence, id"

    type_id = fields.Many2one(
        "school.discipline.case.type", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(string="Stage", required=True, translate=True)
    responsible_group_id = fields.Many2one(
        "res.groups", string="Responsible Role", help="Empty: the apoderado or the student."
    )
    party_submission = fields.Boolean(
        string="Apoderado Submits",
        help="Descargos or a reconsideration request, submitted by the "
        "apoderado (portal) or the student within the window.",
    )
    deadline_value = fields.Integer(string="Deadline")
    deadline_value_ending = fields.Integer(
        string="Deadline if the Enrolment Ends",
        help="Used instead when the proposed sanction is a cancellation or "
        "an expulsion (e.g. 3 business days, 15 for those).",
    )
    deadline_unit = fields.Selection(
        [
            ("none", "No deadline"),
            ("hours", "Hours"),
            ("business_days", "Business days"),
            ("calendar_days", "Calendar days"),
        ],
        required=True,
        default="none",
    )
    start_from = fields.Selection(
        [
            ("knowledge", "Knowledge of the facts"),
            ("event", "The event itself"),
            ("previous", "End of the previous stage"),
            ("stage", "End of a given stage"),
        ],
        required=True,
        default="previous",
    )
    start_stage_id = fields.Many2one(
        "school.discipline.case.type.stage",
        string="Counted From",
        domain="[('type_id', '=', type_id)]",
    )
    optional = fields.Boolean(help="May be skipped (e.g. no reconsideration requested).")
    only_if_appealed = fields.Boolean(
        help="Skipped when the apoderado did not ask for reconsideration."
    )
    only_if_ending = fields.Boolean(
        string="Only if the Enrolment Ends",
        help="e.g. notice to the Superintendencia.",
    )
    only_if_precautionary = fields.Boolean()
    skipped_by_waiver = fields.Boolean(
        help="Skipped when the student signs the hoja de renuncia voluntaria."
    )
    decision = fields.Boolean(
        help="The sanction and measures are checked against the Reglamento when this stage ends."
    )
    notice = fields.Boolean(help="Sends a notice (letter) to the apoderado.")
    requires_document = fields.Boolean(
        help="Ends only with a note or a document (proof of filing, minutes)."
    )
    council = fields.Boolean(
        string="Consejo de Profesores",
        help="The note or document of this step is the Consejo de Profesores' minutes.",
    )
    recurring = fields.Boolean(
        help="When done, the same stage is scheduled again (e.g. "
        "contact every 5 business days, fortnightly reports)."
    )
    source_ref = fields.Char(string="Source")

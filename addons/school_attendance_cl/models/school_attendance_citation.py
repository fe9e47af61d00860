# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SchoolAttendanceCitation(models.Model):
    """A citation caused by lateness.

    - Study hour (hora de estudio, RI III.3.1 / P-XI): served on a Wednesday,
      Thursday or Friday afternoon; Inspectoría schedules it and marks it
      attended or not. The Nth study-hour citation of the year (the 2nd)
      requires a carta de compromiso signed by apoderado and student.
    - Apoderado citation for in-class lateness (P-XI L3178-3180).
    """

    _name = "school.attendance.citation"
    _description = "Lateness Citation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    student_id = fields.Many2one("op.student", required=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    citation_type = fields.Selection(
        [("study_hour", "Study hour"), ("guardian", "Apoderado citation")],
        string="Type",
        required=True,
    )
    arrival_id = fields.Many2one("school.attendance.arrival", string="Lateness", readonly=True)
    scheduled_at = fields.Datetime(string="Scheduled For", tracking=True)
    state = fields.Selection(
        [
            ("to_schedule", "To schedule"),
            ("scheduled", "Scheduled"),
            ("attended", "Attended"),
            ("missed", "Not attended"),
        ],
        default="to_schedule",
        required=True,
        index=True,
        tracking=True,
    )
    commitment_required = fields.Boolean(
        string="Carta de Compromiso",
        readonly=True,
        help="The apoderado and the student must sign a commitment letter.",
    )
    commitment_signed = fields.Boolean(tracking=True)

    @api.model_create_multi
    def create(self, vals_list):
        citations = super().create(vals_list)
        study = citations.filtered(lambda c: c.citation_type == "study_hour")
        if study:
            rows = self._read_group(
                [("student_id", "in", study.student_id.ids), ("citation_type", "=", "study_hour")],
                ["student_id"],
                ["__count"],
            )
            totals = {student.id: count for student, count in rows}
            for citation in study:
                after = citation.company_id.school_lateness_commitment_after
                if after and totals[citation.student_id.id] >= after:
                    citation.commitment_required = True
        return citations

    @api.constrains("scheduled_at", "citation_type")
    def _check_study_hour_slot(self):
        for citation in self.filtered(lambda c: c.citation_type == "study_hour" and c.scheduled_at):
            local = fields.Datetime.context_timestamp(citation, citation.scheduled_at)
            if local.weekday() not in (2, 3, 4) or local.hour < 15:
                raise UserError(
                    self.env._(
                        "Study hour of %(student)s: it is served on a Wednesday, Thursday or "
                        "Friday afternoon (RI III.3.1).",
                        student=citation.student_id.name,
                    )
                )

    def action_schedule(self, when):
        self.write({"scheduled_at": when, "state": "scheduled"})

    def action_attended(self):
        self.write({"state": "attended"})

    def action_missed(self):
        self.write({"state": "missed"})
        for citation in self:
            # RI III.3.1 / P-XI: a study hour not served is recorded.
            citation.message_post(body=self.env._("The student did not attend the study hour."))

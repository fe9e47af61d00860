# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from .school_guard import INSPECTOR, check_protected


class SchoolAttendanceCitation(models.Model):
    """A study hour (hora de estudio, RI III.3.1 / P-XI) the student serves
    for start-of-day lateness: on a Wednesday, Thursday or Friday afternoon;
    Inspectoría schedules it and marks it attended or not. The Nth study
    hour of the year (the 2nd) requires a carta de compromiso signed by
    apoderado and student.

    The apoderado's citation for in-class lateness (P-XI L3178-3180) is
    school_base's school.guardian.citation (see school_guardian_citation.py).
    """

    _name = "school.attendance.citation"
    _description = "Study Hour"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # Inspectoría's steps and the lateness that caused it: set by the
    # action_* methods and by the arrivals' numbering (sudo, after checks).
    _school_protected_fields = frozenset({"state", "commitment_required", "arrival_id"})
    # Inspectoría's own records: when it is served, the commitment letter.
    _school_inspector_fields = frozenset({"scheduled_at", "commitment_signed"})

    student_id = fields.Many2one("op.student", required=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
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

    @api.depends("student_id")
    def _compute_display_name(self):
        for citation in self:
            citation.display_name = self.env._(
                "Study hour of %(student)s", student=citation.student_id.name or ""
            )

    @api.model_create_multi
    def create(self, vals_list):
        check_protected(self, vals_list, self._school_protected_fields)
        if any(set(vals) & self._school_inspector_fields for vals in vals_list):
            self.env["res.users"]._school_require_role(
                INSPECTOR,
                message=self.env._("Only Inspectoría can schedule and record study hours."),
            )
        citations = super().create(vals_list)
        if citations:
            # RI III.3.1 L395 / P-XI L3169: two study hours in the school
            # year (the year of the lateness that cited them, in the school's
            # time zone) bring the carta de compromiso; last year's do not.
            # sudo: every study hour of the students counts, whatever the
            # caller's rules show; only the commitment flag is written.
            earlier = self.sudo().search([("student_id", "in", citations.student_id.ids)])
            totals = defaultdict(int)
            for citation in earlier:
                totals[citation.student_id.id, citation._school_year()] += 1
            for citation in citations:
                after = citation.company_id.school_lateness_commitment_after
                if after and totals[citation.student_id.id, citation._school_year()] >= after:
                    # sudo: a protected field, set by the rule above.
                    citation.sudo().commitment_required = True
        return citations

    def _school_year(self):
        """The school year of a citation: the year of its lateness, else of
        its creation, in the school's time zone."""
        self.ensure_one()
        if self.arrival_id.date:
            return self.arrival_id.date.year
        when = self.create_date or fields.Datetime.now()
        return self.env["school.calendar"].to_school_time(when, self.company_id).year

    def write(self, vals):
        check_protected(self, [vals], self._school_protected_fields)
        if set(vals) & self._school_inspector_fields:
            self.env["res.users"]._school_require_role(
                INSPECTOR,
                message=self.env._("Only Inspectoría can schedule and record study hours."),
            )
        return super().write(vals)

    @api.constrains("scheduled_at")
    def _check_study_hour_slot(self):
        for citation in self.filtered("scheduled_at"):
            local = fields.Datetime.context_timestamp(citation, citation.scheduled_at)
            # seed 003 RI III.3.1
            if local.weekday() not in (2, 3, 4) or local.hour < 15:
                raise UserError(
                    self.env._(
                        "Study hour of %(student)s: it is served on a Wednesday, Thursday or "
                        "Friday afternoon.",
                        student=citation.student_id.name,
                    )
                )

    def _school_check_inspector(self, states):
        self.env["res.users"]._school_require_role(
            INSPECTOR, message=self.env._("Only Inspectoría can schedule and record study hours.")
        )
        self.check_access("write")
        if any(citation.state not in states for citation in self):
            raise UserError(self.env._("This study hour is not at that step."))

    def action_schedule(self, when):
        """Inspectoría schedules the study hour (again, if it was scheduled)."""
        self._school_check_inspector(("to_schedule", "scheduled"))
        try:
            when = fields.Datetime.to_datetime(when)
        except (TypeError, ValueError):
            when = None
        if not when:
            raise UserError(self.env._("Give the date and time of the study hour."))
        # sudo: the state is protected; Inspectoría was checked above.
        self.sudo().write({"scheduled_at": when, "state": "scheduled"})
        return True

    def action_attended(self):
        self._school_check_inspector(("scheduled",))
        # sudo: the state is protected; Inspectoría was checked above.
        self.sudo().write({"state": "attended"})
        return True

    def action_missed(self):
        self._school_check_inspector(("scheduled",))
        # sudo: the state is protected; Inspectoría was checked above.
        self.sudo().write({"state": "missed"})
        for citation in self:
            # RI III.3.1 / P-XI: a study hour not served is recorded.
            citation.message_post(body=self.env._("The student did not attend the study hour."))
        return True

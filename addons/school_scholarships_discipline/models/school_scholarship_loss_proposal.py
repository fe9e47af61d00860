# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.school_scholarships.models.school_scholarship_guard import (
    COMMISSION,
    SOSTENEDOR,
    check_protected,
    require,
)

# Written only by the steps below (the commission's decision).
PROTECTED_FIELDS = {
    "application_id",
    "process_id",
    "company_id",
    "student_id",
    "case_id",
    "subject",
    "fault_name",
    "fault_level",
    "sanction_name",
    "case_date",
    "state",
    "decided_by_id",
    "decided_date",
    "loss_id",
}


class SchoolScholarshipLossProposal(models.Model):
    """A loss of a beca proposed to the commission because a case for a
    grave or gravísima fault of the student or the apoderado ended with a
    sanction (seed 003 RI III.9 Art. 14.5, L623). Not a loss yet: the
    commission confirms it with its reasons (then the family gets the notice
    of the loss) or sets it aside."""

    _name = "school.scholarship.loss.proposal"
    _description = "Proposed Scholarship Loss (Discipline)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, id desc"

    application_id = fields.Many2one(
        "school.scholarship.application", required=True, ondelete="cascade", index=True
    )
    process_id = fields.Many2one(related="application_id.process_id", store=True, index=True)
    company_id = fields.Many2one(related="application_id.company_id", store=True, index=True)
    student_id = fields.Many2one(related="application_id.student_id", store=True)
    # The case stays with the convivencia team (reserved): the commission
    # reads what it needs to decide, copied here when the proposal opens.
    case_id = fields.Many2one(
        "school.discipline.case", ondelete="set null", groups="base.group_system"
    )
    case_name = fields.Char(string="Expediente", readonly=True)
    subject = fields.Selection(
        [("student", "The student"), ("guardian", "The apoderado")],
        string="Fault Of",
        readonly=True,
    )
    fault_name = fields.Char(string="Fault", readonly=True)
    fault_level = fields.Selection(
        [("grave", "Grave"), ("gravisima", "Gravísima")], string="Level", readonly=True
    )
    sanction_name = fields.Char(string="Sanction", readonly=True)
    case_date = fields.Date(string="Case Closed On", readonly=True)
    state = fields.Selection(
        [("proposed", "Proposed"), ("confirmed", "Loss Confirmed"), ("dismissed", "Set Aside")],
        default="proposed",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    reasoning = fields.Text(
        string="Reasons of the Commission",
        help="Why the commission confirms the loss or sets the proposal aside. "
        "The reasons of a confirmed loss reach the family.",
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_date = fields.Datetime(readonly=True)
    loss_id = fields.Many2one("school.scholarship.loss", readonly=True)

    _sql_constraints = [
        (
            "case_application_uniq",
            "unique(case_id, application_id)",
            "A case proposes the loss of a scholarship once.",
        )
    ]

    def _compute_display_name(self):
        for proposal in self:
            proposal.display_name = self.env._(
                "Proposed loss: %(application)s",
                application=proposal.application_id.display_name or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("A loss is proposed by a closed convivencia case."))
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], PROTECTED_FIELDS)
        if not self.env.su:
            require(self.env, COMMISSION, SOSTENEDOR, message=self._authority_message())
            if self.filtered(lambda p: p.state != "proposed"):
                raise UserError(self.env._("The commission already decided this proposal."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise AccessError(self.env._("A proposal is kept with the commission's decision."))
        return super().unlink()

    def _authority_message(self):
        return self.env._("Only the commission or the sostenedor decides a loss.")

    # ------------------------------------------------------------------
    # Opening (private: called by the case's close, under sudo)
    # ------------------------------------------------------------------
    @api.model
    def _active_applications(self, cases):
        """{case id: awarded applications} the cases touch: the student's
        becas, and for a fault of an apoderado also those they applied for.
        Active: awarded in a process of the current school year or a later
        one already allocated (Art. 12: a beca lasts its school year)."""
        calendar = self.env["school.calendar"]
        students = cases.student_id
        partners = cases.filtered(lambda c: c.kind == "guardian").guardian_partner_id
        domain = [("student_id", "in", students.ids)]
        if partners:
            domain = ["|", *domain, ("applicant_partner_id", "in", partners.ids)]
        apps = self.env["school.scholarship.application"].search(
            [("state", "=", "awarded"), *domain]
        )
        result = {}
        for case in cases:
            year = calendar.school_today(case.company_id).year
            result[case.id] = apps.filtered(
                lambda a, c=case, y=year: a.company_id == c.company_id
                and a.process_id.school_year >= y
                and (
                    a.student_id == c.student_id
                    or (c.kind == "guardian" and a.applicant_partner_id == c.guardian_partner_id)
                )
            )
        return result

    @api.model
    def _propose_for_cases(self, cases):
        """One proposal per case and active beca, with an activity for each
        member of the process's commission. Re-runnable: an existing
        proposal for the same case and beca is not opened again."""
        targets = self._active_applications(cases)
        existing = self.search([("case_id", "in", cases.ids)])
        seen = {(p.case_id.id, p.application_id.id) for p in existing}
        calendar = self.env["school.calendar"]
        vals_list = []
        for case in cases:
            for app in targets[case.id]:
                if (case.id, app.id) in seen:
                    continue
                vals_list.append(
                    {
                        "application_id": app.id,
                        "case_id": case.id,
                        "case_name": case.name,
                        "subject": "guardian" if case.kind == "guardian" else "student",
                        "fault_name": case.fault_id.display_name,
                        "fault_level": case.fault_level,
                        "sanction_name": case.sanction_id.display_name,
                        "case_date": calendar.school_today(case.company_id),
                    }
                )
        proposals = self.create(vals_list)
        proposals._schedule_commission()
        return proposals

    def _schedule_commission(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        for proposal in self:
            for user in proposal.process_id.commission_ids:
                # In the member's language (the case may be closed by anyone).
                env = self.with_context(lang=user.lang).env
                proposal.activity_schedule(
                    activity_type_id=todo.id,
                    user_id=user.id,
                    summary=env._("Decide on a proposed loss of a scholarship"),
                    note=env._(
                        "A convivencia case for a grave or gravísima fault ended with a "
                        "sanction. The commission confirms the loss with its reasons, or "
                        "sets the proposal aside."
                    ),
                )

    # ------------------------------------------------------------------
    # The commission's decision
    # ------------------------------------------------------------------
    def _check_decision(self, reasoning):
        require(self.env, COMMISSION, SOSTENEDOR, message=self._authority_message())
        self.ensure_one()
        self.check_access("read")
        if self.state != "proposed":
            raise UserError(self.env._("The commission already decided this proposal."))
        reasoning = (reasoning if reasoning is not None else self.reasoning) or ""
        if not reasoning.strip():
            raise UserError(self.env._("Give the reasons of the commission."))
        return reasoning

    def action_confirm(self, reasoning=None):
        """The commission confirms: the beca is lost (cause 14.5) with its
        reasons, and the family receives the notice of the loss."""
        reasoning = self._check_decision(reasoning)
        # The application's own step checks the role again and notifies.
        loss = self.application_id.action_record_loss("discipline", reasoning)
        self._decide("confirmed", reasoning, loss)
        return True

    def action_dismiss(self, reasoning=None):
        """The commission sets the proposal aside; the beca stays."""
        reasoning = self._check_decision(reasoning)
        self._decide("dismissed", reasoning)
        return True

    def _decide(self, state, reasoning, loss=None):
        # sudo: the caller is the commission or the sostenedor (checked in
        # _check_decision); state and decision fields are protected.
        self.sudo().write(
            {
                "state": state,
                "reasoning": reasoning,
                "decided_by_id": self.env.uid,
                "decided_date": fields.Datetime.now(),
                "loss_id": loss.id if loss else False,
            }
        )
        self.sudo().activity_ids.action_feedback(
            feedback=dict(self._fields["state"]._description_selection(self.env))[state]
        )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .roles import FILL_ROLES, check_protected

OUTCOMES = [
    ("pending", "Not known yet"),
    ("contact", "Contact re-established"),
    ("improved", "Situation improved"),
    ("no_change", "No change"),
    ("referred", "Referred to a specialist"),
]


class SchoolWellbeingFollowup(models.Model):
    """The follow-up of a critical situation (issue 12): opened with the
    activity the profesor jefe gets when a student becomes critical, with the
    factors that fired and the lines of action proposed; closing the
    activity records what was done (its feedback) and the outcome, so the
    school sees which actions worked (the pivot of the follow-up lines by
    factor and outcome)."""

    _name = "school.wellbeing.followup"
    _description = "Critical Situation Follow-up"
    _order = "date_open desc, id desc"
    _check_company_auto = True
    # Written by the addon's own steps (the risk engine, the closing of the
    # activity); the profesor jefe and the team may correct the record of
    # what was done, the lines of action applied and the outcome afterwards.
    _protected_fields = frozenset(
        {
            "risk_id",
            "company_id",
            "batch_id",
            "student_id",
            "state",
            "date_open",
            "date_done",
            "user_id",
            "activity_id",
            "guideline_ids",
            "line_ids",
        }
    )

    risk_id = fields.Many2one(
        "school.wellbeing.risk", string="Risk", required=True, ondelete="cascade", index=True
    )
    student_id = fields.Many2one(related="risk_id.student_id", store=True, index=True)
    batch_id = fields.Many2one(related="risk_id.batch_id", store=True, index=True)
    company_id = fields.Many2one(related="risk_id.company_id", store=True, index=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done")], default="open", required=True, readonly=True
    )
    date_open = fields.Date(string="Critical On", readonly=True)
    date_done = fields.Date(string="Closed On", readonly=True)
    user_id = fields.Many2one("res.users", string="Closed By", readonly=True)
    activity_id = fields.Many2one("mail.activity", string="Activity", ondelete="set null")
    guideline_ids = fields.Many2many(
        "school.wellbeing.guideline", string="Lines of Action Proposed", readonly=True
    )
    line_ids = fields.One2many(
        "school.wellbeing.followup.line", "followup_id", string="Factors", readonly=True
    )
    factors = fields.Char(compute="_compute_factors", string="Fired Factors")
    action_taken = fields.Text(string="What Was Done")
    # Which of the proposed lines of action were applied: the rows of
    # "which actions worked" (the pivot of the follow-ups by applied line
    # and outcome).
    applied_guideline_ids = fields.Many2many(
        "school.wellbeing.guideline",
        "school_wellbeing_followup_applied_guideline_rel",
        "followup_id",
        "guideline_id",
        string="Lines of Action Applied",
        # No check_company: its error names the other school's record; the
        # constraint below (only proposed lines, of this school or shared)
        # refuses them without naming them.
        help="Which of the lines of action proposed were actually applied.",
    )
    outcome = fields.Selection(OUTCOMES, default="pending", required=True)

    @api.depends("line_ids.factor")
    def _compute_factors(self):
        labels = dict(self.env["school.wellbeing.followup.line"]._fields["factor"].selection)
        for followup in self:
            factors = dict.fromkeys(followup.line_ids.mapped("factor"))
            followup.factors = ", ".join(labels.get(f, f) for f in factors)

    @api.constrains("applied_guideline_ids", "guideline_ids")
    def _check_applied_guidelines(self):
        for followup in self:
            # sudo: the lines just linked may be unreadable to the caller
            # (another school's id); _check_applied refuses them unnamed.
            followup._check_applied(followup.sudo().applied_guideline_ids)

    def _check_applied(self, guidelines):
        """Refuse ``guidelines`` that are not among the lines of action
        proposed for this follow-up (archived ones included)."""
        self.ensure_one()
        # sudo: the proposed lines of a follow-up the caller records (the
        # activity's closing reads them for its own check).
        proposed = self.sudo().with_context(active_test=False).guideline_ids
        extra = guidelines.sudo().with_context(active_test=False) - proposed
        if not extra:
            return
        # Name only the lines of this school or shared ones: an id of
        # another school's line must not reveal its name.
        school = self.sudo().company_id
        named = extra.filtered(lambda g: not g.company_id or g.company_id == school)
        if named:
            raise ValidationError(
                self.env._(
                    "Only the lines of action proposed for this follow-up can be marked as "
                    "applied; these were not proposed: %(lines)s.",
                    lines=", ".join(named.mapped("name")),
                )
            )
        raise ValidationError(
            self.env._(
                "Only the lines of action proposed for this follow-up can be marked as applied."
            )
        )

    @api.depends("student_id.name", "date_open")
    def _compute_display_name(self):
        for followup in self:
            followup.display_name = self.env._(
                "Follow-up of %(student)s (%(date)s)",
                student=followup.student_id.name or "",
                date=followup.date_open or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._("A follow-up is opened when a student becomes critical, not by hand.")
            )
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], self._protected_fields)
        if not self.env.su:
            self.env["res.users"]._school_require_role(
                *FILL_ROLES,
                message=self.env._(
                    "Only the head teacher, the coexistence team or the Director record the "
                    "follow-up."
                ),
            )
        return super().write(vals)

    def _record_done(self, feedback, outcome, guidelines=None):
        """The activity was closed: record what was done, the lines of
        action applied (``guidelines``, among the proposed ones: the
        constraint checks it) and the outcome. Callers check the caller
        first (mail.activity._action_done)."""
        today = self.env["school.calendar"].school_today(self.company_id[:1] or None)
        for followup in self:
            values = {
                "state": "done",
                "date_done": today,
                "user_id": self.env.uid,
                "action_taken": feedback or followup.action_taken or False,
                "outcome": outcome or followup.outcome,
            }
            if guidelines:
                values["applied_guideline_ids"] = [Command.set(guidelines.ids)]
            followup.sudo().write(values)

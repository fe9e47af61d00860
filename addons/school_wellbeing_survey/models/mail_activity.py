# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import html2plaintext

from .roles import FILL_ROLES
from .school_wellbeing_followup import OUTCOMES


class MailActivity(models.Model):
    _inherit = "mail.activity"

    school_wellbeing_followup_id = fields.Many2one(
        "school.wellbeing.followup",
        string="Wellbeing Follow-up",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
    )
    school_wellbeing_outcome = fields.Selection(
        OUTCOMES,
        string="Outcome",
        copy=False,
        help="How the lines of action worked; recorded in the follow-up when the activity "
        "is marked as done.",
    )
    school_wellbeing_proposed_guideline_ids = fields.Many2many(
        related="school_wellbeing_followup_id.guideline_ids",
        string="Lines of Action Proposed",
    )
    school_wellbeing_guideline_ids = fields.Many2many(
        "school.wellbeing.guideline",
        "mail_activity_school_wellbeing_guideline_rel",
        "activity_id",
        "guideline_id",
        string="Lines of Action Applied",
        copy=False,
        help="Which of the lines of action proposed were applied; recorded in the follow-up "
        "when the activity is marked as done.",
    )

    def _school_check_followup_link(self, vals_list):
        # The link to a follow-up is the risk engine's (under sudo).
        if not self.env.su and any("school_wellbeing_followup_id" in vals for vals in vals_list):
            raise AccessError(
                self.env._("An activity is linked to a follow-up by the early warning only.")
            )

    @api.constrains("school_wellbeing_guideline_ids")
    def _check_school_wellbeing_guidelines(self):
        # sudo: the follow-up of an activity the caller writes and the lines
        # just linked (maybe unreadable to the caller: another school's id);
        # the check only compares them with the proposed lines.
        for activity in self.sudo().filtered("school_wellbeing_guideline_ids"):
            followup = activity.school_wellbeing_followup_id
            if not followup:
                raise ValidationError(
                    self.env._("Only the activity of a critical situation records lines of action.")
                )
            followup._check_applied(activity.school_wellbeing_guideline_ids)

    @api.model_create_multi
    def create(self, vals_list):
        self._school_check_followup_link(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._school_check_followup_link([vals])
        return super().write(vals)

    def _action_done(self, feedback=False, attachment_ids=None):
        """Closing the activity of a critical situation records the
        follow-up: what was done (the feedback), the lines of action
        applied and the outcome. Whoever closes it must be allowed to follow
        the student up (the profesor jefe of the course, the team, the
        Director), as for the risk."""
        followups = []
        for activity in self.filtered("school_wellbeing_followup_id"):
            # sudo: reading the link of an activity the caller is closing.
            followup = activity.sudo().school_wellbeing_followup_id
            self.env["res.users"]._school_require_role(
                *FILL_ROLES,
                message=self.env._(
                    "Only the head teacher, the coexistence team or the Director record the "
                    "follow-up."
                ),
            )
            # The risk's record rules: own course for a profesor jefe.
            followup.with_env(self.env).risk_id.check_access("write")
            text = html2plaintext(feedback).strip() if feedback else ""
            # sudo: the applied lines of that activity (checked against the
            # proposed ones by the follow-up's constraint).
            guidelines = activity.sudo().school_wellbeing_guideline_ids
            followups.append((followup, text, activity.school_wellbeing_outcome, guidelines))
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        for followup, text, outcome, guidelines in followups:
            followup.with_env(self.env)._record_done(text, outcome, guidelines)
        return result

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError
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

    def _school_check_followup_link(self, vals_list):
        # The link to a follow-up is the risk engine's (under sudo).
        if not self.env.su and any("school_wellbeing_followup_id" in vals for vals in vals_list):
            raise AccessError(
                self.env._("An activity is linked to a follow-up by the early warning only.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._school_check_followup_link(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._school_check_followup_link([vals])
        return super().write(vals)

    def _action_done(self, feedback=False, attachment_ids=None):
        """Closing the activity of a critical situation records the
        follow-up: what was done (the feedback) and the outcome. Whoever
        closes it must be allowed to follow the student up (the profesor
        jefe of the course, the team, the Director), as for the risk."""
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
            followups.append((followup, text, activity.school_wellbeing_outcome))
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        for followup, text, outcome in followups:
            followup.with_env(self.env)._record_done(text, outcome)
        return result

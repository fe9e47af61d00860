# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SchoolWellbeingCampaign(models.Model):
    """One month of the Mineduc wellbeing tool (seed 000): the school fills
    one row per student and uploads it back in the original format."""

    _name = "school.wellbeing.campaign"
    _description = "Wellbeing Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    date_start = fields.Date(string="Month", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    batch_ids = fields.Many2many(
        "op.batch",
        string="Courses",
        check_company=True,
        help="Courses whose students are surveyed.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        if any(campaign.state != "draft" for campaign in self):
            raise UserError(self.env._("Only draft campaigns can be deleted."))

    def action_open(self):
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(self.env._("Campaign %(name)s is not a draft.", name=campaign.name))
        self.state = "open"

    def action_close(self):
        self.filtered(lambda c: c.state == "open").state = "closed"

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.school_base.tools.cron_batches import run_in_batches

from .roles import REOPEN_ROLES, TEAM_ROLES, check_protected

MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


class SchoolWellbeingCampaign(models.Model):
    """One month of the Mineduc wellbeing tool (seed 000 "Frecuencia
    mensual"): open between two dates, one sheet per course that its
    profesor jefe fills; read-only once closed."""

    _name = "school.wellbeing.campaign"
    _description = "Wellbeing Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    # Set only by the campaign's own steps (action_open, action_close,
    # action_reopen and the cron), under sudo() after their check.
    _protected_fields = frozenset({"state", "reopen_count"})

    name = fields.Char(required=True, tracking=True)
    date_start = fields.Date(
        string="Month", required=True, tracking=True, help="Any day of the surveyed month."
    )
    date_open = fields.Date(
        string="Opens On",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
        help="First day the head teachers can fill the survey.",
    )
    date_close = fields.Date(
        string="Closes On",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
        help="Last day the head teachers can fill the survey; the campaign "
        "closes the next day and becomes read-only.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        readonly=True,
    )
    batch_ids = fields.Many2many(
        "op.batch",
        string="Courses",
        check_company=True,
        help="Courses whose students are surveyed; every course of the school "
        "when left empty at opening.",
    )
    sheet_ids = fields.One2many("school.wellbeing.sheet", "campaign_id", string="Course Sheets")
    sheet_count = fields.Integer(compute="_compute_sheet_count", string="Sheets")
    reopen_count = fields.Integer(string="Reopened", readonly=True, default=0)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "month_company_uniq",
            "unique(company_id, date_start)",
            "A school has one wellbeing campaign per month.",
        )
    ]

    def _compute_sheet_count(self):
        for campaign in self:
            campaign.sheet_count = len(campaign.sheet_ids)

    @api.constrains("date_open", "date_close", "date_start")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_close < campaign.date_open:
                raise ValidationError(
                    self.env._(
                        "Campaign %(name)s closes before it opens.",
                        name=campaign.name,
                    )
                )
            if campaign.date_close < campaign.date_start:
                raise ValidationError(
                    self.env._(
                        "Campaign %(name)s closes before its month begins.",
                        name=campaign.name,
                    )
                )

    @api.model
    def _month_name(self, day):
        return "%s %s" % (MONTHS[day.month - 1].capitalize(), day.year)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._("Only the coexistence team or the Director create campaigns."),
        )
        check_protected(self, vals_list, self._protected_fields)
        for vals in vals_list:
            if vals.get("date_start"):
                vals["date_start"] = fields.Date.to_date(vals["date_start"]).replace(day=1)
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], self._protected_fields)
        if "date_start" in vals:
            if any(campaign.state != "draft" for campaign in self):
                raise UserError(self.env._("The month of an opened campaign cannot change."))
            vals["date_start"] = fields.Date.to_date(vals["date_start"]).replace(day=1)
        if not self.env.su and self.filtered(lambda c: c.state == "closed"):
            raise UserError(
                self.env._("A closed campaign is read-only; the Director may reopen it.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        if any(campaign.state != "draft" for campaign in self):
            raise UserError(self.env._("Only draft campaigns can be deleted."))

    # ------------------------------------------------------------ actions --
    def action_open(self):
        """Open the month: one sheet per course, reminders to the head
        teachers. The coexistence team or the Director."""
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._("Only the coexistence team or the Director open campaigns."),
        )
        self.check_access("write")
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(self.env._("Campaign %(name)s is not a draft.", name=campaign.name))
        # sudo: the caller's role and access were checked above; the state
        # and the sheets are the campaign's own steps.
        self.sudo()._do_open()
        return True

    def action_close(self):
        """Close the month: the answers become read-only."""
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._("Only the coexistence team or the Director close campaigns."),
        )
        self.check_access("write")
        for campaign in self:
            if campaign.state != "open":
                raise UserError(self.env._("Campaign %(name)s is not open.", name=campaign.name))
        # sudo: checked above; the state is protected.
        self.sudo()._do_close()
        return True

    def action_reopen(self):
        """Reopen a closed month: the Director only, logged in the chatter."""
        self.env["res.users"]._school_require_role(
            *REOPEN_ROLES,
            message=self.env._("Only the Director may reopen a closed campaign."),
        )
        self.check_access("read")
        for campaign in self:
            if campaign.state != "closed":
                raise UserError(self.env._("Campaign %(name)s is not closed.", name=campaign.name))
        user = self.env.user
        for campaign in self.sudo():
            # sudo: the Director was checked above; state and count are protected.
            campaign.write({"state": "open", "reopen_count": campaign.reopen_count + 1})
            campaign.message_post(
                body=self.env._(
                    "Campaign reopened by %(user)s (time %(count)s).",
                    user=user.name,
                    count=campaign.reopen_count,
                ),
                author_id=user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_view_sheets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Course Sheets"),
            "res_model": "school.wellbeing.sheet",
            "view_mode": "list,form",
            "domain": [("campaign_id", "=", self.id)],
            "context": {"default_campaign_id": self.id},
        }

    # ------------------------------------------------------------ private --
    def _do_open(self):
        batch_model = self.env["op.batch"]
        sheet_model = self.env["school.wellbeing.sheet"]
        for campaign in self:
            batches = campaign.batch_ids or batch_model.search(
                [
                    ("company_id", "=", campaign.company_id.id),
                    ("start_date", "<=", campaign.date_start.replace(day=28)),
                    ("end_date", ">=", campaign.date_start),
                ]
            )
            missing = batches - campaign.sheet_ids.batch_id
            sheet_model.create(
                [
                    {
                        "campaign_id": campaign.id,
                        "batch_id": batch.id,
                        "company_id": campaign.company_id.id,
                    }
                    for batch in missing
                ]
            )
            campaign.write({"state": "open", "batch_ids": [(6, 0, batches.ids)]})
        self.sheet_ids._remind_head_teachers()

    def _do_close(self):
        self.write({"state": "closed"})
        self.sheet_ids._clear_reminders()

    @api.model
    def _cron_wellbeing_campaigns(self, today=None):
        """Daily, school by school (each in its own savepoint): open the
        drafts whose opening day came, close the open ones whose closing day
        passed, remind each profesor jefe whose sheet is not complete."""
        calendar = self.env["school.calendar"]
        batches = []
        for company in self.search([("state", "in", ("draft", "open"))]).company_id:
            day = fields.Date.to_date(today) or calendar.school_today(company)
            batches.append(
                (
                    company.name,
                    self.search(
                        [("company_id", "=", company.id), ("state", "in", ("draft", "open"))]
                    ),
                    lambda campaigns, d=day: campaigns._cron_step(d),
                )
            )
        return run_in_batches(self.env, batches, "Wellbeing campaigns")

    def _cron_step(self, day):
        to_open = self.filtered(lambda c: c.state == "draft" and c.date_open <= day <= c.date_close)
        to_close = self.filtered(lambda c: c.state == "open" and c.date_close < day)
        to_open._do_open()
        to_close._do_close()
        (self - to_close).filtered(lambda c: c.state == "open").sheet_ids._remind_head_teachers()

    @api.model
    def _demo_calendar(self, year):
        """The seed's calendar (seed 000 "FECHAS"): month, opening, closing."""
        return [
            (datetime.date(year, 8, 1), datetime.date(year, 8, 24), datetime.date(year, 9, 9)),
            (datetime.date(year, 9, 1), datetime.date(year, 9, 25), datetime.date(year, 10, 9)),
            (datetime.date(year, 10, 1), datetime.date(year, 10, 24), datetime.date(year, 11, 6)),
            (datetime.date(year, 11, 1), datetime.date(year, 11, 20), datetime.date(year, 12, 4)),
            (
                datetime.date(year, 12, 1),
                datetime.date(year, 12, 24),
                datetime.date(year + 1, 1, 8),
            ),
        ]

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .school_scholarship_guard import (
    ADMIN,
    COMMISSION,
    SOSTENEDOR,
    check_protected,
    require,
)

PROTECTED_FIELDS = {"state", "closed_date", "confirmed_by_id", "confirmed_date"}
# Set when the process is opened; fixed afterwards.
FROZEN_WHEN_OPEN = {
    "company_id",
    "school_year",
    "fund_unit",
    "share_measure",
    "expense_holder_rule",
    "vulnerability_in_socioeconomic",
}
# Rounding tolerance when the fund must be allocated in full (Art. 4).
FUND_TOLERANCE = {"becas": 0.0001, "money": 1.0}


class SchoolScholarshipProcess(models.Model):
    """The yearly call for becas de financiamiento compartido of one school
    (seed 003 RI III.9 Art. 4-6, L478-524): window in November, results in
    March, the fund and the commission (Art. 7, L557-559)."""

    _name = "school.scholarship.process"
    _description = "Scholarship Process"
    _order = "school_year desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", string="School", required=True, default=lambda s: s.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    school_year = fields.Integer(
        required=True, help="School year the exemptions apply to (Art. 12: one year only)."
    )
    tax_year = fields.Integer(
        string="Tax Year of the Fee Summary",
        required=True,
        help="Year of the summary of fee receipts (document 6.5), usually the previous year.",
    )
    window_start = fields.Date(string="Applications From", required=True)
    window_end = fields.Date(string="Applications Until", required=True)
    results_date = fields.Date(required=True, help="Results are given in March (Art. 10).")
    annual_tuition = fields.Monetary(
        string="Annual Tuition (Copago)",
        required=True,
        help="Value of a full (100 %) exemption; converts percentages into money.",
    )
    fund_unit = fields.Selection(
        [("becas", "Number of full becas"), ("money", "Amount of money")],
        required=True,
        default="becas",
    )
    fund_becas = fields.Float(string="Fund (Full Becas)", digits=(16, 2))
    fund_amount = fields.Monetary(string="Fund (Amount)")
    fund_note = fields.Text(
        string="Fund Calculation",
        help="The MINEDUC calculation (enrolment, average attendance, projected income).",
    )
    share_measure = fields.Selection(
        [("count", "Number of exemptions"), ("money", "Value of exemptions")],
        string="Two Thirds Measured In",
        required=True,
        default="money",
        help="How the rule 'at least two thirds exclusively on socioeconomic grounds' is measured.",
    )
    expense_holder_rule = fields.Selection(
        [
            ("household", "Any member of the household (6.19)"),
            ("parents", "Father, mother or apoderado only (9.4)"),
        ],
        string="Expense Receipts In The Name Of",
        required=True,
        default="household",
    )
    vulnerability_in_socioeconomic = fields.Boolean(
        string="Vulnerability Counts As Socioeconomic", default=True
    )
    max_upload_mb = fields.Float(string="Maximum File Size (MB)", default=5.0)
    appeal_reminder_days = fields.Integer(
        string="Remind Appeals (School Days Before)",
        default=3,
        help="The commission gets an activity this many school days before an appeal's "
        "answer is due (10 school days after it is filed).",
    )
    commission_ids = fields.Many2many(
        "res.users",
        "school_scholarship_process_commission_rel",
        "process_id",
        "user_id",
        string="Commission",
        domain=lambda s: [("groups_id", "in", s.env.ref(COMMISSION).id)],
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Applications Open"),
            ("review", "Under Review"),
            ("allocated", "Allocation Confirmed"),
            ("results", "Results Given"),
            ("done", "Closed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
    )
    closed_date = fields.Datetime(readonly=True)
    confirmed_by_id = fields.Many2one("res.users", readonly=True)
    confirmed_date = fields.Datetime(readonly=True)
    application_ids = fields.One2many("school.scholarship.application", "process_id")
    award_ids = fields.One2many("school.scholarship.award", "process_id")
    fund_used = fields.Float(compute="_compute_allocation", digits=(16, 2))
    fund_total = fields.Float(compute="_compute_allocation", digits=(16, 2))
    socioeconomic_share = fields.Float(
        string="Socioeconomic Share (%)", compute="_compute_allocation", digits=(16, 1)
    )
    application_count = fields.Integer(compute="_compute_counts")
    rejected_count = fields.Integer(compute="_compute_counts")
    appeal_pending_count = fields.Integer(compute="_compute_counts")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "year_company_uniq",
            "unique(company_id, school_year)",
            "A school has one scholarship process per school year.",
        )
    ]

    @api.depends("school_year", "company_id.name")
    def _compute_name(self):
        for process in self:
            process.name = self.env._(
                "Becas %(year)s - %(school)s",
                year=process.school_year,
                school=process.company_id.name or "",
            )

    @api.depends("award_ids.percentage", "award_ids.type_id", "fund_unit", "fund_becas")
    def _compute_allocation(self):
        for process in self:
            totals = process._allocation_totals()
            process.fund_total = totals["fund"]
            process.fund_used = totals["used"]
            process.socioeconomic_share = totals["socio_share"] * 100

    def _compute_counts(self):
        groups = self.env["school.scholarship.application"]._read_group(
            [("process_id", "in", self.ids)], ["process_id", "state"], ["__count"]
        )
        counts = {}
        for process, state, count in groups:
            counts.setdefault(process.id, {})[state] = count
        pending = self.env["school.scholarship.appeal"]._read_group(
            [("process_id", "in", self.ids), ("state", "=", "filed")], ["process_id"], ["__count"]
        )
        pending = {process.id: count for process, count in pending}
        for process in self:
            by_state = counts.get(process.id, {})
            process.application_count = sum(by_state.values())
            process.rejected_count = by_state.get("rejected", 0)
            process.appeal_pending_count = pending.get(process.id, 0)

    @api.constrains(
        "window_start",
        "window_end",
        "results_date",
        "fund_becas",
        "fund_amount",
        "appeal_reminder_days",
    )
    def _check_dates(self):
        for process in self:
            if process.window_end < process.window_start:
                raise ValidationError(self.env._("The application window ends before it starts."))
            if process.results_date <= process.window_end:
                raise ValidationError(
                    self.env._("The results date must come after the application window.")
                )
            if process.fund_becas < 0 or process.fund_amount < 0:
                raise ValidationError(self.env._("The fund cannot be negative."))
            if process.appeal_reminder_days < 0:
                raise ValidationError(
                    self.env._("The appeal reminder is a number of school days (0 or more).")
                )

    @api.constrains("commission_ids")
    def _check_commission(self):
        group = self.env.ref(COMMISSION)
        for process in self:
            outsiders = process.commission_ids.filtered(lambda u: group not in u.groups_id)
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%(users)s must hold the Scholarship Commission role to sit on "
                        "the commission.",
                        users=", ".join(outsiders.mapped("name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_protected(self, vals_list, PROTECTED_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], PROTECTED_FIELDS)
        if not self.env.su and FROZEN_WHEN_OPEN & set(vals):
            if self.filtered(lambda p: p.state != "draft"):
                raise UserError(
                    self.env._(
                        "The school, year, fund unit and rule settings are fixed once the "
                        "process is open."
                    )
                )
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda p: p.state != "draft") and not self.env.su:
            raise UserError(self.env._("Only a draft process can be deleted; archive it instead."))
        return super().unlink()

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def _require_state(self, *states):
        for process in self:
            if process.state not in states:
                raise UserError(
                    self.env._(
                        "%(process)s: this step is not possible in state %(state)s.",
                        process=process.display_name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            process.state
                        ],
                    )
                )

    def action_open(self):
        """The sostenedor's administrators open the call (Art. 6, L524)."""
        require(self.env, SOSTENEDOR, message=self.env._("Only the sostenedor opens the call."))
        self._require_state("draft")
        for process in self:
            if not process.commission_ids:
                raise UserError(self.env._("Name the commission before opening the call."))
            if not (process.fund_becas if process.fund_unit == "becas" else process.fund_amount):
                raise UserError(self.env._("Set the fund before opening the call."))
        # sudo: state is protected; the caller is the sostenedor (checked above).
        self.sudo().write({"state": "open"})
        return True

    def action_close_window(self):
        """Close the window: incomplete applications are rejected (L553,
        Art. 14.6), the rest go to review; drafts never submitted lapse."""
        require(
            self.env,
            SOSTENEDOR,
            ADMIN,
            message=self.env._("Only the administration closes the call."),
        )
        self._require_state("open")
        apps = (
            self.env["school.scholarship.application"]
            .sudo()
            .search([("process_id", "in", self.ids), ("state", "in", ("draft", "submitted"))])
        )
        # sudo: the caller is the administration (checked above); states are protected.
        apps._close_window_check()
        self.sudo().write({"state": "review", "closed_date": fields.Datetime.now()})
        return True

    def action_check_eligibility(self):
        """Eligibility 9.1-9.4 of the applications under review (Art. 9, L585-593)."""
        require(
            self.env, COMMISSION, SOSTENEDOR, message=self.env._("Only the commission does this.")
        )
        self._require_state("review")
        apps = (
            self.env["school.scholarship.application"]
            .sudo()
            .search([("process_id", "in", self.ids), ("state", "=", "review")])
        )
        # sudo: the caller is the commission (checked above).
        apps._check_eligibility()
        return True

    def action_compute_scores(self):
        require(
            self.env, COMMISSION, SOSTENEDOR, message=self.env._("Only the commission does this.")
        )
        self._require_state("review")
        # sudo: the caller is the commission; scores are protected fields.
        self.sudo()._compute_scores()
        return True

    def _compute_scores(self):
        apps = self.env["school.scholarship.application"].search(
            [("process_id", "in", self.ids), ("state", "=", "review")]
        )
        self.env["school.scholarship.criterion"]._score_applications(apps)

    def action_propose_allocation(self):
        """A ranked proposal filling the fund: socioeconomic awards by score
        (Art. 4, Art. 18), the last one split when the fund runs out."""
        require(
            self.env, COMMISSION, SOSTENEDOR, message=self.env._("Only the commission does this.")
        )
        self._require_state("review")
        # sudo: the caller is the commission (checked above); awards are protected.
        self.sudo()._propose_allocation()
        return True

    def _unit_value(self, percentage):
        """What an exemption of ``percentage`` costs the fund, in the fund's unit."""
        self.ensure_one()
        if self.fund_unit == "becas":
            return percentage / 100.0
        return percentage / 100.0 * self.annual_tuition

    def _propose_allocation(self):
        award_model = self.env["school.scholarship.award"]
        socio_type = self.env.ref("school_scholarships.school_scholarship_type_socioeconomic")
        for process in self:
            proposed = process.award_ids.filtered(lambda a: a.origin == "proposal")
            proposed.unlink()
            kept = process.award_ids
            budget = process._fund_size() - sum(process._unit_value(a.percentage) for a in kept)
            taken = set(kept.application_id.ids)
            apps = self.env["school.scholarship.application"].search(
                [("process_id", "=", process.id), ("state", "=", "review")],
                order="score_socioeconomic desc, id",
            )
            table = self.env["school.scholarship.percentage"]._lookup_table(process.company_id)
            vals_list = []
            rank = 0
            tolerance = FUND_TOLERANCE[process.fund_unit]
            for app in apps:
                if budget <= tolerance:
                    break
                if app.id in taken:
                    continue
                percentage = table(app.score_socioeconomic)
                if not percentage:
                    break
                cost = process._unit_value(percentage)
                if cost > budget:
                    # Art. 4: a full beca may be split to help more students.
                    percentage = round(percentage * budget / cost, 2)
                    cost = process._unit_value(percentage)
                rank += 1
                budget -= cost
                vals_list.append(
                    {
                        "process_id": process.id,
                        "application_id": app.id,
                        "type_id": socio_type.id,
                        "percentage": percentage,
                        "rank": rank,
                        "origin": "proposal",
                    }
                )
            award_model.create(vals_list)

    def _fund_size(self):
        self.ensure_one()
        return self.fund_becas if self.fund_unit == "becas" else self.fund_amount

    def _allocation_totals(self):
        """Fund, used fund and socioeconomic share in the setting's measure."""
        self.ensure_one()
        socio_count = total_count = 0
        socio_value = total_value = 0.0
        for award in self.award_ids:
            value = self._unit_value(award.percentage)
            is_socio = award._is_socioeconomic()
            total_count += 1
            total_value += value
            if is_socio:
                socio_count += 1
                socio_value += value
        if self.share_measure == "count":
            share = socio_count / total_count if total_count else 1.0
        else:
            share = socio_value / total_value if total_value else 1.0
        return {
            "fund": self._fund_size(),
            "used": total_value,
            "socio_share": share,
            "socio_count": socio_count,
            "total_count": total_count,
        }

    def _check_allocation(self):
        """Messages that block the confirmation (Art. 4, L478-486)."""
        self.ensure_one()
        totals = self._allocation_totals()
        problems = []
        tolerance = FUND_TOLERANCE[self.fund_unit]
        if abs(totals["fund"] - totals["used"]) > tolerance:
            problems.append(
                self.env._(
                    "The whole fund must be allocated: %(used).2f of %(fund).2f allocated.",
                    used=totals["used"],
                    fund=totals["fund"],
                )
            )
        # Compare as fractions with a little rounding room (2/3 of 3 = 2).
        if totals["socio_share"] < 2 / 3 - 1e-9:
            if self.share_measure == "count":
                problems.append(
                    self.env._(
                        "At least two thirds of the exemptions must be socioeconomic: "
                        "%(socio)s of %(total)s exemptions are.",
                        socio=totals["socio_count"],
                        total=totals["total_count"],
                    )
                )
            else:
                problems.append(
                    self.env._(
                        "At least two thirds of the value of the exemptions must be "
                        "socioeconomic: %(share).1f %% is.",
                        share=totals["socio_share"] * 100,
                    )
                )
        return problems

    def action_confirm_allocation(self):
        require(
            self.env, COMMISSION, SOSTENEDOR, message=self.env._("Only the commission does this.")
        )
        self._require_state("review")
        for process in self:
            problems = process._check_allocation()
            if problems:
                raise UserError(
                    self.env._(
                        "The allocation cannot be confirmed:\n%(problems)s",
                        problems="\n".join(problems),
                    )
                )
        # sudo: the caller is the commission (checked above); protected fields.
        for process in self.sudo():
            awarded = process.award_ids.application_id
            awarded.write({"state": "awarded"})
            (process.application_ids.filtered(lambda a: a.state == "review") - awarded).write(
                {"state": "not_awarded"}
            )
            process.write(
                {
                    "state": "allocated",
                    "confirmed_by_id": self.env.uid,
                    "confirmed_date": fields.Datetime.now(),
                }
            )
        return True

    def action_publish_results(self):
        """Results in March, only to the family (Art. 10, L595-597)."""
        require(
            self.env, SOSTENEDOR, ADMIN, message=self.env._("Only the administration does this.")
        )
        self._require_state("allocated")
        today = self.env["school.calendar"].school_today(self.company_id[:1])
        for process in self:
            if today < process.results_date:
                raise UserError(
                    self.env._(
                        "Results are given from %(date)s.",
                        date=fields.Date.to_string(process.results_date),
                    )
                )
        # sudo: the caller is the administration (checked above).
        self.sudo().write({"state": "results"})
        return True

    def action_done(self):
        require(self.env, SOSTENEDOR, message=self.env._("Only the sostenedor closes the process."))
        self._require_state("results")
        # sudo: the caller is the sostenedor (checked above).
        self.sudo().write({"state": "done"})
        return True

    def _is_window_open(self, today=None):
        self.ensure_one()
        today = today or self.env["school.calendar"].school_today(self.company_id)
        return self.state == "open" and self.window_start <= today <= self.window_end

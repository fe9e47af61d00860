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
    # The fund from the figures MINEDUC's calculation rests on (Art. 4,
    # L478-486: "total enrolment, average attendance and projected income";
    # financed by the school and the state). The suite's reading, with
    # editable rates (readme "Configuration"): fund = projected income x the
    # school's rate + enrolment x average attendance x the state's
    # contribution per student.
    fund_enrolment = fields.Integer(
        string="Enrolment", help="Students enrolled (filled from the roll when left at 0)."
    )
    fund_attendance_rate = fields.Float(
        string="Average Attendance (%)",
        digits=(16, 1),
        help="Read from the class book's monthly registers when the attendance addon is "
        "installed, or typed.",
    )
    fund_projected_income = fields.Monetary(
        string="Projected Income",
        help="The copago the school expects to collect in the school year "
        "(enrolment x annual tuition when left at 0).",
    )
    fund_income_rate = fields.Float(
        string="School's Share of the Income (%)",
        digits=(16, 2),
        help="Part of the projected income the school puts in the fund.",
    )
    fund_state_per_student = fields.Monetary(
        string="State's Contribution per Student",
        help="The state's contribution to the fund per student at full attendance.",
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
        self._require_shared_financing(
            self.env["res.company"].browse(
                {vals.get("company_id") or self.env.company.id for vals in vals_list}
            )
        )
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
    @api.model
    def _require_shared_financing(self, schools):
        """A school that left shared financing opens no new call; what it
        had stays (res.company.school_shared_financing)."""
        for school in schools:
            if not school.school_shared_financing:
                raise UserError(
                    self.env._(
                        "%(school)s no longer charges shared financing (copago): no new "
                        "becas call can be opened. Its past calls and becas are kept.",
                        school=school.name,
                    )
                )

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
        self._require_shared_financing(self.company_id)
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

    def action_compute_fund(self):
        """Fill the fund from enrolment, average attendance and projected
        income (a documented setting, see the fields above). The sostenedor
        or the scholarship administration, before the call opens."""
        require(
            self.env,
            SOSTENEDOR,
            ADMIN,
            message=self.env._("Only the administration sets the fund."),
        )
        self._require_state("draft")
        # sudo: the caller is the administration (checked above); the roll
        # and the registers are counted, nothing else is read or written.
        for process in self.sudo():
            process.write(process._fund_figures())
        return True

    def _fund_figures(self):
        """The values the calculation writes: inputs filled where left
        empty, the fund in the process's unit and the calculation in words."""
        self.ensure_one()
        enrolment = self.fund_enrolment or self._fund_enrolment_from_roll()
        attendance = self.fund_attendance_rate or self._fund_attendance_from_registers()
        income = self.fund_projected_income or enrolment * self.annual_tuition
        school_part = income * self.fund_income_rate / 100.0
        state_part = enrolment * (attendance or 0.0) / 100.0 * self.fund_state_per_student
        amount = school_part + state_part
        vals = {
            "fund_enrolment": enrolment,
            "fund_attendance_rate": attendance or 0.0,
            "fund_projected_income": income,
        }
        if self.fund_unit == "money":
            vals["fund_amount"] = amount
        else:
            vals["fund_becas"] = (
                round(amount / self.annual_tuition, 2) if self.annual_tuition else 0
            )
        vals["fund_note"] = self.env._(
            "Projected income %(income).0f x %(rate).2f %% = %(school).0f; enrolment %(enrolment)s "
            "x attendance %(attendance).1f %% x %(per_student).0f = %(state).0f; fund "
            "%(amount).0f (%(becas).2f full becas of %(tuition).0f).",
            income=income,
            rate=self.fund_income_rate,
            school=school_part,
            enrolment=enrolment,
            attendance=attendance or 0.0,
            per_student=self.fund_state_per_student,
            state=state_part,
            amount=amount,
            becas=amount / self.annual_tuition if self.annual_tuition else 0.0,
            tuition=self.annual_tuition,
        )
        return vals

    def _fund_enrolment_from_roll(self):
        """Students of the school with a current enrolment in a course
        (a running one: not finished, not withdrawn)."""
        return self.env["op.student"].search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("course_detail_ids.state", "=", "running"),
            ]
        )

    def _fund_attendance_from_registers(self):
        """Average daily attendance of the school year so far, from the
        monthly registers of the class book (school_attendance_cl) when it is
        installed: days present over days counted, as SIGE counts them.
        None without the addon or without registers (then typed)."""
        if "school.attendance.register.line" not in self.env:
            return None
        registers = self.env["school.attendance.register.line"]
        today = self.env["school.calendar"].school_today(self.company_id)
        rows = registers.search_read(
            [
                ("company_id", "=", self.company_id.id),
                ("month", ">=", today.replace(month=1, day=1)),
                ("month", "<=", today),
            ],
            ["sige_present", "sige_absent"],
        )
        present = counted = 0
        for row in rows:
            day_present, day_absent = row["sige_present"] or 0, row["sige_absent"] or 0
            present += day_present.bit_count()
            counted += (day_present | day_absent).bit_count()
        return round(100.0 * present / counted, 1) if counted else None

    def action_grant_mid_year(self, student_id, type_id, percentage, reason):
        """A beca 'a criterio del sostenedor' granted during the school year,
        outside the call (seed 003 RI III.9 Title III, L512: a change in the
        family's situation or another external factor). The sostenedor only,
        with a reason; logged like every change of the allocation; counted
        in the fund, and the two thirds must still hold (Art. 4)."""
        require(
            self.env,
            SOSTENEDOR,
            message=self.env._("Only the sostenedor grants a scholarship during the year."),
        )
        self.ensure_one()
        self.check_access("read")
        self._require_state("allocated", "results")
        stype = self.env["school.scholarship.type"].browse(type_id).exists()
        if not stype.mid_year:
            raise UserError(
                self.env._("Only a type that may be granted mid-year is granted outside the call.")
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the change."))
        student = self.env["op.student"].browse(student_id).exists()
        student.check_access("read")
        # sudo: the caller is the sostenedor (checked above); applications,
        # awards and states are written only by the process's steps.
        return self.sudo()._grant_mid_year(student.sudo(), stype, percentage, reason)

    def _grant_mid_year(self, student, stype, percentage, reason):
        applications = self.env["school.scholarship.application"]
        app = applications.search(
            [("process_id", "=", self.id), ("student_id", "=", student.id)], limit=1
        )
        if app.state in ("awarded", "lost"):
            raise UserError(
                self.env._(
                    "%(student)s already has an application with a result in this process.",
                    student=student.name,
                )
            )
        if student.company_id != self.company_id:
            raise UserError(self.env._("The student does not belong to this school."))
        if not app:
            partner = student.school_guardian_user_ids.partner_id[:1] or student.parent_ids.name[:1]
            if not partner:
                raise UserError(
                    self.env._(
                        "%(student)s has no apoderado to receive the result.", student=student.name
                    )
                )
            if self.env["school.scholarship.loss"]._ban_for(student, partner, self):
                raise UserError(
                    self.env._("This family may not receive a scholarship (false information).")
                )
            app = applications.create(
                {
                    "process_id": self.id,
                    "student_id": student.id,
                    "applicant_partner_id": partner.id,
                    "submitted_date": fields.Datetime.now(),
                }
            )
        award = self.env["school.scholarship.award"].create(
            {
                "process_id": self.id,
                "application_id": app.id,
                "type_id": stype.id,
                "percentage": percentage,
                "rank": 0,
                "origin": "manual",
                "mid_year": True,
                "granted_date": self.env["school.calendar"].school_today(self.company_id),
            }
        )
        totals = self._allocation_totals()
        if totals["socio_share"] < 2 / 3 - 1e-9:
            raise UserError(
                self.env._(
                    "This grant would leave less than two thirds of the exemptions on "
                    "socioeconomic grounds (%(share).1f %%).",
                    share=totals["socio_share"] * 100,
                )
            )
        app.write({"state": "awarded"})
        award._log(0.0, percentage, reason)
        return award

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

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .school_scholarship_document_type import EXPENSE_RULES, MEMBER_RULES
from .school_scholarship_guard import (
    ADMIN,
    BACKOFFICE,
    COMMISSION,
    SOSTENEDOR,
    check_protected,
    has,
    require,
)

# Decisions of the process: written only by its own steps.
PROTECTED_FIELDS = {
    "state",
    "score_socioeconomic",
    "score_discretionary",
    "percentage_proposed",
    "tuition_up_to_date",
    "payment_commitment",
    "home_visit_requested",
    "home_visit_result",
    "missing_document_ids",
    "ineligibility_reason",
    "receipt_date",
    "receipt_recorded_by_id",
    "appeal_deadline",
    "submitted_date",
}
# Who and what the application is about: fixed at creation.
FIXED_FIELDS = {"process_id", "student_id", "applicant_partner_id", "company_id"}
PARENT_RELATIONSHIPS = {"father", "mother", "guardian"}
EDITABLE_STATES = ("draft", "submitted")


class SchoolScholarshipApplication(models.Model):
    """A family's application for one student (seed 003 RI III.9 Art. 5-6,
    L522-553). Income, health and housing: confidential (Art. 10, 15)."""

    _name = "school.scholarship.application"
    _description = "Scholarship Application"
    _order = "process_id desc, score_socioeconomic desc, id"
    _check_company_auto = True

    process_id = fields.Many2one(
        "school.scholarship.process", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="process_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    student_id = fields.Many2one("op.student", required=True, index=True, ondelete="restrict")
    applicant_partner_id = fields.Many2one(
        "res.partner", string="Applicant (Apoderado)", required=True, index=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("lapsed", "Not Submitted"),
            ("rejected", "Rejected: Documents Missing"),
            ("review", "Under Review"),
            ("ineligible", "Not Eligible"),
            ("awarded", "Awarded"),
            ("not_awarded", "Not Awarded"),
            ("lost", "Lost"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
    )
    submitted_date = fields.Datetime(readonly=True)
    member_ids = fields.One2many("school.scholarship.member", "application_id", string="Household")
    document_ids = fields.One2many("school.scholarship.document", "application_id")
    # Household (form of Art. 6).
    housing_tenure = fields.Selection(
        [
            ("owner", "Own home, paid"),
            ("mortgage", "Own home with mortgage"),
            ("rent", "Rented"),
            ("lent", "Lent or shared"),
            ("other", "Other"),
        ],
        default="owner",
        required=True,
    )
    housing_notes = fields.Text()
    expense_housing = fields.Monetary(string="Rent or Mortgage")
    expense_loans = fields.Monetary(string="Loans")
    expense_utilities = fields.Monetary(string="Utilities")
    expense_health = fields.Monetary(string="Health")
    expense_education = fields.Monetary(string="Education")
    health_notes = fields.Text(string="Health of the Family")
    has_social_record = fields.Boolean(string="Registro Social de Hogares")
    social_record_bracket = fields.Integer(string="RSH Bracket (%)")
    chile_solidario = fields.Boolean()
    receives_benefit = fields.Boolean(string="Receives a State Benefit")
    receives_maintenance = fields.Boolean(string="Receives Child Maintenance")
    family_separation = fields.Boolean(string="Separation or Other Family Situation")
    vulnerable = fields.Boolean(
        string="Vulnerable Household",
        help="Single-parent family, female head of household, disability...",
    )
    reason = fields.Text(string="Reason for Applying")
    # Eligibility 9.1-9.4 (Art. 9, L585-593).
    tuition_up_to_date = fields.Boolean(readonly=True)
    payment_commitment = fields.Boolean(readonly=True)
    home_visit_requested = fields.Boolean(readonly=True)
    home_visit_result = fields.Selection(
        [("accepted", "Accepted"), ("refused", "Refused"), ("done", "Done")], readonly=True
    )
    home_visit_notes = fields.Text()
    missing_document_ids = fields.Many2many(
        "school.scholarship.document.type",
        "school_scholarship_application_missing_rel",
        "application_id",
        "type_id",
        string="Missing Documents",
        readonly=True,
    )
    ineligibility_reason = fields.Text(readonly=True)
    # Scoring (Art. 8, 18).
    assessment_ids = fields.One2many("school.scholarship.assessment", "application_id")
    score_socioeconomic = fields.Float(readonly=True, digits=(16, 2))
    score_discretionary = fields.Float(readonly=True, digits=(16, 2))
    percentage_proposed = fields.Float(readonly=True)
    # Results (Art. 10-11).
    award_ids = fields.One2many("school.scholarship.award", "application_id")
    receipt_date = fields.Datetime(readonly=True)
    receipt_recorded_by_id = fields.Many2one("res.users", readonly=True)
    appeal_deadline = fields.Date(readonly=True)
    appeal_ids = fields.One2many("school.scholarship.appeal", "application_id")
    loss_ids = fields.One2many("school.scholarship.loss", "application_id")
    # The result letter's wording (the ODT template and the QWeb fallback).
    letter_title = fields.Char(compute="_compute_letter")
    letter_date = fields.Char(compute="_compute_letter")
    letter_recipient = fields.Char(compute="_compute_letter")
    letter_body = fields.Text(compute="_compute_letter")
    letter_next = fields.Text(compute="_compute_letter")
    staff_parent_ids = fields.Many2many(
        "hr.employee",
        compute="_compute_staff_parent_ids",
        string="Staff Parents",
        # Read from the employees in sudo: the back office only, never the family.
        groups="school_scholarships.group_scholarship_admin,"
        "school_scholarships.group_scholarship_commission,"
        "school_base.school_base_group_sostenedor",
        help="Members of staff of the school who are parents or apoderados of the student: "
        "the child-of-staff scholarship may be proposed.",
    )
    income_total = fields.Monetary(compute="_compute_household")
    income_per_capita = fields.Monetary(compute="_compute_household")
    expense_total = fields.Monetary(compute="_compute_household")

    _sql_constraints = [
        (
            "student_process_uniq",
            "unique(process_id, student_id)",
            "A student has one application per process.",
        )
    ]

    def _compute_display_name(self):
        for app in self:
            app.display_name = "%s - %s" % (app.process_id.name or "", app.student_id.name or "")

    @api.depends(
        "member_ids.income_total",
        "expense_housing",
        "expense_loans",
        "expense_utilities",
        "expense_health",
        "expense_education",
    )
    def _compute_household(self):
        for app in self:
            income = sum(app.member_ids.mapped("income_total"))
            app.income_total = income
            app.income_per_capita = income / len(app.member_ids) if app.member_ids else 0.0
            app.expense_total = app._expense_total()

    def _compute_letter(self):
        """Default wording of the result letter (Art. 10-11, L595-603), the
        same in the school's ODT template and in the QWeb fallback."""
        calendar = self.env["school.calendar"]
        for app in self:
            year = app.process_id.school_year
            student = app.student_id.name or ""
            app.letter_title = self.env._("Scholarship result %(year)s", year=year)
            app.letter_date = calendar.school_today(app.company_id).strftime("%d/%m/%Y")
            app.letter_recipient = app.applicant_partner_id.name or ""
            app.letter_next = self.env._(
                "You may appeal in writing to the scholarship commission or to the "
                "sostenedor, with new background, within 5 school days of signing the "
                "receipt of this result. The answer to the appeal is final."
            )
            if app.state == "awarded":
                app.letter_body = self.env._(
                    "The school grants %(student)s an exemption of %(percentage)s %% of the "
                    "tuition for the school year %(year)s.",
                    student=student,
                    percentage="%g" % app._awarded_percentage(),
                    year=year,
                )
            elif app.state == "lost":
                causes = dict(
                    self.env["school.scholarship.loss"]
                    ._fields["cause"]
                    ._description_selection(self.env)
                )
                # sudo: the letter's reader may read the application (the
                # family or the back office); its loss is part of it.
                loss = app.sudo().loss_ids[:1]
                app.letter_body = self.env._(
                    "The scholarship of %(student)s for the school year %(year)s has ended. "
                    "Cause: %(cause)s.",
                    student=student,
                    year=year,
                    cause=causes.get(loss.cause, ""),
                )
                app.letter_next = ""
            else:
                app.letter_body = self.env._(
                    "The application of %(student)s was not awarded a scholarship for the "
                    "school year %(year)s.",
                    student=student,
                    year=year,
                )

    def _staff_parents_by_app(self):
        """{application id: active employees of the school (or its
        sostenedor) whose contact or user is a parent or apoderado of the
        student}, in one search."""
        # sudo: the student's parents and the staff list are read to propose
        # and check the child-of-staff beca; nothing is written.
        apps = self.sudo()
        partners_of = {
            app.id: app.student_id.parent_ids.name
            | app.student_id.school_guardian_user_ids.partner_id
            for app in apps
        }
        partners = self.env["res.partner"].union(*partners_of.values())
        schools = apps.company_id | apps.company_id.parent_id
        employees = self.env["hr.employee"].sudo()
        if partners:
            employees = employees.search(
                [
                    ("company_id", "in", schools.ids),
                    "|",
                    ("work_contact_id", "in", partners.ids),
                    ("user_id.partner_id", "in", partners.ids),
                ]
            )
        return {
            app.id: employees.filtered(
                lambda e, a=app: e.company_id in a.company_id | a.company_id.parent_id
                and (e.work_contact_id | e.user_id.partner_id) & partners_of[a.id]
            )
            for app in apps
        }

    def _staff_parents(self):
        self.ensure_one()
        return self._staff_parents_by_app()[self.id]

    def _compute_staff_parent_ids(self):
        staff = self._staff_parents_by_app()
        for app in self:
            app.staff_parent_ids = staff.get(app.id, False)

    def _expense_total(self):
        return (
            self.expense_housing
            + self.expense_loans
            + self.expense_utilities
            + self.expense_health
            + self.expense_education
        )

    # ------------------------------------------------------------------
    # Who may create and change an application
    # ------------------------------------------------------------------
    def _is_applicant(self):
        """True when the current user is this application's apoderado."""
        self.ensure_one()
        return self.applicant_partner_id == self.env.user.partner_id

    def _check_editable(self):
        if self.env.su:
            return
        for app in self:
            if not (app._is_applicant() or has(self.env, ADMIN, SOSTENEDOR)):
                raise AccessError(
                    self.env._(
                        "Only the apoderado or the administration may change an application."
                    )
                )
            if app.state not in EDITABLE_STATES or not app.process_id._is_window_open():
                raise UserError(
                    self.env._("The application can be changed only while the call is open.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_protected(self, vals_list, PROTECTED_FIELDS)
        if not self.env.su:
            for vals in vals_list:
                self._check_new_application(vals)
        apps = super().create(vals_list)
        # sudo: the caller was checked above; the checklist is the addon's.
        apps.sudo()._sync_documents()
        return apps

    @api.model
    def _check_new_application(self, vals):
        """Art. 5: any student may apply, through their apoderado (portal)
        or the administration; only while the call is open; not during the
        ban of Art. 13."""
        process = self.env["school.scholarship.process"].browse(vals.get("process_id"))
        student = self.env["op.student"].browse(vals.get("student_id"))
        partner = self.env["res.partner"].browse(vals.get("applicant_partner_id"))
        # sudo: the guardian links of the student decide who may apply; read only.
        guardians = student.sudo().school_guardian_user_ids
        if has(self.env, ADMIN, SOSTENEDOR):
            if partner not in guardians.partner_id:
                raise UserError(self.env._("The applicant must be an apoderado of the student."))
        elif not (self.env.user in guardians and partner == self.env.user.partner_id):
            raise AccessError(self.env._("You may apply only for your own children."))
        if not process.exists() or not process.sudo()._is_window_open():
            raise UserError(self.env._("The call for scholarships is not open."))
        if process.sudo().company_id not in student.sudo().company_id | self.env.companies:
            raise AccessError(self.env._("The student does not belong to this school."))
        ban = self.env["school.scholarship.loss"]._ban_for(student, partner, process)
        if ban:
            raise UserError(
                self.env._(
                    "This family may not apply until %(date)s (false or omitted information).",
                    date=fields.Date.to_string(ban.ban_until),
                )
            )

    def write(self, vals):
        check_protected(self, [vals], PROTECTED_FIELDS)
        if not self.env.su and FIXED_FIELDS & set(vals):
            raise UserError(self.env._("The process, student and applicant cannot be changed."))
        self._check_editable()
        result = super().write(vals)
        if not self.env.su and self.filtered(lambda a: a.state in EDITABLE_STATES):
            # sudo: checked above; the checklist follows the household.
            self.sudo()._sync_documents()
        return result

    def unlink(self):
        if not self.env.su:
            self._check_editable()
            if self.filtered(lambda a: a.state != "draft"):
                raise UserError(self.env._("Only a draft application can be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------
    # Documents 6.1-6.20
    # ------------------------------------------------------------------
    def _needed_documents(self, doc_types):
        """{(type id, member id or False)} the household requires now."""
        self.ensure_one()
        needed = set()
        for doc_type in doc_types:
            if doc_type.applicability in MEMBER_RULES:
                for member in self.member_ids:
                    if doc_type._applies_to_member(member):
                        needed.add((doc_type.id, member.id))
            elif doc_type._applies_to_household(self):
                needed.add((doc_type.id, False))
        return needed

    def _sync_documents(self):
        """Keep the checklist in step with the household: new lines for new
        applicable documents; lines no longer applicable are dropped unless
        they carry files (then they stay, marked not applicable)."""
        doc_types = self.env["school.scholarship.document.type"].search([])
        doc_model = self.env["school.scholarship.document"]
        to_create = []
        for app in self:
            needed = app._needed_documents(doc_types)
            existing = {(d.type_id.id, d.member_id.id or False): d for d in app.document_ids}
            for key, doc in existing.items():
                applicable = key in needed
                if doc.applicable != applicable:
                    doc.applicable = applicable
            stale = app.document_ids.filtered(lambda d: not d.applicable and not d.attachment_ids)
            stale.unlink()
            for type_id, member_id in needed - set(existing):
                to_create.append(
                    {"application_id": app.id, "type_id": type_id, "member_id": member_id}
                )
        doc_model.create(to_create)

    def _missing_documents(self):
        """{application id: document types applicable and without a file}."""
        docs = self.env["school.scholarship.document"].search(
            [("application_id", "in", self.ids), ("applicable", "=", True)]
        )
        with_files = set(
            self.env["ir.attachment"]
            .search([("res_model", "=", docs._name), ("res_id", "in", docs.ids)])
            .mapped("res_id")
        )
        missing = {app.id: self.env["school.scholarship.document.type"] for app in self}
        for doc in docs:
            if doc.id not in with_files:
                missing[doc.application_id.id] |= doc.type_id
        return missing

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def action_submit(self):
        """Hand the application in (Art. 6): the apoderado or Secretaría."""
        self._check_editable()
        for app in self:
            if app.state != "draft":
                raise UserError(self.env._("The application was already submitted."))
            if not app.member_ids:
                raise UserError(self.env._("Declare the members of the household first."))
        # sudo: the caller is the applicant or the administration (checked above).
        self.sudo()._sync_documents()
        self.sudo().write({"state": "submitted", "submitted_date": fields.Datetime.now()})
        return True

    def _close_window_check(self):
        """At the window's close: drafts lapse; a submitted application with an
        applicable document missing is rejected (L553, Art. 14.6)."""
        self.filtered(lambda a: a.state == "draft").write({"state": "lapsed"})
        submitted = self.filtered(lambda a: a.state == "submitted")
        submitted._sync_documents()
        missing = submitted._missing_documents()
        for app in submitted:
            if missing[app.id]:
                app.write(
                    {"state": "rejected", "missing_document_ids": [(6, 0, missing[app.id].ids)]}
                )
            else:
                app.write({"state": "review", "missing_document_ids": [(5,)]})

    def action_set_tuition_status(self, up_to_date, commitment=False):
        """9.1: the administration states whether tuition is up to date or a
        payment commitment was signed."""
        require(
            self.env, ADMIN, SOSTENEDOR, message=self.env._("Only the administration does this.")
        )
        # sudo: the caller is the administration (checked above).
        self.sudo().write(
            {"tuition_up_to_date": bool(up_to_date), "payment_commitment": bool(commitment)}
        )
        return True

    def action_mark_tuition_ok(self):
        return self.action_set_tuition_status(True)

    def action_mark_commitment(self):
        return self.action_set_tuition_status(False, commitment=True)

    def action_request_home_visit(self):
        """9.3 / Art. 7: the commission decides on a home visit."""
        require(
            self.env, COMMISSION, message=self.env._("Only the commission orders a home visit.")
        )
        # sudo: the caller is the commission (checked above).
        self.sudo().write({"home_visit_requested": True})
        return True

    def action_record_home_visit(self, result, notes=False):
        require(self.env, COMMISSION, ADMIN, message=self.env._("Only the commission does this."))
        if result not in ("accepted", "refused", "done"):
            raise UserError(self.env._("Unknown home visit result."))
        for app in self:
            if not app.home_visit_requested:
                raise UserError(self.env._("The commission has not asked for a home visit."))
        # sudo: the caller is the commission or the administration (checked above).
        self.sudo().write({"home_visit_result": result, "home_visit_notes": notes or False})
        return True

    def _check_eligibility(self):
        """9.1 tuition or commitment; 9.3 home visit accepted when asked;
        9.4 / 6.19 the holder of expense receipts, as the process says."""
        for app in self:
            reasons = []
            if not (app.tuition_up_to_date or app.payment_commitment):
                reasons.append(
                    self.env._("Tuition is not up to date and there is no payment commitment.")
                )
            if app.home_visit_requested and app.home_visit_result == "refused":
                reasons.append(self.env._("The home visit was not accepted."))
            if app.process_id.expense_holder_rule == "parents":
                wrong = app.document_ids.filtered(
                    lambda d: d.applicable
                    and d.type_id.applicability in EXPENSE_RULES
                    and d.holder_member_id
                    and d.holder_member_id.relationship not in PARENT_RELATIONSHIPS
                )
                if wrong:
                    reasons.append(
                        self.env._(
                            "Expense receipts must be in the name of the father, mother or "
                            "apoderado: %(docs)s.",
                            docs=", ".join(wrong.type_id.mapped("code")),
                        )
                    )
            if reasons:
                app.write({"state": "ineligible", "ineligibility_reason": "\n".join(reasons)})

    def action_record_receipt(self):
        """Art. 10-11: the family signs the receipt of its result (portal, or
        Secretaría on paper); the 5 school days of the appeal start."""
        for app in self:
            if not (app._is_applicant() or has(self.env, ADMIN, SOSTENEDOR)):
                raise AccessError(
                    self.env._("Only the apoderado or the administration signs the receipt.")
                )
            if app.process_id.state != "results" or app.state not in ("awarded", "not_awarded"):
                raise UserError(self.env._("There is no result to receive yet."))
            if app.receipt_date:
                raise UserError(self.env._("The receipt was already signed."))
        calendar = self.env["school.calendar"]
        now = fields.Datetime.now()
        for app in self.sudo():
            # sudo: the caller is the applicant or the administration (checked above).
            today = calendar.to_school_time(now, app.company_id).date()
            app.write(
                {
                    "receipt_date": now,
                    "receipt_recorded_by_id": self.env.uid,
                    # seed 003 RI III.9 Art. 11 L601-603: 5 business days.
                    "appeal_deadline": calendar.add_school_days(today, 5, app.company_id),
                }
            )
        return True

    def action_file_appeal(self, reason):
        """Art. 11: a written appeal with new background, within 5 school
        days of the receipt; files are then attached to the appeal."""
        self.ensure_one()
        if not (self._is_applicant() or has(self.env, ADMIN, SOSTENEDOR)):
            raise AccessError(self.env._("Only the apoderado may appeal."))
        if not self.receipt_date:
            raise UserError(self.env._("The appeal period starts when the receipt is signed."))
        today = self.env["school.calendar"].school_today(self.company_id)
        if today > self.appeal_deadline:
            raise UserError(
                self.env._(
                    "The appeal period ended on %(date)s.",
                    date=fields.Date.to_string(self.appeal_deadline),
                )
            )
        if self.sudo().appeal_ids:
            raise UserError(self.env._("An application may be appealed once."))
        if not (reason or "").strip():
            raise UserError(self.env._("Explain the reasons of the appeal."))
        # sudo: the caller is the applicant or the administration (checked above).
        return self.env["school.scholarship.appeal"].sudo()._file(self, reason)

    def action_record_loss(self, cause, reasoning):
        """Art. 13-14: a reasoned loss of the scholarship during the year."""
        require(
            self.env,
            COMMISSION,
            SOSTENEDOR,
            message=self.env._("Only the commission or the sostenedor does this."),
        )
        self.ensure_one()
        if self.state != "awarded":
            raise UserError(self.env._("Only an awarded scholarship can be lost."))
        # sudo: the caller is the commission or the sostenedor (checked above).
        return self.env["school.scholarship.loss"].sudo()._record(self, cause, reasoning)

    def action_print_letter(self):
        self.ensure_one()
        if not (self._is_applicant() or has(self.env, *BACKOFFICE)):
            raise AccessError(self.env._("Only the family receives its result."))
        if self.env.user.share:
            # Portal users read no report actions: the portal route renders it.
            return {
                "type": "ir.actions.act_url",
                "url": "/my/scholarships/%s/letter" % self.id,
                "target": "self",
            }
        # The school's ODT template through LibreOffice when it is installed,
        # else the QWeb letter (as school_discipline does).
        py3o = self.env.ref("school_scholarships.action_report_scholarship_letter_py3o_pdf")
        if not py3o.is_py3o_report_not_available:
            return py3o.report_action(self)
        return self.env.ref("school_scholarships.action_report_scholarship_letter").report_action(
            self
        )

    def _letter_pdf(self):
        """(pdf bytes) of the result letter, for the portal: the ODT template
        when LibreOffice is there, else the QWeb letter. Private: the portal
        route checked that the user reads this application."""
        self.ensure_one()
        reports = self.env["ir.actions.report"]
        py3o = self.env.ref("school_scholarships.action_report_scholarship_letter_py3o_pdf")
        if not py3o.is_py3o_report_not_available:
            return reports._render_py3o(py3o.report_name, self.ids)[0]
        return reports._render_qweb_pdf("school_scholarships.report_scholarship_letter", self.ids)[
            0
        ]

    @api.constrains("social_record_bracket")
    def _check_bracket(self):
        for app in self:
            if not 0 <= app.social_record_bracket <= 100:
                raise ValidationError(self.env._("The RSH bracket is a percentage (0-100)."))

    def _awarded_percentage(self):
        self.ensure_one()
        return sum(self.award_ids.mapped("percentage"))

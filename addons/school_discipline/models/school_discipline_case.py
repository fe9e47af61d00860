# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.school_base.models.school_roles import notice_author

from .roles import CASE_ROLES, DIRECTOR_ROLES, DUE_PROCESS_ROLES

# What the procedure decided or recorded: written only by the case's own
# methods (under sudo, after they checked the caller), never by create/write.
PROTECTED_FIELDS = {
    "name",
    "state",
    "waiver",
    "waiver_date",
    "precautionary",
    "precautionary_start",
    "precautionary_days",
    "precautionary_extended",
    "condition_broken",
    "entry_id",
}
# Chosen when the case is opened, never changed afterwards (with the related
# fields that would write through to the procedure, the fault or the student).
FIXED_FIELDS = {
    "type_id",
    "kind",
    "confidential",
    "allows_precautionary",
    "fault_level",
    "student_neurodivergent",
}
# Whose case it is: set when the case is opened, never moved to another
# student, course or apoderado afterwards (the notices follow them).
PARTY_FIELDS = {"student_id", "guardian_partner_id", "batch_id"}
# Who leads the case and what it is about: the roles that run due process
# (MC 8.2: the lead is not involved in the facts).
LEAD_FIELDS = {"user_id", "facts", "knowledge_datetime"}
# The values a new case has anyway (the web client sends them on create).
CREATE_DEFAULTS = {"name": "/", "state": "open"}
# The decision (MC 8.3) and what it rests on (the Consejo de Profesores, the
# TEA assessment): only the roles that run due process write it.
DECISION_FIELDS = {
    "sanction_id",
    "sanction_days",
    "sanction_extended",
    "tea_assessment",
    "condition_case_id",
    "resolution",
    "council_date",
    "council_minutes",
}
# Support measures (MC 9): the case team.
MEASURE_FIELDS = {"measure_ids", "measure_details"}


class SchoolDisciplineCase(models.Model):
    """A disciplinary case (due process for a grave or gravísima fault, of a
    student or an apoderado) or a protocol case (P-I to P-XIII).

    Its steps come from the procedure's stages (``school.discipline.case.type``)
    with deadlines computed on the school calendar. History is append-only:
    steps are closed, never rewritten, and the chatter keeps every change.
    """

    _name = "school.discipline.case"
    _description = "Convivencia Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Expediente", required=True, readonly=True, default="/", copy=False)
    type_id = fields.Many2one(
        "school.discipline.case.type",
        string="Procedure",
        required=True,
        tracking=True,
        check_company=True,
    )
    kind = fields.Selection(related="type_id.kind", store=True)
    confidential = fields.Boolean(related="type_id.confidential", store=True, index=True)
    allows_precautionary = fields.Boolean(related="type_id.allows_precautionary")
    company_id = fields.Many2one(
        "res.company", string="School", required=True, index=True, default=lambda s: s.env.company
    )
    student_id = fields.Many2one("op.student", index=True, tracking=True, check_company=True)
    student_neurodivergent = fields.Boolean(
        related="student_id.school_neurodivergent", groups="base.group_user"
    )
    guardian_partner_id = fields.Many2one(
        "res.partner",
        string="Apoderado",
        index=True,
        tracking=True,
        help="For faults of madres, padres y apoderados.",
    )
    batch_id = fields.Many2one("op.batch", string="Course", index=True, check_company=True)
    fault_id = fields.Many2one("school.discipline.fault", tracking=True, check_company=True)
    fault_level = fields.Selection(related="fault_id.level", store=True)
    entry_id = fields.Many2one("school.discipline.entry", string="Origin Entry", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Case Lead",
        default=lambda s: s.env.user,
        tracking=True,
        help="Investigator / encargado del caso. Must not be involved in the facts.",
    )
    knowledge_datetime = fields.Datetime(
        string="Known On", required=True, default=fields.Datetime.now, tracking=True
    )
    event_datetime = fields.Datetime(string="Facts On", tracking=True)
    facts = fields.Text(
        groups="base.group_user",
        help="Reserved: kept in the expediente, never in the class book.",
    )
    state = fields.Selection(
        [("open", "In progress"), ("closed", "Closed")],
        default="open",
        required=True,
        index=True,
        tracking=True,
    )
    step_ids = fields.One2many("school.discipline.case.step", "case_id", string="Steps")
    next_deadline = fields.Datetime(compute="_compute_next_deadline", store=True)
    overdue_count = fields.Integer(compute="_compute_overdue_count")

    # Decision (MC 8.3; checked when a decision stage ends).
    sanction_id = fields.Many2one("school.discipline.sanction", tracking=True, check_company=True)
    allowed_sanction_ids = fields.Many2many(
        "school.discipline.sanction",
        compute="_compute_allowed_sanction_ids",
        help="Sanctions the Reglamento allows for this fault's level.",
    )
    sanction_days = fields.Integer(tracking=True)
    sanction_extended = fields.Boolean(tracking=True, help="Extended once for the same period.")
    measure_ids = fields.Many2many(
        "school.discipline.measure", string="Support Measures", check_company=True
    )
    measure_details = fields.Text(
        groups="base.group_user",
        help="Details stay in the ficha; the class book only says that "
        "support measures were applied.",
    )
    resolution = fields.Text(string="Grounds", tracking=True)
    tea_assessment = fields.Selection(
        [
            ("unrelated", "Not a manifestation of the condition"),
            ("manifestation", "A manifestation of the condition"),
        ],
        string="TEA Assessment",
        tracking=True,
        help="Students with TEA or neurodivergence are sanctioned for graves "
        "and gravísimas only if the fault is not a manifestation of their "
        "condition.",
    )
    tea_assessment_note = fields.Text(
        string="Health Professional's Opinion", groups="base.group_user"
    )
    council_date = fields.Date(string="Consejo de Profesores On", tracking=True)
    council_minutes = fields.Text(string="Consejo de Profesores Minutes", groups="base.group_user")
    waiver = fields.Boolean(
        string="Voluntary Waiver",
        readonly=True,
        help="Hoja de renuncia voluntaria del proceso sancionatorio.",
    )
    waiver_date = fields.Datetime(readonly=True)
    condition_case_id = fields.Many2one(
        "school.discipline.case",
        string="Broken Condicionalidad",
        domain="[('student_id', '=', student_id), ('condition_broken', '=', True)]",
        help="The case whose condicionalidad the student broke.",
    )
    condition_broken = fields.Boolean(string="Condicionalidad Broken", tracking=True, readonly=True)
    precautionary = fields.Boolean(string="Precautionary Suspension", readonly=True, tracking=True)
    precautionary_start = fields.Date(readonly=True)
    precautionary_days = fields.Integer(readonly=True)
    precautionary_extended = fields.Boolean(readonly=True)
    precautionary_end = fields.Date(compute="_compute_precautionary_end")
    family_filed = fields.Boolean(
        string="Family Filed the Report",
        help="The school still files within 24 h.",
    )

    # The formal letter's default wording (ODT template and QWeb fallback).
    letter_title = fields.Char(compute="_compute_letter")
    letter_recipient = fields.Char(compute="_compute_letter")
    letter_date = fields.Char(compute="_compute_letter")
    letter_body = fields.Text(compute="_compute_letter")
    letter_next = fields.Text(compute="_compute_letter")

    _sql_constraints = [
        ("sanction_days_positive", "CHECK(sanction_days >= 0)", "Days cannot be negative."),
    ]

    # ----------------------------------------------------------- compute --
    @api.depends("step_ids.deadline", "step_ids.state")
    def _compute_next_deadline(self):
        for case in self:
            pending = case.step_ids.filtered(lambda s: s.state == "pending" and s.deadline)
            case.next_deadline = min(pending.mapped("deadline")) if pending else False

    @api.depends("fault_id.level", "kind")
    def _compute_allowed_sanction_ids(self):
        rules = self.env["school.discipline.sanction.rule"].search([])
        for case in self:
            subject = "guardian" if case.kind == "guardian" else "student"
            case.allowed_sanction_ids = rules.filtered(
                lambda r, c=case, s=subject: r.level == c.fault_id.level
                and r.sanction_id.subject == s
            ).sanction_id

    def _compute_overdue_count(self):
        now = fields.Datetime.now()
        for case in self:
            case.overdue_count = len(
                case.step_ids.filtered(
                    lambda s: s.state == "pending" and s.deadline and s.deadline < now
                )
            )

    @api.depends("precautionary_start", "precautionary_days")
    def _compute_precautionary_end(self):
        calendar = self.env["school.calendar"]
        for case in self:
            if case.precautionary_start and case.precautionary_days:
                start = case.precautionary_start
                first = (
                    start
                    if calendar.is_school_day(start, case.company_id)
                    else (calendar.add_school_days(start, 1, case.company_id))
                )
                case.precautionary_end = calendar.add_school_days(
                    first, case.precautionary_days - 1, case.company_id
                )
            else:
                case.precautionary_end = False

    # ------------------------------------------------- append-only rules --
    def write(self, vals):
        # What the procedure decided (closing, waiver, precautionary
        # suspension, a broken condicionalidad) changes only through the
        # actions that check the Reglamento; the chatter tracks the rest.
        if not self.env.su:
            if (PROTECTED_FIELDS | FIXED_FIELDS | PARTY_FIELDS) & set(vals):
                raise AccessError(
                    self.env._(
                        "This changes only through the case's actions (append-only history)."
                    )
                )
            self._school_check_field_roles(vals)
            if LEAD_FIELDS & set(vals):
                self.env["res.users"]._school_require_role(
                    *DUE_PROCESS_ROLES,
                    message=self.env._(
                        "Only Inspectoría, the encargado de convivencia or the Director "
                        "changes a case's lead or facts."
                    ),
                )
        return super().write(vals)

    @api.model
    def _school_check_field_roles(self, vals):
        """The decision is written by the roles that run due process, the
        support measures by the case team (MC 8.3, MC 9)."""
        users = self.env["res.users"]
        if DECISION_FIELDS & set(vals):
            users._school_require_role(
                *DUE_PROCESS_ROLES,
                message=self.env._(
                    "Only Inspectoría, the encargado de convivencia or the Director "
                    "records a case's decision."
                ),
            )
        if MEASURE_FIELDS & set(vals):
            users._school_require_role(
                *CASE_ROLES,
                message=self.env._("Only the convivencia team records support measures."),
            )

    @api.model
    def _school_check_create_vals(self, vals_list):
        """A new case starts open, numbered by the sequence, with nothing
        decided: users set no protected field on create."""
        for vals in vals_list:
            for field in (PROTECTED_FIELDS | FIXED_FIELDS - {"type_id"}) & set(vals):
                if vals[field] and vals[field] != CREATE_DEFAULTS.get(field):
                    raise AccessError(
                        self.env._(
                            "A new case starts open with nothing decided: %(field)s is "
                            "set by the case's actions.",
                            field=field,
                        )
                    )
            self._school_check_field_roles(
                {k: v for k, v in vals.items() if v and k in DECISION_FIELDS | MEASURE_FIELDS}
            )
            # The apoderado of a case is one of the student's (a fault of
            # an apoderado is still about a student of the school, MC 12).
            if vals.get("guardian_partner_id") and vals.get("student_id"):
                student = self.env["op.student"].browse(vals["student_id"])
                if vals["guardian_partner_id"] not in student.parent_ids.name.ids:
                    raise AccessError(
                        self.env._("The apoderado of a case is an apoderado of its student.")
                    )

    def _school_write(self, vals):
        # sudo: protected fields (see write) are written only here, by the
        # actions that checked the user's role and the Reglamento first.
        return self.sudo().write(vals)

    def _school_post_to_guardians(self, body):
        """A written notice to the apoderados (RI III.6, P-XII 1.2: an official
        channel, e-mail, leaving a written record)."""
        for case in self:
            # A student's case goes to that student's apoderados only; a
            # fault of an apoderado (MC 12) to that apoderado.
            if case.kind == "guardian":
                recipients = case.guardian_partner_id
            else:
                recipients = case.student_id.parent_ids.name
            case.message_post(
                body=body,
                author_id=notice_author(self.env, case.company_id).id,
                partner_ids=recipients.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    # ------------------------------------------------------------ checks --
    @api.constrains(
        "sanction_id",
        "sanction_days",
        "sanction_extended",
        "measure_ids",
        "tea_assessment",
        "condition_case_id",
    )
    def _check_decision_locked(self):
        for case in self:
            if case.state == "closed":
                raise ValidationError(
                    self.env._(
                        "Case %(case)s is closed: its decision is part of the record and "
                        "cannot change.",
                        case=case.name,
                    )
                )
            other = case.condition_case_id
            if other and other.student_id != case.student_id:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s: the broken condicionalidad must be the same student's.",
                        case=case.name,
                    )
                )

    @api.constrains("type_id", "fault_id", "student_id", "guardian_partner_id")
    def _check_subject(self):
        for case in self:
            if case.kind == "disciplinary":
                if not case.student_id:
                    raise ValidationError(self.env._("A disciplinary case needs a student."))
                if case.fault_id.level == "leve":
                    # D-07, MC 8.3 L1603: the sanctioning process is for
                    # graves and gravísimas only.
                    raise ValidationError(
                        self.env._(
                            "%(fault)s is a leve: leves never go through the sanctioning "
                            "process; they follow the leve ladder.",
                            fault=case.fault_id.display_name,
                        )
                    )
            if case.kind == "guardian" and not case.guardian_partner_id:
                raise ValidationError(
                    self.env._("A case for an apoderado's fault needs the apoderado.")
                )

    def _school_check_council(self):
        """A sanction that needs the Consejo de Profesores (MC 8.3 L1633,
        L1665): the procedure's Consejo step must be done, with its minutes
        (typing something into the minutes field is not a consultation).

        - A Consejo step placed before the decision (variants B and C,
          protocol I's I7C) is done before it.
        - Aula Segura (CT-XII, Ley 21.128; digest ~L1384, seed P-XII L3210):
          the Director decides; the Consejo gives its opinion on the
          reconsideration (X6, only if appealed), which the procedure puts
          before the final decision. Nothing is required at the first one.
        - A procedure without a Consejo step cannot apply such a sanction:
          the cancellation/expulsion procedure is the one to follow.
        """
        self.ensure_one()
        council = self.step_ids.filtered(lambda s: s.stage_id.council)
        if not council:
            raise UserError(
                self.env._(
                    "Case %(case)s: %(sanction)s is applied only after consulting the "
                    "Consejo de Profesores, which %(type)s does not include; use the "
                    "cancellation/expulsion procedure.",
                    case=self.name,
                    sanction=self.sanction_id.name,
                    type=self.type_id.display_name,
                )
            )
        before = council.filtered(lambda s: not s.stage_id.only_if_appealed)
        if before and not before.filtered(lambda s: s.state == "done"):
            raise UserError(
                self.env._(
                    "Case %(case)s: %(sanction)s is applied only after consulting the "
                    "Consejo de Profesores; close the step %(step)s with its minutes first.",
                    case=self.name,
                    sanction=self.sanction_id.name,
                    step=before[0].name,
                )
            )

    def _check_decision(self):
        """The Reglamento's sanction matrix, checked when a decision stage
        ends (seed 003 MC 7.2c, 7.3c, 8.3, 9; digest §2.4 and §10 rule 5)."""
        for case in self:
            sanction = case.sanction_id
            level = case.fault_id.level
            who = case.student_id.name or case.guardian_partner_id.name
            if not sanction:
                continue
            subject = "guardian" if case.kind == "guardian" else "student"
            if sanction.subject != subject:
                raise UserError(
                    self.env._(
                        "Case %(case)s: %(sanction)s does not apply to this person.",
                        case=case.name,
                        sanction=sanction.name,
                    )
                )
            if not level:
                raise UserError(
                    self.env._("Case %(case)s: choose the fault before a sanction.", case=case.name)
                )
            rule = sanction._rule_for(level)
            level_label = dict(case.fault_id._fields["level"]._description_selection(self.env))[
                level
            ]
            if not rule:
                raise UserError(
                    self.env._(
                        "Case %(case)s: %(sanction)s cannot be applied to a falta %(level)s.",
                        case=case.name,
                        sanction=sanction.name,
                        level=level_label.lower(),
                    )
                )
            if rule.requires_broken_condition and not case.condition_case_id.condition_broken:
                raise UserError(
                    self.env._(
                        "Case %(case)s: %(sanction)s for a falta %(level)s needs a broken "
                        "condicionalidad followed by a new fault.",
                        case=case.name,
                        sanction=sanction.name,
                        level=level_label.lower(),
                    )
                )
            if sanction.ends_enrolment and not case.type_id.allows_ending_enrolment:
                raise UserError(
                    self.env._(
                        "Case %(case)s: %(sanction)s needs the cancellation/expulsion "
                        "procedure (15 business days for reconsideration); "
                        "this case follows %(type)s.",
                        case=case.name,
                        sanction=sanction.name,
                        type=case.type_id.display_name,
                    )
                )
            if sanction.uses_days:
                top = rule.max_days * (2 if case.sanction_extended else 1)
                if case.sanction_extended and not sanction.extendable_once:
                    top = rule.max_days
                if not rule.min_days <= case.sanction_days <= top:
                    raise UserError(
                        self.env._(
                            "Case %(case)s: %(sanction)s for a falta %(level)s lasts "
                            "%(min)s to %(max)s business days (%(days)s given).",
                            case=case.name,
                            sanction=sanction.name,
                            level=level_label.lower(),
                            min=rule.min_days,
                            max=top,
                            days=case.sanction_days,
                        )
                    )
            if sanction.needs_council:
                case._school_check_council()
            if level in ("grave", "gravisima") and not case.measure_ids:
                raise UserError(
                    self.env._(
                        "Case %(case)s: every sanction for a grave or gravísima comes with "
                        "at least one formative support measure.",
                        case=case.name,
                    )
                )
            if (
                case.student_id.school_neurodivergent
                and level in ("grave", "gravisima")
                and case.tea_assessment != "unrelated"
            ):
                raise UserError(
                    self.env._(
                        "Case %(case)s: %(student)s has TEA / neurodivergence; a sanction "
                        "needs the assessment that the fault is not a manifestation of "
                        "the condition.",
                        case=case.name,
                        student=who,
                    )
                )

    # ------------------------------------------------------------ create --
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._school_check_create_vals(vals_list)
        vals_list = self.env["op.student"]._school_fill_company(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code("school.discipline.case")
                    or "/"
                )
        cases = super().create(vals_list)
        steps = []
        for case in cases:
            for stage in case.type_id.stage_ids:
                steps.append({"case_id": case.id, "stage_id": stage.id, "sequence": stage.sequence})
        # sudo: steps come from the procedure, never from the user (the step
        # model refuses user-made steps); the cases were created with the
        # user's own rights just above.
        self.env["school.discipline.case.step"].sudo().create(steps)
        cases.step_ids._school_schedule()
        cases._school_protocol_entry()
        return cases

    def _school_protocol_entry(self):
        """P-II I, P-III III: the hoja de vida says that a protocol was
        activated, with the expediente number and date, and nothing else:
        no names, no details (digest §2.8)."""
        protocol = self.filtered(lambda c: c.kind == "protocol" and c.student_id)
        if protocol:
            # sudo: the system writes this neutral entry for whoever opened
            # the case (e.g. a social worker, who records no entries).
            self.env["school.discipline.entry"].sudo().create(
                [
                    {
                        "student_id": case.student_id.id,
                        "company_id": case.company_id.id,
                        "batch_id": case.batch_id.id,
                        "kind": "protocol",
                        "book": "hoja_vida",
                        "source_case_id": case.id,
                        "description": self.env._(
                            "Activación de protocolo %(code)s. Expediente %(name)s, %(date)s.",
                            code=case.type_id.code,
                            name=case.name,
                            date=self.env["school.calendar"]
                            .to_school_time(case.knowledge_datetime, case.company_id)
                            .strftime("%d/%m/%Y"),
                        ),
                    }
                    for case in protocol
                ]
            )

    # ----------------------------------------------------------- actions --
    def action_waive(self):
        """The student admits the fault and offers no evidence: the hoja de
        renuncia voluntaria ends the process early (MC 8.2 L1577-1579).
        Recorded by Inspectoría, the encargado de convivencia or the Director."""
        self._school_check_caller(
            DUE_PROCESS_ROLES,
            self.env._(
                "Only Inspectoría, the encargado de convivencia or the Director records "
                "a voluntary waiver."
            ),
        )
        for case in self:
            pending = case.step_ids.filtered(
                lambda s: s.state == "pending"
                and s.stage_id.party_submission
                and not s.stage_id.optional
                and s.deadline
            )[:1]
            if not pending:
                raise UserError(
                    self.env._(
                        "Case %(case)s: the waiver is signed during the descargos stage.",
                        case=case.name,
                    )
                )
            now = fields.Datetime.now()
            case._school_write({"waiver": True, "waiver_date": now})
            pending._school_close(
                "done", self.env._("Hoja de renuncia voluntaria del proceso sancionatorio.")
            )
            case.step_ids.filtered(
                lambda s: s.state == "pending" and s.stage_id.skipped_by_waiver
            )._school_close("skipped", self.env._("Voluntary waiver."))
            case.step_ids._school_schedule()

    def action_precautionary(self, days=None):
        """Medida cautelar de suspensión by the Director (Ley 21.128, P-XII
        1.4): up to the procedure's days, notified with the start notice."""
        self._school_check_director()
        if days is not None and (not isinstance(days, int) or isinstance(days, bool)):
            raise UserError(self.env._("The number of days must be a whole number."))
        for case in self:
            case_days = days or case.type_id.precautionary_days
            if not case.type_id.allows_precautionary:
                raise UserError(
                    self.env._(
                        "Case %(case)s: %(type)s has no precautionary suspension.",
                        case=case.name,
                        type=case.type_id.display_name,
                    )
                )
            notice = case.step_ids.filtered(lambda s: s.stage_id.notice)[:1]
            if notice.state != "pending":
                # P-XII 1.4: the measure is notified together with the start
                # notice (and its reclamo window counts from it).
                raise UserError(
                    self.env._(
                        "Case %(case)s: the precautionary suspension is ordered with the "
                        "start notice, before it is sent.",
                        case=case.name,
                    )
                )
            if not 0 < case_days <= case.type_id.precautionary_days:
                raise UserError(
                    self.env._(
                        "Case %(case)s: a precautionary suspension lasts at most %(max)s "
                        "business days.",
                        case=case.name,
                        max=case.type_id.precautionary_days,
                    )
                )
            start = (
                self.env["school.calendar"]
                .to_school_time(fields.Datetime.now(), case.company_id)
                .date()
            )
            case._school_write(
                {
                    "precautionary": True,
                    "precautionary_start": start,
                    "precautionary_days": case_days,
                }
            )
            case._school_post_to_guardians(
                self.env._(
                    "Medida cautelar de suspensión: %(days)s días hábiles desde el %(start)s "
                    "(hasta el %(end)s). Puede reclamar de ella dentro de 5 días hábiles "
                    "desde la notificación (Ley 21.128).",
                    days=case_days,
                    start=start.strftime("%d/%m/%Y"),
                    end=case.precautionary_end.strftime("%d/%m/%Y"),
                )
            )

    def action_extend_precautionary(self):
        """Extend the precautionary suspension once, by up to the same period."""
        self._school_check_director()
        for case in self:
            if not case.precautionary or case.precautionary_extended:
                raise UserError(
                    self.env._(
                        "Case %(case)s: a precautionary suspension is extended only once.",
                        case=case.name,
                    )
                )
            case._school_write(
                {
                    "precautionary_extended": True,
                    "precautionary_days": case.precautionary_days + case.type_id.precautionary_days,
                }
            )
            case._school_post_to_guardians(
                self.env._(
                    "Prórroga de la medida cautelar de suspensión hasta el %(end)s.",
                    end=case.precautionary_end.strftime("%d/%m/%Y"),
                )
            )

    def action_mark_condition_broken(self):
        """The student broke the condicionalidad decided in this case."""
        self._school_check_director()
        for case in self:
            if not case.sanction_id.is_condition:
                raise UserError(
                    self.env._("Case %(case)s did not decide a condicionalidad.", case=case.name)
                )
            case._school_write({"condition_broken": True})

    def _school_check_caller(self, roles, message):
        """First thing a case action does: the caller holds one of the roles
        and may write these cases (access rights and record rules, e.g. the
        reserved protocols). The action's writes come after this check."""
        self.env["res.users"]._school_require_role(*roles, message=message)
        self.check_access("write")

    def _school_check_director(self):
        self._school_check_caller(
            DIRECTOR_ROLES, self.env._("Only the Director decides this (Ley 21.128).")
        )

    def _school_close_if_done(self):
        for case in self.filtered(lambda c: c.state == "open"):
            if case.step_ids and all(s.state != "pending" for s in case.step_ids):
                case._school_write({"state": "closed"})
                case._school_measures_entry()
                if case.sanction_id.is_condition:
                    case._school_schedule_condition_review()

    def _school_schedule_condition_review(self):
        """MC 8.3 L1617-1627: a condicionalidad is reviewed at the end of every
        semester; the Director gets an activity on the semester's last day
        (months set per school)."""
        calendar = self.env["school.calendar"]
        for case in self:
            today = calendar.school_today(case.company_id)
            months = sorted(
                {
                    case.company_id.school_semester_1_end_month,
                    case.company_id.school_semester_2_end_month,
                }
                - {0}
            )
            ends = [
                (datetime.date(year, month, 1) + relativedelta(months=1, days=-1))
                for year in (today.year, today.year + 1)
                for month in months
            ]
            review = min((d for d in ends if d > today), default=False)
            director = self.env["res.users"].search(
                [
                    ("groups_id", "in", self.env.ref("school_base.school_base_group_director").id),
                    ("company_ids", "in", case.company_id.id),
                    ("share", "=", False),
                ],
                limit=1,
            )
            if review and director:
                case.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=review,
                    summary=self.env._("Revisión semestral de la condicionalidad"),
                    user_id=director.id,
                )

    def _school_measures_entry(self):
        """MC 11 L1751-1754: the hoja de vida says which sanction and that
        support measures were applied; their details stay in the ficha."""
        for case in self.filtered(lambda c: c.student_id and (c.sanction_id or c.measure_ids)):
            parts = []
            if case.sanction_id:
                parts.append(
                    self.env._(
                        "Sanción: %(sanction)s%(days)s.",
                        sanction=case.sanction_id.name,
                        days=self.env._(", %(days)s días hábiles", days=case.sanction_days)
                        if case.sanction_id.uses_days
                        else "",
                    )
                )
            if case.measure_ids:
                parts.append(self.env._("Aplicación de medidas de apoyo pedagógico."))
            parts.append(self.env._("Expediente %(case)s.", case=case.name))
            # sudo: entries of the measures applied are written by the system
            # when the case closes (MC 11), not by the user closing it.
            self.env["school.discipline.entry"].sudo().create(
                {
                    "student_id": case.student_id.id,
                    "company_id": case.company_id.id,
                    "batch_id": case.batch_id.id,
                    "kind": "measures",
                    "book": "hoja_vida",
                    "source_case_id": case.id,
                    "description": " ".join(parts),
                }
            )
            if case.measure_details:
                self.env["school.discipline.entry"].sudo().create(
                    {
                        "student_id": case.student_id.id,
                        "company_id": case.company_id.id,
                        "batch_id": case.batch_id.id,
                        "kind": "measures",
                        "book": "ficha",
                        "source_case_id": case.id,
                        "label": self.env._("Medidas de apoyo"),
                        "description": "%s\n%s"
                        % (", ".join(case.measure_ids.mapped("name")), case.measure_details),
                    }
                )

    def action_add_measures(self, measures):
        """Add support measures (a recordset, or their ids over RPC) to the
        case: the case team, on a case they may write."""
        self._school_check_caller(
            CASE_ROLES, self.env._("Only the convivencia team records support measures.")
        )
        ids = measures.ids if isinstance(measures, models.BaseModel) else measures
        if isinstance(ids, int):
            ids = [ids]
        if not isinstance(ids, list | tuple) or not all(isinstance(i, int) for i in ids):
            raise UserError(self.env._("Choose the support measures from the catalogue."))
        # The measures must be readable by the caller (catalogue of their school).
        found = self.env["school.discipline.measure"].browse(ids).exists()
        found.check_access("read")
        self.write({"measure_ids": [Command.link(m.id) for m in found]})
        return True

    def action_print_letter(self):
        """The formal letter: the school's ODT template turned into PDF by
        LibreOffice (report_py3o) when it is installed, else the QWeb letter.
        Read-only: school staff who may read the case get the report action
        (apoderados receive the letter by email and read it in the portal)."""
        self.ensure_one()
        if self.env.user.share and not self.env.su:
            raise AccessError(
                self.env._("The school prints the letter; apoderados receive it by email.")
            )
        self.check_access("read")
        py3o = self.env.ref("school_discipline.school_discipline_case_letter_py3o_pdf")
        if not py3o.is_py3o_report_not_available:
            return py3o.report_action(self)
        return self.env.ref("school_discipline.school_discipline_case_letter_qweb").report_action(
            self
        )

    # ------------------------------------------------------------ letters --
    def _compute_letter(self):
        """Default wording of the formal letter (notice or resolution) that
        the ODT template and the QWeb fallback both print."""
        calendar = self.env["school.calendar"]
        for case in self:
            today = calendar.school_today(case.company_id)
            notices = case.step_ids.filtered(lambda s: s.stage_id.notice)
            done = notices.filtered(lambda s: s.state == "done")
            step = done[-1:] or notices[:1]
            is_resolution = bool(step.stage_id.decision)
            case.letter_title = (
                self.env._("Notificación de resolución")
                if is_resolution
                else self.env._("Notificación de inicio de procedimiento")
            )
            recipient = case.guardian_partner_id or case.student_id.parent_ids.name[:1]
            case.letter_recipient = recipient.name or ""
            case.letter_date = today.strftime("%d/%m/%Y")
            subject = case.student_id.name or case.guardian_partner_id.name or ""
            # Only a closed notice stage "se ha realizado"; a letter printed
            # while the notice is still pending is that notice itself.
            if step.state == "done":
                body = self.env._(
                    "Por medio de la presente se informa que, en el expediente %(case)s "
                    "(%(procedure)s), relativo a %(subject)s, se ha realizado la etapa "
                    "«%(stage)s», conforme al Reglamento Interno del establecimiento.",
                    case=case.name,
                    procedure=case.type_id.name,
                    subject=subject,
                    stage=step.name or "",
                )
            else:
                body = self.env._(
                    "Por medio de la presente se le notifica, en el expediente %(case)s "
                    "(%(procedure)s), relativo a %(subject)s, la etapa «%(stage)s», "
                    "conforme al Reglamento Interno del establecimiento.",
                    case=case.name,
                    procedure=case.type_id.name,
                    subject=subject,
                    stage=step.name or case.type_id.name or "",
                )
            if case.fault_id:
                body += " " + self.env._("Falta: %(fault)s.", fault=case.fault_id.display_name)
            if is_resolution and case.sanction_id:
                body += " " + self.env._(
                    "Medida resuelta: %(sanction)s.", sanction=case.sanction_id.name
                )
                if case.sanction_id.uses_days:
                    body += " " + self.env._(
                        "Duración: %(days)s días hábiles.", days=case.sanction_days
                    )
            if is_resolution and case.measure_ids:
                body += " " + self.env._("Se aplicarán medidas de apoyo pedagógico.")
            case.letter_body = body
            # The next step is never the one this letter is about. Rights of
            # the parties: seed 003 MC 8.2.
            pending = (case.step_ids - step).filtered(
                lambda s: s.state == "pending" and s.deadline
            )[:1]
            case.letter_next = (
                self.env._(
                    "Próxima etapa: %(stage)s, con plazo hasta el %(deadline)s. Usted tiene "
                    "derecho a conocer los hechos, presentar descargos y pruebas y "
                    "solicitar la reconsideración de la medida, según el Manual de "
                    "Convivencia del establecimiento.",
                    stage=pending.name,
                    deadline=self.env["school.calendar"]
                    .to_school_time(pending.deadline, case.company_id)
                    .strftime("%d/%m/%Y %H:%M"),
                )
                if pending
                else ""
            )

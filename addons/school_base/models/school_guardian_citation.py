# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .school_roles import CITATION_ROLES, notice_author

# The values a new citation has anyway (the web client sends them on create).
CREATE_DEFAULTS = {"state": "draft"}


class SchoolGuardianCitation(models.Model):
    """Citación al apoderado (seed 003 MC 10 L1721, RI III.6, MC 11 L1756-1761).

    One model for every reason a school cites an apoderado: convivencia
    (school_discipline: the ladder of leves, a case, a teacher's interview)
    and in-class lateness (school_attendance_cl, P-XI L3178-3180). Sent
    through an official channel (agenda, email, phone) asking for
    confirmation, which the apoderado gives on the portal; the interview is
    attended (the apoderado signs the record) or missed. The addons extend it
    with what caused the citation and what the interview leaves behind.
    """

    _name = "school.guardian.citation"
    _description = "Apoderado Citation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "scheduled_at desc, id desc"
    _check_company_auto = True

    student_id = fields.Many2one("op.student", required=True, index=True, check_company=True)
    company_id = fields.Many2one(
        "res.company", string="School", required=True, index=True, default=lambda s: s.env.company
    )
    batch_id = fields.Many2one("op.batch", string="Course", index=True, check_company=True)
    guardian_partner_id = fields.Many2one(
        "res.partner",
        string="Apoderado",
        compute="_compute_guardian_partner_id",
        store=True,
        readonly=False,
    )
    user_id = fields.Many2one(
        "res.users", string="Cited By", default=lambda s: s.env.user, tracking=True
    )
    scheduled_at = fields.Datetime(string="Interview On", tracking=True)
    channel = fields.Selection(
        [("agenda", "School agenda"), ("email", "Email"), ("phone", "Phone call")],
        default="email",
        required=True,
    )
    reason = fields.Text(required=True)
    state = fields.Selection(
        [
            ("draft", "To schedule"),
            ("notified", "Notified"),
            ("confirmed", "Confirmed by the apoderado"),
            ("attended", "Attended"),
            ("missed", "Not attended"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
    )
    guardian_signed = fields.Boolean(string="Signed by the Apoderado", tracking=True, readonly=True)

    @api.depends("student_id")
    def _compute_guardian_partner_id(self):
        for citation in self:
            citation.guardian_partner_id = citation.student_id.parent_ids.name[:1]

    @api.depends("student_id", "scheduled_at", "company_id")
    def _compute_display_name(self):
        calendar = self.env["school.calendar"]
        for citation in self:
            name = self.env._("Citation of %(student)s", student=citation.student_id.name or "")
            if citation.scheduled_at:
                when = calendar.to_school_time(
                    citation.scheduled_at, citation.company_id or self.env.company
                )
                name = "%s (%s)" % (name, when.strftime("%d/%m/%Y %H:%M"))
            citation.display_name = name

    # ------------------------------------------------------------ guards --
    def _school_protected_fields(self):
        """Written by the citation's actions only (under sudo, after they
        checked the caller): its course (notified, confirmed, attended or
        missed) and the apoderado's signature. Extensions add what caused
        the citation (the system links it)."""
        return {"state", "guardian_signed"}

    def _school_link_fields(self):
        """The fields whose change rechecks _school_check_links."""
        return {"student_id", "batch_id", "guardian_partner_id"}

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            protected = self._school_protected_fields()
            for vals in vals_list:
                for field in protected & set(vals):
                    if vals[field] and vals[field] != CREATE_DEFAULTS.get(field):
                        raise AccessError(
                            self.env._(
                                "A new citation is still to be sent: %(field)s is set by "
                                "the citation's actions.",
                                field=field,
                            )
                        )
        vals_list = self.env["op.student"]._school_fill_company(vals_list)
        citations = super().create(vals_list)
        if not self.env.su:
            citations._school_check_links()
        return citations

    def write(self, vals):
        if not self.env.su:
            if self._school_protected_fields() & set(vals):
                raise AccessError(
                    self.env._(
                        "A citation's state and the apoderado's signature change only "
                        "through its actions."
                    )
                )
            if self.filtered(lambda c: c.state in ("attended", "missed")):
                raise UserError(self.env._("A citation attended or missed is part of the record."))
        result = super().write(vals)
        if not self.env.su and self._school_link_fields() & set(vals):
            self._school_check_links()
        return result

    def _school_check_links(self):
        """A citation is about one student of its course and goes to one of
        that student's apoderados: a teacher cannot cite (or e-mail) anybody
        else, nor learn another course's apoderado."""
        for citation in self:
            student = citation.student_id
            if citation.batch_id and citation.batch_id not in student.course_detail_ids.batch_id:
                raise AccessError(
                    self.env._(
                        "%(student)s is not a student of %(course)s.",
                        student=student.name,
                        course=citation.batch_id.name,
                    )
                )
            if (
                citation.guardian_partner_id
                and citation.guardian_partner_id not in student.parent_ids.name
            ):
                raise AccessError(
                    self.env._(
                        "%(partner)s is not an apoderado of %(student)s.",
                        partner=citation.guardian_partner_id.name,
                        student=student.name,
                    )
                )

    def _school_write(self, vals):
        # sudo: protected fields (see write) are written only here, by the
        # actions that checked the caller first.
        return self.sudo().write(vals)

    def _school_check_staff(self):
        """Staff actions: a role that cites apoderados, with write access to
        these citations (a teacher reaches only their courses')."""
        self.env["res.users"]._school_require_role(
            *CITATION_ROLES,
            message=self.env._("Only school staff who cite apoderados can do this."),
        )
        self.check_access("write")

    def _school_check_party(self):
        """The portal user is an apoderado of every citation's student."""
        user = self.env.user
        for citation in self:
            if not user.share or user not in citation.student_id.school_guardian_user_ids:
                raise AccessError(self.env._("Only the apoderado concerned can do this."))

    def _school_check_open(self):
        for citation in self:
            if citation.state not in ("notified", "confirmed"):
                raise UserError(
                    self.env._(
                        "Citation of %(student)s: only a notified citation is attended or missed.",
                        student=citation.student_id.name,
                    )
                )

    # ----------------------------------------------------------- actions --
    def action_notify(self):
        """Send the citation to the apoderado by email and ask for confirmation."""
        self._school_check_staff()
        calendar = self.env["school.calendar"]
        for citation in self:
            if citation.state != "draft":
                raise UserError(
                    self.env._(
                        "Citation of %(student)s was already sent.",
                        student=citation.student_id.name,
                    )
                )
            if not citation.scheduled_at:
                raise UserError(
                    self.env._(
                        "Citation of %(student)s: set the date of the interview first.",
                        student=citation.student_id.name,
                    )
                )
            if citation.guardian_partner_id:
                citation.message_subscribe(partner_ids=citation.guardian_partner_id.ids)
                citation.message_post(
                    author_id=notice_author(self.env, citation.company_id).id,
                    body=self.env._(
                        "Citación: %(when)s. Motivo: %(reason)s. Por favor confirme su "
                        "asistencia en el portal o respondiendo este correo.",
                        when=calendar.to_school_time(
                            citation.scheduled_at, citation.company_id
                        ).strftime("%d/%m/%Y %H:%M"),
                        reason=citation.reason,
                    ),
                    partner_ids=citation.guardian_partner_id.ids,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
        self._school_write({"state": "notified"})
        return True

    def action_confirm(self):
        """Attendance is confirmed: by the apoderado of the student (portal),
        or recorded by staff when the apoderado confirmed by phone or agenda."""
        if self.env.user.share and not self.env.su:
            self._school_check_party()
        else:
            self._school_check_staff()
        self.filtered(lambda c: c.state == "notified")._school_write({"state": "confirmed"})
        return True

    def action_record_signature(self):
        """The apoderado signed the record of the interview (MC 11 L1756)."""
        self._school_check_staff()
        self._school_check_open()
        self._school_write({"guardian_signed": True})
        return True

    def action_attended(self):
        """Record the interview, signed by the apoderado."""
        self._school_check_staff()
        self._school_check_open()
        for citation in self:
            # seed 003 MC 11 L1756
            if not citation.guardian_signed:
                raise UserError(
                    self.env._(
                        "Citation of %(student)s: the apoderado signs the record of the interview.",
                        student=citation.student_id.name,
                    )
                )
        self._school_write({"state": "attended"})
        self._school_record_outcome(attended=True)
        return True

    def action_missed(self):
        """The apoderado did not come: that is recorded too."""
        self._school_check_staff()
        self._school_check_open()
        self._school_write({"state": "missed"})
        self._school_record_outcome(attended=False)
        return True

    def _school_record_outcome(self, attended):
        """What an attended or missed interview leaves behind, beyond the
        tracked state (called by the actions after their checks): nothing
        here; school_discipline writes the hoja de vida entries."""
        return None

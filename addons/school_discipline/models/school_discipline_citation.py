# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .roles import CITATION_ROLES
from .school_discipline_case import notice_author

# The citation's course (notified, confirmed, attended or missed), the
# apoderado's signature and the entry it came from: written by the actions
# below only (under sudo, after they checked the caller).
PROTECTED_FIELDS = {"state", "guardian_signed", "entry_id"}
# The values a new citation has anyway (the web client sends them on create).
CREATE_DEFAULTS = {"state": "draft"}


class SchoolDisciplineCitation(models.Model):
    """Citación al apoderado (MC 10 L1721, RI III.6, MC 11 L1756-1761).

    Sent through an official channel (agenda, email, phone) asking for
    confirmation; the interview's agreements stay in the ficha and the hoja
    de vida records the date, the reason and the apoderado's signature. A
    missed citation is itself recorded.
    """

    _name = "school.discipline.citation"
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
    agreements = fields.Text(help="Kept in the ficha del estudiante (MC 11 L1727-1733).")
    guardian_signed = fields.Boolean(string="Signed by the Apoderado", tracking=True, readonly=True)
    case_id = fields.Many2one("school.discipline.case", index=True, check_company=True)
    entry_id = fields.Many2one("school.discipline.entry", string="Origin Entry", readonly=True)

    @api.depends("student_id")
    def _compute_guardian_partner_id(self):
        for citation in self:
            citation.guardian_partner_id = citation.student_id.parent_ids.name[:1]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                for field in PROTECTED_FIELDS & set(vals):
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
            if PROTECTED_FIELDS & set(vals):
                raise AccessError(
                    self.env._(
                        "A citation's state and the apoderado's signature change only "
                        "through its actions."
                    )
                )
            if self.filtered(lambda c: c.state in ("attended", "missed")):
                raise UserError(self.env._("A citation attended or missed is part of the record."))
        result = super().write(vals)
        if not self.env.su and {"student_id", "batch_id", "guardian_partner_id", "case_id"} & set(
            vals
        ):
            self._school_check_links()
        return result

    def _school_check_links(self):
        """A citation is about one student of its course, goes to one of that
        student's apoderados and, when it belongs to a case, to a case of that
        student the user may read: a teacher cannot cite (or e-mail) anybody
        else, nor learn another course's apoderado or a reserved case."""
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
            if citation.case_id:
                citation.case_id.check_access("read")
                if citation.case_id.student_id != student:
                    raise AccessError(
                        self.env._("The case of a citation is a case of the same student.")
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

    def action_notify(self):
        """Send the citation to the apoderado by email and ask for confirmation."""
        self._school_check_staff()
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
                        when=self.env["school.calendar"]
                        .to_school_time(citation.scheduled_at, citation.company_id)
                        .strftime("%d/%m/%Y %H:%M"),
                        reason=citation.reason,
                    ),
                    partner_ids=citation.guardian_partner_id.ids,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
        self._school_write({"state": "notified"})
        return True

    def _school_check_party(self):
        user = self.env.user
        for citation in self:
            if not user.share or user not in citation.student_id.school_guardian_user_ids:
                raise AccessError(self.env._("Only the apoderado concerned can do this."))

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

    def _school_check_open(self):
        for citation in self:
            if citation.state not in ("notified", "confirmed"):
                raise UserError(
                    self.env._(
                        "Citation of %(student)s: only a notified citation is attended or missed.",
                        student=citation.student_id.name,
                    )
                )

    def action_attended(self):
        """Record the interview: the hoja de vida gets date, reason and signature."""
        self._school_check_staff()
        self._school_check_open()
        for citation in self:
            if not citation.guardian_signed:
                raise UserError(
                    self.env._(
                        "Citation of %(student)s: the apoderado signs the record of the "
                        "interview (MC 11 L1756).",
                        student=citation.student_id.name,
                    )
                )
        self._school_write({"state": "attended"})
        self._school_entries(attended=True)
        return True

    def action_missed(self):
        """The apoderado did not come: that is recorded too."""
        self._school_check_staff()
        self._school_check_open()
        self._school_write({"state": "missed"})
        self._school_entries(attended=False)
        return True

    def _school_entries(self, attended):
        entries = []
        for citation in self:
            when = (
                self.env["school.calendar"]
                .to_school_time(citation.scheduled_at or fields.Datetime.now(), citation.company_id)
                .strftime("%d/%m/%Y")
            )
            base = {
                "student_id": citation.student_id.id,
                "company_id": citation.company_id.id,
                "batch_id": citation.batch_id.id,
                "kind": "citation",
            }
            if attended:
                entries.append(
                    dict(
                        base,
                        book="hoja_vida",
                        description=self.env._(
                            "%(date)s. Motivo: %(reason)s. Firma del apoderado registrada.",
                            date=when,
                            reason=citation.reason,
                        ),
                    )
                )
                if citation.agreements:
                    entries.append(
                        dict(
                            base,
                            book="ficha",
                            label=self.env._("Entrevista con el apoderado"),
                            description=citation.agreements,
                        )
                    )
            else:
                entries.append(
                    dict(
                        base,
                        book="hoja_vida",
                        label=self.env._("Citación no asistida"),
                        description=self.env._(
                            "%(date)s. Motivo: %(reason)s. El apoderado no asistió.",
                            date=when,
                            reason=citation.reason,
                        ),
                    )
                )
        # sudo: citation entries are written by the system from the citation
        # (its author is the user recording it).
        self.env["school.discipline.entry"].sudo().create(entries)

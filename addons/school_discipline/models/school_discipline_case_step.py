# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.school_base.models.school_roles import notice_author
from odoo.addons.school_base.tools.cron_batches import chunks, run_in_batches

from .roles import CASE_ROLES

# A step's history: its place in the case, its clock, its closing, the
# party's submission and the notice's receipt. Written only by the methods
# below (under sudo, after they checked the caller); steps themselves are
# created from the procedure, never by users.
PROTECTED_FIELDS = {
    # related fields would write through to the case or the stage
    "name",
    "company_id",
    "type_id",
    "confidential",
    "student_id",
    "responsible_group_id",
    "party_submission",
    "stage_optional",
    "notice",
    "case_id",
    "stage_id",
    "sequence",
    "state",
    "start_datetime",
    "deadline",
    "done_datetime",
    "done_by",
    "deadline_met",
    "note",
    "submission",
    "submitted_via",
    "receipt_datetime",
    "receipt_via",
    "activity_sent",
}


class SchoolDisciplineCaseStep(models.Model):
    """One step of a case, instantiated from a stage of its procedure, with
    its deadline on the school calendar.

    A step is closed once (done, skipped or expired) and never reopened:
    the case history is append-only. A step whose start event has not
    happened yet has no deadline; closing a step schedules the next ones.
    """

    _name = "school.discipline.case.step"
    _description = "Case Step"
    _order = "case_id, sequence, id"
    _check_company_auto = True

    case_id = fields.Many2one(
        "school.discipline.case", required=True, ondelete="cascade", index=True
    )
    stage_id = fields.Many2one("school.discipline.case.type.stage", required=True, index=True)
    name = fields.Char(related="stage_id.name", string="Step")
    sequence = fields.Integer()
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    type_id = fields.Many2one(related="case_id.type_id", store=True, string="Procedure")
    confidential = fields.Boolean(related="case_id.confidential", store=True)
    student_id = fields.Many2one(related="case_id.student_id", store=True, index=True)
    responsible_group_id = fields.Many2one(
        related="stage_id.responsible_group_id", store=True, string="Responsible Role"
    )
    party_submission = fields.Boolean(related="stage_id.party_submission")
    stage_optional = fields.Boolean(related="stage_id.optional")
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("done", "Done"),
            ("skipped", "Skipped"),
            ("expired", "Window expired"),
        ],
        default="pending",
        required=True,
        index=True,
    )
    start_datetime = fields.Datetime(string="Counted From", readonly=True)
    deadline = fields.Datetime(readonly=True, index=True)
    deadline_display = fields.Char(
        string="Deadline (school time)", compute="_compute_deadline_display"
    )
    done_datetime = fields.Datetime(string="Closed On", readonly=True)
    done_by = fields.Many2one("res.users", string="Closed By", readonly=True)
    deadline_met = fields.Selection(
        [("met", "On time"), ("missed", "Late")], readonly=True, index=True
    )
    note = fields.Text(readonly=True, groups="base.group_user")
    submission = fields.Text(
        readonly=True, help="Descargos or reconsideration request, as submitted."
    )
    submitted_via = fields.Selection(
        [("portal", "Portal"), ("backend", "In writing / email")], readonly=True
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Documents", groups="base.group_user")
    notice = fields.Boolean(related="stage_id.notice")
    receipt_datetime = fields.Datetime(
        string="Receipt Confirmed On",
        readonly=True,
        # seed 003 MC 8.2
        help="The notice's receipt is confirmed (portal, or a phone call).",
    )
    receipt_display = fields.Char(
        string="Receipt Confirmed On (school time)", compute="_compute_deadline_display"
    )
    receipt_via = fields.Selection(
        [("portal", "Portal"), ("phone", "Phone call"), ("signature", "Signed copy")],
        readonly=True,
    )
    activity_sent = fields.Boolean(readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    is_due_soon = fields.Boolean(
        string="Due Within a Day", compute="_compute_is_overdue", search="_search_is_due_soon"
    )

    @api.depends("deadline", "receipt_datetime", "company_id")
    def _compute_deadline_display(self):
        """The deadline and the receipt as the school states them (its own
        time zone), also for portal users whose time zone is unknown."""
        calendar = self.env["school.calendar"]
        for step in self:
            # sudo: the school's time zone is a public fact; an apoderado may
            # not read the company's partner record itself.
            company = step.sudo().company_id
            step.deadline_display = (
                calendar.to_school_time(step.deadline, company).strftime("%d/%m/%Y %H:%M")
                if step.deadline
                else False
            )
            step.receipt_display = (
                calendar.to_school_time(step.receipt_datetime, company).strftime("%d/%m/%Y %H:%M")
                if step.receipt_datetime
                else False
            )

    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        soon = now + datetime.timedelta(days=1)
        for step in self:
            pending = step.state == "pending" and step.deadline
            step.is_overdue = bool(pending and step.deadline < now)
            step.is_due_soon = bool(pending and now <= step.deadline <= soon)

    def _search_is_overdue(self, operator, value):
        domain = [("state", "=", "pending"), ("deadline", "<", fields.Datetime.now())]
        positive = (operator == "=") == bool(value)
        return domain if positive else ["!", "&", *domain]

    def _search_is_due_soon(self, operator, value):
        now = fields.Datetime.now()
        domain = [
            ("state", "=", "pending"),
            ("deadline", ">=", now),
            ("deadline", "<=", now + datetime.timedelta(days=1)),
        ]
        positive = (operator == "=") == bool(value)
        return domain if positive else ["!", "&", "&", *domain]

    # ------------------------------------------------- append-only rules --
    @api.model_create_multi
    def create(self, vals_list):
        # Steps are the procedure's stages, created with the case (and the
        # next occurrence of a recurring stage) by the addon, under sudo.
        if not self.env.su:
            raise AccessError(
                self.env._("Steps come from the case's procedure: they are not added by hand.")
            )
        return super().create(vals_list)

    def write(self, vals):
        # The history of a step (its clock, its closing, the submission) is
        # written by the methods below only; users change documents of an
        # open step, nothing else (Circular 30: no rewriting of the record).
        if not self.env.su:
            if PROTECTED_FIELDS & set(vals):
                raise AccessError(
                    self.env._(
                        "Steps change only through their actions: the case history is append-only."
                    )
                )
            if self.filtered(lambda s: s.state != "pending"):
                raise UserError(self.env._("A closed step is never changed."))
        return super().write(vals)

    def _school_write(self, vals):
        # sudo: history fields are protected from users (see write); only
        # these internal methods write them, after their own checks.
        return self.sudo().write(vals)

    # --------------------------------------------------------- deadlines --
    def _school_start(self):
        """When this step's clock starts, or False if its start event has
        not happened yet (digest §10 rule 2)."""
        self.ensure_one()
        stage = self.stage_id
        case = self.case_id
        if stage.recurring:
            # The next occurrence counts from the last one.
            last = case.step_ids.filtered(
                lambda s: s.stage_id == stage and s.state == "done"
            ).sorted("done_datetime")[-1:]
            if last:
                return last.done_datetime
        if stage.start_from == "knowledge":
            return case.knowledge_datetime
        if stage.start_from == "event":
            return case.event_datetime or case.knowledge_datetime
        if stage.start_from == "stage":
            before = case.step_ids.filtered(lambda s: s.stage_id == stage.start_stage_id)[:1]
        else:
            before = case.step_ids.filtered(
                lambda s: s.sequence < self.sequence and s.stage_id != stage
            ).sorted(lambda s: (s.sequence, s.id))[-1:]
            if not before:
                return case.knowledge_datetime
        if not before or before.state == "pending":
            return False
        if before.state == "expired":
            return before.deadline
        return before.done_datetime

    @api.model
    def _school_deadline(self, start, value, unit, company):
        """``value`` ``unit`` after ``start`` (a UTC datetime).

        Business days end at midnight of the Nth school day after the start,
        in the school's time zone (a Saturday notice starts counting on
        Monday; holidays and the school's non-academic days are skipped).
        """
        if unit == "none" or not start:
            return False
        if unit == "hours":
            return start + datetime.timedelta(hours=value)
        calendar = self.env["school.calendar"]
        # The school's time zone decides where a day ends, whoever computes
        # the deadline (a cron, a user travelling).
        local_day = calendar.to_school_time(start, company).date()
        if unit == "business_days":
            day = calendar.add_school_days(local_day, value, company=company)
        else:
            day = local_day + datetime.timedelta(days=value)
        end = calendar.school_tz(company).localize(
            datetime.datetime.combine(day, datetime.time(23, 59, 59))
        )
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    def _school_schedule(self):
        """Give the pending steps whose clock has started their deadline."""
        skip = self.browse()
        by_vals = defaultdict(list)
        for step in self.filtered(lambda s: s.state == "pending" and not s.start_datetime):
            start = step._school_start()
            if not start:
                continue
            stage = step.stage_id
            case = step.case_id
            if stage.only_if_precautionary and not case.precautionary:
                skip |= step
                continue
            value = stage.deadline_value
            if stage.deadline_value_ending and case.sanction_id.ends_enrolment:
                value = stage.deadline_value_ending
            deadline = self._school_deadline(start, value, stage.deadline_unit, case.company_id)
            by_vals[(start, deadline)].append(step.id)
        # One write per distinct (start, deadline): steps opened together share them.
        for (start, deadline), ids in by_vals.items():
            self.browse(ids)._school_write({"start_datetime": start, "deadline": deadline})
        if skip:
            skip._school_close("skipped", self.env._("No precautionary suspension."))

    # ----------------------------------------------------------- closing --
    def _school_close(self, state, note=False):
        """Close steps (done, skipped or expired) and move the case on."""
        now = fields.Datetime.now()
        for step in self:
            if step.state != "pending":
                raise UserError(
                    self.env._(
                        "Step %(step)s of case %(case)s is already closed.",
                        step=step.name,
                        case=step.case_id.name,
                    )
                )
            met = False
            if step.deadline and state == "done":
                met = "met" if now <= step.deadline else "missed"
            elif step.deadline and state == "expired":
                met = "missed"
            step._school_write(
                {
                    "state": state,
                    "done_datetime": now,
                    "done_by": self.env.uid,
                    "note": note or False,
                    "deadline_met": met,
                }
            )
        recurring = self.filtered(lambda s: s.state == "done" and s.stage_id.recurring)
        if recurring:
            # sudo: the next occurrence of a recurring stage comes from the
            # procedure (users add no steps); the caller closed this one.
            self.sudo().create(
                [
                    {"case_id": s.case_id.id, "stage_id": s.stage_id.id, "sequence": s.sequence}
                    for s in recurring
                ]
            )
        cases = self.case_id
        for case in cases:
            pending = case.step_ids.filtered(lambda s: s.state == "pending")
            closed = self.filtered(lambda s, c=case: s.case_id == c)
            # No reconsideration asked: the later "only if appealed" stages go.
            not_appealed = closed.filtered(
                lambda s: s.state in ("skipped", "expired")
                and s.stage_id.optional
                and s.stage_id.party_submission
            )
            to_skip = self.browse()
            if not_appealed:
                # An "only if appealed" stage depends on the nearest optional
                # party stage before it (the reconsideration request, not e.g.
                # the reclamo against a precautionary suspension).
                requests = case.step_ids.filtered(
                    lambda s: s.stage_id.optional and s.stage_id.party_submission
                )
                for step in pending.filtered(lambda s: s.stage_id.only_if_appealed):
                    request = requests.filtered(lambda r, s=step: r.sequence < s.sequence).sorted(
                        "sequence"
                    )[-1:]
                    if request and request in not_appealed:
                        to_skip |= step
            if closed.filtered(lambda s: s.state == "done" and s.stage_id.decision):
                if not case.sanction_id.ends_enrolment:
                    to_skip |= pending.filtered(lambda s: s.stage_id.only_if_ending)
            if to_skip:
                to_skip._school_write(
                    {
                        "state": "skipped",
                        "done_datetime": now,
                        "done_by": self.env.uid,
                        "note": self.env._("Not applicable."),
                    }
                )
            if all(
                s.state != "pending"
                for s in case.step_ids.filtered(lambda s: not s.stage_id.recurring)
            ):
                case.step_ids.filtered(
                    lambda s: s.state == "pending" and s.stage_id.recurring
                )._school_write({"state": "skipped", "done_datetime": now, "done_by": self.env.uid})
        cases.step_ids._school_schedule()
        cases._school_close_if_done()

    def _school_check_role(self):
        """First check of the staff actions on steps: the step's responsible
        role (or, for a step without one, e.g. the apoderado's, the case
        team), and write access to the step (access rights and record rules:
        a head teacher reaches only their course's cases)."""
        if self.env.su:
            return
        user = self.env.user
        for step in self:
            group = step.responsible_group_id
            if group and group not in user.groups_id:
                raise AccessError(
                    self.env._(
                        "Step %(step)s of case %(case)s is done by %(role)s.",
                        step=step.name,
                        case=step.case_id.name,
                        role=group.name,
                    )
                )
            if not group:
                self.env["res.users"]._school_require_role(
                    *CASE_ROLES,
                    message=self.env._(
                        "Step %(step)s of case %(case)s is handled by the convivencia team.",
                        step=step.name,
                        case=step.case_id.name,
                    ),
                )
        self.check_access("write")

    def _school_check_started(self):
        """A step is closed only once its clock started, and a decision only
        after the apoderado was heard (D-09: the right to present descargos
        before a reasoned decision)."""
        for step in self:
            if not step.start_datetime:
                raise UserError(
                    self.env._(
                        "Step %(step)s of case %(case)s has not started: the earlier "
                        "steps come first.",
                        step=step.name,
                        case=step.case_id.name,
                    )
                )
            if step.stage_id.decision:
                waiting = step.case_id.step_ids.filtered(
                    lambda s, d=step: s.state == "pending"
                    and s.party_submission
                    and not s.stage_id.optional
                    and s.sequence < d.sequence
                )
                if waiting:
                    raise UserError(
                        self.env._(
                            "Case %(case)s: %(step)s waits for %(party)s (or for its "
                            "window to close).",
                            case=step.case_id.name,
                            step=step.name,
                            party=waiting[0].name,
                        )
                    )

    def action_done(self, note=False):
        """Mark the step done (by its responsible role)."""
        self._school_check_role()
        self._school_check_started()
        for step in self:
            if step.stage_id.requires_document and not (note or step.note or step.attachment_ids):
                raise UserError(
                    self.env._(
                        "Step %(step)s of case %(case)s needs its record (minutes, proof "
                        "of filing): add a note or a document.",
                        step=step.name,
                        case=step.case_id.name,
                    )
                )
            if step.party_submission:
                raise UserError(
                    self.env._(
                        "Step %(step)s is the apoderado's: register the submission instead.",
                        step=step.name,
                    )
                )
        for step in self.filtered(lambda s: s.stage_id.council):
            # The Consejo de Profesores' minutes are this step's record.
            # sudo: council fields are written from the step that records them.
            step.case_id.sudo().write(
                {
                    "council_minutes": note or step.note or step.attachment_ids[:1].name,
                    # The school's date, whoever records the minutes.
                    "council_date": self.env["school.calendar"].school_today(step.company_id),
                }
            )
        self.filtered(lambda s: s.stage_id.decision).case_id._check_decision()
        self._school_close("done", note)
        self.filtered("notice")._school_send_notice()
        return True

    def _school_send_notice(self):
        """Send the letter of a notice stage to the apoderado (the official
        email channel of RI III.6) and ask for the receipt."""
        for case in self.case_id.filtered(
            lambda c: c.guardian_partner_id or c.student_id.parent_ids
        ):
            case._school_post_to_guardians(
                self.env._(
                    "%(title)s. %(body)s %(next)s Confirme la recepción en el portal.",
                    title=case.letter_title,
                    body=case.letter_body,
                    next=case.letter_next,
                )
            )

    def action_confirm_receipt(self, via=None):
        """The notice's receipt is confirmed (once): by the apoderado who is
        the party, through the portal (``via`` is then always ``portal``), or
        by the case team for a phone call or a signed copy."""
        self._school_check_receipt_caller(via)
        for step in self:
            if not step.notice or step.state != "done":
                raise UserError(self.env._("Step %(step)s sent no notice.", step=step.name))
        via = self._school_receipt_channel(via)
        self.filtered(lambda s: not s.receipt_datetime)._school_write(
            {"receipt_datetime": fields.Datetime.now(), "receipt_via": via}
        )
        return True

    def _school_check_receipt_caller(self, via):
        """Who confirms a receipt: the party (through the portal only) or
        the case team."""
        if self.env.su:
            return
        if self.env.user.share:
            self._school_check_party()
            if via not in (None, "portal"):
                raise AccessError(
                    self.env._("An apoderado confirms a receipt through the portal only.")
                )
        else:
            self._school_check_staff()

    def _school_receipt_channel(self, via):
        """How the receipt was confirmed: the portal for the apoderado;
        a phone call or a signed copy when staff record it."""
        channels = dict(self._fields["receipt_via"].selection)
        if self.env.su:
            via = via or "portal"
        elif self.env.user.share:
            via = "portal"
        elif via not in ("phone", "signature"):
            raise UserError(
                self.env._(
                    "Say how the apoderado confirmed the receipt: a phone call or a signed copy."
                )
            )
        if via not in channels:
            raise UserError(self.env._("Unknown channel for the receipt."))
        return via

    def _school_check_staff(self):
        """Staff acting on the apoderado's behalf: the case team, with write
        access to these steps."""
        self.env["res.users"]._school_require_role(
            *CASE_ROLES,
            message=self.env._(
                "Only the convivencia team registers what the apoderado sent or confirmed."
            ),
        )
        self.check_access("write")

    def action_skip(self, note=False):
        """Skip an optional step, by its role and with the reason written
        down (e.g. the apoderado waived the reconsideration in writing; no
        denuncia because the facts are not a crime)."""
        self._school_check_role()
        for step in self:
            if not step.stage_id.optional:
                raise UserError(self.env._("Step %(step)s cannot be skipped.", step=step.name))
            if not note:
                raise UserError(
                    self.env._(
                        "Step %(step)s: write why it is skipped (for the apoderado's "
                        "steps, their written waiver).",
                        step=step.name,
                    )
                )
        self._school_close("skipped", note)
        return True

    def action_register_submission(self, text, via=None, received_at=None):
        """Register the apoderado's descargos or reconsideration request:
        sent by the apoderado who is the party through the portal (``via``
        is then ``portal`` and the time is now), or received in writing or
        by email and registered by the case team (``via='backend'``,
        ``received_at`` when it arrived). Refused when it arrived after the
        window closed, with the deadline shown."""
        via, received_at = self._school_check_submission_caller(via, received_at)
        if text and not isinstance(text, str):
            raise UserError(self.env._("The submission must be text."))
        text = (text or "").strip()
        if via == "portal" and not text:
            raise UserError(self.env._("Write your descargos or request."))
        if not text and self.filtered(lambda step: not step.attachment_ids):
            # A submission registered by the case team is the apoderado's
            # text or the document received: an empty one would only close
            # the apoderado's window early.
            raise UserError(
                self.env._("Write the submission received, or attach the document first.")
            )
        # sudo: the caller was checked above (the party, or the case team
        # with write access); the apoderado cannot write steps nor post on
        # the case, and the submission and its notice are the system's record.
        steps = self.sudo()
        for step in steps:
            if not step.party_submission or step.state != "pending":
                raise UserError(
                    self.env._("Step %(step)s takes no submission now.", step=step.name)
                )
            if not step.deadline:
                raise UserError(self.env._("Step %(step)s has not started yet.", step=step.name))
            if received_at > step.deadline:
                raise UserError(
                    self.env._(
                        "The window for %(step)s closed on %(deadline)s.",
                        step=step.name,
                        deadline=self.env["school.calendar"]
                        .to_school_time(step.deadline, step.company_id)
                        .strftime("%d/%m/%Y %H:%M"),
                    )
                )
            step._school_write({"submission": text or False, "submitted_via": via})
            step.case_id.message_post(
                author_id=notice_author(self.env, step.company_id).id,
                body=self.env._("Submission received for %(step)s.", step=step.name),
            )
        steps._school_close("done")
        return True

    def _school_check_submission_caller(self, via, received_at):
        """Who registers a submission, and how: returns (via, received_at).
        The apoderado submits through the portal, now; only staff say that
        a letter arrived by another channel, at another time."""
        now = fields.Datetime.now()
        if self.env.su:
            via = via or "backend"
        elif self.env.user.share:
            self._school_check_party()
            if via not in (None, "portal") or received_at:
                raise AccessError(
                    self.env._(
                        "An apoderado sends descargos through the portal only, at the "
                        "time they send them."
                    )
                )
            via = "portal"
        else:
            self._school_check_staff()
            via = via or "backend"
            if via != "backend":
                raise AccessError(
                    self.env._("Staff register submissions received in writing or by email.")
                )
        if via not in dict(self._fields["submitted_via"].selection):
            raise UserError(self.env._("Unknown channel for the submission."))
        if via == "portal" and received_at:
            raise UserError(self.env._("A portal submission is received when it is sent."))
        try:
            received_at = fields.Datetime.to_datetime(received_at) if received_at else now
        except (TypeError, ValueError):
            raise UserError(self.env._("The reception date is not a valid date.")) from None
        if received_at > now:
            raise UserError(self.env._("A submission cannot be received in the future."))
        return via, received_at

    def _school_check_party(self):
        """The portal user acting on these steps is the party: an apoderado
        of the student (due process of a student) or the apoderado whose
        fault it is (MC 12). Staff register submissions in the backend."""
        user = self.env.user
        for step in self:
            case = step.case_id
            if case.kind == "guardian":
                allowed = case.guardian_partner_id == user.partner_id
            else:
                allowed = user in case.student_id.school_guardian_user_ids
            if not user.share or not allowed or case.confidential:
                raise AccessError(self.env._("Only the apoderado concerned can do this."))

    # -------------------------------------------------------------- cron --
    @api.model
    def _cron_deadlines(self):
        """Close the apoderado windows that expired and give the responsible
        role an activity for each step overdue or due within a day.

        School by school and by chunks of steps, each in its own savepoint
        (cron_batches): a step that cannot be closed is logged and skipped,
        the other steps and schools are done. Running it again is harmless:
        closed steps are no longer pending, activities are marked sent."""
        now = fields.Datetime.now()
        expired = self.search(
            [("state", "=", "pending"), ("party_submission", "=", True), ("deadline", "<", now)],
            order="company_id, id",
        )
        note = self.env._("Window closed without submission.")
        batches = [
            (
                "%s: expired windows" % company.name,
                chunk,
                lambda steps: steps._school_close("expired", note),
            )
            for company in expired.company_id
            for chunk in chunks(expired.filtered(lambda s, c=company: s.company_id == c))
        ]
        failed = run_in_batches(self.env, batches, "Convivencia deadlines")
        # Searched after the windows closed: the steps they opened count.
        due = self.search(
            [
                ("state", "=", "pending"),
                ("activity_sent", "=", False),
                ("responsible_group_id", "!=", False),
                ("deadline", "<=", now + datetime.timedelta(days=1)),
            ],
            order="company_id, id",
        )
        batches_due = [
            (
                "%s: activities" % company.name,
                chunk,
                lambda steps: steps._school_deadline_activities(),
            )
            for company in due.company_id
            for chunk in chunks(due.filtered(lambda s, c=company: s.company_id == c))
        ]
        return failed + run_in_batches(
            self.env, batches_due, "Convivencia deadlines", done_before=len(batches)
        )

    def _school_deadline_activities(self):
        """An activity for the responsible of each of these steps."""
        due = self
        if not due:
            return
        users = self.env["res.users"].search(
            [
                ("groups_id", "in", due.responsible_group_id.ids),
                ("company_ids", "in", due.company_id.ids),
                ("share", "=", False),
            ],
            order="id",
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        head_group = self.env.ref("school_base.school_base_group_head_teacher")
        model_id = self.env["ir.model"]._get_id("school.discipline.case")
        activities = []
        for step in due:
            lead = step.case_id.user_id
            head = step.case_id.batch_id.head_teacher_id.user_ids[:1]
            if lead and step.responsible_group_id in lead.groups_id:
                user = lead
            elif step.responsible_group_id == head_group and head:
                user = head
            else:
                user = users.filtered(
                    lambda u, s=step: s.responsible_group_id in u.groups_id
                    and s.company_id in u.company_ids
                )[:1]
            if not user:
                continue
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": step.case_id.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "summary": self.env._(
                        "%(step)s (%(case)s)", step=step.name, case=step.case_id.name
                    ),
                    "date_deadline": self.env["school.calendar"]
                    .to_school_time(step.deadline, step.company_id)
                    .date(),
                }
            )
        self.env["mail.activity"].create(activities)
        due._school_write({"activity_sent": True})

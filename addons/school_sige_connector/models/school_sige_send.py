# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import hashlib
import json
import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..services.sige_client import (
    REPORT_CODES,
    SigeCourse,
    SigeError,
    SigeTransportError,
    is_pending_error,
    missing_runs,
    not_enrolled_runs,
    split_run,
)
from .school_sige_backend import SECRETARY, SIGE_MANAGER

_logger = logging.getLogger(__name__)

STATES = [
    ("to_send", "To Send"),
    ("sent", "Sent (awaiting report)"),
    ("accepted", "Accepted"),
    ("observed", "Accepted with Observations"),
    ("rejected", "Rejected"),
    ("failed", "Failed (will retry)"),
    ("changed", "Changed After Sending"),
    ("manual", "Manual Handling"),
]
# Sends SIGE holds (their payload was accepted; report pending or final).
HELD = ("sent", "accepted", "observed")
# Sends the connector tries to (re)send.
OPEN = ("to_send", "failed", "changed")
MONTH_MESSAGE = "NO CORRESPONDE AL MES DE DECLARACION"
RETRY_DELAYS = (10, 30, 60, 120, 240, 480)
MAX_SENDS_PER_RUN = 500


def payload_hash(payload):
    """The hash of a payload (canonical JSON): what SIGE holds of a day."""
    return hashlib.sha256(
        json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()


class SchoolSigeSend(models.Model):
    """The outbox: one record per school, date, tipo de enseñanza and grado,
    what goes to SIGE's addAsistencia for it (sige-interface.md §4: one
    request per (año, RBD, tipo, grado, fecha) with every course letter) and
    where it stands. Every call is kept as a school.sige.attempt.

    Written only by the connector (sudo, after the caller's check): nobody
    has write access to it."""

    _name = "school.sige.send"
    _description = "SIGE Attendance Send"
    _order = "date desc, teaching_code, grade_code"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", string="School", required=True, index=True)
    # The agreement may be replaced: the history of the days stays.
    backend_id = fields.Many2one("school.sige.backend", string="SIGE Backend", ondelete="set null")
    date = fields.Date(required=True, index=True)
    month = fields.Date(compute="_compute_month", store=True, index=True)
    teaching_code = fields.Char(string="Teaching Type", required=True)
    grade_code = fields.Integer(string="Grade", required=True)
    grade_name = fields.Char(string="Grade Level")
    batch_ids = fields.Many2many("op.batch", string="Courses")
    state = fields.Selection(STATES, default="to_send", required=True, index=True)
    ready = fields.Boolean(help="Every course of the grade has its daily block signed.")
    blockers = fields.Text(help="What keeps the day from being sent, per course and teacher.")
    student_issues = fields.Text(
        help="Students SIGE cannot receive as they are (RUN, daily mark): Secretaría fixes "
        "them before the send."
    )
    payload = fields.Text(help="The attendance sent (or to send): course letters and RUNs.")
    payload_hash = fields.Char(index=True)
    sent_hash = fields.Char(
        string="Hash Held by SIGE", help="Hash of the payload SIGE accepted for this day."
    )
    tracking_code = fields.Char(string="SIGE Tracking Code", index=True)
    sent_at = fields.Datetime()
    next_poll_at = fields.Datetime(string="Next Report Poll")
    poll_count = fields.Integer()
    next_try_at = fields.Datetime(string="Next Try")
    try_count = fields.Integer(string="Failed Tries")
    last_code = fields.Integer(string="Last SIGE Code")
    last_title = fields.Char(string="Last SIGE Title")
    last_messages = fields.Text(string="Last SIGE Messages")
    note = fields.Text(help="The connector's note on the last step (in the user's words).")
    manual_reason = fields.Text()
    explanation = fields.Text(
        string="What to Do",
        compute="_compute_explanation",
        help="Each message of SIGE: its cause, who must fix it and how.",
    )
    attempt_ids = fields.One2many("school.sige.attempt", "send_id", string="Attempts")
    attempt_count = fields.Integer(compute="_compute_attempt_count")

    _sql_constraints = [
        (
            "day_grade_uniq",
            "unique(company_id, date, teaching_code, grade_code)",
            "A school sends one record per day and grade.",
        ),
    ]

    @api.depends("date")
    def _compute_month(self):
        for send in self:
            send.month = send.date and send.date.replace(day=1)

    @api.depends("date", "grade_name", "teaching_code", "grade_code")
    def _compute_display_name(self):
        for send in self:
            send.display_name = "%s · %s" % (
                send.date and send.date.strftime("%d/%m/%Y"),
                send.grade_name or "%s/%s" % (send.teaching_code, send.grade_code),
            )

    def _compute_attempt_count(self):
        counts = dict(
            self.env["school.sige.attempt"]._read_group(
                [("send_id", "in", self.ids)], ["send_id"], ["__count"]
            )
        )
        for send in self:
            send.attempt_count = counts.get(send, 0)

    @api.depends("last_messages", "state")
    @api.depends_context("lang")
    def _compute_explanation(self):
        for send in self:
            lines = [send._school_explain(m) for m in (send.last_messages or "").splitlines() if m]
            send.explanation = "\n".join(lines) or False

    # ------------------------------------------------------- causes ----
    def _school_explain(self, message):
        """One SIGE message in the user's words: cause, who fixes it, how."""
        _ = self.env._
        upper = message.upper()
        if "FALTANTE" in upper:
            runs = ", ".join("%s (%s)" % (n, letter) for letter, n in missing_runs([message]))
            return _(
                "• %(msg)s\n  Cause: SIGE has student(s) %(runs)s enrolled in the course on that "
                "day and they were not sent. Who: Secretaría. How: record the enrolment (or the "
                "withdrawal) of the student in the school's roll with the right dates, or ask "
                "SIGE to fix its enrolment; then send the day again.",
                msg=message,
                runs=runs or "?",
            )
        if "RETIRADO O NO MATRICULADO" in upper:
            runs = ", ".join("%s (%s)" % (n, letter) for letter, n in not_enrolled_runs([message]))
            return _(
                "• %(msg)s\n  Cause: the student(s) %(runs)s were sent but SIGE does not have them "
                "enrolled on that day. Who: Secretaría. How: register the student's enrolment in "
                "SIGE, or correct the RUN in the student's record.",
                msg=message,
                runs=runs or "?",
            )
        if "FALTA INFORMAR ASISTENCIA" in upper:
            return _(
                "• %(msg)s\n  Cause: SIGE rejected the whole course because students are "
                "missing (see the FALTANTE lines).",
                msg=message,
            )
        if MONTH_MESSAGE in upper:
            return _(
                "• %(msg)s\n  Cause: SIGE only takes the month under declaration. Who: "
                "Secretaría. How: enter this day by hand in the SIGE website.",
                msg=message,
            )
        if "ENVIO PENDIENTE" in upper:
            return _(
                "• %(msg)s\n  Cause: an earlier send of the school is still being processed. "
                "Nothing to do: the connector waits for its report and sends again.",
                msg=message,
            )
        if "DV INVALIDO" in upper or "RUN" in upper:
            return _(
                "• %(msg)s\n  Cause: a RUN SIGE does not accept. Who: Secretaría. How: correct "
                "the student's RUN, then send the day again.",
                msg=message,
            )
        if "NO EXISTE EN SIGE" in upper:
            return _(
                "• %(msg)s\n  Cause: SIGE does not know this course letter. Who: Secretaría. "
                "How: create the course in SIGE or correct the course's SIGE letter.",
                msg=message,
            )
        return _(
            "• %(msg)s\n  Who: Secretaría. How: review the day's attendance; if the message "
            "persists, ask SIGE's help desk.",
            msg=message,
        )

    # -------------------------------------------------------- callers ----
    @api.model
    def _school_check_caller(self):
        self.env["res.users"]._school_require_role(
            SECRETARY,
            SIGE_MANAGER,
            message=self.env._("Only Secretaría or the SIGE officer can work with SIGE sends."),
        )

    def action_send_now(self):
        """Button "send this day now": polls what is in flight for the
        school first (one send in flight per RBD), then sends these days."""
        self._school_check_caller()
        self.check_access("read")
        # sudo: the outbox is written only by the connector; the caller was
        # checked above.
        for send in self.sudo():
            if send.state in ("accepted", "observed"):
                continue
            if send.state == "manual":
                raise UserError(
                    self.env._(
                        "%(day)s is for manual handling: %(reason)s",
                        day=send.display_name,
                        reason=send.manual_reason or "",
                    )
                )
            if send.state == "rejected":
                send.state = "to_send"
            send.next_try_at = False
            self._school_sync(send.backend_id, None, only=send)
        return True

    def action_poll(self):
        """Button "poll again": asks SIGE for the report of these sends."""
        self._school_check_caller()
        self.check_access("read")
        # sudo: see action_send_now.
        for send in self.sudo().filtered(lambda s: s.state == "sent"):
            send._school_poll()
        return True

    def action_validate_students(self):
        """Button "validate students": asks SIGE whether each student of
        these days' courses has a SIGE record (getValidacion)."""
        self._school_check_caller()
        self.check_access("read")
        for send in self.sudo():
            students = self.env["op.student"]
            for batch in send.batch_ids:
                students |= batch._school_students_on(send.date)
            # sudo: the check records are the connector's; caller checked.
            self.env["school.sige.student.check"].sudo()._school_validate(send.backend_id, students)
        return True

    def action_open_attempts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "school_sige_connector.school_sige_attempt_action"
        )
        action["domain"] = [("send_id", "=", self.id)]
        return action

    # ----------------------------------------------------- preparing ----
    @api.model
    def _school_grades(self, company, date_from, date_to):
        """{(tipo, grado): courses} of the school's courses with SIGE codes
        running between the two dates."""
        batches = (
            self.env["op.batch"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("course_id.sige_teaching_code", "!=", False),
                    ("course_id.sige_grade_code", ">", 0),
                    ("start_date", "<=", date_to),
                    "|",
                    ("end_date", "=", False),
                    ("end_date", ">=", date_from),
                ]
            )
        )
        grades = defaultdict(lambda: self.env["op.batch"])
        for batch in batches:
            grades[(batch.course_id.sige_teaching_code, batch.course_id.sige_grade_code)] |= batch
        return grades

    @api.model
    def _school_prepare(self, backend, date_from, date_to):
        """A send record for every school day between the two dates and
        every grade with courses on that day. Returns the new records."""
        company = backend.company_id
        grades = self._school_grades(company, date_from, date_to)
        days = []
        month = date_from.replace(day=1)
        calendar = self.env["school.calendar"]
        while month <= date_to:
            days += [
                d for d in calendar._school_month_days(company, month) if date_from <= d <= date_to
            ]
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        existing = {
            (s.date, s.teaching_code, s.grade_code)
            for s in self.search(
                [
                    ("company_id", "=", company.id),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ]
            )
        }
        vals_list = []
        for day in days:
            for (tipo, grado), batches in sorted(grades.items()):
                running = batches.filtered(
                    lambda b, day=day: b.start_date <= day and (not b.end_date or b.end_date >= day)
                )
                if not running or (day, tipo, grado) in existing:
                    continue
                vals_list.append(
                    {
                        "company_id": company.id,
                        "backend_id": backend.id,
                        "date": day,
                        "teaching_code": tipo,
                        "grade_code": grado,
                        "grade_name": running[0].course_id.name,
                        "batch_ids": [fields.Command.set(running.ids)],
                    }
                )
        return self.create(vals_list)

    @api.model
    def _school_flag_past_months(self, backend, today):
        """Days of a month before SIGE's current one never accepted: manual
        handling, with the reason (SIGE only takes the current month)."""
        past = self.search(
            [
                ("company_id", "=", backend.company_id.id),
                ("date", "<", today.replace(day=1)),
                ("state", "in", OPEN + ("rejected",)),
            ]
        )
        for send in past:
            send._school_set_manual(
                self.env._(
                    "The month of %(day)s is over and this day was not accepted by SIGE: "
                    "SIGE only takes the current month. Enter it by hand in the SIGE website.",
                    day=send.date.strftime("%d/%m/%Y"),
                )
            )
        return past

    def _school_set_manual(self, reason):
        self.write({"state": "manual", "manual_reason": reason, "next_try_at": False})

    # ------------------------------------------------------- payload ----
    def _school_build(self):
        """(payload, blockers, student issues) of this day now (see
        _school_build_many)."""
        self.ensure_one()
        return self._school_build_many()[self.id]

    def _school_build_many(self):
        """{send id: (payload, blockers, student issues)} of these days now:
        the course letters with their present and absent RUNs from the
        register rows' SIGE masks (the daily block), the students enrolled ON
        each day. A fixed number of queries whatever the number of days,
        courses and students."""
        _ = self.env._
        batches = self.batch_ids
        dates = set(self.mapped("date"))
        if not self:
            return {}
        daily = {c.id: c.school_attendance_daily_block for c in self.company_id}
        sessions = {
            (s.batch_id.id, s.date): s
            for s in self.env["school.attendance.session"].search_fetch(
                [
                    ("batch_id", "in", batches.ids),
                    ("date", "in", list(dates)),
                    ("block", "in", list(set(daily.values()))),
                ],
                ["batch_id", "date", "block", "state", "company_id"],
            )
            if s.block == daily.get(s.company_id.id)
        }
        months = sorted({d.replace(day=1) for d in dates})
        rows = {
            (batch, student, month): (present, absent, marked)
            for batch, student, month, present, absent, marked in self.env.execute_query(
                SQL(
                    "SELECT batch_id, student_id, month, sige_present, sige_absent, marked"
                    "  FROM school_attendance_register_line"
                    " WHERE batch_id IN %s AND month IN %s",
                    tuple(batches.ids) or (0,),
                    tuple(months),
                )
            )
        }
        enrolments = defaultdict(list)
        for enrolment in self.env["op.student.course"].search_fetch(
            [
                ("batch_id", "in", batches.ids),
                ("school_enrolment_date", "<=", max(dates)),
                "|",
                ("school_withdrawal_date", "=", False),
                ("school_withdrawal_date", ">=", min(dates)),
            ],
            ["batch_id", "student_id", "school_enrolment_date", "school_withdrawal_date"],
        ):
            enrolments[enrolment.batch_id.id].append(
                (
                    enrolment.student_id.id,
                    enrolment.school_enrolment_date,
                    enrolment.school_withdrawal_date,
                )
            )
        students = {
            student.id: student
            for student in self.env["op.student"].search_fetch(
                [("id", "in", list({e[0] for es in enrolments.values() for e in es}))],
                ["school_id_number", "name"],
            )
        }
        runs = {}
        for student in students.values():
            try:
                runs[student.id] = "%d-%s" % split_run(student.school_id_number)
            except ValueError:
                runs[student.id] = None
        result = {}
        for send in self:
            daily_block = daily.get(send.company_id.id)
            month = send.date.replace(day=1)
            bit = 1 << (send.date - month).days
            blockers, issues, courses = [], [], []
            for batch in send.batch_ids.sorted(lambda b: (b.sige_letter or "", b.id)):
                session = sessions.get((batch.id, send.date))
                if not batch.sige_letter:
                    blockers.append(
                        _("%(course)s: the course has no SIGE letter.", course=batch.name)
                    )
                if not session or session.state != "signed":
                    teachers = ", ".join(batch.teacher_user_ids.mapped("name")) or _("no teacher")
                    blockers.append(
                        _(
                            "%(course)s: the daily attendance (block %(block)s) is not signed "
                            "(teachers: %(teachers)s).",
                            course=batch.name,
                            block=daily_block,
                            teachers=teachers,
                        )
                        if session
                        else _(
                            "%(course)s: the daily attendance (block %(block)s) was not taken "
                            "(teachers: %(teachers)s).",
                            course=batch.name,
                            block=daily_block,
                            teachers=teachers,
                        )
                    )
                present, absent = [], []
                enrolled = sorted(
                    {
                        student_id
                        for student_id, start, end in enrolments[batch.id]
                        if start and start <= send.date and (not end or end >= send.date)
                    }
                )
                for student_id in enrolled:
                    run = runs.get(student_id)
                    student = students.get(student_id)
                    if not run:
                        issues.append(
                            _(
                                "%(course)s: %(student)s has no valid RUN (%(run)s): correct it "
                                "in the student's record.",
                                course=batch.name,
                                student=student.name if student else student_id,
                                run=(student and student.school_id_number) or _("none"),
                            )
                        )
                        continue
                    sige_present, sige_absent, marked = rows.get(
                        (batch.id, student_id, month), (0, 0, 0)
                    )
                    if sige_present & bit:
                        present.append(run)
                    elif sige_absent & bit:
                        absent.append(run)
                    elif session and not marked & bit:
                        issues.append(
                            _(
                                "%(course)s: %(student)s has no daily mark (enrolled after the "
                                "block was taken?): Inspectoría records it.",
                                course=batch.name,
                                student=student.name,
                            )
                        )
                courses.append(
                    {"letter": batch.sige_letter or "", "present": present, "absent": absent}
                )
            payload = {
                "rbd": send.company_id.school_rbd,
                "year": send.date.year,
                "tipo": send.teaching_code,
                "grado": send.grade_code,
                "date": send.date.isoformat(),
                "courses": courses,
            }
            result[send.id] = (payload, blockers, issues)
        return result

    # ---------------------------------------------------------- sending --
    @api.model
    def _school_sync(self, backend, today=None, only=None):
        """One school's round (sudo): poll the sends in flight whose report
        is due (or all of them before a send of ``only``), then send the
        ready days, one in flight at a time (sige-interface.md §9: one
        pending envío per RBD). Returns the sends sent."""
        now = fields.Datetime.now()
        company = backend.company_id
        self.search([("company_id", "=", company.id), ("backend_id", "!=", backend.id)]).write(
            {"backend_id": backend.id}
        )
        domain = [("company_id", "=", company.id), ("state", "=", "sent")]
        in_flight = self.search(domain)
        for send in in_flight:
            if only or not send.next_poll_at or send.next_poll_at <= now:
                send._school_poll()
        in_flight = in_flight.filtered(lambda s: s.state == "sent")
        today = today or self.env["school.calendar"].school_today(company)
        if only:
            candidates = only.filtered(lambda s: s.state in OPEN)
            if in_flight and candidates:
                candidates.write(
                    {
                        "note": self.env._(
                            "Waits for SIGE's report of %(day)s: one send in flight per school.",
                            day=in_flight[0].display_name,
                        )
                    }
                )
        else:
            candidates = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", OPEN),
                    ("date", ">=", today.replace(day=1)),
                    ("date", "<=", today),
                    "|",
                    ("next_try_at", "=", False),
                    ("next_try_at", "<=", now),
                ],
                order="date, teaching_code, grade_code",
                limit=MAX_SENDS_PER_RUN,
            )
        sent = self.browse()
        for send in candidates:
            if in_flight:
                break
            outcome = send._school_send()
            if send.state == "sent":
                sent |= send
                # SIGE may have processed it already (the stand-in's
                # processing delay of 0): ask once at once.
                send._school_poll()
                in_flight = send.filtered(lambda s: s.state == "sent")
            if outcome == "wait":
                break
        return sent

    def _school_send(self):
        """Send this day (sudo, caller checked). Returns "sent", "wait"
        (SIGE is processing an earlier send), "blocked" or "done"."""
        self.ensure_one()
        payload, blockers, issues = self._school_build()
        digest = payload_hash(payload)
        values = {
            "ready": not blockers,
            "blockers": "\n".join(blockers) or False,
            "student_issues": "\n".join(issues) or False,
            "payload": json.dumps(payload, indent=1, sort_keys=True),
            "payload_hash": digest,
        }
        if blockers or issues:
            values["note"] = self.env._(
                "Not sent: the day is incomplete or has students to fix (see below)."
            )
            self.write(values)
            return "blocked"
        # Students SIGE does not know (getValidacion): reported, and sent
        # anyway (SIGE observes them; the rest of the grade is not held back).
        runs = [run for c in payload["courses"] for run in c["present"] + c["absent"]]
        unknown = self.env["school.sige.student.check"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("run", "in", runs),
                ("result", "in", ("unknown", "mismatch")),
            ]
        )
        if unknown:
            values["student_issues"] = "\n".join(
                self.env._(
                    "%(student)s (%(run)s): %(note)s",
                    student=check.student_id.name,
                    run=check.run,
                    note=check.note,
                )
                for check in unknown
            )
        if self.sent_hash == digest and self.state in ("changed", "failed", "to_send"):
            # SIGE already holds exactly this attendance: never twice.
            values.update(state="sent", next_poll_at=fields.Datetime.now(), poll_count=0)
            self.write(values)
            return "sent"
        self.write(values)
        client = self.backend_id._school_client()
        courses = [SigeCourse(c["letter"], c["present"], c["absent"]) for c in payload["courses"]]
        attempt = {"send_id": self.id, "operation": "add", "payload_hash": digest}
        try:
            response = client.add_asistencia(
                payload["rbd"],
                payload["year"],
                payload["tipo"],
                payload["grado"],
                self.date,
                courses,
            )
        except SigeError as err:
            self._school_record_error(attempt, err)
            return "failed"
        self.env["school.sige.attempt"]._school_log(attempt, response)
        self.write(
            {
                "last_code": response.code,
                "last_title": response.title or False,
                "last_messages": "\n".join(response.messages) or False,
            }
        )
        if response.code == 1 or response.existing_tracking_code:
            # A day SIGE already holds with this very attendance (our answer
            # to the earlier send was lost): adopt its envío, do not fail.
            self.write(
                {
                    "state": "sent",
                    "tracking_code": response.tracking_code or response.existing_tracking_code,
                    "sent_hash": digest,
                    "sent_at": fields.Datetime.now(),
                    "next_poll_at": fields.Datetime.now()
                    + self.env["school.sige.backend"]._school_poll_delay(0),
                    "poll_count": 0,
                    "try_count": 0,
                    "next_try_at": False,
                    "note": self.env._("Reconciled with the send SIGE already had.")
                    if response.code != 1
                    else self.env._("Accepted by SIGE for processing."),
                }
            )
            return "sent"
        if response.code == 2 and is_pending_error(response.messages):
            self.write(
                {
                    "next_try_at": fields.Datetime.now() + datetime.timedelta(minutes=10),
                    "note": self.env._(
                        "SIGE is still processing an earlier send of the school: this day waits."
                    ),
                }
            )
            return "wait"
        if response.code == 2 and any(MONTH_MESSAGE in m.upper() for m in response.messages):
            today = self.env["school.calendar"].school_today(self.company_id)
            if self.date < today.replace(day=1):
                self._school_set_manual(
                    self.env._(
                        "SIGE no longer takes %(day)s (its month is closed): enter it by hand "
                        "in the SIGE website.",
                        day=self.date.strftime("%d/%m/%Y"),
                    )
                )
            else:
                self._school_retry_later(
                    self.env._("SIGE does not take this month yet: the day waits.")
                )
            return "done"
        if response.code == 2:
            self.write({"state": "rejected", "next_try_at": False, "note": False})
            return "done"
        if response.retryable:
            self._school_retry_later(
                self.env._(
                    "SIGE is not available (code %(code)s): retried later.", code=response.code
                )
            )
            return "failed"
        # 3, 4 (the RBD's service or agreement): the officer must act.
        self.write(
            {
                "state": "failed",
                "next_try_at": fields.Datetime.now() + datetime.timedelta(hours=12),
                "note": self.env._(
                    "SIGE refused the school (code %(code)s: %(meaning)s): the SIGE officer "
                    "checks the agreement and the RBD.",
                    code=response.code,
                    meaning=response.meaning,
                ),
            }
        )
        return "failed"

    def _school_retry_later(self, note):
        delay = RETRY_DELAYS[min(self.try_count, len(RETRY_DELAYS) - 1)]
        self.write(
            {
                "state": "failed" if self.state != "changed" else "changed",
                "try_count": self.try_count + 1,
                "next_try_at": fields.Datetime.now() + datetime.timedelta(minutes=delay),
                "note": note,
            }
        )

    def _school_record_error(self, attempt, err):
        """A call that failed (transport, fault, credentials): the attempt
        keeps its exchanges; the send is retried later (the retry
        reconciles with SIGE if the call was processed after all)."""
        attempt = dict(attempt, error=str(err), outcome="error")
        self.env["school.sige.attempt"]._school_log(attempt, None, err.exchanges)
        if isinstance(err, SigeTransportError) and err.maybe_processed:
            note = self.env._(
                "No answer from SIGE (it may have received the send): retried later; the retry "
                "finds what SIGE has."
            )
        elif err.retryable:
            note = self.env._("SIGE could not be reached: retried later.")
        else:
            note = self.env._(
                "SIGE refused the call (%(error)s): the SIGE officer checks the configuration.",
                error=str(err),
            )
        self._school_retry_later(note)

    # ---------------------------------------------------------- polling --
    def _school_poll(self):
        """Ask SIGE for the report of this send (sudo, caller checked)."""
        self.ensure_one()
        if self.state != "sent" or not self.tracking_code:
            return False
        client = self.backend_id._school_client()
        attempt = {
            "send_id": self.id,
            "operation": "report",
            "payload_hash": self.sent_hash,
            "tracking_code": self.tracking_code,
        }
        backend_model = self.env["school.sige.backend"]
        try:
            response = client.get_reporte(self.company_id.school_rbd, self.tracking_code)
        except SigeError as err:
            attempt.update(error=str(err), outcome="error")
            self.env["school.sige.attempt"]._school_log(attempt, None, err.exchanges)
            self.write(
                {
                    "poll_count": self.poll_count + 1,
                    "next_poll_at": fields.Datetime.now()
                    + backend_model._school_poll_delay(self.poll_count + 1),
                }
            )
            return False
        self.env["school.sige.attempt"]._school_log(attempt, response)
        values = {
            "last_code": response.code,
            "last_title": response.title or False,
            "last_messages": "\n".join(response.messages) or False,
            "poll_count": self.poll_count + 1,
        }
        final = {1: "accepted", 2: "observed", 3: "rejected"}.get(response.code)
        if final:
            values.update(state=final, next_poll_at=False, note=REPORT_CODES.get(response.code))
            if final == "rejected":
                # What SIGE holds for the day is not valid: a resend goes.
                values["sent_hash"] = False
        elif response.code == 5:
            values.update(
                state="failed",
                next_poll_at=False,
                sent_hash=False,
                tracking_code=False,
                next_try_at=fields.Datetime.now(),
                note=self.env._("SIGE does not know this tracking code: the day is sent again."),
            )
        else:
            # 4 (not processed yet), 8/10 (service trouble), 6/7 (RBD).
            values["next_poll_at"] = fields.Datetime.now() + backend_model._school_poll_delay(
                self.poll_count + 1
            )
        self.write(values)
        return True

    # ------------------------------------------------ marks changed ----
    @api.model
    def _school_marks_changed(self, keys):
        """The class book changed daily marks of days SIGE may already hold
        (school.attendance.line._school_marks_changed): those sends become
        "changed after sending" (or "to send" when rejected) when their
        attendance really differs, and go again; history stays."""
        # Only the daily block goes to SIGE: the other blocks' changes (most
        # of the class book's writes) stop here, without a query.
        companies = self.env["res.company"].browse({key[0] for key in keys})
        daily = {c.id: c.school_attendance_daily_block for c in companies}
        by_company_date = defaultdict(set)
        for company_id, batch_id, date, block in keys:
            if block == daily[company_id]:
                by_company_date[(company_id, date)].add((batch_id, block))
        if not by_company_date:
            return
        sends = self.search(
            [
                ("company_id", "in", companies.ids),
                ("date", "in", list({d for _c, d in by_company_date})),
                ("state", "in", HELD + ("rejected",)),
            ]
        )
        sends = sends.filtered(
            lambda send: any(
                block == daily[send.company_id.id] and batch in send.batch_ids.ids
                for batch, block in by_company_date.get((send.company_id.id, send.date), ())
            )
        )
        built = sends._school_build_many()
        for send in sends:
            digest = payload_hash(built[send.id][0])
            if send.state == "rejected":
                send.write({"state": "to_send", "next_try_at": False})
            elif digest != send.sent_hash:
                send.write(
                    {
                        "state": "changed",
                        "next_try_at": False,
                        "note": self.env._(
                            "A correction or justification changed this day after it was "
                            "sent: it is sent again."
                        ),
                    }
                )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what in the class book (issue 9): every public action as
every role, with that user's own rights, and a regression test for each
escalation that was possible before the models checked their callers."""

import datetime
import threading
import time

import psycopg2

from odoo import SUPERUSER_ID, Command, api, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.school_base.tests.access_matrix import ROLES, setup_matrix_roles

from .common import AttendanceCase

D = datetime.date
DT = datetime.datetime

# The roles of the suite's access matrix (school_base): the teacher and the
# head teacher (profesor jefe) of the fixture course, a teacher of another
# course, the school-wide roles, the apoderado of the fixture student and
# another child's, the student's own portal user, the Director of another
# school.
CLASS_BOOK = frozenset(
    {"teacher", "head_teacher", "secretary", "inspector", "director", "sostenedor"}
)
INSPECTORIA = frozenset({"inspector", "director", "sostenedor"})
SCHOOL_WIDE = frozenset({"secretary", "inspector", "director", "sostenedor"})
DIRECTION = frozenset({"director", "sostenedor"})

# Each public action of the addon: (model, method, roles allowed), for the
# access matrix of school_base. The records are of the fixture course and
# student; every role not listed must be refused (AccessError).
ATTENDANCE_ACTIONS = [
    ("school.attendance.session", "save_block", CLASS_BOOK),
    ("school.attendance.session", "action_sign", CLASS_BOOK),
    ("school.attendance.correction", "create", CLASS_BOOK),
    ("school.attendance.correction", "action_approve", DIRECTION),
    ("school.attendance.correction", "action_reject", DIRECTION),
    ("school.attendance.justification", "create", SCHOOL_WIDE | {"guardian"}),
    ("school.attendance.justification", "action_accept", INSPECTORIA),
    ("school.attendance.justification", "action_reject", INSPECTORIA),
    ("school.attendance.citation", "action_schedule", INSPECTORIA),
    ("school.attendance.citation", "action_attended", INSPECTORIA),
    ("school.attendance.citation", "action_missed", INSPECTORIA),
    ("school.attendance.arrival", "create", SCHOOL_WIDE),
    ("school.attendance.month", "create", DIRECTION),
    # Read-only: only for whom the caller may read.
    ("school.attendance.register", "register_data", CLASS_BOOK),
    ("school.attendance.line", "attendance_rates", CLASS_BOOK | {"guardian"}),
]


class AttendanceAccessCase(AttendanceCase):
    """The matrix roles and a record of each kind, for the access tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)
        cls.absent = cls.env.ref("school_attendance_cl.school_attendance_code_absent")

    def setUp(self):
        super().setUp()
        self.block_number = 0

    # ------------------------------------------------------------ data --
    def _block(self, sign=False, marks=()):
        self.block_number += 1
        return self.session_model.save_block(
            self.batch.id, self.monday, self.block_number, list(marks), sign=sign
        )

    def _correction(self):
        line = self._block(sign=True).line_ids
        return self.env["school.attendance.correction"].create(
            {"line_id": line.id, "new_code_id": self.absent.id, "reason": "Llegó tarde"}
        )

    def _justification(self):
        return self.env["school.attendance.justification"].create(
            {
                "student_id": self.student.id,
                "date_from": self.monday,
                "date_to": self.monday,
                "reason": "family",
            }
        )

    def _citation(self, state="to_schedule"):
        citation = self.env["school.attendance.citation"].create(
            {
                "student_id": self.student.id,
                "company_id": self.school.id,
            }
        )
        if state == "scheduled":
            citation.action_schedule(DT(2026, 3, 25, 18, 30))
        return citation


@tagged("post_install", "-at_install")
class TestAttendanceAccess(AttendanceAccessCase):
    # --------------------------------------------------- calls by role --
    def _call(self, method, user):
        """Call ``method`` of ATTENDANCE_ACTIONS as ``user``; return a
        function that asserts the effect of an allowed call."""
        env = self.env(user=user)
        if method == ("school.attendance.session", "save_block"):
            self.block_number += 1
            block = self.block_number
            env["school.attendance.session"].save_block(
                self.batch.id,
                self.monday,
                block,
                [{"student_id": self.student.id, "code": "absent"}],
            )
            return lambda: self.assertEqual(
                self.session_model.search(
                    [("batch_id", "=", self.batch.id), ("block", "=", block)]
                ).line_ids.code_id,
                self.absent,
            )
        if method == ("school.attendance.session", "action_sign"):
            session = self._block()
            session.with_env(env).action_sign()
            return lambda: self.assertEqual(session.state, "signed")
        if method == ("school.attendance.correction", "create"):
            line = self._block(sign=True).line_ids
            correction = env["school.attendance.correction"].create(
                {"line_id": line.id, "new_code_id": self.absent.id, "reason": "Error"}
            )
            return lambda: self.assertEqual(correction.sudo().requested_by_id, user)
        if method[0] == "school.attendance.correction":
            correction = self._correction()
            getattr(correction.with_env(env), method[1])()
            expected = "approved" if method[1] == "action_approve" else "rejected"
            return lambda: self.assertEqual(correction.state, expected)
        if method == ("school.attendance.justification", "create"):
            justification = env["school.attendance.justification"].create(
                {
                    "student_id": self.student.id,
                    "company_id": self.school.id,
                    "date_from": self.monday,
                    "date_to": self.monday,
                    "reason": "family",
                }
            )
            return lambda: self.assertEqual(justification.sudo().state, "submitted")
        if method[0] == "school.attendance.justification":
            justification = self._justification()
            getattr(justification.with_env(env), method[1])()
            expected = "accepted" if method[1] == "action_accept" else "rejected"
            return lambda: self.assertEqual(justification.state, expected)
        if method == ("school.attendance.citation", "action_schedule"):
            citation = self._citation()
            citation.with_env(env).action_schedule(DT(2026, 3, 25, 18, 30))
            return lambda: self.assertEqual(citation.state, "scheduled")
        if method[0] == "school.attendance.citation":
            citation = self._citation("scheduled")
            getattr(citation.with_env(env), method[1])()
            expected = "attended" if method[1] == "action_attended" else "missed"
            return lambda: self.assertEqual(citation.state, expected)
        if method == ("school.attendance.arrival", "create"):
            arrival = env["school.attendance.arrival"].create(
                {
                    "student_id": self.student.id,
                    "company_id": self.school.id,
                    "kind": "start_late",
                    "datetime": DT(2026, 3, 2, 11, 20),
                    "minutes_late": 5,
                }
            )
            return lambda: self.assertEqual(arrival.sudo().sequence_in_year, 1)
        if method == ("school.attendance.month", "create"):
            env["school.attendance.month"].create(
                {"month": D(2026, 11, 1), "company_id": self.school.id}
            )
            return lambda: self.assertTrue(
                self.env["school.attendance.month"].search([("month", "=", D(2026, 11, 1))])
            )
        if method == ("school.attendance.register", "register_data"):
            self._block(marks=[{"student_id": self.student.id, "code": "absent"}])
            data = env["school.attendance.register"].register_data(self.batch.ids, "2026-03-01")
            return lambda: self.assertEqual(
                [row["student"].id for row in data[0]["rows"]], self.student.ids
            )
        if method == ("school.attendance.line", "attendance_rates"):
            rates = env["school.attendance.line"].attendance_rates(
                self.student.ids, "2026-03-02", "2026-03-02"
            )
            return lambda: self.assertEqual(rates[self.student.id]["days"], 1)
        raise AssertionError("no call for %s" % (method,))

    def test_every_action_as_every_role(self):
        self.assertEqual(
            {(model, method) for model, method, _roles in ATTENDANCE_ACTIONS},
            {
                (model, method)
                for model, method, _roles in ATTENDANCE_ACTIONS
                if model in self.env and hasattr(self.env[model], method)
            },
        )
        for model, method, allowed in ATTENDANCE_ACTIONS:
            for role in ROLES:
                user = self.role_users[role]
                with self.subTest(model=model, method=method, role=role):
                    with self.env.cr.savepoint() as savepoint:
                        if role in allowed:
                            check = self._call((model, method), user)
                            self.env.flush_all()
                            check()
                        else:
                            with self.assertRaises(AccessError):
                                self._call((model, method), user)
                        savepoint.rollback()
                    self.env.invalidate_all()
                    self.env.registry.clear_cache()

    # ------------------------------------------- regression: escalations --
    def test_teacher_cannot_unsign_a_block(self):
        session = self._block(sign=True)
        teacher_session = session.with_user(self.users["t_teacher"])
        for vals in (
            {"state": "draft"},
            {"signed_by_id": False},
            {"signed_at": False},
            {"block": 7},
        ):
            with self.assertRaises(AccessError):
                teacher_session.write(vals)
        # Even a field that is not protected: a signed block is final.
        with self.assertRaises(UserError):
            self.session_model.with_user(self.users["t_inspector"]).browse(session.id).write(
                {"line_ids": [Command.update(session.line_ids.id, {"late_minutes": 3})]}
            )
        self.assertEqual(session.state, "signed")
        self.assertEqual(session.block, self.block_number)

    def test_teacher_cannot_create_a_signed_block(self):
        with self.assertRaises(AccessError):
            self.session_model.with_user(self.users["t_teacher"]).create(
                {
                    "batch_id": self.batch.id,
                    "date": self.monday,
                    "block": 8,
                    "state": "signed",
                    "signed_by_id": self.users["t_director"].id,
                }
            )

    def test_context_key_no_longer_unlocks_a_signed_mark(self):
        session = self._block(sign=True)
        line = session.line_ids.with_user(self.users["t_teacher"])
        for key in ("school_attendance_correction", "school_attendance_justification"):
            with self.assertRaises(UserError):
                line.with_context(**{key: True}).write({"code_id": self.absent.id})
        self.assertEqual(session.line_ids.code_id.code, "present")

    def test_mark_cannot_move_to_another_block(self):
        draft = self._block()
        other = self._block()
        line = draft.line_ids.with_user(self.users["t_teacher"])
        with self.assertRaises(UserError):
            line.write({"session_id": other.id})
        with self.assertRaises(UserError):
            line.write({"original_code_id": self.absent.id})
        with self.assertRaises(AccessError):
            self.env["school.attendance.line"].with_user(self.users["t_teacher"]).create(
                {
                    "session_id": other.id,
                    "student_id": self.student.id,
                    "code_id": self.absent.id,
                    "original_code_id": self.absent.id,
                    "batch_id": self.batch.id,
                    "date": self.monday,
                    "block": other.block,
                    "company_id": self.school.id,
                }
            )
        self.assertEqual(line.session_id, draft)
        # A mark's copies of its block are its block's, whatever is sent.
        new = draft.line_ids.filtered(lambda ln: ln.student_id == self.student)
        new.unlink()
        created = (
            self.env["school.attendance.line"]
            .with_user(self.users["t_teacher"])
            .create(
                {
                    "session_id": draft.id,
                    "student_id": self.student.id,
                    "code_id": self.absent.id,
                    "batch_id": self.batch.id,
                    "date": D(2026, 3, 9),
                    "block": 99,
                    "company_id": self.school.id,
                }
            )
        )
        self.assertEqual((created.date, created.block), (self.monday, draft.block))

    def test_guardian_cannot_present_an_accepted_justification(self):
        justifications = self.env["school.attendance.justification"].with_user(self.guardian_user)
        for vals in (
            {"state": "accepted"},
            {"decided_by_id": self.users["t_inspector"].id},
            {"submitted_by_id": self.users["t_inspector"].id},
            {"decision_note": "Aceptada"},
        ):
            with self.assertRaises(AccessError):
                justifications.create(
                    {
                        "student_id": self.student.id,
                        "date_from": self.monday,
                        "date_to": self.monday,
                        "reason": "family",
                        **vals,
                    }
                )
        # Secretaría neither, nor by writing.
        justification = self._justification()
        with self.assertRaises(AccessError):
            justification.with_user(self.users["t_secretary"]).write({"state": "accepted"})
        self.assertEqual(justification.state, "submitted")
        # Once decided, what it justifies is fixed.
        justification.with_user(self.users["t_inspector"]).action_reject()
        with self.assertRaises(UserError):
            justification.with_user(self.users["t_inspector"]).write({"date_to": D(2026, 3, 31)})

    def test_teacher_cannot_create_an_approved_correction(self):
        line = self._block(sign=True).line_ids
        corrections = self.env["school.attendance.correction"].with_user(self.users["t_teacher"])
        for vals in (
            {"state": "approved"},
            {"decided_by_id": self.users["t_director"].id},
            {"requested_by_id": self.users["t_director"].id},
            {"old_code_id": self.absent.id},
        ):
            with self.assertRaises(AccessError):
                corrections.create(
                    {"line_id": line.id, "new_code_id": self.absent.id, "reason": "x", **vals}
                )
        # A teacher of another course cannot ask for one.
        with self.assertRaises(AccessError):
            self.env["school.attendance.correction"].with_user(self.users["t_teacher2"]).create(
                {"line_id": line.id, "new_code_id": self.absent.id, "reason": "x"}
            )
        # An approver (not the Director) cannot write the decision either:
        # only action_approve() does.
        correction = self._correction()
        with self.assertRaises(AccessError):
            correction.with_user(self.approver).write({"state": "approved"})
        correction.with_user(self.approver).action_approve()
        with self.assertRaises(UserError):
            correction.with_user(self.approver).write({"new_code_id": self.absent.id})
        self.assertEqual(correction.line_id.code_id, self.absent)
        # Inspectoría is not the Director.
        with self.assertRaises(AccessError):
            self._correction().with_user(self.users["t_inspector"]).action_approve()

    def test_citation_and_arrival_fields(self):
        citation = self._citation()
        inspector = self.users["t_inspector"]
        with self.assertRaises(AccessError):
            citation.with_user(inspector).write({"state": "attended"})
        with self.assertRaises(AccessError):
            self.env["school.attendance.citation"].with_user(inspector).create(
                {
                    "student_id": self.student.id,
                    "company_id": self.school.id,
                    "state": "attended",
                }
            )
        # Secretaría may read and write citations, not Inspectoría's records.
        for vals in ({"commitment_signed": True}, {"scheduled_at": DT(2026, 3, 25, 18, 30)}):
            with self.assertRaises(AccessError):
                citation.with_user(self.users["t_secretary"]).write(vals)
        citation.with_user(inspector).write({"commitment_signed": True})
        self.assertTrue(citation.commitment_signed)
        # Attended only once scheduled.
        with self.assertRaises(UserError):
            citation.with_user(inspector).action_attended()
        with self.assertRaises(UserError):
            citation.with_user(inspector).action_schedule("not a date")
        arrivals = self.env["school.attendance.arrival"]
        for vals in ({"sequence_in_year": 6}, {"authorized_adult": True}):
            with self.assertRaises(AccessError):
                arrivals.with_user(inspector).create(
                    {
                        "student_id": self.student.id,
                        "company_id": self.school.id,
                        "kind": "withdrawal",
                        "companion": "Vecina",
                        **vals,
                    }
                )
        # Only the Inspectoría General authorises another adult.
        with self.assertRaises(AccessError):
            arrivals.with_user(self.users["t_secretary"]).create(
                {
                    "student_id": self.student.id,
                    "company_id": self.school.id,
                    "kind": "withdrawal",
                    "companion": "Vecina",
                    "inspector_authorized": True,
                }
            )
        late = arrivals.with_user(self.users["t_secretary"]).create(
            {"student_id": self.student.id, "company_id": self.school.id, "minutes_late": 3}
        )
        with self.assertRaises(AccessError):
            late.write({"sequence_in_year": 9})
        self.assertEqual(late.sequence_in_year, 1)

    def test_closed_month_cannot_be_rewritten(self):
        month = (
            self.env["school.attendance.month"]
            .with_user(self.users["t_director"])
            .create({"month": D(2026, 3, 5), "company_id": self.school.id})
        )
        self.assertEqual(month.month, D(2026, 3, 1))
        self.assertEqual(month.closed_by_id, self.users["t_director"])
        with self.assertRaises(AccessError):
            self.env["school.attendance.month"].with_user(self.users["t_director"]).create(
                {
                    "month": D(2026, 4, 1),
                    "company_id": self.school.id,
                    "closed_by_id": self.users["t_teacher"].id,
                }
            )
        with self.assertRaises(AccessError):
            month.with_user(self.users["t_director"]).write({"month": D(2026, 5, 1)})
        with self.assertRaises(AccessError):
            self.env["school.attendance.month"].with_user(self.users["t_inspector"]).create(
                {"month": D(2026, 4, 1), "company_id": self.school.id}
            )

    def test_lateness_counted_whatever_the_caller_sees(self):
        # An earlier lateness of the student, registered in another school
        # (a transfer) that this inspector does not work for: the numbering
        # counts it all the same (counted under sudo, after the check).
        self.env["school.attendance.arrival"].create(
            {
                "student_id": self.student.id,
                "company_id": self.other_school.id,
                "kind": "start_late",
                "datetime": DT(2026, 3, 2, 11, 20),
                "minutes_late": 5,
            }
        )
        arrivals = self.env["school.attendance.arrival"].with_user(self.users["t_inspector"])
        self.assertFalse(arrivals.search([("student_id", "=", self.student.id)]))
        second = arrivals.create(
            {
                "student_id": self.student.id,
                "company_id": self.school.id,
                "kind": "start_late",
                "datetime": DT(2026, 3, 3, 11, 20),
                "minutes_late": 5,
            }
        )
        self.assertEqual(second.sequence_in_year, 2)

    def test_rates_and_register_only_for_whom_the_caller_may_read(self):
        self._block(marks=[{"student_id": self.student.id, "code": "absent"}])
        with self.assertRaises(AccessError):
            self.env["school.attendance.line"].with_user(self.other_guardian_user).attendance_rates(
                self.student.ids, self.monday, self.monday
            )
        with self.assertRaises(AccessError):
            self.env["school.attendance.line"].with_user(self.guardian_user).attendance_rates(
                (self.student | self.other_student).ids, self.monday, self.monday
            )
        for ids in (["x"], [2**40]):
            with self.assertRaises(UserError):
                self.env["school.attendance.line"].with_user(self.guardian_user).attendance_rates(
                    ids, self.monday, self.monday
                )
        with self.assertRaises(AccessError):
            self.env["school.attendance.register"].with_user(self.users["t_teacher"]).register_data(
                self.other_batch.ids, self.monday
            )
        with self.assertRaises(UserError):
            self.env["school.attendance.register"].with_user(self.users["t_teacher"]).register_data(
                self.batch.ids, "2026-13-45"
            )

    def test_only_inspectoria_deletes_draft_blocks(self):
        session = self._block()
        for login in ("t_teacher", "t_secretary"):
            with self.assertRaises(AccessError):
                session.line_ids.with_user(self.users[login]).unlink()
            with self.assertRaises(AccessError):
                session.with_user(self.users[login]).unlink()
        session.line_ids.with_user(self.users["t_inspector"]).unlink()
        session.with_user(self.users["t_inspector"]).unlink()
        self.assertFalse(session.exists())

    def test_nightly_figures_are_not_typed(self):
        secretary = self.users["t_secretary"]
        enrolment = self.student.course_detail_ids
        with self.assertRaises(AccessError):
            self.student.with_user(secretary).write({"school_attendance_rate": 100.0})
        with self.assertRaises(AccessError):
            enrolment.with_user(secretary).write(
                {"school_attendance_present": 40, "school_attendance_band": "excellent"}
            )
        # What the secretary keeps is still theirs to write.
        enrolment.with_user(secretary).write({"school_withdrawal_date": D(2026, 6, 30)})
        self.assertEqual(enrolment.school_withdrawal_date, D(2026, 6, 30))
        self.assertFalse(self.student.school_attendance_rate)

    def test_save_block_malformed_arguments(self):
        teacher = self.session_model.with_user(self.users["t_teacher"])
        for args in (
            ("x", self.monday, 1, []),
            (self.batch.id, "2026-13-45", 1, []),
            (self.batch.id, self.monday, "x", []),
            (self.batch.id, self.monday, 1, "absent"),
            (self.batch.id, self.monday, 1, [{"student_id": "abc", "code": "absent"}]),
            (self.batch.id, self.monday, 1, [{"student_id": self.student.id, "code": ["late"]}]),
            (
                self.batch.id,
                self.monday,
                1,
                [{"student_id": self.student.id, "code": "late", "late_minutes": "x"}],
            ),
            (999999999, self.monday, 1, []),
            (2**40, self.monday, 1, []),
            (self.batch.id, self.monday, 1, [{"student_id": 2**40, "code": "absent"}]),
        ):
            with self.subTest(args=args), self.assertRaises(UserError):
                teacher.save_block(*args)
        self.assertFalse(self.session_model.search([("batch_id", "=", self.batch.id)]))


@tagged("post_install", "-at_install")
class TestAttendanceRoutes(HttpCase, AttendanceCase):
    """Malformed ids, dates and numbers in URLs and forms: 404/400 with a
    message, never a 500."""

    def _get(self, url):
        response = self.url_open(url)
        self.assertNotIn("Traceback", response.text)
        return response

    def test_malformed_urls(self):
        self.authenticate("t_teacher", "t_teacher")
        for url, status in (
            ("/my/attendance/block/abc", 404),
            ("/my/attendance/abc/2026-03-04/1", 404),
            ("/my/attendance/%s/2026-03-04/x" % self.batch.id, 404),
            ("/my/attendance/%s/2026-03-04/-1" % self.batch.id, 404),
            ("/my/attendance/999999999/2026-03-04/1", 404),
            ("/my/attendance/99999999999/2026-03-04/1", 404),
            ("/my/attendance/%s/2026-03-04/99999999999" % self.batch.id, 404),
            ("/my/attendance/%s/2026-03-04/1" % self.other_batch.id, 404),
            ("/my/attendance/%s/2026-03-04/1" % self.batch.id, 200),
        ):
            with self.subTest(url=url):
                self.assertEqual(self._get(url).status_code, status)
        page = self._get("/my/attendance/%s/2026-13-45/1" % self.batch.id)
        self.assertEqual(page.status_code, 404)
        self.assertIn("no existe", page.text)  # es_CL portal
        page = self._get("/my/attendance/%s/2026-03-04/99" % self.batch.id)
        self.assertEqual(page.status_code, 404)
        self.assertIn("el bloque 99", page.text)
        page = self._get("/my/attendance?date=2026-13-45")
        self.assertEqual(page.status_code, 400)
        self.assertIn("2026-13-45", page.text)

    def test_malformed_block_form(self):
        self.authenticate("t_teacher", "t_teacher")
        url = "/my/attendance/%s/2026-03-04/1" % self.batch.id
        for data in (
            {"mark_abc": "absent"},
            {"mark_99999999999": "absent"},
            {"mark_%s" % self.student.id: "late", "late_%s" % self.student.id: "x"},
        ):
            with self.subTest(data=data):
                response = self.url_open(
                    url, data=dict(data, csrf_token=http.Request.csrf_token(self))
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn("No se guardó nada", response.text)
        response = self.url_open(
            url,
            data={
                "mark_%s" % self.student.id: "nope",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Código de asistencia desconocido", response.text)
        self.assertFalse(self.session_model.search([("batch_id", "=", self.batch.id)]))

    def test_malformed_justification_form(self):
        self.authenticate("t_guardian", "t_guardian")
        for data, message in (
            ({"student_id": "abc", "date_from": "2026-03-04"}, "Elija a uno de sus pupilos"),
            (
                {"student_id": str(self.other_student.id), "date_from": "2026-03-04"},
                "Elija a uno de sus pupilos",
            ),
            ({"student_id": str(self.student.id), "date_from": "2026-13-45"}, "Escriba las fechas"),
            (
                {"student_id": str(self.student.id), "date_from": "2026-03-04", "reason": "x"},
                "Elija uno de los motivos",
            ),
        ):
            with self.subTest(data=data):
                response = self.url_open(
                    "/my/attendance/justify",
                    data=dict(data, csrf_token=http.Request.csrf_token(self)),
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                self.assertNotIn("Traceback", response.text)
        self.assertFalse(
            self.env["school.attendance.justification"].search(
                [("student_id", "in", (self.student | self.other_student).ids)]
            )
        )


@tagged("post_install", "-at_install")
class TestLatenessNumberingRace(TransactionCase):
    """Two lateness registered at the same time for one student: each gets
    its own number. Real concurrent transactions (committed data, cleaned
    up afterwards), as two Inspectoría requests would run."""

    def _new_env(self, cr):
        # The test runner holds the registries' lock: give the cursor its
        # transaction on this registry, as Registry(dbname) would.
        if cr.transaction is None:
            cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _retrying(self, env, vals):
        """What odoo.service.model.retrying does for a request (which needs
        the registries' lock, held by the test runner): on a serialization
        failure, roll back, forget the cache and try again."""
        for _attempt in range(5):
            try:
                arrival = env["school.attendance.arrival"].create(vals)
                env.cr.flush()
                number = arrival.sequence_in_year
                env.cr.commit()
                return number
            except psycopg2.errors.SerializationFailure:
                env.cr.rollback()
                env.transaction.clear()
        raise AssertionError("still failing after five tries")

    def test_two_arrivals_at_once_get_two_numbers(self):
        company = self.env.ref("base.main_company")
        with self.registry.cursor() as cr:
            student = self._new_env(cr)["op.student"].create(
                {
                    "first_name": "Carrera",
                    "last_name": "Test",
                    "name": "Carrera Test",
                    "gender": "f",
                }
            )
            student_id, partner_id = student.id, student.partner_id.id
        vals = {
            "student_id": student_id,
            "company_id": company.id,
            # Start-of-day lateness: numbered like in-class lateness, and the
            # 2nd writes nothing elsewhere (with school_discipline installed
            # the 2nd in-class one writes a hoja de vida entry, append-only,
            # which the cleanup below could not delete).
            "kind": "start_late",
            "datetime": DT(2026, 3, 2, 11, 20),
            "minutes_late": 5,
        }
        b_snapshot, a_locked, a_go = threading.Event(), threading.Event(), threading.Event()
        numbers, errors, b_pid = [], [], []

        def first():
            try:
                with self.registry.cursor() as cr:
                    b_snapshot.wait(10)
                    arrival = self._new_env(cr)["school.attendance.arrival"].create(vals)
                    numbers.append(arrival.sequence_in_year)
                    cr.flush()
                    a_locked.set()
                    a_go.wait(10)
            except Exception as exc:
                errors.append(exc)
                a_locked.set()

        def second():
            try:
                with self.registry.cursor() as cr:
                    env = self._new_env(cr)
                    # This transaction's snapshot predates the first's commit.
                    cr.execute("SELECT pg_backend_pid()")
                    b_pid.append(cr.fetchone()[0])
                    b_snapshot.set()
                    a_locked.wait(10)
                    numbers.append(self._retrying(env, vals))
            except Exception as exc:
                errors.append(exc)

        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        # The second's first try fails on purpose (serialization failure).
        muted = mute_logger("odoo.sql_db")
        muted.__enter__()
        self.addCleanup(muted.__exit__, None, None, None)
        try:
            for thread in threads:
                thread.start()
            a_locked.wait(10)
            # The second waits for the first's lock on the student...
            with self.registry.cursor() as cr:
                for _attempt in range(50):
                    cr.execute(
                        SQL(
                            "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = %s",
                            b_pid[0] if b_pid else 0,
                        )
                    )
                    if cr.fetchone()[0]:
                        break
                    time.sleep(0.1)
                else:
                    self.fail("the second registration did not wait for the first")
            # ... then the first commits.
            a_go.set()
            for thread in threads:
                thread.join(30)
            self.assertFalse(errors)
            self.assertEqual(sorted(numbers), [1, 2])
        finally:
            a_go.set()
            for thread in threads:
                thread.join(30)
            with self.registry.cursor() as cr:
                env = self._new_env(cr)
                arrivals = env["school.attendance.arrival"].search(
                    [("student_id", "=", student_id)]
                )
                arrivals.citation_id.unlink()
                arrivals.unlink()
                env["op.student"].browse(student_id).unlink()
                env["res.partner"].browse(partner_id).unlink()

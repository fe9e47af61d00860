# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AttendanceCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestAttendanceBlock(AttendanceCase):
    def test_everyone_present_but_the_exceptions(self):
        teacher = self.users["t_teacher"]
        session = self.session_model.with_user(teacher).save_block(
            self.batch.id, self.monday, 1, [{"student_id": self.student.id, "code": "absent"}]
        )
        self.assertEqual(session.line_ids.student_id, self.student)
        self.assertEqual(session.line_ids.code_id.code, "absent")
        self.assertEqual(session.state, "draft")
        logs = self.env["school.attendance.log"].search([("session_id", "=", session.id)])
        self.assertEqual(logs.mapped("action"), ["create"])
        self.assertEqual(logs.user_id, teacher)
        # Retry-safe: the same block again writes nothing and logs nothing.
        self.session_model.with_user(teacher).save_block(
            self.batch.id, self.monday, 1, [{"student_id": self.student.id, "code": "absent"}]
        )
        self.assertEqual(
            self.env["school.attendance.log"].search_count([("session_id", "=", session.id)]), 1
        )
        # A change is logged old -> new.
        self.session_model.with_user(teacher).save_block(
            self.batch.id,
            self.monday,
            1,
            [{"student_id": self.student.id, "code": "late", "late_minutes": 10}],
            sign=True,
        )
        last = self.env["school.attendance.log"].search([("session_id", "=", session.id)], limit=1)
        self.assertEqual((last.old_code_id.code, last.new_code_id.code), ("absent", "late"))
        self.assertEqual(last.new_late_minutes, 10)
        self.assertEqual(session.state, "signed")
        self.assertEqual(session.signed_by_id, teacher)

    def test_constant_queries_whatever_the_class_size(self):
        counts = []
        for code, size in (("Q10", 10), ("Q45", 45)):
            batch = self._make_batch(code, size, teacher=self.teacher)
            students = batch._school_students_on(self.monday)
            self.assertEqual(len(students), size)
            marks = [
                {"student_id": students[0].id, "code": "absent"},
                {"student_id": students[1].id, "code": "late", "late_minutes": 5},
            ]
            teacher_model = self.session_model.with_user(self.users["t_teacher"])
            # Blocks 1 and 2 warm the caches (rules, groups, codes); block 3
            # is measured, from an empty record cache.
            for block in (1, 2, 3):
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                teacher_model.save_block(batch.id, self.monday, block, marks, sign=True)
                self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], "queries for 10 vs 45 students: %s" % counts)
        # One statement saves the block (enrolments, block, marks, log); the
        # others fill the empty record cache (course, user, school calendar).
        self.assertLessEqual(counts[1], 7, "queries to save a block: %s" % counts)

    def test_first_save_logs_every_mark(self):
        teacher = self.users["t_teacher"]
        batch = self._make_batch("LOG3", 3, teacher=self.teacher)
        # Marks are written in student order (the log's too).
        students = batch._school_students_on(self.monday).sorted("id")
        session = self.session_model.with_user(teacher).save_block(
            batch.id,
            self.monday,
            1,
            [{"student_id": students[1].id, "code": "late", "late_minutes": 4}],
            sign=True,
        )
        self.assertEqual(session.state, "signed")
        self.assertEqual(session.signed_by_id, teacher)
        self.assertEqual(session.create_uid, teacher)
        self.assertEqual(session.company_id, self.school)
        codes = {
            line.student_id: (line.code_id.code, line.late_minutes) for line in session.line_ids
        }
        self.assertEqual(
            codes,
            {students[0]: ("present", 0), students[1]: ("late", 4), students[2]: ("present", 0)},
        )
        self.assertTrue(all(line.batch_id == batch for line in session.line_ids))
        log = self.env["school.attendance.log"].search([("session_id", "=", session.id)])
        self.assertEqual((log.action, log.user_id, log.change_count), ("create", teacher, 3))
        self.assertFalse(log.line_id)  # several marks: only in the details
        present = self.env.ref("school_attendance_cl.school_attendance_code_present")
        late = self.env.ref("school_attendance_cl.school_attendance_code_late")
        lines = {line.student_id: line for line in session.line_ids}
        self.assertEqual(
            log.changes,
            [
                [lines[student].id, student.id, False, code.id, 0, minutes]
                for student, code, minutes in (
                    (students[0], present, 0),
                    (students[1], late, 4),
                    (students[2], present, 0),
                )
            ],
        )
        # A block of one student: the mark is in the plain fields too.
        single = self._make_batch("LOG1", 1, teacher=self.teacher)
        student = single._school_students_on(self.monday)
        session = self.session_model.with_user(teacher).save_block(
            single.id,
            self.monday,
            1,
            [{"student_id": student.id, "code": "absent"}],
            reason="Lista tomada en papel",
        )
        log = self.env["school.attendance.log"].search([("session_id", "=", session.id)])
        self.assertEqual(log.line_id, session.line_ids)
        self.assertEqual(log.student_id, student)
        self.assertEqual((log.old_code_id.code, log.new_code_id.code), (False, "absent"))
        self.assertEqual(log.reason, "Lista tomada en papel")
        self.assertEqual(session.state, "draft")

    def test_unknown_student_writes_nothing(self):
        # Outside assertRaises (which rolls back to a savepoint): the refused
        # block must not have written anything before the error.
        try:
            self.session_model.with_user(self.users["t_inspector"]).save_block(
                self.batch.id,
                self.monday,
                5,
                [
                    {"student_id": self.student.id, "code": "absent"},
                    {"student_id": self.other_student.id, "code": "absent"},
                ],
            )
        except UserError as err:
            self.assertIn(str(self.other_student.id), str(err))
        else:
            self.fail("a student of another course was accepted")
        self.assertFalse(self.session_model.search([("batch_id", "=", self.batch.id)]))
        self.assertFalse(
            self.env["school.attendance.line"].search([("student_id", "=", self.student.id)])
        )

    def test_new_non_academic_day_refused(self):
        wednesday = D(2026, 3, 4)
        self.session_model.save_block(self.batch.id, self.monday, 1, [])
        self.env["school.calendar.day"].create(
            {"name": "Jornada de reflexión", "date": wednesday, "company_id": self.school.id}
        )
        with self.assertRaises(UserError) as err:
            self.session_model.save_block(self.batch.id, wednesday, 1, [])
        self.assertIn("04/03/2026", str(err.exception))

    def test_teacher_only_own_courses(self):
        with self.assertRaises(AccessError):
            self.session_model.with_user(self.users["t_teacher"]).save_block(
                self.other_batch.id, self.monday, 1, []
            )
        # Inspectoría registers any course.
        session = self.session_model.with_user(self.users["t_inspector"]).save_block(
            self.other_batch.id, self.monday, 1, []
        )
        self.assertEqual(session.line_ids.student_id, self.other_student)
        with self.assertRaises(AccessError):
            session.line_ids.with_user(self.users["t_teacher"]).read(["code_id"])

    def test_signed_block_needs_an_approved_correction(self):
        session = self.session_model.with_user(self.users["t_teacher"]).save_block(
            self.batch.id, self.monday, 2, [], sign=True
        )
        line = session.line_ids
        with self.assertRaises(UserError):
            line.with_user(self.users["t_teacher"]).write(
                {"code_id": self.env.ref("school_attendance_cl.school_attendance_code_absent").id}
            )
        with self.assertRaises(UserError):
            self.session_model.with_user(self.users["t_teacher"]).save_block(
                self.batch.id, self.monday, 2, [{"student_id": self.student.id, "code": "absent"}]
            )
        with self.assertRaises(UserError):
            session.unlink()
        absent = self.env.ref("school_attendance_cl.school_attendance_code_absent")
        correction = (
            self.env["school.attendance.correction"]
            .with_user(self.users["t_teacher"])
            .create({"line_id": line.id, "new_code_id": absent.id, "reason": "Salió a las 8:10"})
        )
        self.assertEqual(correction.old_code_id.code, "present")
        with self.assertRaises(AccessError):
            correction.with_user(self.users["t_teacher"]).action_approve()
        # One pending request per mark: a second one is refused.
        with self.assertRaises(UserError):
            self.env["school.attendance.correction"].create(
                {"line_id": line.id, "new_code_id": absent.id, "reason": "Duplicada"}
            )
        self.assertEqual(line.code_id.code, "present")
        correction.with_user(self.approver).action_approve()
        self.assertEqual(line.code_id, absent)
        self.assertEqual(correction.decided_by_id, self.approver)
        log = self.env["school.attendance.log"].search([("line_id", "=", line.id)], limit=1)
        self.assertEqual(log.reason, "Salió a las 8:10")
        self.assertEqual(log.user_id, self.approver)
        with self.assertRaises(UserError):
            correction.with_user(self.approver).action_approve()
        # Once decided, the mark may be the subject of a new request.
        present = self.env.ref("school_attendance_cl.school_attendance_code_present")
        rejected = self.env["school.attendance.correction"].create(
            {"line_id": line.id, "new_code_id": present.id, "reason": "Otra vez"}
        )
        self.assertEqual(rejected.old_code_id, absent)
        rejected.with_user(self.approver).action_reject()
        self.assertEqual(line.code_id, absent)

    def _block_state(self, session):
        """What a write to the block would change: its write date and
        signature (first moved to the past: a test runs in one transaction,
        whose "now" does not move), its marks and its audit log rows."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE school_attendance_session SET write_date = '2026-03-02 08:00:00', "
            "signed_at = '2026-03-02 08:00:00' WHERE id = %s",
            [session.id],
        )
        self.env.invalidate_all()
        return self._block_now(session)

    def _block_now(self, session):
        self.env.flush_all()
        self.env.invalidate_all()
        return (
            str(session.write_date),
            str(session.signed_at),
            session.signed_by_id,
            sorted((line.id, line.code_id.code, line.late_minutes) for line in session.line_ids),
            self.env["school.attendance.log"].search([("session_id", "=", session.id)]).ids,
        )

    def test_identical_resend_of_a_signed_block_writes_nothing(self):
        # The first save and signature went through but the phone lost the
        # answer: it sends the same block again, signed. A success that
        # writes nothing (no write date moves, no audit row is added).
        teacher = self.users["t_teacher"]
        batch = self._make_batch("RS", 4, teacher=self.teacher)
        students = batch._school_students_on(self.monday)
        marks = [
            {"student_id": students[0].id, "code": "late", "late_minutes": 12},
            {"student_id": students[1].id, "code": "absent"},
        ]
        session = self.session_model.with_user(teacher).save_block(
            batch.id, self.monday, 3, marks, sign=True
        )
        self.assertEqual(session.state, "signed")
        before = self._block_state(session)
        self.assertEqual(before[0], "2026-03-02 08:00:00")
        self.assertEqual(len(before[3]), 4)
        self.assertEqual(len(before[4]), 1)
        again = self.session_model.with_user(teacher).save_block(
            batch.id, self.monday, 3, list(reversed(marks)), sign=True
        )
        self.assertEqual(again, session)
        self.assertEqual(self._block_now(session), before)
        # Also without the signature flag, and with the minutes as text (a
        # form posts text) and an absence given explicit 0 minutes.
        again = self.session_model.with_user(teacher).save_block(
            batch.id,
            self.monday,
            "3",
            [
                {"student_id": str(students[0].id), "code": "late", "late_minutes": "12"},
                {"student_id": students[1].id, "code": "absent", "late_minutes": 0},
            ],
        )
        self.assertEqual(again, session)
        self.assertEqual(self._block_now(session), before)

    def test_different_resend_of_a_signed_block_is_refused(self):
        teacher = self.users["t_teacher"]
        batch = self._make_batch("RD", 3, teacher=self.teacher)
        students = batch._school_students_on(self.monday)
        marks = [{"student_id": students[0].id, "code": "late", "late_minutes": 12}]
        session = self.session_model.with_user(teacher).save_block(
            batch.id, self.monday, 4, marks, sign=True
        )
        before = self._block_state(session)
        for changed in (
            # Other minutes, another code, one exception less, one more.
            [{"student_id": students[0].id, "code": "late", "late_minutes": 13}],
            [{"student_id": students[0].id, "code": "absent"}],
            [],
            [*marks, {"student_id": students[1].id, "code": "absent"}],
        ):
            with self.assertRaisesRegex(UserError, "ask for a correction"):
                self.session_model.with_user(teacher).save_block(
                    batch.id, self.monday, 4, changed, sign=True
                )
            self.assertEqual(self._block_now(session), before)

    def test_audit_log_is_append_only(self):
        session = self.session_model.with_user(self.users["t_teacher"]).save_block(
            self.batch.id, self.monday, 3, []
        )
        log = self.env["school.attendance.log"].search([("session_id", "=", session.id)])
        self.assertTrue(log)
        for login in ("t_teacher", "t_inspector", "t_director"):
            user = self.users[login]
            with self.assertRaises(AccessError):
                log.with_user(user).write({"reason": "x"})
            with self.assertRaises(AccessError):
                log.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["school.attendance.log"].with_user(user).create(
                    {"action": "create", "reason": "forged"}
                )
        self.assertEqual(log.with_user(self.users["t_inspector"]).action, "create")

    def test_month_closed_is_read_only(self):
        session = self.session_model.with_user(self.users["t_teacher"]).save_block(
            self.batch.id, self.monday, 4, [], sign=True
        )
        self.env["school.attendance.month"].with_user(self.users["t_director"]).create(
            {"month": D(2026, 3, 17), "company_id": self.school.id}
        )
        with self.assertRaises(UserError) as err:
            self.session_model.with_user(self.users["t_teacher"]).save_block(
                self.batch.id, D(2026, 3, 3), 1, []
            )
        self.assertIn("03/2026", str(err.exception))
        absent = self.env.ref("school_attendance_cl.school_attendance_code_absent")
        correction = self.env["school.attendance.correction"].create(
            {"line_id": session.line_ids.id, "new_code_id": absent.id, "reason": "Tarde"}
        )
        with self.assertRaises(UserError):
            correction.with_user(self.approver).action_approve()
        with self.assertRaises(UserError):
            self.env["school.attendance.month"].search([]).unlink()
        # April is still open.
        self.session_model.with_user(self.users["t_teacher"]).save_block(
            self.batch.id, D(2026, 4, 1), 1, []
        )

    def test_holiday_and_unknown_students_refused(self):
        with self.assertRaises(UserError) as err:
            # Good Friday 2026.
            self.session_model.save_block(self.batch.id, D(2026, 4, 3), 1, [])
        self.assertIn("03/04/2026", str(err.exception))
        with self.assertRaises(UserError):
            self.session_model.save_block(
                self.batch.id,
                self.monday,
                1,
                [{"student_id": self.other_student.id, "code": "absent"}],
            )
        with self.assertRaises(UserError):
            self.session_model.save_block(
                self.batch.id, self.monday, 1, [{"student_id": self.student.id, "code": "nope"}]
            )
        self.assertFalse(self.session_model.search([("batch_id", "=", self.batch.id)]))

    def test_rates_school_days_enrolment_and_withdrawal(self):
        late_comer, leaver = (
            self.env["op.student"]
            .with_company(self.school)
            .create(
                [
                    {
                        "first_name": first,
                        "last_name": last,
                        "name": "%s %s" % (first, last),
                        "gender": "f",
                        "course_detail_ids": [
                            Command.create(
                                {
                                    "course_id": self.course.id,
                                    "batch_id": self.batch.id,
                                    "roll_number": roll,
                                    **dates,
                                }
                            )
                        ],
                    }
                    for first, last, roll, dates in (
                        ("Lía", "Nueva", "2", {"school_enrolment_date": D(2026, 3, 16)}),
                        ("Leo", "Sale", "3", {"school_withdrawal_date": D(2026, 3, 25)}),
                    )
                ]
            )
        )
        days = (
            self.env["school.calendar"]
            .with_company(self.school)
            .school_days(D(2026, 3, 1), D(2026, 3, 31))
        )
        self.assertEqual(len(days), 22)
        for day in days:
            present_list = self.batch._school_students_on(day)
            self.assertEqual(late_comer in present_list, day >= D(2026, 3, 16))
            self.assertEqual(leaver in present_list, day <= D(2026, 3, 25))
            marks = []
            if day in (D(2026, 3, 10), D(2026, 3, 20)):
                marks.append({"student_id": self.student.id, "code": "absent"})
            if day == D(2026, 3, 20):
                marks.append({"student_id": late_comer.id, "code": "absent"})
            self.session_model.save_block(self.batch.id, day, 2, marks)
            # Block 1 marks do not count for the daily attendance.
            self.session_model.save_block(
                self.batch.id, day, 1, [{"student_id": self.student.id, "code": "absent"}]
            )
        rates = self.env["school.attendance.line"].attendance_rates(
            (self.student | late_comer | leaver).ids, D(2026, 3, 1), D(2026, 3, 31)
        )
        self.assertEqual(rates[self.student.id], {"present": 20, "days": 22, "rate": 90.9})
        self.assertEqual(rates[late_comer.id], {"present": 11, "days": 12, "rate": 91.7})
        self.assertEqual(rates[leaver.id]["days"], 18)
        self.assertEqual(rates[leaver.id]["rate"], 100.0)

    def test_guardian_reads_only_own_child_marks(self):
        self.session_model.save_block(self.batch.id, self.monday, 1, [])
        self.session_model.save_block(self.other_batch.id, self.monday, 1, [])
        lines = self.env["school.attendance.line"].with_user(self.guardian_user).search([])
        self.assertEqual(lines.student_id, self.student)
        with self.assertRaises(AccessError):
            lines.with_user(self.guardian_user).write({"late_minutes": 3})

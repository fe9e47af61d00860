# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import re

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import AttendanceCase


@tagged("post_install", "-at_install")
class TestAttendancePortal(HttpCase, AttendanceCase):
    def test_teacher_takes_and_signs_a_block(self):
        self.start_tour(
            "/my/attendance?date=2026-03-04", "school_attendance_teacher_block", login="t_teacher"
        )
        session = self.env["school.attendance.session"].search(
            [("batch_id", "=", self.batch.id), ("date", "=", "2026-03-04"), ("block", "=", 1)]
        )
        self.assertEqual(session.state, "signed")
        self.assertEqual(session.signed_by_id, self.users["t_teacher"])
        self.assertEqual(session.line_ids.code_id.code, "absent")

    def test_teacher_saves_a_block_offline(self):
        self.start_tour(
            "/my/attendance?date=2026-03-04", "school_attendance_teacher_offline", login="t_teacher"
        )
        session = self.env["school.attendance.session"].search(
            [("batch_id", "=", self.batch.id), ("date", "=", "2026-03-04"), ("block", "=", 2)]
        )
        self.assertEqual(len(session), 1)
        self.assertEqual(session.state, "draft")
        absent = session.line_ids.filtered(lambda line: line.code_id.code == "absent")
        self.assertEqual(absent.student_id, self.student)

    def test_offline_save_of_a_block_signed_meanwhile_is_refused(self):
        self.start_tour(
            "/my/attendance?date=2026-03-04",
            "school_attendance_teacher_offline_refused",
            login="t_teacher",
        )
        session = self.env["school.attendance.session"].search(
            [("batch_id", "=", self.batch.id), ("date", "=", "2026-03-04"), ("block", "=", 3)]
        )
        self.assertEqual(session.state, "signed")
        self.assertEqual(set(session.line_ids.mapped("code_id.code")), {"present"})

    def test_offline_save_of_a_block_changed_meanwhile_is_dropped(self):
        self.start_tour(
            "/my/attendance?date=2026-03-04",
            "school_attendance_teacher_offline_stale",
            login="t_teacher",
        )
        session = self.env["school.attendance.session"].search(
            [("batch_id", "=", self.batch.id), ("date", "=", "2026-03-04"), ("block", "=", 4)]
        )
        # The newer save (late, from the other device) won over the phone's
        # older one (absent).
        line = session.line_ids.filtered(lambda line: line.student_id == self.student)
        self.assertEqual(line.code_id.code, "late")
        self.assertEqual(line.late_minutes, 7)

    def test_lost_answer_is_sent_again_and_succeeds(self):
        """The answer of a save and sign is lost: the phone retries in the
        background and the identical re-send of the signed block succeeds
        without writing anything."""
        self.start_tour(
            "/my/attendance?date=2026-03-04", "school_attendance_teacher_retry", login="t_teacher"
        )
        session = self.env["school.attendance.session"].search(
            [("batch_id", "=", self.batch.id), ("date", "=", "2026-03-04"), ("block", "=", 7)]
        )
        self.assertEqual(session.state, "signed")
        self.assertEqual(self._ana(7).code_id.code, "absent")
        # The re-send wrote nothing: the audit log has the first save only.
        logs = self.env["school.attendance.log"].search([("session_id", "=", session.id)])
        self.assertEqual(logs.mapped("action"), ["create"])

    def test_backend_logout_forgets_the_blocks_kept_on_the_phone(self):
        """The backend's logout is a user-menu item, not the portal's link:
        the page after it (the login page) forgets the kept blocks."""
        self.start_tour(
            "/my/attendance?date=2026-03-04",
            "school_attendance_teacher_backend_logout",
            login="t_teacher",
        )

    def test_logout_forgets_the_blocks_kept_on_the_phone(self):
        self.start_tour(
            "/my/attendance?date=2026-03-04", "school_attendance_teacher_logout", login="t_teacher"
        )
        self.assertFalse(
            self.env["school.attendance.session"].search(
                [
                    ("batch_id", "=", self.batch.id),
                    ("date", "=", "2026-03-04"),
                    ("block", "in", [5, 6]),
                ]
            )
        )

    def _post_block(self, block, data):
        return self.url_open(
            "/my/attendance/%s/2026-03-04/%s" % (self.batch.id, block),
            data=dict(data, csrf_token=http.Request.csrf_token(self)),
            allow_redirects=False,
        )

    def _block_version(self, block):
        page = self.url_open("/my/attendance/%s/2026-03-04/%s" % (self.batch.id, block)).text
        return re.search(r'data-version="([^"]+)"', page).group(1)

    def _ana(self, block):
        session = self.env["school.attendance.session"].search(
            [("batch_id", "=", self.batch.id), ("date", "=", "2026-03-04"), ("block", "=", block)]
        )
        return session.line_ids.filtered(lambda line: line.student_id == self.student)

    def test_replayed_save_with_an_old_version_is_refused(self):
        self.authenticate("t_teacher", "t_teacher")
        mark = "mark_%s" % self.student.id
        # The phone opened the block before its first save...
        version = self._block_version(7)
        self.assertEqual(version, "new")
        # ... another device saved it (Ana late) ...
        self.assertEqual(
            self._post_block(7, {mark: "late", "late_%s" % self.student.id: "5"}).status_code,
            303,
        )
        # ... and the phone replays its save made on the old page (Ana absent).
        page = self._post_block(7, {mark: "absent", "version": version})
        self.assertEqual(page.status_code, 409)
        self.assertIn("modificado en otro dispositivo", page.text)  # es_CL portal
        self.assertEqual(self._ana(7).code_id.code, "late")
        self.assertEqual(self._ana(7).late_minutes, 5)
        # Made on the page of the current version, the save is written.
        version = self._block_version(7)
        self.assertNotEqual(version, "new")
        page = self._post_block(7, {mark: "absent", "version": version})
        self.assertEqual(page.status_code, 303)
        self.assertEqual(self._ana(7).code_id.code, "absent")
        # A newer change elsewhere makes that version old in turn.
        self.assertEqual(self._post_block(7, {}).status_code, 303)
        page = self._post_block(7, {mark: "late", "version": version})
        self.assertEqual(page.status_code, 409)
        self.assertEqual(self._ana(7).code_id.code, "present")
        # A save posted at once (no version) behaves as before.
        self.assertEqual(self._post_block(7, {mark: "absent"}).status_code, 303)
        self.assertEqual(self._ana(7).code_id.code, "absent")

    def test_replayed_save_already_written_is_not_a_conflict(self):
        # The phone's save reached the school but its answer was lost: sent
        # again with the old version, it finds its own marks and succeeds.
        self.authenticate("t_teacher", "t_teacher")
        mark = "mark_%s" % self.student.id
        version = self._block_version(8)
        self.assertEqual(self._post_block(8, {mark: "absent"}).status_code, 303)
        page = self._post_block(8, {mark: "absent", "version": version, "sign": "1"})
        self.assertEqual(page.status_code, 303)
        self.assertEqual(self._ana(8).code_id.code, "absent")
        self.assertEqual(self._ana(8).session_id.state, "signed")

    def test_identical_resend_of_a_signed_block_succeeds(self):
        # Save and sign; the answer is lost and the phone sends it all again:
        # through the portal form and through JSON-RPC the same block is a
        # success that writes nothing; other marks are refused.
        self.authenticate("t_teacher", "t_teacher")
        mark, late = "mark_%s" % self.student.id, "late_%s" % self.student.id
        block = {mark: "late", late: "9", "sign": "1"}
        self.assertEqual(self._post_block(6, block).status_code, 303)
        session = self._ana(6).session_id
        self.assertEqual(session.state, "signed")
        logs = self.env["school.attendance.log"].search([("session_id", "=", session.id)])
        self.assertEqual(len(logs), 1)
        page = self._post_block(6, block)
        self.assertEqual(page.status_code, 303)
        self.assertIn("saved=1", page.headers["Location"])
        # The phone's replay carries the version of the page it was made on.
        page = self._post_block(6, dict(block, version="new"))
        self.assertEqual(page.status_code, 303)
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw/school.attendance.session/save_block",
            {
                "model": "school.attendance.session",
                "method": "save_block",
                "args": [
                    self.batch.id,
                    "2026-03-04",
                    6,
                    [{"student_id": self.student.id, "code": "late", "late_minutes": 9}],
                ],
                "kwargs": {"sign": True},
            },
        )
        # (call_kw answers with the record's representation)
        self.assertEqual(result, "school.attendance.session(%s,)" % session.id)
        self.assertEqual(
            self.env["school.attendance.log"].search([("session_id", "=", session.id)]), logs
        )
        # Different marks: the block's page says a correction is needed.
        page = self._post_block(6, {mark: "late", late: "10", "sign": "1"})
        self.assertEqual(page.status_code, 200)
        self.assertIn("solicite una corrección", page.text)  # es_CL portal
        self.assertEqual(self._ana(6).late_minutes, 9)

    def test_guardian_justifies_an_absence(self):
        # An absence on a recent school day (the page lists the last 60 days).
        calendar = self.env["school.calendar"].with_company(self.school)
        day = calendar.add_school_days(datetime.date.today() - datetime.timedelta(days=10), 1)
        self.env["school.attendance.session"].save_block(
            self.batch.id, day, 2, [{"student_id": self.student.id, "code": "absent"}]
        )
        self.start_tour(
            "/my/attendance/justify", "school_attendance_guardian_justify", login="t_guardian"
        )
        justification = self.env["school.attendance.justification"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertEqual(justification.reason, "family")
        self.assertEqual(justification.submitted_by_id, self.guardian_user)
        self.assertEqual(justification.state, "submitted")

    def test_other_course_not_found(self):
        self.authenticate("t_teacher", "t_teacher")
        page = self.url_open("/my/attendance/%s/2026-03-04/1" % self.other_batch.id)
        self.assertEqual(page.status_code, 404)

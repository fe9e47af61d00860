# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
import datetime
from unittest.mock import patch

from odoo.tests import tagged

from .common import AttendanceCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestAttendanceWritePath(AttendanceCase):
    """Every write of marks goes one way and ends in one call of
    school.attendance.line._school_marks_changed (the extension point of the
    SIGE connector), after the register rows are up to date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.batch_w = cls._make_batch("HOOK", 3, teacher=cls.teacher)
        cls.days = (
            cls.env["school.calendar"]
            .with_company(cls.school)
            .school_days(D(2026, 4, 1), D(2026, 4, 30))
        )
        cls.ana, cls.beto, cls.caro = cls.batch_w._school_students_on(cls.days[0]).sorted("name")
        cls.codes = {
            key: cls.env.ref("school_attendance_cl.school_attendance_code_%s" % key)
            for key in ("present", "absent", "late", "absent_justified", "non_academic")
        }
        cls.teacher_user = cls.users["t_teacher"]
        cls.inspector = cls.users["t_inspector"]

    @contextlib.contextmanager
    def _hook_calls(self):
        """The keys of each call of the hook while the block runs, the hook
        itself still running (a recorder around it, as an extending addon)."""
        calls = []
        model_class = type(self.env["school.attendance.line"])
        original = model_class._school_marks_changed

        def recorder(model, keys):
            calls.append(set(keys))
            return original(model, keys)

        with patch.object(model_class, "_school_marks_changed", recorder):
            yield calls

    def _key(self, day, block=2, batch=None):
        return (self.school.id, (batch or self.batch_w).id, day, block)

    def _save(self, day, marks=(), block=2, sign=False, user=None):
        return self.session_model.with_user(user or self.teacher_user).save_block(
            self.batch_w.id, day, block, list(marks), sign=sign
        )

    def _row(self, student):
        return self.env["school.attendance.register.line"].search(
            [
                ("batch_id", "=", self.batch_w.id),
                ("student_id", "=", student.id),
                ("month", "=", D(2026, 4, 1)),
            ]
        )

    def test_first_save_and_save_again(self):
        day = self.days[0]
        with self._hook_calls() as calls:
            self._save(day, [{"student_id": self.ana.id, "code": "absent"}])
        self.assertEqual(calls, [{self._key(day)}])
        self._assert_rows_as_rebuilt()
        # Sent again as it was (a phone retrying), then signed only: the
        # marks did not change.
        with self._hook_calls() as calls:
            self._save(day, [{"student_id": self.ana.id, "code": "absent"}])
            self._save(day, [{"student_id": self.ana.id, "code": "absent"}], sign=True)
        self.assertEqual(calls, [])
        # A draft block saved again with two differences: one call.
        other = self.days[1]
        self._save(other, [])
        with self._hook_calls() as calls:
            self._save(
                other,
                [
                    {"student_id": self.beto.id, "code": "late", "late_minutes": 5},
                    {"student_id": self.caro.id, "code": "absent"},
                ],
            )
        self.assertEqual(calls, [{self._key(other)}])
        self._assert_rows_as_rebuilt()
        # A block of another period than the daily one is a change too.
        with self._hook_calls() as calls:
            self._save(other, [], block=1)
        self.assertEqual(calls, [{self._key(other, block=1)}])

    def test_correction_justification_and_deletion(self):
        first, second, third = self.days[:3]
        self._save(first, [{"student_id": self.ana.id, "code": "absent"}], sign=True)
        self._save(second, [{"student_id": self.ana.id, "code": "absent"}], sign=True)
        self._save(second, [{"student_id": self.ana.id, "code": "absent"}], block=3, sign=True)
        self._save(third, [])
        # A correction visada by the Director: one call, its block.
        line = self.env["school.attendance.line"].search(
            [
                ("batch_id", "=", self.batch_w.id),
                ("date", "=", first),
                ("student_id", "=", self.beto.id),
            ]
        )
        correction = (
            self.env["school.attendance.correction"]
            .with_user(self.teacher_user)
            .create({"line_id": line.id, "new_code_id": self.codes["absent"].id, "reason": "Salió"})
        )
        with self._hook_calls() as calls:
            correction.with_user(self.approver).action_approve()
        self.assertEqual(calls, [{self._key(first)}])
        self.assertEqual(line.code_id, self.codes["absent"])
        self._assert_rows_as_rebuilt()
        # Ana's two absent days justified: one call with the three blocks.
        justification = (
            self.env["school.attendance.justification"]
            .with_user(self.inspector)
            .create(
                {
                    "student_id": self.ana.id,
                    "company_id": self.school.id,
                    "date_from": first,
                    "date_to": second,
                    "reason": "family",
                }
            )
        )
        with self._hook_calls() as calls:
            justification.action_accept()
        self.assertEqual(calls, [{self._key(first), self._key(second), self._key(second, block=3)}])
        ana_first = self.env["school.attendance.line"].search(
            [
                ("batch_id", "=", self.batch_w.id),
                ("date", "=", first),
                ("student_id", "=", self.ana.id),
            ]
        )
        self.assertEqual(ana_first.code_id, self.codes["absent_justified"])
        self.assertEqual(ana_first.original_code_id, self.codes["absent"])
        self._assert_rows_as_rebuilt()
        # Inspectoría edits a draft mark in the backend, then writes it
        # again as it is: one call, then none.
        mark = (
            self.env["school.attendance.line"]
            .with_user(self.inspector)
            .search(
                [
                    ("batch_id", "=", self.batch_w.id),
                    ("date", "=", third),
                    ("student_id", "=", self.caro.id),
                ]
            )
        )
        with self._hook_calls() as calls:
            mark.write({"code_id": self.codes["late"].id, "late_minutes": 3})
            mark.write({"code_id": self.codes["late"].id, "late_minutes": 3})
        self.assertEqual(calls, [{self._key(third)}])
        self._assert_rows_as_rebuilt()
        # A mark deleted, then the whole draft block: one call each.
        with self._hook_calls() as calls:
            mark.unlink()
        self.assertEqual(calls, [{self._key(third)}])
        session = self.session_model.search(
            [("batch_id", "=", self.batch_w.id), ("date", "=", third), ("block", "=", 2)]
        )
        with self._hook_calls() as calls:
            session.with_user(self.inspector).unlink()
        self.assertEqual(calls, [{self._key(third)}])
        self.assertFalse(self._row(self.caro).marked & (1 << (third.day - 1)))
        self._assert_rows_as_rebuilt()

    def test_sige_masks(self):
        """SIGE receives a late arrival as present, an absence (justified or
        not) as absent, and not the days of a code it does not count."""
        first, second, third, fourth = self.days[:4]
        self._save(first, [{"student_id": self.ana.id, "code": "late", "late_minutes": 7}])
        self._save(second, [{"student_id": self.ana.id, "code": "absent"}])
        # A non-academic day is Secretaría's or Inspectoría's to record.
        self._save(
            third, [{"student_id": self.ana.id, "code": "non_academic"}], user=self.inspector
        )
        self._save(fourth, [{"student_id": self.ana.id, "code": "absent"}])

        def bits(*days):
            return sum(1 << (day.day - 1) for day in days)

        row = self._row(self.ana)
        self.assertEqual(row.marked, bits(first, second, third, fourth))
        self.assertEqual(row.sige_present, bits(first))
        self.assertEqual(row.sige_absent, bits(second, fourth))
        beto = self._row(self.beto)
        self.assertEqual(beto.sige_present, bits(first, second, third, fourth))
        self.assertEqual(beto.sige_absent, 0)
        # A justified absence is still absent for SIGE; a corrected one
        # (ORM path) follows its new code.
        self.env["school.attendance.justification"].with_user(self.inspector).create(
            {
                "student_id": self.ana.id,
                "company_id": self.school.id,
                "date_from": second,
                "date_to": second,
                "reason": "family",
            }
        ).action_accept()
        self._save(fourth, [])
        row = self._row(self.ana)
        self.assertEqual(row.sige_present, bits(first, fourth))
        self.assertEqual(row.sige_absent, bits(second))
        self._assert_rows_as_rebuilt()
        # The code table's SIGE split decides: a school that sends lateness
        # as absent rebuilds its rows.
        self.codes["late"].sige_status = "absent"
        row = self._row(self.ana)
        self.assertEqual(row.sige_present, bits(fourth))
        self.assertEqual(row.sige_absent, bits(first, second))
        self._assert_rows_as_rebuilt()

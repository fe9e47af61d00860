# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import importlib.util
import io

import openpyxl
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common import AttendanceCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestAttendanceRegister(AttendanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.late_comer = (
            cls.env["op.student"]
            .with_company(cls.school)
            .create(
                {
                    "first_name": "Zoe",
                    "last_name": "Tardía",
                    "name": "Zoe Tardía",
                    "gender": "f",
                    "course_detail_ids": [
                        Command.create(
                            {
                                "course_id": cls.course.id,
                                "batch_id": cls.batch.id,
                                "roll_number": "9",
                                "school_enrolment_date": D(2026, 3, 16),
                            }
                        )
                    ],
                }
            )
        )
        session_model = cls.env["school.attendance.session"]
        calendar = cls.env["school.calendar"].with_company(cls.school)
        for day in calendar.school_days(D(2026, 3, 1), D(2026, 3, 31)):
            marks = []
            if day in (D(2026, 3, 10), D(2026, 3, 20)):
                marks.append({"student_id": cls.student.id, "code": "absent"})
            if day == D(2026, 3, 11):
                marks.append({"student_id": cls.student.id, "code": "late", "late_minutes": 5})
            session_model.save_block(cls.batch.id, day, 2, marks, sign=True)

    def test_grid_and_totals(self):
        grid = self.env["school.attendance.register"].register_data(self.batch, D(2026, 3, 9))[0]
        self.assertEqual(len(grid["days"]), 22)
        rows = {row["student"]: row for row in grid["rows"]}
        ana = rows[self.student]
        self.assertEqual(ana["cells"][grid["days"].index(D(2026, 3, 10))], "F")
        self.assertEqual(ana["cells"][grid["days"].index(D(2026, 3, 11))], "T")
        self.assertEqual(ana["cells"][0], ".")
        self.assertEqual(
            ana["totals"],
            {"present": 20, "absent": 2, "late": 1, "justified": 0, "days": 22, "rate": 90.9},
        )
        zoe = rows[self.late_comer]
        self.assertEqual(zoe["cells"][:10], ["-"] * 10)
        self.assertEqual(zoe["totals"]["days"], 12)
        self.assertEqual(grid["day_absent"][grid["days"].index(D(2026, 3, 20))], 1)
        self.assertEqual(grid["day_present"][grid["days"].index(D(2026, 3, 20))], 1)
        # The course: Ana's 20 of 22 days and Zoe's 12 of 12, together.
        self.assertEqual(grid["totals"], {"present": 32, "days": 34, "rate": 94.1})
        # Until the 13th, the days after it are shown but not counted.
        grid = self.env["school.attendance.register"].register_data(
            self.batch, D(2026, 3, 1), until=D(2026, 3, 13)
        )[0]
        self.assertEqual(grid["totals"], {"present": 9, "days": 10, "rate": 90.0})

    def test_today_without_marks_is_not_counted(self):
        """Printed at noon, before today's block is taken, the register does
        not count today as a day the students missed; yesterday without
        marks still counts (school time: 15:00 UTC is noon in Santiago)."""
        self.session_model.save_block(self.batch.id, D(2026, 4, 1), 2, [], sign=True)
        register = self.env["school.attendance.register"]
        with freeze_time("2026-04-02 15:00:00"):
            ana = register.register_data(self.batch, D(2026, 4, 1))[0]["rows"][0]
            self.assertEqual(ana["student"], self.student)
            self.assertEqual((ana["totals"]["present"], ana["totals"]["days"]), (1, 1))
            ana = register.register_data(self.batch, D(2026, 4, 1), until=D(2026, 4, 2))[0]
            self.assertEqual(ana["rows"][0]["totals"]["days"], 2)
        with freeze_time("2026-04-06 15:00:00"):
            # Thursday the 2nd was never marked: it counts now.
            ana = register.register_data(self.batch, D(2026, 4, 1))[0]["rows"][0]
            self.assertEqual((ana["totals"]["present"], ana["totals"]["days"]), (1, 2))

    def test_gaps_withdrawals_and_uncounted_codes(self):
        batch = self._make_batch("GAP", 2)
        stays, leaves = batch._school_students_on(D(2026, 4, 1)).sorted("name")
        leaves.course_detail_ids.school_withdrawal_date = D(2026, 4, 15)
        days = (
            self.env["school.calendar"]
            .with_company(self.school)
            .school_days(D(2026, 4, 1), D(2026, 4, 30))
        )
        for day in days:
            if day == D(2026, 4, 9):
                continue  # nobody took this block
            marks = []
            if day == D(2026, 4, 8):
                marks.append({"student_id": stays.id, "code": "non_academic"})
            if day == D(2026, 4, 10):
                marks.append({"student_id": stays.id, "code": "absent_justified"})
            self.session_model.save_block(batch.id, day, 2, marks)
        grid = self.env["school.attendance.register"].register_data(batch, D(2026, 4, 20))[0]
        self.assertEqual(grid["days"], days)
        rows = {row["student"]: row for row in grid["rows"]}
        self.assertEqual([row["student"] for row in grid["rows"]], [stays, leaves])
        column = {day: index for index, day in enumerate(days)}
        cells = rows[stays]["cells"]
        self.assertEqual(cells[column[D(2026, 4, 8)]], "-")  # not counted, no letter
        self.assertEqual(cells[column[D(2026, 4, 9)]], "")
        self.assertEqual(cells[column[D(2026, 4, 10)]], "J")
        unmarked = 1 if D(2026, 4, 9) <= fields.Date.context_today(self.env.user) else 0
        self.assertEqual(
            rows[stays]["totals"],
            {
                "present": len(days) - 3,
                "absent": 1,
                "late": 0,
                "justified": 1,
                "days": len(days) - 2 + unmarked,
                "rate": round(100.0 * (len(days) - 3) / (len(days) - 2 + unmarked), 1),
            },
        )
        leaving = rows[leaves]["cells"]
        self.assertEqual(
            leaving[column[D(2026, 4, 16)] :], ["-"] * (len(days) - column[D(2026, 4, 16)])
        )
        self.assertEqual(leaving[column[D(2026, 4, 15)]], ".")
        self.assertEqual(rows[leaves]["totals"]["days"], column[D(2026, 4, 15)] + unmarked)
        index = column[D(2026, 4, 10)]
        self.assertEqual((grid["day_present"][index], grid["day_absent"][index]), (1, 1))
        index = column[D(2026, 4, 8)]
        self.assertEqual((grid["day_present"][index], grid["day_absent"][index]), (1, 0))

    def test_first_and_last_day_and_new_codes(self):
        """The grid reads each day's code back from the packed SQL result:
        at both ends of a 31-day month, and for a code a school added (an
        id that needs more bits than the shipped catalogue's)."""
        self.env["school.attendance.code"].create(
            [{"name": "Relleno", "code": "filler_%s" % i} for i in range(16)]
        )
        medical = self.env["school.attendance.code"].create(
            {
                "name": "Licencia médica",
                "code": "medical_leave",
                "siagie_letter": "L",
                "sige_status": "absent",
                "is_justified": True,
                "counts_as_school_day": True,
            }
        )
        self.assertGreater(medical.id.bit_length(), 4)
        batch = self._make_batch("EDGE", 1)
        student = batch._school_students_on(D(2026, 3, 2))
        days = (
            self.env["school.calendar"]
            .with_company(self.school)
            .school_days(D(2026, 3, 1), D(2026, 3, 31))
        )
        self.assertEqual((days[0], days[-1]), (D(2026, 3, 2), D(2026, 3, 31)))
        exceptions = {
            days[0]: {"code": "late", "late_minutes": 3},
            days[1]: {"code": "medical_leave"},
            days[-1]: {"code": "absent"},
        }
        for day in days:
            marks = [{"student_id": student.id, **exceptions[day]}] if day in exceptions else []
            self.session_model.save_block(batch.id, day, 2, marks)
        grid = self.env["school.attendance.register"].register_data(batch, D(2026, 3, 1))[0]
        cells = grid["rows"][0]["cells"]
        self.assertEqual((cells[0], cells[1], cells[-1]), ("T", "L", "F"))
        self.assertEqual(cells[2:-1], ["."] * (len(days) - 3))
        self.assertEqual(
            grid["rows"][0]["totals"],
            {
                "present": len(days) - 2,
                "absent": 2,
                "late": 1,
                "justified": 1,
                "days": len(days),
                "rate": round(100.0 * (len(days) - 2) / len(days), 1),
            },
        )
        self.assertEqual((grid["day_present"][0], grid["day_absent"][0]), (1, 0))
        self.assertEqual((grid["day_present"][1], grid["day_absent"][1]), (0, 1))
        self.assertEqual((grid["day_present"][-1], grid["day_absent"][-1]), (0, 1))

    def test_register_rows_follow_every_change_of_a_mark(self):
        """The register rows (what the grid reads) follow the daily block's
        marks through every way of writing them: first save, a draft saved
        again, a new student in a saved block, a correction, a justification
        and a deleted mark; other blocks do not count."""
        batch = self._make_batch("SYNC", 3)
        ana, beto, caro = batch._school_students_on(D(2026, 4, 1)).sorted("name")
        days = (
            self.env["school.calendar"]
            .with_company(self.school)
            .school_days(D(2026, 4, 1), D(2026, 4, 30))
        )
        for day in days[:5]:
            marks = [{"student_id": ana.id, "code": "absent"}] if day == days[0] else []
            self.session_model.save_block(batch.id, day, 2, marks, sign=day == days[2])
        # The block number as a form or RPC sends it.
        self.session_model.save_block(batch.id, days[5], "2", [])
        # Block 1 is not the daily attendance.
        self.session_model.save_block(
            batch.id, days[0], 1, [{"student_id": beto.id, "code": "absent"}]
        )
        # A draft saved again: Caro came late (an ORM write).
        self.session_model.save_block(
            batch.id, days[1], 2, [{"student_id": caro.id, "code": "late", "late_minutes": 4}]
        )
        # A correction of the signed block, visada.
        line = self.env["school.attendance.line"].search(
            [("batch_id", "=", batch.id), ("date", "=", days[2]), ("student_id", "=", beto.id)]
        )
        absent = self.env.ref("school_attendance_cl.school_attendance_code_absent")
        self.env["school.attendance.correction"].create(
            {"line_id": line.id, "new_code_id": absent.id, "reason": "Salió a las 8:10"}
        ).with_user(self.approver).action_approve()
        # Ana's absence justified.
        self.env["school.attendance.justification"].with_user(self.users["t_inspector"]).create(
            {
                "student_id": ana.id,
                "company_id": self.school.id,
                "date_from": days[0],
                "date_to": days[0],
                "reason": "family",
            }
        ).action_accept()
        # Caro's mark of the 4th day deleted by Inspectoría (a draft block).
        self.env["school.attendance.line"].with_user(self.users["t_inspector"]).search(
            [("batch_id", "=", batch.id), ("date", "=", days[3]), ("student_id", "=", caro.id)]
        ).unlink()
        self._assert_rows_as_rebuilt()
        grid = self.env["school.attendance.register"].register_data(batch, D(2026, 4, 1))[0]
        cells = {row["student"]: row["cells"] for row in grid["rows"]}
        self.assertEqual(cells[ana][:5], ["J", ".", ".", ".", "."])
        self.assertEqual(cells[beto][:5], [".", ".", "F", ".", "."])
        self.assertEqual(cells[caro][:5], [".", "T", ".", "", "."])
        self.assertEqual(cells[ana][5:], ["."] + [""] * (len(days) - 6))

    def test_register_rows_per_role(self):
        """Register rows are read like the marks they summarise (teachers:
        their courses; school-wide roles: every course), apoderados do not
        read them, and nobody writes them."""
        self.session_model.save_block(self.other_batch.id, D(2026, 3, 2), 2, [])
        rows = self.env["school.attendance.register.line"]
        mine = rows.search([("batch_id", "=", self.batch.id)])
        other = rows.search([("batch_id", "=", self.other_batch.id)])
        self.assertTrue(mine and other)
        teacher = rows.with_user(self.users["t_teacher"])
        self.assertEqual(teacher.search([]), mine)
        with self.assertRaises(AccessError):
            other.with_user(self.users["t_teacher"]).read(["marked"])
        self.assertEqual(rows.with_user(self.users["t_secretary"]).search([]), mine | other)
        with self.assertRaises(AccessError):
            rows.with_user(self.guardian_user).search([])
        for login in ("t_secretary", "t_director"):
            with self.assertRaises(AccessError):
                mine.with_user(self.users[login]).write({"marked": 0})
        # Another course's teacher reads neither its students nor its marks.
        grid = (
            self.env["school.attendance.register"]
            .with_user(self.users["t_teacher2"])
            .register_data(self.batch, D(2026, 3, 1))[0]
        )
        self.assertFalse(grid["rows"])

    def test_register_rows_follow_the_present_code(self):
        """Which code is the present one decides the days kept as not
        present. It is found by its key, which cannot change (a renamed key
        made every later save fail): the rows stay as they are. (This test
        renamed the key to make another code the present one; that is now
        refused, see test_attendance_code.test_keys_cannot_change.)"""
        kept = self._register_rows()
        present = self.env.ref("school_attendance_cl.school_attendance_code_present")
        with self.assertRaises(UserError):
            present.code = "present_2025"
        self.assertEqual(self._register_rows(), kept)
        self._assert_rows_as_rebuilt()

    def test_rows_built_for_marks_saved_before_they_existed(self):
        """Updating a database whose marks predate the register rows, or
        their SIGE masks, builds them (the March of setUpClass here): the
        migration to 18.0.0.3.0."""
        kept = self._register_rows()
        self.assertEqual(len([row for row in kept if row[0] == self.batch.id]), 2)
        self.assertTrue(any(row[6] for row in kept))
        self.env.cr.execute("DELETE FROM school_attendance_register_line")
        self.env["school.attendance.register.line"].invalidate_model()
        path = file_path("school_attendance_cl/migrations/18.0.0.3.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("school_attendance_cl_0_3_0", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.0.2.0")
        self.assertEqual(self._register_rows(), kept)

    def test_daily_block_setting_rebuilds_the_register(self):
        batch = self._make_batch("BLK", 1)
        student = batch._school_students_on(D(2026, 4, 1))
        day = D(2026, 4, 1)
        self.session_model.save_block(
            batch.id, day, 1, [{"student_id": student.id, "code": "absent"}]
        )
        self.session_model.save_block(batch.id, day, 2, [])
        register = self.env["school.attendance.register"]
        self.assertEqual(register.register_data(batch, day)[0]["rows"][0]["cells"][0], ".")
        self.school.school_attendance_daily_block = 1
        self.assertEqual(register.register_data(batch, day)[0]["rows"][0]["cells"][0], "F")
        self._assert_rows_as_rebuilt()

    def test_holiday_month_has_no_holiday_column(self):
        grid = self.env["school.attendance.register"].register_data(self.batch, D(2026, 4, 1))[0]
        self.assertNotIn(D(2026, 4, 3), grid["days"])  # Good Friday
        self.assertEqual(len(grid["days"]), 21)

    def test_pdf_and_xlsx(self):
        wizard = (
            self.env["school.attendance.register.print"]
            .with_user(self.users["t_secretary"])
            .create({"batch_ids": [Command.set(self.batch.ids)], "month": D(2026, 3, 1)})
        )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "school_attendance_cl.action_report_attendance_register", wizard.ids
        )
        html = html.decode()
        self.assertIn("Ana Tour", html)
        self.assertIn("90.9", html)
        self.assertIn("94.1", html)  # the course's attendance
        content, kind = self.env["ir.actions.report"]._render(
            "school_attendance_cl.action_report_attendance_register_xlsx", wizard.ids
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        values = {sheet.cell(row=r, column=3).value: r for r in range(1, sheet.max_row + 1)}
        ana_row = values["Ana Tour"]
        # No., RUN and name, then the school days of March.
        self.assertEqual(sheet.cell(row=ana_row, column=1).value, ana_row - 3)
        self.assertEqual(sheet.cell(row=ana_row, column=2).value, self.student.school_id_display)
        self.assertEqual(sheet.cell(row=ana_row, column=4 + 6).value, "F")  # 10 March
        self.assertEqual(sheet.cell(row=ana_row, column=4 + 22 + 4).value, 90.9)
        course_row = values["Course"]
        self.assertEqual(sheet.cell(row=course_row, column=4 + 22 + 4).value, 94.1)
        self.assertIn("Head teacher's signature", values)
        # The file names the course and the month.
        report = self.env.ref("school_attendance_cl.action_report_attendance_register")
        self.assertEqual(
            wizard._school_report_filename(), "Attendance register %s 2026-03" % self.batch.name
        )
        self.assertTrue(report.print_report_name)
        self.assertIn(self.student.school_id_display, html)
        self.assertIn("Head teacher's signature", html)

    def test_attendance_by_course_level_and_school(self):
        """The nightly cron writes each enrolment's days from the registers;
        a course's, a level's and a school's percentage counts their
        students' days together (not the mean of their percentages)."""
        self.env["op.student"]._cron_update_attendance_bands(today=D(2026, 4, 1))
        enrolments = self.env["op.student.course"].search([("batch_id", "=", self.batch.id)])
        figures = {
            e.student_id: (
                e.school_attendance_present,
                e.school_attendance_days,
                e.school_attendance_rate,
                e.school_attendance_band,
            )
            for e in enrolments
        }
        self.assertEqual(figures[self.student], (20, 22, 90.9, "normal"))
        self.assertEqual(figures[self.late_comer], (12, 12, 100.0, "excellent"))
        # A course that never took its daily block: no figures, not 0 %.
        other = self.env["op.student.course"].search([("batch_id", "=", self.other_batch.id)])
        self.assertEqual((other.school_attendance_days, other.school_attendance_band), (0, False))
        model = self.env["op.student.course"].with_user(self.users["t_secretary"])
        by_course = dict(
            model._read_group(
                [("batch_id", "=", self.batch.id)], ["batch_id"], ["school_attendance_rate:avg"]
            )
        )
        self.assertEqual(by_course[self.batch], 94.1)  # 32 / 34, not (90.9 + 100) / 2
        for groupby in ("course_id", "company_id"):
            for group, rate, present, days in model._read_group(
                [("school_attendance_days", ">", 0)],
                [groupby],
                [
                    "school_attendance_rate:avg",
                    "school_attendance_present:sum",
                    "school_attendance_days:sum",
                ],
            ):
                self.assertEqual(rate, round(100.0 * present / days, 1), group)
        school = dict(
            model._read_group(
                [("company_id", "=", self.school.id)],
                ["company_id"],
                ["school_attendance_days:sum"],
            )
        )
        self.assertGreaterEqual(school[self.school], 34)

    def test_bands_and_head_teacher_alert(self):
        head = self.env["op.faculty"].create(
            {
                "first_name": "Hilda",
                "last_name": "Jefa",
                "name": "Hilda Jefa",
                "gender": "female",
                "birth_date": D(1980, 1, 1),
                "partner_id": self.users["t_head"].partner_id.id,
            }
        )
        self.batch.head_teacher_id = head
        students = self.env["op.student"]
        students._cron_update_attendance_bands(today=D(2026, 3, 14))
        self.assertEqual(self.student.school_attendance_band, "normal")  # 9/10 days
        self.assertEqual(self.student.school_attendance_rate, 90.0)
        self.assertEqual(self.late_comer.school_attendance_band, False)  # no school day yet
        students._cron_update_attendance_bands(today=D(2026, 4, 1))
        self.assertEqual(self.student.school_attendance_band, "normal")  # 20/22
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "op.student"), ("res_id", "=", self.student.id)]
        )
        self.assertFalse(activities)
        # Three more absences in April: 21/26 = 80.8 %, below promotion.
        session_model = self.env["school.attendance.session"]
        for day in (D(2026, 4, 1), D(2026, 4, 2), D(2026, 4, 6), D(2026, 4, 7)):
            session_model.save_block(
                self.batch.id, day, 2, [{"student_id": self.student.id, "code": "absent"}]
            )
        students._cron_update_attendance_bands(today=D(2026, 4, 8))
        self.assertEqual(self.student.school_attendance_band, "at_risk")
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "op.student"), ("res_id", "=", self.student.id)]
        )
        self.assertEqual(activity.user_id, self.users["t_head"])
        self.assertIn("76.9", activity.summary)

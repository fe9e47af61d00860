# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.school_base.tests.test_dashboard import DashboardCase

D = datetime.date
MARCH = D(2026, 3, 1)
APRIL = D(2026, 4, 1)


@tagged("post_install", "-at_install")
class TestAttendanceMonthReport(DashboardCase):
    """Two months of daily marks (block 2) in two courses of the school and
    one of the network's second school; the Tablero's trend reads them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        course2 = cls.env["op.course"].create(
            {
                "name": "1° medio",
                "code": "T2-M1",
                "school_level": "media",
                "company_id": cls.school2.id,
            }
        )
        cls.batch2 = cls.env["op.batch"].create(
            {
                "name": "1° medio A",
                "code": "T2-M1A",
                "course_id": course2.id,
                "start_date": D(2026, 3, 2),
                "end_date": D(2026, 12, 18),
                "company_id": cls.school2.id,
            }
        )
        cls.student2.course_detail_ids = [
            Command.create({"course_id": course2.id, "batch_id": cls.batch2.id, "roll_number": "1"})
        ]
        sessions = cls.env["school.attendance.session"]
        ana, bruno, bea = cls.student, cls.other_student, cls.student2
        # March: Ana misses 1 of 4 days, Bruno none of 4 (7 of 8 days).
        # April: Ana none of 3, Bruno 1 of 3, late on another (5 of 6 days).
        days = {
            (cls.batch, D(2026, 3, 3)): [],
            (cls.batch, D(2026, 3, 4)): [{"student_id": ana.id, "code": "absent"}],
            (cls.batch, D(2026, 3, 5)): [],
            (cls.batch, D(2026, 3, 6)): [],
            (cls.other_batch, D(2026, 3, 3)): [],
            (cls.other_batch, D(2026, 3, 4)): [],
            (cls.other_batch, D(2026, 3, 5)): [],
            (cls.other_batch, D(2026, 3, 6)): [],
            (cls.batch, D(2026, 4, 7)): [],
            (cls.batch, D(2026, 4, 8)): [],
            (cls.batch, D(2026, 4, 9)): [],
            (cls.other_batch, D(2026, 4, 7)): [{"student_id": bruno.id, "code": "absent"}],
            (cls.other_batch, D(2026, 4, 8)): [
                {"student_id": bruno.id, "code": "late", "late_minutes": 5}
            ],
            (cls.other_batch, D(2026, 4, 9)): [],
            # The second school: Bea misses 2 of 2 April days.
            (cls.batch2, D(2026, 4, 7)): [{"student_id": bea.id, "code": "absent"}],
            (cls.batch2, D(2026, 4, 8)): [{"student_id": bea.id, "code": "absent"}],
        }
        for (batch, day), marks in days.items():
            sessions.save_block(batch.id, day, 2, marks, sign=True)
            # Another block of the day does not count (the daily block is 2).
            sessions.save_block(
                batch.id,
                day,
                3,
                [
                    {"student_id": s.id, "code": "absent"}
                    for s in batch.student_course_ids.student_id
                ],
            )

    def _by_month(self, env, domain=()):
        report = env["school.attendance.month.report"]
        groups = report._read_group(
            list(domain),
            ["month:month"],
            ["days_present:sum", "days_counted:sum", "attendance_rate:avg"],
        )
        return {month: (present, days, rate) for month, present, days, rate in groups}

    def test_months_of_a_school(self):
        self.assertEqual(
            self._by_month(self.env_director),
            {MARCH: (7, 8, 87.5), APRIL: (5, 6, 83.3)},
        )
        # By course, a course's days together.
        report = self.env_director["school.attendance.month.report"]
        groups = report._read_group([("month", "=", MARCH)], ["batch_id"], ["attendance_rate:avg"])
        self.assertEqual(dict(groups), {self.batch: 75.0, self.other_batch: 100.0})
        row = report.search([("student_id", "=", self.student.id), ("month", "=", MARCH)])
        self.assertEqual((row.days_present, row.days_counted, row.attendance_rate), (3, 4, 75.0))
        self.assertEqual(row.course_id, self.course)
        self.assertEqual(row.display_name, "Tour 3° básico A · 03/2026 · Ana Tour")

    def test_network_months(self):
        self.assertEqual(
            self._by_month(self.env_sostenedor),
            {MARCH: (7, 8, 87.5), APRIL: (5, 8, 62.5)},
        )

    @freeze_time("2026-04-20 15:00:00")
    def test_card_figures_and_trend(self):
        card = self._cards(self.env_director)
        self.assertTrue(card.school_dashboard_attendance_known)
        self.assertAlmostEqual(card.school_dashboard_attendance, 500 / 6)
        self.assertAlmostEqual(card.school_dashboard_attendance_previous, 87.5)
        self.assertAlmostEqual(card.school_dashboard_attendance_trend, 500 / 6 - 87.5)
        # The trend opens the graph of attendance by month, the card's school.
        action = card.action_school_dashboard_attendance_trend()
        self.assertEqual(action["res_model"], "school.attendance.month.report")
        self.assertEqual(action["views"][0][1], "graph")
        self.assertEqual(
            self._by_month(card.env, action["domain"]), {MARCH: (7, 8, 87.5), APRIL: (5, 6, 83.3)}
        )
        # This month's figure opens the month by course, the same days.
        action = card.action_school_dashboard_attendance()
        self.assertEqual(action["views"][0][1], "pivot")
        self.assertEqual(self._by_month(card.env, action["domain"]), {APRIL: (5, 6, 83.3)})
        # The network card: both schools (the second one's April too).
        network = self._cards(self.env_sostenedor).filtered("school_is_sostenedor")
        self.assertAlmostEqual(network.school_dashboard_attendance, 62.5)
        self.assertEqual(
            self._by_month(
                network.env, network.action_school_dashboard_attendance_trend()["domain"]
            ),
            {MARCH: (7, 8, 87.5), APRIL: (5, 8, 62.5)},
        )

    def test_access_per_role(self):
        def students(login):
            env = self.env(user=self.users[login])
            return env["school.attendance.month.report"].search([]).student_id

        # Secretaría and the Director: their school; the network's other
        # school only for the sostenedor who ticks it.
        school = self.student | self.other_student
        self.assertEqual(students("t_secretary"), school)
        self.assertEqual(students("t_director"), school)
        self.assertEqual(self._by_month(self.env_sostenedor).keys(), {MARCH, APRIL})
        self.assertEqual(
            self.env_sostenedor["school.attendance.month.report"].search([]).student_id,
            school | self.student2,
        )
        # A teacher: their own course only; a teacher without it, nothing.
        self.assertEqual(students("t_teacher"), self.student)
        self.assertFalse(students("t_teacher2"))
        # The apoderado (portal) reads none of it; nobody writes it.
        with self.assertRaises(AccessError):
            self.env(user=self.guardian_user)["school.attendance.month.report"].search([])
        row = self.env_director["school.attendance.month.report"].search([], limit=1)
        with self.assertRaises(AccessError):
            row.write({"days_present": 0})

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.tests import HttpCase, tagged

from odoo.addons.school_base.tests.test_dashboard import DashboardCase

from .common import AttendanceCase


@tagged("post_install", "-at_install")
class TestRoleTours(HttpCase, DashboardCase):
    """A role's daily job in Spanish from the login page, without a reload
    (issue 14, "Done when"): Secretaría and the sostenedor, at desktop
    width (the teacher's and the apoderado's are the portal's tours)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for login in ("t_secretary", "t_sostenedor"):
            cls.users[login].password = login
        # The sostenedor starts with its main school current.
        cls.users["t_sostenedor"].company_id = cls.school
        # A month of the class book for the trend.
        sessions = cls.env["school.attendance.session"]
        # Ana misses 1 of 3 days, Bruno none.
        for day in (3, 4, 5):
            for batch in (cls.batch, cls.other_batch):
                marks = []
                if day == 4 and batch == cls.batch:
                    marks = [{"student_id": cls.student.id, "code": "absent"}]
                sessions.save_block(batch.id, datetime.date(2026, 3, day), 2, marks, sign=True)

    def test_secretary_registers_a_late_arrival(self):
        self.assertEqual(self.users["t_secretary"].lang, "es_CL")
        self.start_tour("/web/login", "school_attendance_secretary_day")
        arrival = self.env["school.attendance.arrival"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertEqual(len(arrival), 1)
        self.assertEqual(arrival.kind, "start_late")
        self.assertEqual(arrival.minutes_late, 20)
        self.assertEqual(arrival.create_uid, self.users["t_secretary"])
        self.assertTrue(arrival.requires_guardian)

    def test_sostenedor_reads_the_network(self):
        user = self.users["t_sostenedor"]
        self.assertEqual(user.lang, "es_CL")
        self.assertEqual(
            set(user.company_ids.ids), {self.sostenedor.id, self.school.id, self.school2.id}
        )
        self.start_tour("/web/login", "school_attendance_sostenedor_day")
        # The tour read "3" students on the network card: both schools were
        # ticked by the landing (the sostenedor's current company alone
        # would show the school's card only).
        self.assertEqual(
            self.env["op.student"].search_count(
                [("company_id", "in", [self.school.id, self.school2.id])]
            ),
            3,
        )


@tagged("post_install", "-at_install")
class TestPhoneRoleTours(HttpCase, AttendanceCase):
    """The teacher's and the apoderado's day on a phone, from the login
    page (their portal pages are the server's: each link is a page)."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users["t_teacher"].password = "t_teacher"
        cls.guardian_user.password = "t_guardian"
        calendar = cls.env["school.calendar"]
        cls.today = calendar.school_today(cls.school)
        # Whenever the suite runs: today is a school day of the course.
        if not calendar.is_school_day(cls.today, cls.school):
            cls.env["school.calendar.day"].create(
                {
                    "name": "Recuperación",
                    "date": cls.today,
                    "day_type": "recovery",
                    "company_id": cls.school.id,
                }
            )
        for batch in cls.batch | cls.other_batch:
            batch.write(
                {
                    "start_date": min(batch.start_date, cls.today),
                    "end_date": max(batch.end_date, cls.today),
                }
            )

    def test_teacher_takes_todays_block(self):
        self.start_tour("/web/login", "school_attendance_teacher_day")
        session = self.env["school.attendance.session"].search(
            [("batch_id", "=", self.batch.id), ("date", "=", self.today), ("block", "=", 1)]
        )
        self.assertEqual(session.state, "signed")
        self.assertEqual(session.signed_by_id, self.users["t_teacher"])
        ana = session.line_ids.filtered(lambda line: line.student_id == self.student)
        self.assertEqual(ana.code_id.code, "absent")

    def test_guardian_justifies_from_login(self):
        calendar = self.env["school.calendar"].with_company(self.school)
        day = calendar.add_school_days(self.today - datetime.timedelta(days=10), 1)
        self.env["school.attendance.session"].save_block(
            self.batch.id, day, 2, [{"student_id": self.student.id, "code": "absent"}]
        )
        self.start_tour("/web/login", "school_attendance_guardian_day")
        justification = self.env["school.attendance.justification"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertEqual(justification.reason, "family")
        self.assertEqual(justification.submitted_by_id, self.guardian_user)

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.tests import HttpCase, tagged

from odoo.addons.school_base.tests.test_dashboard import DashboardCase


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

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.addons.school_attendance_cl.tests.common import AttendanceCase

from ..services.sige_standin import SigeStandIn

TOKEN = "S3cr3t-T0ken-Convenio-4711"
RBD = 12345


class SigeOutboxCase(AttendanceCase):
    """The test school of SchoolCase (RBD 12345, 3° básico A and B, one
    student each) with a SIGE stand-in of its own per test, over real HTTP
    on a free local port, and the school's backend pointing at it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inspector = cls.users["t_inspector"]
        cls.secretary = cls.users["t_secretary"]
        cls.backend = cls.env["school.sige.backend"].create(
            {
                "name": "SIGE test",
                "company_id": cls.school.id,
                "cliente_id": 77,
                "convenio_id": 777,
                "new_token": TOKEN,
                "read_timeout": 5.0,
                "connect_timeout": 2.0,
            }
        )
        cls.today = datetime.date(2026, 3, 31)
        cls.send_model = cls.env["school.sige.send"]

    def setUp(self):
        super().setUp()
        self.standin = SigeStandIn(processing_delay=0, timeout_sleep=0.2)
        self.standin.start()
        self.addCleanup(self.standin.stop)
        self.standin.add_convenio(77, 777, TOKEN, rbds=[RBD])
        self.standin.set_now(datetime.datetime(2026, 3, 31, 12, 0))
        self.standin.set_roster(RBD, 2026, 110, 3, "A", [self.student.school_id_number])
        self.standin.set_roster(RBD, 2026, 110, 3, "B", [self.other_student.school_id_number])
        self.backend.sudo().write(
            {"auth_url": self.standin.auth_url, "service_url": self.standin.service_url}
        )

    # ---------------------------------------------------------- helpers --
    def _take(self, day, absent=(), sign=True, batches=None):
        """Inspectoría takes (and signs) the daily block of ``day``."""
        sessions = self.session_model.with_user(self.inspector)
        for batch in batches or (self.batch, self.other_batch):
            marks = [
                {"student_id": student.id, "code": "absent"}
                for student in absent
                if student in batch.student_course_ids.student_id
            ]
            sessions.save_block(batch.id, day, 2, marks, sign=sign)

    def _run(self, today=None):
        return self.backend._school_run(prepare=True, today=today or self.today)

    def _send_of(self, day):
        return self.send_model.search(
            [("company_id", "=", self.school.id), ("date", "=", day), ("grade_code", "=", 3)]
        )

    def _accepted(self, day):
        return self.standin.accepted_by_key().get((RBD, day.year, 110, 3, day), [])

    def _past(self):
        """Let time pass: every retry and poll is due."""
        self.send_model.search([("company_id", "=", self.school.id)]).write(
            {"next_try_at": False, "next_poll_at": False}
        )

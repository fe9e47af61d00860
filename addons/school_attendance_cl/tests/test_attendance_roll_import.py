# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime

from odoo.tests import tagged

from odoo.addons.school_base.tests.common import SchoolCase


@tagged("post_install", "-at_install")
class TestAttendanceRollImport(SchoolCase):
    def test_enrolment_date_from_the_roll(self):
        """The roll's Fecha de matrícula becomes the enrolment date; without
        one the enrolment counts from the course's start."""
        content = (
            "RUN;Nombres;Apellido paterno;Género;Curso;Fecha de matrícula\n"
            "23.000.000-K;Rita;Nueva;F;T-B3A;15-04-2026\n"
            "24.000.000-8;Raúl;Nuevo;M;T-B3A;\n"
        ).encode()
        record = (
            self.env["school.roll.import"]
            .with_user(self.users["t_secretary"])
            .create({"file": base64.b64encode(content), "school_year": 2026})
        )
        record.action_import()
        self.assertEqual(record.state, "done", record.error_ids.mapped("message"))
        enrolments = self.env["op.student.course"].search(
            [("student_id.school_id_number", "in", ["23000000-K", "24000000-8"])],
            order="id",
        )
        self.assertEqual(
            enrolments.mapped("school_enrolment_date"),
            [datetime.date(2026, 4, 15), self.batch.start_date],
        )

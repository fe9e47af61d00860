# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SchoolCase


@tagged("post_install", "-at_install")
class TestCompanyCourse(SchoolCase):
    def test_rbd_check_digit(self):
        self.assertEqual(self.school.school_sostenedor_id, self.sostenedor)
        with self.assertRaises(ValidationError) as err:
            self.school.school_rbd_dv = "7"
        self.assertIn("check digit", str(err.exception))
        self.assertIn("5", str(err.exception))
        with self.assertRaises(ValidationError):
            self.env["res.company"].create(
                {"name": "Mal", "school_rbd": "12a45", "school_rbd_dv": "1"}
            )

    @mute_logger("odoo.sql_db")
    def test_rbd_unique(self):
        with self.assertRaises(IntegrityError) as err, self.env.cr.savepoint():
            self.env["res.company"].create(
                {"name": "Copia", "school_rbd": "12345", "school_rbd_dv": "5"}
            )
            self.env.flush_all()
        self.assertIn("school_rbd_uniq", str(err.exception))

    def test_sige_grade_code_range(self):
        with self.assertRaises(ValidationError) as err:
            self.course.sige_grade_code = 9
        self.assertIn("between 1 and 8", str(err.exception))
        media = self.env["op.course"].create(
            {
                "name": "II° medio",
                "code": "T-M2",
                "school_level": "media",
                "sige_teaching_code": "310",
                "sige_grade_code": 2,
            }
        )
        with self.assertRaises(ValidationError):
            media.sige_grade_code = 5
        with self.assertRaises(ValidationError):
            media.sige_teaching_code = "110"

    def test_batch_fields(self):
        self.batch.head_teacher_id = self.teacher
        self.assertEqual(self.batch.head_teacher_name, "Tere Docente")
        self.assertEqual(self.batch.student_course_ids.student_id, self.student)

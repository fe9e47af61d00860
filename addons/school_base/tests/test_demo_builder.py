# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from stdnum.cl import rut

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoBuilder(TransactionCase):
    def test_small_school(self):
        school = self.env["school.demo.builder"].build_school(
            name="Colegio Prueba",
            rbd="99",
            batches=[("b1", "A", "poniente"), ("m4", "B", "oriente")],
            students_per_batch=5,
            run_offset=7_000_000,
        )
        self.assertTrue(school.parent_id.school_is_sostenedor)
        self.assertEqual(school.school_rbd_dv, rut.calc_check_digit("99"))
        self.assertEqual(len(school.school_annex_ids), 3)
        batches = self.env["op.batch"].search([("company_id", "=", school.id)])
        self.assertEqual(len(batches), 2)
        self.assertEqual(batches.mapped("course_id.sige_teaching_code"), ["110", "310"])
        students = self.env["op.student"].search([("company_id", "=", school.id)])
        self.assertEqual(len(students), 10)
        for student in students:
            self.assertTrue(rut.is_valid(student.school_id_number))
            self.assertEqual(len(student.parent_ids), 1)
            self.assertTrue(
                student.parent_ids.name.user_ids.has_group("school_base.school_base_group_guardian")
            )
        self.assertTrue(all(batches.mapped("head_teacher_id.user_ids")))

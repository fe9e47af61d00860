# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from stdnum.cl import rut

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoBuilder(TransactionCase):
    def test_small_school(self):
        school = self.env["school.demo.builder"]._build_school(
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
        self.assertTrue(all(batches.mapped("head_teacher_id.emp_id.user_id")))
        # Seed 003 RI III.2: básica has afternoon classes Monday and Tuesday,
        # media also on Thursday; breaks at 09:30, 11:15 and 16:30.
        basica = batches.filtered(lambda b: b.course_id.sige_grade_code == 1).school_schedule_id
        media = batches.filtered(lambda b: b.course_id.school_level == "media").school_schedule_id
        afternoon = basica.slot_ids.filtered(lambda s: s.slot_type == "session" and s.start == 15)
        self.assertEqual(afternoon.mapped("weekday"), ["0", "1"])
        self.assertEqual(afternoon.mapped("end"), [18.25, 18.25])
        afternoon = media.slot_ids.filtered(lambda s: s.slot_type == "session" and s.start == 15)
        self.assertEqual(afternoon.mapped("weekday"), ["0", "1", "3"])
        monday_breaks = basica.slot_ids.filtered(
            lambda s: s.weekday == "0" and s.slot_type == "recess"
        )
        self.assertEqual(monday_breaks.mapped("start"), [9.5, 11.25, 16.5])
        with self.assertRaises(ValidationError) as err:
            basica.slot_ids[:1].end = 7.0
        self.assertIn("08:00", str(err.exception))

    def test_builder_has_no_public_method(self):
        """Building a school is a privileged step: nothing of the builder may
        be callable over RPC (only methods without a leading underscore are)."""
        builder = type(self.env["school.demo.builder"])
        public = {
            name
            for cls in builder.__mro__
            if cls.__module__.startswith("odoo.addons.school_")
            for name, member in vars(cls).items()
            if callable(member) and not name.startswith("_")
        }
        self.assertFalse(public)

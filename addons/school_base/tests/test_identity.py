# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SchoolCase


@tagged("post_install", "-at_install")
class TestIdentity(SchoolCase):
    def test_run_stored_normalised_and_shown_formatted(self):
        for typed in ("12.345.678-5", "12345678-5", "123456785", " 12.345.678-5 "):
            partner = self.env["res.partner"].create(
                {"name": "P %s" % typed, "school_id_number": typed}
            )
            self.assertEqual(partner.school_id_number, "12345678-5")
            self.assertEqual(partner.school_id_display, "12.345.678-5")
            partner.unlink()

    def test_run_k_check_digit_upper_case(self):
        partner = self.env["res.partner"].create({"name": "K", "school_id_number": "19.500.000-k"})
        self.assertEqual(partner.school_id_number, "19500000-K")

    def test_bad_check_digit_names_person_and_right_digit(self):
        with self.assertRaises(ValidationError) as err:
            self.env["res.partner"].create(
                {"name": "Juana Pérez", "school_id_number": "12.345.678-9"}
            )
        message = str(err.exception)
        self.assertIn("12.345.678-9", message)
        self.assertIn("Juana Pérez", message)
        self.assertIn("should be 5", message)

    def test_garbage_rejected_and_nothing_written(self):
        partner = self.env["res.partner"].create({"name": "Luis", "school_id_number": "12345678-5"})
        for garbage in ("abc", "12.345.678", "1-2-3-4", "123456789012"):
            with self.assertRaises(ValidationError):
                partner.write({"school_id_number": garbage})
            self.assertEqual(partner.school_id_number, "12345678-5")

    def test_unique_per_company(self):
        self.env["res.partner"].create(
            {
                "name": "Uno",
                "school_id_number": "7.654.321-6",
                "company_id": self.school.id,
            }
        )
        with self.assertRaises(ValidationError) as err:
            self.env["res.partner"].create(
                {
                    "name": "Dos",
                    "school_id_number": "76543216",
                    "company_id": self.school.id,
                }
            )
        self.assertIn("Uno", str(err.exception))
        # Another school may hold the same person.
        other = self.env["res.partner"].create(
            {
                "name": "Tres",
                "school_id_number": "7654321-6",
                "company_id": self.other_school.id,
            }
        )
        self.assertEqual(other.school_id_number, "7654321-6")
        # A partner shared by every company clashes with all of them.
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create({"name": "Cuatro", "school_id_number": "7654321-6"})

    def test_student_faculty_parent_share_the_validation(self):
        self.assertEqual(self.student.school_id_number, "22222222-2")
        self.assertEqual(self.student.school_id_display, "22.222.222-2")
        with self.assertRaises(ValidationError):
            self.student.write({"school_id_number": "22.222.222-3"})
        with self.assertRaises(ValidationError):
            self.teacher.write({"school_id_number": "1"})
        with self.assertRaises(ValidationError):
            self.parent.name.write({"school_id_number": "11.111.111-2"})

    def test_peru_dni_and_cui(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Rosa Quispe",
                "school_id_type": "pe_dni",
                "school_id_number": "10117410",
            }
        )
        self.assertEqual(partner.school_id_number, "10117410")
        self.assertEqual(partner.school_id_display, "10117410")
        partner.school_id_number = "10117410-2"
        self.assertEqual(partner.school_id_number, "101174102")
        with self.assertRaises(ValidationError) as err:
            partner.school_id_number = "1011741"
        self.assertIn("DNI", str(err.exception))

    def test_changing_type_revalidates(self):
        partner = self.env["res.partner"].create(
            {"name": "Tipo", "school_id_number": "12.345.678-5"}
        )
        with self.assertRaises(ValidationError):
            partner.school_id_type = "pe_dni"

    def test_student_form(self):
        form = Form(self.env["op.student"])
        form.first_name = "Carla"
        form.last_name = "Form"
        form.birth_date = "2015-04-01"
        form.email = "carla.form@example.com"
        form.mobile = "+56 9 1234 5678"
        form.school_id_number = "16.000.001-5"
        student = form.save()
        self.assertEqual(student.school_id_number, "16000001-5")
        self.assertEqual(student.company_id, self.env.company)

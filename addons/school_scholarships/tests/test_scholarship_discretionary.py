# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ScholarshipCase
from .test_scholarship_allocation import run_dv


class DiscretionaryCase(ScholarshipCase):
    """Four applications under review (as in the allocation tests)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.process.sudo().write({"state": "review"})
        students = cls.student | cls.other_student
        for index in range(3):
            number = 16000000 + index
            students |= cls._extra_student(index, "%s-%s" % (number, run_dv(number)))
        cls.extra_student = students[-1]
        cls.apps = cls.env["school.scholarship.application"]
        for student, score in zip(students[:4], (90, 70, 55, 40), strict=True):
            cls.apps |= cls.apps.sudo().create(
                {
                    "process_id": cls.process.id,
                    "student_id": student.id,
                    "applicant_partner_id": cls.guardian_user.partner_id.id,
                    "state": "review",
                    "score_socioeconomic": score,
                }
            )
        ref = cls.env.ref
        cls.socio = ref("school_scholarships.school_scholarship_type_socioeconomic")
        cls.merit = ref("school_scholarships.school_scholarship_type_merit")
        cls.staff_type = ref("school_scholarships.school_scholarship_type_staff_child")
        cls.sostenedor_type = ref("school_scholarships.school_scholarship_type_sostenedor")
        employees = cls.env["hr.employee"].with_company(cls.school)
        # The apoderado of Ana teaches at the school.
        cls.staff_parent = employees.create(
            {
                "name": "Madre Docente",
                "company_id": cls.school.id,
                "work_contact_id": cls.guardian_user.partner_id.id,
            }
        )
        cls.other_staff = employees.create({"name": "Otro Docente", "company_id": cls.school.id})

    @classmethod
    def _extra_student(cls, index, run):
        return (
            cls.env["op.student"]
            .with_company(cls.school)
            .create(
                {
                    "first_name": "Hija%s" % index,
                    "last_name": "Extra",
                    "name": "Hija%s Extra" % index,
                    "school_id_number": run,
                    "gender": "f",
                    "parent_ids": [Command.set([cls.parent.id])],
                    "course_detail_ids": [
                        Command.create(
                            {
                                "course_id": cls.batch.course_id.id,
                                "batch_id": cls.batch.id,
                                "roll_number": str(20 + index),
                            }
                        )
                    ],
                }
            )
        )


@tagged("post_install", "-at_install")
class TestStaffChildScholarship(DiscretionaryCase):
    def test_staff_parent_proposed_and_checked(self):
        app = self.apps[0]
        # Computed on reading (no cache from the fixture's creation).
        self.env.invalidate_all()
        self.assertEqual(app.staff_parent_ids, self.staff_parent)
        self.assertFalse(self.apps[1].staff_parent_ids, "Bruno's apoderado is not staff")
        award = self.env["school.scholarship.award"].with_user(self.commission_user)
        with self.assertRaisesRegex(ValidationError, "names the member of staff"):
            award.action_add(app.id, self.staff_type.id, 100, "Hija de docente")
        with self.assertRaisesRegex(ValidationError, "not recorded as a parent"):
            award.action_add(
                app.id, self.staff_type.id, 100, "Hija de docente", self.other_staff.id
            )
        with self.assertRaisesRegex(ValidationError, "full exemption of 100"):
            award.action_add(
                app.id, self.staff_type.id, 50, "Hija de docente", self.staff_parent.id
            )
        with self.assertRaisesRegex(ValidationError, "Only a child-of-staff"):
            award.action_add(app.id, self.socio.id, 50, "Puntaje", self.staff_parent.id)
        granted = award.action_add(
            app.id, self.staff_type.id, 100, "Hija de docente", self.staff_parent.id
        )
        self.assertEqual(granted.staff_employee_id, self.staff_parent)
        self.assertEqual(granted.process_id.school_year, self.process.school_year, "one year")
        # A member of staff who left no longer qualifies.
        self.staff_parent.active = False
        with self.assertRaisesRegex(ValidationError, "not a member of staff"):
            granted.sudo().write({"percentage": 100})


@tagged("post_install", "-at_install")
class TestMidYearScholarship(DiscretionaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        award = cls.env["school.scholarship.award"].with_user(cls.commission_user)
        a, b = cls.apps[:2]
        award.action_add(a.id, cls.socio.id, 100, "Mayor puntaje")
        award.action_add(b.id, cls.socio.id, 100, "Segundo puntaje")
        cls.process.with_user(cls.commission_user).action_confirm_allocation()
        cls.process.sudo().state = "results"

    def test_sostenedor_grants_mid_year(self):
        process = self.process
        c = self.apps[2]
        self.assertEqual(c.state, "not_awarded")
        with self.assertRaises(AccessError):
            process.with_user(self.commission_user).action_grant_mid_year(
                c.student_id.id, self.sostenedor_type.id, 50, "Cesantía"
            )
        grant = process.with_user(self.sostenedor_user).action_grant_mid_year
        with self.assertRaisesRegex(UserError, "mid-year"):
            grant(c.student_id.id, self.merit.id, 50, "Buen rendimiento")
        with self.assertRaisesRegex(UserError, "reason"):
            grant(c.student_id.id, self.sostenedor_type.id, 50, " ")
        award = grant(c.student_id.id, self.sostenedor_type.id, 50, "Cesantía del padre en mayo")
        self.assertEqual(c.state, "awarded")
        self.assertTrue(award.mid_year)
        self.assertTrue(award.granted_date)
        log = award.log_ids
        self.assertEqual((log.user_id, log.new_percentage), (self.sostenedor_user, 50))
        self.assertEqual(log.reason, "Cesantía del padre en mayo")
        # Counted in the fund: 2 full becas + a half.
        self.assertEqual(process.fund_used, 2.5)
        # A student who never applied: the application is opened for them.
        award = grant(self.extra_student.id, self.sostenedor_type.id, 10, "Incendio de la vivienda")
        self.assertEqual(award.application_id.student_id, self.extra_student)
        self.assertEqual(award.application_id.state, "awarded")
        self.assertEqual(award.application_id.applicant_partner_id, self.guardian_user.partner_id)
        # The two thirds still rule: 2 socioeconomic of 3.6 would be 55 %.
        d = self.apps[3]
        with self.assertRaisesRegex(UserError, "two thirds"):
            grant(d.student_id.id, self.sostenedor_type.id, 100, "Otra familia")
        self.assertEqual(d.state, "not_awarded")
        # Not twice for the same application.
        with self.assertRaisesRegex(UserError, "already has"):
            grant(c.student_id.id, self.sostenedor_type.id, 20, "Otra vez")

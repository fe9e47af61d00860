# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SchoolCase


@tagged("post_install", "-at_install")
class TestSecurity(SchoolCase):
    def test_role_chains(self):
        director = self.users["t_director"]
        for xmlid in (
            "school_base.school_base_group_head_teacher",
            "school_base.school_base_group_teacher",
            "school_base.school_base_group_inspector",
            "school_base.school_base_group_secretary",
            "school_base.school_base_group_convivencia",
            "school_base.school_base_group_psychologist",
            "school_base.school_base_group_social_worker",
        ):
            self.assertTrue(director.has_group(xmlid), xmlid)
        self.assertTrue(
            self.users["t_sostenedor"].has_group("school_base.school_base_group_director")
        )
        self.assertTrue(self.users["t_head"].has_group("school_base.school_base_group_teacher"))
        self.assertFalse(
            self.users["t_teacher"].has_group("school_base.school_base_group_secretary")
        )
        self.assertFalse(self.users["t_director"].has_group("base.group_system"))
        self.assertTrue(self.guardian_user.share)
        self.assertFalse(self.guardian_user.has_group("base.group_user"))

    def test_teacher_sees_only_own_courses(self):
        batch = self.env["op.batch"]
        self.assertEqual(
            batch.with_user(self.users["t_teacher"]).search([("company_id", "=", self.school.id)]),
            self.batch,
        )
        self.assertFalse(
            batch.with_user(self.users["t_teacher2"]).search([("company_id", "=", self.school.id)])
        )
        with self.assertRaises(AccessError):
            self.other_batch.with_user(self.users["t_teacher"]).read(["name"])
        # The head teacher of a course sees it as well.
        head = self.env["op.faculty"].create(
            {
                "first_name": "Hugo",
                "last_name": "Jefe",
                "name": "Hugo Jefe",
                "gender": "male",
                "birth_date": datetime.date(1979, 2, 2),
                "partner_id": self.users["t_head"].partner_id.id,
            }
        )
        self.other_batch.head_teacher_id = head
        # Odoo 18 does not flush pending recomputations of a many2many that a
        # search filters on; a request commits (and flushes) before the next.
        self.env.flush_all()
        self.assertEqual(
            batch.with_user(self.users["t_head"]).search([("company_id", "=", self.school.id)]),
            self.other_batch,
        )

    def test_school_wide_roles_see_every_course(self):
        for login in (
            "t_secretary",
            "t_inspector",
            "t_director",
            "t_convivencia",
            "t_psychologist",
            "t_social",
            "t_sostenedor",
        ):
            found = (
                self.env["op.batch"]
                .with_user(self.users[login])
                .search([("company_id", "=", self.school.id)])
            )
            self.assertEqual(found, self.batch | self.other_batch, login)

    def test_guardian_sees_only_own_child(self):
        student = self.env["op.student"].with_user(self.guardian_user)
        self.assertEqual(student.search([]), self.student)
        with self.assertRaises(AccessError):
            self.other_student.with_user(self.guardian_user).read(["name"])
        with self.assertRaises(AccessError):
            self.student.with_user(self.guardian_user).write({"name": "Cambio"})
        self.assertEqual(self.env["op.batch"].with_user(self.guardian_user).search([]), self.batch)
        self.assertEqual(
            self.env["op.batch"].with_user(self.other_guardian_user).search([]), self.other_batch
        )
        # Head teacher's name is readable, the teacher record is not.
        self.batch.head_teacher_id = self.teacher
        self.assertEqual(self.batch.with_user(self.guardian_user).head_teacher_name, "Tere Docente")
        with self.assertRaises(AccessError):
            self.teacher.with_user(self.guardian_user).read(["name"])

    def test_calendar_rights(self):
        day = {"name": "Día", "date": datetime.date(2026, 6, 1), "company_id": self.school.id}
        with self.assertRaises(AccessError):
            self.env["school.calendar.day"].with_user(self.users["t_teacher"]).create(day)
        with self.assertRaises(AccessError):
            self.env["school.calendar.day"].with_user(self.guardian_user).search([])
        created = self.env["school.calendar.day"].with_user(self.users["t_secretary"]).create(day)
        self.assertEqual(created.company_id, self.school)
        # Any staff member can ask the calendar helper, which reads the days.
        calendar = (
            self.env["school.calendar"].with_user(self.users["t_teacher"]).with_company(self.school)
        )
        self.assertFalse(calendar.is_school_day(datetime.date(2026, 6, 1)))

    def test_multi_company_isolation(self):
        outsider = new_test_user(
            self.env,
            login="t_outsider",
            groups="school_base.school_base_group_director",
            company_id=self.other_school.id,
            company_ids=[Command.set([self.other_school.id])],
        )
        self.assertFalse(
            self.env["op.batch"].with_user(outsider).search([("id", "in", self.batch.ids)])
        )
        self.assertFalse(
            self.env["op.student"].with_user(outsider).search([("id", "=", self.student.id)])
        )
        self.assertFalse(
            self.env["school.annex"]
            .with_user(outsider)
            .search([("company_id", "=", self.school.id)])
        )
        # The sostenedor's users hold both companies and see both schools.
        sostenedor_user = new_test_user(
            self.env,
            login="t_sost2",
            groups="school_base.school_base_group_sostenedor",
            company_id=self.sostenedor.id,
            company_ids=[Command.set([self.sostenedor.id, self.school.id])],
        )
        found = (
            self.env["op.batch"]
            .with_user(sostenedor_user)
            .with_context(allowed_company_ids=[self.sostenedor.id, self.school.id])
            .search([("id", "in", self.batch.ids)])
        )
        self.assertEqual(found, self.batch)

    def test_only_the_director_repoints_a_teachers_record(self):
        """A course's teachers are the users of its faculty records:
        Secretaría keeps a teacher's data but cannot point the record at
        another person (its own user, say) and so take the course's class
        book; the Director can."""
        faculty = self.teacher
        self.assertIn(self.users["t_teacher"], faculty.user_ids)
        secretary = self.users["t_secretary"]
        faculty.with_user(secretary).write({"last_name": "Docente Pérez"})
        with self.assertRaises(AccessError):
            faculty.with_user(secretary).write({"partner_id": secretary.partner_id.id})
        with self.assertRaises(AccessError):
            self.env["op.faculty"].with_user(secretary).create(
                {
                    "partner_id": secretary.partner_id.id,
                    "first_name": "Falsa",
                    "last_name": "Docente",
                    "birth_date": "1990-01-01",
                    "gender": "female",
                }
            )
        self.assertNotIn(secretary, self.batch.teacher_user_ids)
        other = self.env["res.partner"].create({"name": "Docente Nueva"})
        faculty.with_user(self.users["t_director"]).write({"partner_id": other.id})
        self.assertEqual(faculty.partner_id, other)

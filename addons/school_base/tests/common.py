# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class SchoolCase(BaseCommon):
    """A small school of its own (no demo data): a sostenedor, one school,
    a course with two students, their apoderados and one user per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cls.sostenedor = cls.env["res.company"].create(
            {
                "name": "Fundación Test",
                "school_is_sostenedor": True,
                "country_id": cls.env.ref("base.cl").id,
            }
        )
        cls.school = cls.env["res.company"].create(
            {
                "name": "Escuela Test",
                "parent_id": cls.sostenedor.id,
                "school_rbd": "12345",
                "school_rbd_dv": "5",
                "country_id": cls.env.ref("base.cl").id,
                "school_holiday_subdivision": "ML",
            }
        )
        cls.other_school = cls.env["res.company"].create(
            {
                "name": "Otra Escuela",
                "country_id": cls.env.ref("base.cl").id,
            }
        )
        cls.users = {}
        for login, group in [
            ("t_secretary", "school_base.school_base_group_secretary"),
            ("t_teacher", "school_base.school_base_group_teacher"),
            ("t_teacher2", "school_base.school_base_group_teacher"),
            ("t_head", "school_base.school_base_group_head_teacher"),
            ("t_inspector", "school_base.school_base_group_inspector"),
            ("t_convivencia", "school_base.school_base_group_convivencia"),
            ("t_psychologist", "school_base.school_base_group_psychologist"),
            ("t_social", "school_base.school_base_group_social_worker"),
            ("t_director", "school_base.school_base_group_director"),
            ("t_sostenedor", "school_base.school_base_group_sostenedor"),
        ]:
            cls.users[login] = new_test_user(
                cls.env,
                login=login,
                groups=group,
                company_id=cls.school.id,
                company_ids=[Command.set([cls.school.id])],
            )
        faculty = cls.env["op.faculty"]
        cls.teacher = faculty.create(
            {
                "first_name": "Tere",
                "last_name": "Docente",
                "name": "Tere Docente",
                "gender": "female",
                "birth_date": datetime.date(1980, 1, 1),
                "partner_id": cls.users["t_teacher"].partner_id.id,
            }
        )
        cls.course = cls.env["op.course"].create(
            {
                "name": "3° básico",
                "code": "T-B3",
                "school_level": "basica",
                "sige_teaching_code": "110",
                "sige_grade_code": 3,
                "company_id": cls.school.id,
            }
        )
        cls.batch = cls.env["op.batch"].create(
            {
                "name": "Tour 3° básico A",
                "code": "T-B3A",
                "course_id": cls.course.id,
                "start_date": datetime.date(2026, 3, 2),
                "end_date": datetime.date(2026, 12, 18),
                "sige_letter": "A",
                "company_id": cls.school.id,
                "faculty_ids": [Command.set([cls.teacher.id])],
            }
        )
        cls.other_batch = cls.env["op.batch"].create(
            {
                "name": "3° básico B",
                "code": "T-B3B",
                "course_id": cls.course.id,
                "start_date": datetime.date(2026, 3, 2),
                "end_date": datetime.date(2026, 12, 18),
                "sige_letter": "B",
                "company_id": cls.school.id,
            }
        )
        cls.guardian_user = new_test_user(
            cls.env,
            login="t_guardian",
            groups="school_base.school_base_group_guardian",
            company_id=cls.school.id,
            company_ids=[Command.set([cls.school.id])],
        )
        cls.other_guardian_user = new_test_user(
            cls.env,
            login="t_guardian2",
            groups="school_base.school_base_group_guardian",
            company_id=cls.school.id,
            company_ids=[Command.set([cls.school.id])],
        )
        relationship = cls.env.ref("school_base.op_parent_relationship_mother")
        cls.parent, cls.other_parent = cls.env["op.parent"].create(
            [
                {"name": cls.guardian_user.partner_id.id, "relationship_id": relationship.id},
                {"name": cls.other_guardian_user.partner_id.id, "relationship_id": relationship.id},
            ]
        )
        cls.student = cls._create_student("Ana", "Tour", "22.222.222-2", cls.parent, cls.batch)
        cls.other_student = cls._create_student(
            "Bruno", "Otro", "11.111.111-1", cls.other_parent, cls.other_batch
        )

    @classmethod
    def _create_student(cls, first, last, run, parent, batch):
        return (
            cls.env["op.student"]
            .with_company(cls.school)
            .create(
                {
                    "first_name": first,
                    "last_name": last,
                    "name": "%s %s" % (first, last),
                    "school_id_number": run,
                    "gender": "f",
                    "parent_ids": [Command.set([parent.id])],
                    "course_detail_ids": [
                        Command.create(
                            {
                                "course_id": batch.course_id.id,
                                "batch_id": batch.id,
                                "roll_number": "1",
                            }
                        )
                    ],
                }
            )
        )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access matrix of school_base and the OpenEduCat models it governs (issue 9).

Every cell runs with the user's own rights, as /web/dataset/call_kw would.
The escalations found on the demo school are explicit tests below.
"""

import base64
import datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .access_matrix import (
    CITATION_STAFF,
    NOBODY,
    ROLES,
    ROLL_KEEPERS,
    SCHOOL_WIDE_ROLES,
    STAFF_ROLES,
    AccessMatrixMixin,
    Cell,
    setup_matrix_roles,
)
from .common import SchoolCase

ADMINS = frozenset({"sostenedor"})
COURSE_STAFF = SCHOOL_WIDE_ROLES | {"teacher", "head_teacher"}
# What a guardian / student of the fixture course may read of it.
FAMILY = frozenset({"guardian", "student"})

BASE_CELLS = [
    # The roll: teachers read their own course's students, enrolments and
    # apoderado links and write none; Secretaría (and the roles above it)
    # keeps the roll; families read only their own child.
    Cell("op.student", "read", COURSE_STAFF | FAMILY, "student"),
    Cell("op.student", "read", SCHOOL_WIDE_ROLES | {"teacher_other", "guardian_other"}, "other"),
    Cell("op.student", "write", ROLL_KEEPERS, "student", ({"middle_name": "X"},)),
    Cell(
        "op.student",
        "create",
        ROLL_KEEPERS,
        lambda t: {
            "first_name": "Nueva",
            "last_name": "Alumna",
            "name": "Nueva Alumna",
            "gender": "f",
            "company_id": t.school.id,
        },
    ),
    Cell("op.student", "unlink", ADMINS, "student"),
    Cell("op.student.course", "read", COURSE_STAFF | FAMILY, "enrolment"),
    Cell("op.student.course", "write", ROLL_KEEPERS, "enrolment", ({"roll_number": "9"},)),
    Cell(
        "op.student.course",
        "create",
        ROLL_KEEPERS,
        lambda t: {
            "student_id": t.student.id,
            "course_id": t.other_batch.course_id.id,
            "batch_id": t.other_batch.id,
            "roll_number": "7",
        },
    ),
    Cell("op.student.course", "unlink", ROLL_KEEPERS, "enrolment"),
    Cell("op.parent", "read", COURSE_STAFF, "parent"),
    Cell("op.parent", "write", ROLL_KEEPERS, "parent", (lambda t: _link_other_guardian(t),)),
    Cell("op.parent", "unlink", ROLL_KEEPERS, "parent"),
    Cell(
        "op.student",
        "write",
        ROLL_KEEPERS,
        "student",
        (lambda t: {"parent_ids": [Command.link(t.other_parent.id)]},),
    ),
    # Courses and levels: staff read, Secretaría writes.
    Cell("op.batch", "read", COURSE_STAFF | FAMILY, "batch"),
    Cell("op.batch", "write", ROLL_KEEPERS, "batch", ({"sige_letter": "C"},)),
    Cell("op.batch", "unlink", ADMINS, "empty_batch"),
    Cell("op.course", "read", STAFF_ROLES | FAMILY | {"guardian_other"}, "course"),
    Cell("op.course", "write", ROLL_KEEPERS, "course", ({"sige_grade_code": 4},)),
    Cell("op.faculty", "read", STAFF_ROLES, "faculty"),
    Cell("op.faculty", "write", ROLL_KEEPERS, "faculty", ({"middle_name": "X"},)),
    # School structure and calendar.
    Cell("school.annex", "read", STAFF_ROLES, "annex"),
    Cell("school.annex", "write", ROLL_KEEPERS, "annex", ({"phone": "+56 71 2000000"},)),
    Cell(
        "school.annex",
        "create",
        ROLL_KEEPERS,
        lambda t: {"name": "Anexo Norte", "company_id": t.school.id},
    ),
    Cell("school.annex", "unlink", {"director", "sostenedor"}, "annex"),
    Cell("school.calendar.day", "read", STAFF_ROLES, "calendar_day"),
    Cell("school.calendar.day", "write", ROLL_KEEPERS, "calendar_day", ({"name": "Otro"},)),
    Cell(
        "school.calendar.day",
        "create",
        ROLL_KEEPERS,
        lambda t: {
            "name": "Jornada",
            "date": datetime.date(2026, 7, 3),
            "company_id": t.school.id,
        },
    ),
    Cell("school.calendar.day", "unlink", ROLL_KEEPERS, "calendar_day"),
    Cell("school.schedule", "read", STAFF_ROLES, "schedule"),
    Cell("school.schedule", "write", ROLL_KEEPERS, "schedule", ({"name": "Otra"},)),
    Cell("school.schedule", "unlink", ROLL_KEEPERS, "schedule"),
    Cell("school.schedule.slot", "read", STAFF_ROLES, "slot"),
    Cell("school.schedule.slot", "write", ROLL_KEEPERS, "slot", ({"end": 9.0},)),
    Cell("school.schedule.slot", "unlink", ROLL_KEEPERS, "slot"),
    # Users: only the sostenedor (user administrator) changes users.
    Cell("res.users", "write", ADMINS, "victim", ({"login": "renamed"},)),
    Cell("res.users", "write", ADMINS, "victim", ({"name": "Otro nombre"},)),
    Cell(
        "res.users",
        "write",
        ADMINS,
        "victim",
        (lambda t: {"groups_id": [Command.link(t.env.ref("base.group_system").id)]},),
    ),
    Cell(
        "res.users",
        "create",
        ADMINS,
        lambda t: {"name": "Nuevo", "login": "t_new_user", "company_id": t.school.id},
    ),
    Cell("res.users", "unlink", ADMINS, "victim"),
    # Partners behind the students: the same people as the roll.
    Cell("res.partner", "read", COURSE_STAFF | FAMILY, "student_partner"),
    Cell("res.partner", "write", ROLL_KEEPERS, "student_partner", ({"street": "Calle 1"},)),
    # ...and the partners of the apoderados (found in review: a teacher read
    # every apoderado's e-mail and RUN).
    Cell(
        "res.partner",
        "read",
        SCHOOL_WIDE_ROLES | {"teacher_other", "guardian_other"},
        "other_guardian_partner",
    ),
    # The school itself.
    Cell("res.company", "write", ADMINS, "school", ({"street": "Calle 2"},)),
    # The roll import (issue 11): Secretaría and the roles above it, in
    # their own school; its state and report are the import's own.
    Cell("school.roll.import", "read", ROLL_KEEPERS, "roll_import"),
    Cell(
        "school.roll.import",
        "create",
        ROLL_KEEPERS,
        lambda t: {"company_id": t.school.id, "school_year": 2026},
    ),
    Cell("school.roll.import", "write", ROLL_KEEPERS, "roll_import", ({"school_year": 2027},)),
    Cell("school.roll.import", "write", NOBODY, "roll_import", ({"state": "done"},)),
    Cell("school.roll.import", "unlink", ROLL_KEEPERS, "roll_import"),
    Cell("school.roll.import", "action_validate", ROLL_KEEPERS, "roll_import"),
    Cell("school.roll.import", "action_import", ROLL_KEEPERS, "roll_import"),
    Cell("school.roll.import.error", "read", ROLL_KEEPERS, "roll_import_error"),
    Cell("school.roll.import.error", "write", NOBODY, "roll_import_error", ({"message": "x"},)),
]

# Apoderado citations (one model for convivencia and lateness): the citing
# staff reach their courses' (teachers) or the school's, Secretaría reads
# them, the apoderado reads their child's; the state and the signature change
# through the actions only, nobody deletes one; a citation is about a student
# of its course and goes to that student's apoderado.
CITATION_CELLS = [
    Cell(
        "school.guardian.citation", "read", CITATION_STAFF | {"secretary", "guardian"}, "citation"
    ),
    Cell(
        "school.guardian.citation",
        "create",
        CITATION_STAFF,
        lambda t: {
            "student_id": t.student.id,
            "batch_id": t.batch.id,
            "reason": "Conversar",
            "scheduled_at": "2026-12-20 14:00:00",
        },
    ),
    Cell(
        "school.guardian.citation",
        "create",
        NOBODY,
        lambda t: {
            "student_id": t.other_student.id,
            "batch_id": t.batch.id,
            "reason": "Conversar",
        },
    ),
    Cell(
        "school.guardian.citation",
        "create",
        NOBODY,
        lambda t: {"student_id": t.student.id, "reason": "Conversar", "state": "attended"},
    ),
    Cell("school.guardian.citation", "write", CITATION_STAFF, "citation", ({"reason": "Otra"},)),
    Cell(
        "school.guardian.citation",
        "write",
        NOBODY,
        "citation",
        (lambda t: {"guardian_partner_id": t.users["t_secretary"].partner_id.id},),
    ),
    Cell(
        "school.guardian.citation",
        "write",
        NOBODY,
        "citation",
        (lambda t: {"student_id": t.other_student.id},),
    ),
    Cell("school.guardian.citation", "write", NOBODY, "citation", ({"state": "attended"},)),
    Cell("school.guardian.citation", "write", NOBODY, "citation", ({"guardian_signed": True},)),
    Cell("school.guardian.citation", "unlink", NOBODY, "citation"),
    Cell("school.guardian.citation", "action_notify", CITATION_STAFF, "citation"),
    Cell("school.guardian.citation", "action_confirm", CITATION_STAFF | {"guardian"}, "notified"),
    Cell("school.guardian.citation", "action_record_signature", CITATION_STAFF, "notified"),
    Cell("school.guardian.citation", "action_missed", CITATION_STAFF, "notified"),
    Cell(
        "school.guardian.citation",
        "read",
        SCHOOL_WIDE_ROLES - {"social_worker"} | {"teacher_other", "guardian_other"},
        "other_citation",
    ),
]


def _link_other_guardian(test):
    return {"student_ids": [Command.link(test.other_student.id)]}


@tagged("post_install", "-at_install", "school_access")
class TestAccessMatrix(AccessMatrixMixin, SchoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)
        env = cls.env
        cls.annex = env["school.annex"].create({"name": "Anexo Sur", "company_id": cls.school.id})
        cls.calendar_day = env["school.calendar.day"].create(
            {"name": "Feriado", "date": datetime.date(2026, 7, 2), "company_id": cls.school.id}
        )
        cls.schedule = env["school.schedule"].create(
            {"name": "Jornada", "company_id": cls.school.id}
        )
        cls.slot = env["school.schedule.slot"].create(
            {
                "schedule_id": cls.schedule.id,
                "weekday": "0",
                "slot_type": "session",
                "start": 8.0,
                "end": 8.75,
            }
        )
        cls.victim = new_test_user(
            env,
            login="t_victim",
            groups="base.group_user",
            company_id=cls.school.id,
            company_ids=[Command.set([cls.school.id])],
        )
        roll = base64.b64encode(
            "RUN;Nombres;Apellido paterno;Género;Curso\n23.000.000-K;Rita;Nueva;F;T-B3A\n".encode()
        )
        roll_import = env["school.roll.import"].create(
            {"file": roll, "school_year": 2026, "company_id": cls.school.id}
        )
        bad_import = env["school.roll.import"].create(
            {"file": base64.b64encode(b"RUN;Nombres\n1-1;X\n"), "company_id": cls.school.id}
        )
        bad_import.action_validate()
        cls.matrix_records = {
            "roll_import": roll_import,
            "roll_import_error": bad_import.error_ids[0],
            "student": cls.student,
            "other": cls.other_student,
            "enrolment": cls.student.course_detail_ids,
            "parent": cls.parent,
            "batch": cls.batch,
            "empty_batch": cls.batch.copy({"code": "T-B3Z", "name": "3° básico Z"}),
            "course": cls.course,
            "faculty": cls.teacher,
            "annex": cls.annex,
            "calendar_day": cls.calendar_day,
            "schedule": cls.schedule,
            "slot": cls.slot,
            "victim": cls.victim,
            "student_partner": cls.student.partner_id,
            "other_guardian_partner": cls.other_parent.name,
            "school": cls.school,
        }

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_matrix(self):
        count = self.check_cells(BASE_CELLS)
        self.assertEqual(count, len(BASE_CELLS) * len(ROLES))

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_citation_matrix(self):
        # Created here: a citation keeps its student (the roll matrix deletes
        # the fixture student).
        citations = self.env["school.guardian.citation"].create(
            [
                {
                    "student_id": self.student.id,
                    "batch_id": self.batch.id,
                    "reason": "Conversar sobre la asistencia",
                    "scheduled_at": "2026-12-20 14:00:00",
                },
                {
                    "student_id": self.student.id,
                    "batch_id": self.batch.id,
                    "reason": "Firmar la hoja de vida",
                    "scheduled_at": "2026-12-21 14:00:00",
                },
                {
                    "student_id": self.other_student.id,
                    "batch_id": self.other_batch.id,
                    "reason": "Conversar",
                },
            ]
        )
        citations[1].action_notify()
        self.matrix_records = dict(
            self.matrix_records,
            citation=citations[0],
            notified=citations[1],
            other_citation=citations[2],
        )
        self.assertEqual(self.matrix_records["notified"].state, "notified")
        count = self.check_cells(CITATION_CELLS)
        self.assertEqual(count, len(CITATION_CELLS) * len(ROLES))

    # ------------------------------------------------------------------
    # The escalations found on the demo school, one test each.
    # ------------------------------------------------------------------
    def test_teacher_cannot_grant_itself_settings(self):
        teacher = self.users["t_teacher"]
        with self.assertRaises(AccessError):
            teacher.with_user(teacher).write(
                {"groups_id": [Command.link(self.env.ref("base.group_system").id)]}
            )
        self.assertFalse(teacher.has_group("base.group_system"))

    def test_teacher_cannot_rename_admin(self):
        admin = self.env.ref("base.user_admin")
        login = admin.login
        with self.assertRaises(AccessError):
            admin.with_user(self.users["t_teacher"]).write({"login": "pwned"})
        self.assertEqual(admin.login, login)

    def test_faculty_holder_still_cannot_escalate(self):
        """Even a user that somebody added to OpenEduCat's Faculty group (which
        may write res.users) cannot touch authority fields or other users."""
        teacher = self.users["t_teacher"]
        teacher.groups_id = [Command.link(self.env.ref("openeducat_core.group_op_faculty").id)]
        with self.assertRaises(AccessError):
            teacher.with_user(teacher).write(
                {"groups_id": [Command.link(self.env.ref("base.group_system").id)]}
            )
        with self.assertRaises(AccessError):
            self.victim.with_user(teacher).write({"password": "x"})
        with self.assertRaises(AccessError):
            teacher.with_user(teacher).write({"company_ids": [Command.link(self.other_school.id)]})

    def test_demo_school_users(self):
        """The demo school's users, as installed (and again after an update
        of OpenEduCat's modules): no staff role holds Faculty or Settings,
        and the demo teacher's escalation of the issue is refused."""
        faculty = self.env.ref("openeducat_core.group_op_faculty")
        system = self.env.ref("base.group_system")
        users = self.env["res.users"].search(
            [("login", "in", ["director", "inspector", "secretaria", "jefe", "docente"])]
        )
        self.assertEqual(len(users), 5)
        for user in users:
            self.assertNotIn(faculty, user.groups_id, user.login)
            self.assertNotIn(system, user.groups_id, user.login)
        docente = users.filtered(lambda u: u.login == "docente")
        with self.assertRaises(AccessError):
            docente.with_user(docente).write({"groups_id": [Command.link(system.id)]})
        students = self.env["op.student"].with_user(docente).search([])
        self.assertTrue(students)
        self.assertLess(len(students), self.env["op.student"].search_count([]))
        with self.assertRaises(AccessError):
            students[0].with_user(docente).write({"middle_name": "X"})

    def test_own_preferences_still_writable(self):
        teacher = self.users["t_teacher"]
        teacher.with_user(teacher).write({"tz": "America/Punta_Arenas", "signature": "<p>T</p>"})
        self.assertEqual(teacher.tz, "America/Punta_Arenas")

    def test_roles_do_not_imply_faculty(self):
        faculty = self.env.ref("openeducat_core.group_op_faculty")
        for login, user in self.users.items():
            if login == "t_sostenedor":
                continue
            self.assertNotIn(faculty, user.groups_id, login)
        self.assertFalse(
            self.env.ref("school_base.school_base_group_staff").implied_ids
            & (faculty | self.env.ref("base.group_system"))
        )

    def test_teacher_reads_only_own_course_roll(self):
        teacher = self.users["t_teacher"]
        students = self.env["op.student"].with_user(teacher).search([])
        self.assertEqual(students, self.student)
        enrolments = self.env["op.student.course"].with_user(teacher).search([])
        self.assertEqual(enrolments.student_id, self.student)
        parents = self.env["op.parent"].with_user(teacher).search([])
        self.assertEqual(parents, self.parent)

    def test_teacher_cannot_attach_a_guardian(self):
        """A teacher attaching any portal user as a child's apoderado would
        expose the child's record: refused, on both ends of the link."""
        teacher = self.users["t_teacher"]
        with self.assertRaises(AccessError):
            self.student.with_user(teacher).write(
                {"parent_ids": [Command.link(self.other_parent.id)]}
            )
        with self.assertRaises(AccessError):
            self.env["op.parent"].with_user(teacher).create(
                {
                    "name": self.users["t_teacher2"].partner_id.id,
                    "student_ids": [Command.link(self.student.id)],
                }
            )
        self.assertNotIn(self.other_guardian_user, self.student.school_guardian_user_ids)

    def test_secretary_links_a_guardian(self):
        """Secretaría keeps the roll: linking an apoderado also updates
        OpenEduCat's child_ids on the apoderado's user (done in sudo)."""
        secretary = self.users["t_secretary"]
        self.other_parent.with_user(secretary).write(
            {"student_ids": [Command.link(self.student.id)]}
        )
        self.env.flush_all()
        self.assertIn(self.other_guardian_user, self.student.school_guardian_user_ids)

    def test_run_unique_checked_beyond_the_callers_rules(self):
        """The uniqueness of a RUN per school holds whatever the caller can
        read, and the database refuses a duplicate that bypasses the ORM
        check (two requests racing)."""
        secretary = self.users["t_secretary"]
        with self.assertRaises(ValidationError):
            self.env["res.partner"].with_user(secretary).create(
                {
                    "name": "Duplicada",
                    "school_id_number": "22.222.222-2",
                    "company_id": self.school.id,
                }
            )
        partner = self.student.partner_id
        with mute_logger("odoo.sql_db"), self.assertRaises(Exception) as caught:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    SQL(
                        "INSERT INTO res_partner (name, school_id_type, school_id_number,"
                        " company_id, active, type) VALUES (%s, %s, %s, %s, true, 'contact')",
                        "Carrera",
                        partner.school_id_type,
                        partner.school_id_number,
                        partner.company_id.id or None,
                    )
                )
        self.assertEqual(
            getattr(caught.exception, "pgcode", None), "23505", "unique_violation expected"
        )

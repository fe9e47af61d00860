# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DisciplineCase, utc


@tagged("post_install", "-at_install")
class TestDisciplineConfidentiality(DisciplineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        p3 = cls.env["school.discipline.case.type"].search([("code", "=", "CT-III")])
        cls.reserved = (
            cls.env["school.discipline.case"]
            .with_user(cls.users["t_convivencia"])
            .create(
                {
                    "type_id": p3.id,
                    "student_id": cls.student.id,
                    "batch_id": cls.batch.id,
                    "knowledge_datetime": utc(2026, 5, 4, 10),
                    "facts": "Relato reservado.",
                }
            )
        )
        cls.disciplinary = (
            cls.env["school.discipline.case"]
            .with_user(cls.users["t_inspector"])
            .create(
                {
                    "type_id": cls.type_a.id,
                    "student_id": cls.student.id,
                    "batch_id": cls.batch.id,
                    "fault_id": cls.g07.id,
                    "knowledge_datetime": utc(2026, 5, 4, 10),
                }
            )
        )

    def _visible(self, user, case):
        return bool(
            self.env["school.discipline.case"].with_user(user).search([("id", "=", case.id)])
        )

    def test_reserved_protocol_cases(self):
        for login in ("t_convivencia", "t_psychologist", "t_inspector", "t_director"):
            self.assertTrue(self._visible(self.users[login], self.reserved), login)
            self.reserved.with_user(self.users[login]).read(["facts"])
        self.assertFalse(self._visible(self.users["t_social"], self.reserved))
        self.assertTrue(self._visible(self.users["t_social"], self.disciplinary))
        with self.assertRaises(AccessError):
            self.reserved.with_user(self.users["t_social"]).read(["facts"])
        steps = self.reserved.step_ids
        with self.assertRaises(AccessError):
            steps.with_user(self.users["t_social"]).read(["note"])

    def test_teachers_see_entries_not_case_files(self):
        teacher = self.users["t_teacher"]
        with self.assertRaises(AccessError):
            self.env["school.discipline.case"].with_user(teacher).search([])
        with self.assertRaises(AccessError):
            self.reserved.with_user(teacher).read(["facts"])
        with self.assertRaises(AccessError):
            self.reserved.step_ids.with_user(teacher).read(["note"])
        entries = (
            self.env["school.discipline.entry"]
            .with_user(teacher)
            .search([("student_id", "=", self.student.id)])
        )
        self.assertEqual(entries.mapped("kind"), ["protocol"], "the neutral protocol entry only")
        self.assertNotIn("Relato", entries.description)

    def test_guardian_sees_own_child_due_process_only(self):
        guardian = self.guardian_user
        cases = self.env["school.discipline.case"].with_user(guardian).search([])
        self.assertEqual(cases, self.disciplinary)
        with self.assertRaises(AccessError):
            self.reserved.with_user(guardian).read(["facts"])
        with self.assertRaises(AccessError):
            self.reserved.step_ids.with_user(guardian).read(["note"])
        other = self.other_guardian_user
        self.assertFalse(self.env["school.discipline.case"].with_user(other).search([]))
        self.assertFalse(self.env["school.discipline.entry"].with_user(other).search([]))

    def test_guardian_cannot_read_reserved_fields(self):
        case = self.disciplinary.with_user(self.guardian_user)
        case.read(["name", "state"])
        with self.assertRaises(AccessError):
            case.read(["facts"])
        with self.assertRaises(AccessError):
            case.step_ids.read(["note"])

    def test_parent_fault_case_only_for_that_parent(self):
        dp_f = self.env.ref("school_discipline.school_discipline_case_type_dp_f")
        parent_case = self.env["school.discipline.case"].create(
            {
                "type_id": dp_f.id,
                "guardian_partner_id": self.other_guardian_user.partner_id.id,
                "student_id": self.student.id,
                "fault_id": self.env.ref("school_discipline.school_discipline_fault_p_g05").id,
            }
        )
        cases = self.env["school.discipline.case"]
        self.assertIn(parent_case, cases.with_user(self.other_guardian_user).search([]))
        self.assertNotIn(parent_case, cases.with_user(self.guardian_user).search([]))

    def test_guardian_sees_hoja_de_vida_not_ficha(self):
        leve = (
            self.env["school.discipline.entry"]
            .with_user(self.users["t_teacher"])
            .create(
                {"student_id": self.student.id, "fault_id": self.l05.id, "description": "Celular"}
            )
        )
        self.assertEqual(leve.book, "ficha")
        seen = self.env["school.discipline.entry"].with_user(self.guardian_user).search([])
        self.assertNotIn(leve, seen)
        self.assertTrue(all(e.book == "hoja_vida" for e in seen))
        self.assertTrue(seen)

    def test_nobody_deletes_cases(self):
        for login in ("t_inspector", "t_convivencia", "t_director"):
            with self.assertRaises(AccessError):
                self.disciplinary.with_user(self.users[login]).unlink()

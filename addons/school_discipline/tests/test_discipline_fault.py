# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDisciplineFault(TransactionCase):
    def test_seed_catalogue_shipped(self):
        fault = self.env["school.discipline.fault"]
        student = [("subject", "=", "student")]
        self.assertEqual(
            fault.search([*student, ("level", "=", "leve")]).mapped("code"),
            ["L%02d" % i for i in range(1, 15)],
        )
        self.assertEqual(len(fault.search([*student, ("level", "=", "grave")])), 15)
        self.assertEqual(len(fault.search([*student, ("level", "=", "gravisima")])), 13)
        guardian = [("subject", "=", "guardian")]
        self.assertEqual(
            [
                len(fault.search([*guardian, ("level", "=", lvl)]))
                for lvl in ("leve", "grave", "gravisima")
            ],
            [9, 5, 6],
        )
        # Weapons go through Aula Segura (Ley 21.128), other gravísimas the standard process.
        self.assertEqual(
            self.env.ref("school_discipline.school_discipline_fault_gg06").case_type_id.code,
            "CT-XII",
        )
        self.assertEqual(
            self.env.ref("school_discipline.school_discipline_fault_gg01").case_type_id.code, "DP-A"
        )
        self.assertIn(
            "L1452", self.env.ref("school_discipline.school_discipline_fault_l01").source_ref
        )

    def test_sanction_matrix_shipped(self):
        s6 = self.env.ref("school_discipline.school_discipline_sanction_s6")
        self.assertEqual((s6._rule_for("grave").min_days, s6._rule_for("grave").max_days), (1, 5))
        self.assertEqual(
            (s6._rule_for("gravisima").min_days, s6._rule_for("gravisima").max_days), (3, 5)
        )
        self.assertFalse(s6._rule_for("leve"))
        s11 = self.env.ref("school_discipline.school_discipline_sanction_s11")
        self.assertEqual(s11.rule_ids.mapped("level"), ["gravisima"])

    def test_level_order_and_rights(self):
        convivencia = new_test_user(
            self.env, login="dis_conv", groups="school_base.school_base_group_convivencia"
        )
        teacher = new_test_user(
            self.env, login="dis_teacher", groups="school_base.school_base_group_teacher"
        )
        fault_model = self.env["school.discipline.fault"]
        grave = fault_model.with_user(convivencia).create(
            {"code": "G99", "name": "Prueba grave", "level": "grave"}
        )
        self.assertEqual(grave.level_sequence, 2)
        self.assertEqual(
            fault_model.search([("code", "in", ("G99", "L14"))]).mapped("code"), ["L14", "G99"]
        )
        with self.assertRaises(AccessError):
            fault_model.with_user(teacher).create({"code": "L99", "name": "x", "level": "leve"})
        with self.assertRaises(AccessError):
            grave.with_user(convivencia).unlink()

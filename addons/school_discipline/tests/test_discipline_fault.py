# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDisciplineFault(TransactionCase):
    def test_seed_leves_shipped_in_order(self):
        leves = self.env["school.discipline.fault"].search([("level", "=", "leve")])
        self.assertEqual(leves.mapped("code"), ["L%02d" % i for i in range(1, 15)])
        self.assertIn(
            "L1452", self.env.ref("school_discipline.school_discipline_fault_l01").source_ref
        )

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

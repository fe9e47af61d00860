# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestScholarshipType(TransactionCase):
    def test_seed_types(self):
        types = self.env["school.scholarship.type"].search([])
        by_share = {t.name: t.fund_share for t in types}
        self.assertEqual(by_share["Socioeconómica"], "socioeconomic")
        self.assertEqual(by_share["Mérito académico"], "discretionary")
        self.assertTrue(
            self.env.ref("school_scholarships.school_scholarship_type_sostenedor").mid_year
        )

    def test_rights_and_bounds(self):
        social = new_test_user(
            self.env, login="bec_social", groups="school_base.school_base_group_social_worker"
        )
        teacher = new_test_user(
            self.env, login="bec_teacher", groups="school_base.school_base_group_teacher"
        )
        sostenedor = new_test_user(
            self.env, login="bec_sost", groups="school_base.school_base_group_sostenedor"
        )
        stype = self.env.ref("school_scholarships.school_scholarship_type_merit")
        self.assertEqual(stype.with_user(social).name, "Mérito académico")
        with self.assertRaises(AccessError):
            stype.with_user(teacher).read(["name"])
        with self.assertRaises(AccessError):
            stype.with_user(social).write({"max_exemption": 50})
        stype.with_user(sostenedor).write({"max_exemption": 50})
        with self.assertRaises(ValidationError) as err:
            stype.with_user(sostenedor).write({"max_exemption": 150})
        self.assertIn("Mérito académico", str(err.exception))

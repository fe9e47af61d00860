# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSigeBackend(TransactionCase):
    def test_token_only_for_sige_officer(self):
        officer = new_test_user(
            self.env,
            login="sige_officer",
            groups="school_sige_connector.school_sige_connector_group_manager",
        )
        director = new_test_user(
            self.env, login="sige_director", groups="school_base.school_base_group_director"
        )
        backend = (
            self.env["school.sige.backend"]
            .with_user(officer)
            .create({"name": "SIGE", "token": "secret-token"})
        )
        self.assertEqual(backend.token, "secret-token")
        self.assertEqual(backend.with_user(director).name, "SIGE")
        with self.assertRaises(AccessError):
            backend.with_user(director).read(["token"])
        with self.assertRaises(AccessError):
            backend.with_user(director).write({"name": "Otro"})
        sostenedor = new_test_user(
            self.env, login="sige_sost", groups="school_base.school_base_group_sostenedor"
        )
        self.assertTrue(
            sostenedor.has_group("school_sige_connector.school_sige_connector_group_manager")
        )

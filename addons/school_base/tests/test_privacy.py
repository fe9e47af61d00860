# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.modules.graph import Graph
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPrivacy(TransactionCase):
    """OpenEduCat and Odoo must not phone home from a school's database."""

    attempts = []

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # Every outgoing HTTP request of the code under test lands here
        # (Odoo's test case routes requests.Session.send to this hook).
        cls.attempts.append(r.url)
        return super()._request_handler(s, r, **kw)

    def setUp(self):
        super().setUp()
        type(self).attempts = []

    def test_no_phone_home_cron_active(self):
        crons = (
            self.env["ir.cron"]
            .with_context(active_test=False)
            .search(
                [
                    ("model_id.model", "=", "publisher_warranty.contract"),
                ]
            )
        )
        self.assertTrue(crons, "the publisher-warranty crons should exist, inactive")
        self.assertEqual(crons.filtered("active"), self.env["ir.cron"])
        self.assertIn(
            self.env.ref("openeducat_core.ir_cron_module_update_notification_openeducat"), crons
        )

    def test_no_request_attempted(self):
        contract = self.env["publisher_warranty.contract"]
        self.assertTrue(contract.update_notification(cron_mode=False))
        self.assertTrue(contract.update_notification_openeducat(cron_mode=False))
        self.assertEqual(contract._get_system_logs(), {})
        # What the crons would run, run by hand:
        for cron in (
            self.env["ir.cron"]
            .with_context(active_test=False)
            .search(
                [
                    ("model_id.model", "=", "publisher_warranty.contract"),
                ]
            )
        ):
            cron.method_direct_trigger()
        self.assertEqual(self.attempts, [])

    def test_hook_catches_requests(self):
        # The check above can fail: with the switch on, the request is made
        # (and blocked by the test framework, which raises).
        self.env["ir.config_parameter"].set_param("school_privacy.allow_publisher_warranty", "True")
        self.env["publisher_warranty.contract"].update_notification(cron_mode=True)
        self.assertEqual(len(self.attempts), 1)

    def test_privacy_addon_loads_before_openeducat(self):
        # openeducat_core's post_init_hook calls update_notification() the
        # moment it is installed. It is muted only if school_privacy's code is
        # already loaded then, i.e. if the module graph of a fresh install
        # puts school_privacy before openeducat_core.
        installed = self.env["ir.module.module"].search([("state", "=", "installed")])
        graph = Graph()
        graph.add_module(self.env.cr, "base")
        graph.add_modules(self.env.cr, installed.mapped("name"))
        order = [node.name for node in graph]
        self.assertLess(order.index("school_privacy"), order.index("openeducat_core"))

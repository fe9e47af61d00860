# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import logging

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.school_base.tests.common import SchoolCase

from .common import TOKEN, SigeOutboxCase


@tagged("post_install", "-at_install")
class TestSigeBackend(SigeOutboxCase):
    def _roles(self):
        users = dict(self.users)
        users["admin"] = self.env.ref("base.user_admin")
        users["officer"] = new_test_user(
            self.env,
            login="sige_officer",
            groups="school_sige_connector.school_sige_connector_group_manager",
            company_id=self.school.id,
            company_ids=[(6, 0, [self.school.id])],
        )
        return users

    def test_token_is_write_only(self):
        """No role, administrators included, reads the token back: not with
        read, search_read, web_read or export; not in the secret store."""
        users = self._roles()
        users["admin"].write({"company_ids": [(4, self.school.id)]})
        for login, user in users.items():
            backend = self.backend.with_user(user).with_company(self.school)
            try:
                names = list(backend.fields_get())
                dumps = [
                    backend.read(),
                    backend.search_read([("id", "=", backend.id)]),
                    backend.web_read({name: {} for name in names if name != "send_ids"}),
                ]
            except AccessError:
                dumps = []
            if dumps and (user._is_admin() or user.has_group("base.group_allow_export")):
                dumps.append(backend.export_data(["name", "new_token", "token_set"])["datas"])
            self.assertNotIn(TOKEN, repr(dumps), login)
            with self.assertRaises(AccessError, msg=login):
                self.env["school.sige.secret"].with_user(user).search([])
            with self.assertRaises(AccessError, msg=login):
                self.env["school.sige.secret"].with_user(user).create(
                    {"backend_id": self.backend.id, "token": "x"}
                )
        # Even the superuser's read of the backend does not hold it.
        self.assertNotIn(TOKEN, repr(self.backend.read()))
        self.assertTrue(self.backend.token_set)
        self.assertTrue(self.backend.token_set_at)

    def test_token_replace_and_chatter(self):
        officer = self._roles()["officer"]
        backend = self.backend.with_user(officer)
        backend.write({"new_token": "Otro-Token-9"})
        self.assertEqual(backend.token_set_by_id, officer)
        self.assertFalse(backend.new_token)
        backend.write({"send_hour": 18.5, "service_url": "http://127.0.0.1:1/x"})
        bodies = " ".join(self.backend.message_ids.mapped("body"))
        self.assertIn("token replaced", bodies)
        self.assertIn("Daily Send Hour", bodies)
        self.assertIn("Attendance Service URL", bodies)
        self.assertNotIn("Otro-Token-9", bodies)
        self.assertNotIn(TOKEN, bodies)
        self.assertNotIn("127.0.0.1:1", bodies)
        self.assertEqual(self.backend.message_ids[:2].author_id, officer.partner_id)
        # Only the SIGE officer replaces it.
        with self.assertRaises(AccessError):
            self.backend.with_user(self.users["t_director"]).write({"new_token": "Nuevo"})
        with self.assertRaises(UserError):
            backend.write({"new_token": "   "})
        sostenedor = self.users["t_sostenedor"]
        self.assertTrue(
            sostenedor.has_group("school_sige_connector.school_sige_connector_group_manager")
        )

    def test_token_never_in_logs_envelopes_or_errors(self):
        day = datetime.date(2026, 3, 26)
        self._take(day)
        self.standin.inject("addAsistencia", "http_500")
        self.standin.inject("getReporteEnvioAsistencia", "soap_fault", code="Client")
        with self.assertLogs(level=logging.DEBUG) as logs:
            logging.getLogger("odoo.addons.school_sige_connector").debug("capture starts")
            self._run()
            self._past()
            self._run()
            self._past()
            self._run()
        send = self._send_of(day)
        self.assertEqual(send.state, "accepted")
        self.assertNotIn(TOKEN, "\n".join(logs.output))
        exchanges = "\n".join(
            self.env["school.sige.attempt"].search([]).mapped(lambda a: a.exchanges or "")
        )
        self.assertIn("ConvenioToken", exchanges)
        self.assertNotIn(TOKEN, exchanges)
        errors = " ".join(send.attempt_ids.mapped(lambda a: a.error or ""))
        self.assertNotIn(TOKEN, errors + (send.note or "") + (send.payload or ""))
        # The client's own representation hides it too.
        client = self.backend._school_client()
        self.assertNotIn(TOKEN, repr(client) + repr(client.credentials))


@tagged("post_install", "-at_install", "school_access")
class TestSigeTokenRpc(HttpCase, SchoolCase):
    """The token stays out of real JSON-RPC answers, the administrator's
    and the SIGE officer's included."""

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @mute_logger("odoo.http")
    def test_token_over_rpc(self):
        backend = self.env["school.sige.backend"].create(
            {"name": "SIGE", "company_id": self.school.id, "new_token": TOKEN}
        )
        admin = self.env.ref("base.user_admin")
        admin.write({"company_ids": [Command.link(self.school.id)]})
        sostenedor = self.users["t_sostenedor"]
        sostenedor.password = "t_sostenedor"
        for login, password in (("admin", "admin"), ("t_sostenedor", "t_sostenedor")):
            self.authenticate(login, password)
            context = {"allowed_company_ids": [self.school.id]}
            calls = [
                ("read", [backend.ids], {}),
                ("search_read", [[("id", "=", backend.id)]], {}),
                (
                    "web_read",
                    [backend.ids],
                    {"specification": {"new_token": {}, "token_set": {}, "name": {}}},
                ),
                ("export_data", [backend.ids, ["name", "new_token"]], {}),
            ]
            answers = []
            for method, args, kwargs in calls:
                try:
                    answers.append(
                        self._call(
                            "school.sige.backend", method, args, dict(kwargs, context=context)
                        )
                    )
                except JsonRpcException as error:
                    # The administrator holds no school role: no access at all.
                    self.assertEqual(login, "admin")
                    answers.append(repr(error.args))
            self.assertNotIn(TOKEN, repr(answers), login)
            if login == "t_sostenedor":
                self.assertTrue(answers[2][0]["token_set"])
            with self.assertRaises(JsonRpcException, msg=login):
                self._call("school.sige.secret", "search_read", [[]], {"context": context})

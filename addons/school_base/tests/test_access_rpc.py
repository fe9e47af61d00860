# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access rules hold on the HTTP path too: real JSON-RPC calls to
/web/dataset/call_kw, as a browser console would make them."""

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import SchoolCase


@tagged("post_install", "-at_install", "school_access")
class TestAccessRpc(HttpCase, SchoolCase):
    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @mute_logger("odoo.http")
    def test_teacher_over_rpc(self):
        teacher = self.users["t_teacher"]
        teacher.password = "t_teacher"
        self.authenticate("t_teacher", "t_teacher")
        system = self.env.ref("base.group_system")
        with self.assertRaises(JsonRpcException) as caught:
            self._call(
                "res.users", "write", [[teacher.id], {"groups_id": [Command.link(system.id)]}]
            )
        self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        self.assertFalse(teacher.has_group("base.group_system"))
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(JsonRpcException):
            self._call("res.users", "write", [[admin.id], {"login": "pwned"}])
        self.assertNotEqual(admin.login, "pwned")
        # The roll: only the own course's students, and no write.
        found = self._call("op.student", "search_read", [[]], {"fields": ["name"]})
        self.assertEqual([row["id"] for row in found], self.student.ids)
        with self.assertRaises(JsonRpcException):
            self._call(
                "op.student",
                "write",
                [[self.student.id], {"parent_ids": [Command.link(self.other_parent.id)]}],
            )
        with self.assertRaises(JsonRpcException):
            self._call("op.student", "read", [[self.other_student.id], ["name"]])

    @mute_logger("odoo.http")
    def test_guardian_over_rpc(self):
        self.guardian_user.password = "t_guardian"
        self.authenticate("t_guardian", "t_guardian")
        found = self._call("op.student", "search_read", [[]], {"fields": ["name"]})
        self.assertEqual([row["id"] for row in found], self.student.ids)
        with self.assertRaises(JsonRpcException):
            self._call("op.student", "write", [[self.student.id], {"name": "Otro"}])
        with self.assertRaises(JsonRpcException):
            self._call("op.student", "read", [[self.other_student.id], ["name"]])
        with self.assertRaises(JsonRpcException):
            self._call(
                "res.users",
                "write",
                [
                    [self.guardian_user.id],
                    {"groups_id": [Command.link(self.env.ref("base.group_user").id)]},
                ],
            )
        self.assertTrue(self.guardian_user.share)

    @mute_logger("odoo.http")
    def test_demo_builder_over_rpc(self):
        """The demo builder (school.demo.builder, an abstract model: no
        rights of its own) builds schools as the superuser; over RPC none of
        its methods can be called by a logged-in user."""
        teacher = self.users["t_teacher"]
        teacher.password = "t_teacher"
        self.authenticate("t_teacher", "t_teacher")
        with self.assertRaises(JsonRpcException) as caught:
            self._call(
                "school.demo.builder",
                "_build_school",
                [],
                {"name": "Colegio RPC", "rbd": "98", "batches": [], "students_per_batch": 0},
            )
        self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        self.assertFalse(self.env["res.company"].search([("name", "=", "Colegio RPC")]))

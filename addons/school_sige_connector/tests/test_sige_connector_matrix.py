# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""This addon's rows of the suite's access matrix (school_base/tests/
access_matrix.py): every role, with its own rights."""

import datetime

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.school_base.tests.access_matrix import (
    NOBODY,
    AccessMatrixMixin,
    Cell,
    setup_matrix_roles,
)
from odoo.addons.school_base.tests.common import SchoolCase

# The SIGE agreement of a school: the Director reads that it exists; only
# the SIGE officer (the sostenedor holds it) changes it. Its token is in
# school.sige.secret, which nobody reads. The outbox (sends, their calls,
# the student checks) is Secretaría's and the SIGE officer's: read-only, its
# buttons check the caller; teachers and apoderados see none of it.
OFFICERS = frozenset({"sostenedor"})
OUTBOX_READERS = frozenset({"secretary", "inspector", "director", "sostenedor"})


def VALUES(test):
    return {"name": "SIGE", "company_id": test.school.id, "new_token": "secreto"}


def SEND(test):
    return {
        "company_id": test.school.id,
        "backend_id": test.matrix_records["record"].id,
        "date": datetime.date(2026, 3, 3),
        "teaching_code": "110",
        "grade_code": 3,
    }


CELLS = [
    Cell("school.sige.backend", "read", frozenset({"director", "sostenedor"}), "record"),
    Cell("school.sige.backend", "write", OFFICERS, "record", ({"name": "Otro"},)),
    Cell("school.sige.backend", "unlink", OFFICERS, "record"),
    Cell("school.sige.secret", "read", NOBODY, "secret"),
    Cell("school.sige.secret", "write", NOBODY, "secret", ({"token": "x"},)),
    Cell("school.sige.send", "read", OUTBOX_READERS, "send"),
    Cell("school.sige.send", "create", NOBODY, SEND),
    Cell("school.sige.send", "write", NOBODY, "send", ({"state": "to_send"},)),
    Cell("school.sige.send", "unlink", NOBODY, "send"),
    # An accepted day: the button checks the caller and sends nothing.
    Cell("school.sige.send", "action_send_now", OUTBOX_READERS, "send"),
    Cell("school.sige.attempt", "read", OUTBOX_READERS, "attempt"),
    Cell("school.sige.attempt", "write", NOBODY, "attempt", ({"code": 1},)),
    Cell("school.sige.student.check", "read", OUTBOX_READERS, "check"),
    Cell("school.sige.student.check", "write", NOBODY, "check", ({"result": "ok"},)),
]


@tagged("post_install", "-at_install", "school_access")
class TestSigeMatrix(AccessMatrixMixin, SchoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)
        backend = cls.env[CELLS[0].model].create(VALUES(cls))
        cls.matrix_records = {"record": backend}
        send = cls.env["school.sige.send"].create(dict(SEND(cls), state="accepted"))
        cls.matrix_records.update(
            secret=cls.env["school.sige.secret"].search([("backend_id", "=", backend.id)]),
            send=send,
            attempt=cls.env["school.sige.attempt"].create(
                {"send_id": send.id, "operation": "add", "code": 1}
            ),
            check=cls.env["school.sige.student.check"].create(
                {"company_id": cls.school.id, "student_id": cls.student.id, "result": "unknown"}
            ),
        )

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_matrix(self):
        self.check_cells(CELLS)

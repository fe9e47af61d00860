# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""This addon's rows of the suite's access matrix (school_base/tests/
access_matrix.py): every role, with its own rights."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.school_base.tests.access_matrix import (
    AccessMatrixMixin,
    Cell,
    setup_matrix_roles,
)
from odoo.addons.school_base.tests.common import SchoolCase

# The SIGE agreement of a school: the Director reads that it exists; only
# the SIGE officer (the sostenedor holds it) changes it or reads its token.
OFFICERS = frozenset({"sostenedor"})


def VALUES(test):
    return {"name": "SIGE", "company_id": test.school.id, "token": "secreto"}


CELLS = [
    Cell("school.sige.backend", "read", frozenset({"director", "sostenedor"}), "record"),
    Cell("school.sige.backend", "write", OFFICERS, "record", ({"name": "Otro"},)),
    Cell("school.sige.backend", "unlink", OFFICERS, "record"),
]


@tagged("post_install", "-at_install", "school_access")
class TestSigeMatrix(AccessMatrixMixin, SchoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)
        cls.matrix_records = {"record": cls.env[CELLS[0].model].create(VALUES(cls))}

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_matrix(self):
        self.check_cells(CELLS)

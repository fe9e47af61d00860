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


# Scholarship types: the sostenedor keeps them, the social worker and the
# portal read them (apoderados see what they may apply for).
def VALUES(test):
    return {"name": "Beca X", "company_id": test.school.id}


CELLS = [
    Cell(
        "school.scholarship.type",
        "read",
        frozenset(
            {"social_worker", "director", "sostenedor", "guardian", "guardian_other", "student"}
        ),
        "record",
    ),
    Cell("school.scholarship.type", "write", frozenset({"sostenedor"}), "record", ({"name": "Y"},)),
    Cell("school.scholarship.type", "unlink", frozenset({"sostenedor"}), "record"),
]


@tagged("post_install", "-at_install", "school_access")
class TestScholarshipMatrix(AccessMatrixMixin, SchoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)
        cls.matrix_records = {"record": cls.env[CELLS[0].model].create(VALUES(cls))}

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_matrix(self):
        self.check_cells(CELLS)

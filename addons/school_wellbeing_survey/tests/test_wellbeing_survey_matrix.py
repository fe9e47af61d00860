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

# Wellbeing campaigns: the convivencia team and psychology run them, head
# teachers read them; their answers are nobody else's.
TEAM = frozenset({"convivencia", "psychologist", "director", "sostenedor"})


def VALUES(test):
    return {"name": "Marzo", "date_start": "2026-03-01", "company_id": test.school.id}


CELLS = [
    Cell("school.wellbeing.campaign", "read", TEAM | {"head_teacher"}, "record"),
    Cell("school.wellbeing.campaign", "write", TEAM, "record", ({"name": "Abril"},)),
    Cell("school.wellbeing.campaign", "unlink", TEAM, "record"),
]


@tagged("post_install", "-at_install", "school_access")
class TestWellbeingMatrix(AccessMatrixMixin, SchoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)
        cls.matrix_records = {"record": cls.env[CELLS[0].model].create(VALUES(cls))}

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_matrix(self):
        self.check_cells(CELLS)

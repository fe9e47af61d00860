# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""This addon's rows of the suite's access matrix (school_base/tests/
access_matrix.py): every role, with its own rights."""

import base64
import io

import openpyxl

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.school_base.tests.access_matrix import (
    NOBODY,
    STAFF_ROLES,
    AccessMatrixMixin,
    Cell,
    setup_matrix_roles,
)

from .common import D, SiagieCase

# Secretaría, Inspectoría and the Director export and close; Secretaría
# and the Director import (Inspectoría does not). Teachers, apoderados,
# students and another school's Director: nothing.
SCHOOL_WIDE = frozenset({"secretary", "inspector", "director", "sostenedor"})
IMPORTERS = frozenset({"secretary", "director", "sostenedor"})
DIRECTION = frozenset({"director", "sostenedor"})
SEPTEMBER = D(2026, 9, 1)
OCTOBER = D(2026, 10, 1)

CELLS = [
    # The symbol table is one for every school (SIAGIE's legend is
    # national): shared records, the Director of any school edits them.
    Cell("school.siagie.code", "read", STAFF_ROLES | {"outsider"}, "code"),
    Cell("school.siagie.code", "write", DIRECTION | {"outsider"}, "code", ({"symbol": "FF"},)),
    Cell("school.siagie.code", "unlink", NOBODY, "code"),
    # A teacher of another course does not see the course (op.batch's rules).
    Cell("school.siagie.closing", "read", STAFF_ROLES - {"teacher_other"}, "closing"),
    Cell(
        "school.siagie.closing",
        "create",
        NOBODY,
        lambda t: {"batch_id": t.batch.id, "month": OCTOBER, "company_id": t.school.id},
    ),
    Cell("school.siagie.closing", "write", NOBODY, "closing", ({"month": OCTOBER},)),
    Cell("school.siagie.closing", "unlink", NOBODY, "closing"),
    # The wizards hold nothing (another school's Director opens them too);
    # what they export, close or import is checked by the register.
    Cell(
        "school.siagie.register.print",
        "create",
        SCHOOL_WIDE | {"outsider"},
        lambda t: {"batch_ids": [Command.set(t.batch.ids)], "month": OCTOBER},
    ),
    Cell(
        "school.siagie.register.import",
        "create",
        SCHOOL_WIDE | {"outsider"},
        lambda t: {"file": base64.b64encode(t.november_grid), "filename": "nov.xlsx"},
    ),
    Cell(
        "school.siagie.register",
        "grid_data",
        SCHOOL_WIDE,
        "register",
        (lambda t: t.batch.ids, OCTOBER),
    ),
    Cell(
        "school.siagie.register",
        "close_month",
        SCHOOL_WIDE,
        "register",
        (lambda t: t.batch.ids, OCTOBER),
    ),
    Cell(
        "school.siagie.register",
        "import_grid",
        IMPORTERS,
        "register",
        (lambda t: t.november_grid, "nov.xlsx"),
    ),
]


@tagged("post_install", "-at_install", "school_access")
class TestSiagieMatrix(AccessMatrixMixin, SiagieCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)
        cls._mark_month(cls.batch, SEPTEMBER)
        cls._mark_month(cls.batch, OCTOBER)
        closing = cls.env["school.siagie.register"].close_month(cls.batch.ids, SEPTEMBER)
        # A filled grid of November (no marks yet) for the import cells.
        wizard = cls.env["school.siagie.register.print"].create(
            {"batch_ids": [Command.set(cls.batch.ids)], "month": D(2026, 11, 1)}
        )
        content, _kind = cls.env["ir.actions.report"]._render(
            "school_siagie.action_report_siagie_register_xlsx", wizard.ids
        )
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        sheet = workbook.worksheets[0]
        for day in cls.env["school.calendar"]._school_month_days(cls.school, D(2026, 11, 1)):
            sheet.cell(row=10, column=3 + day.day).value = "."
        out = io.BytesIO()
        workbook.save(out)
        cls.november_grid = out.getvalue()
        cls.matrix_records = {
            "code": cls.env.ref("school_siagie.school_siagie_code_absent"),
            "closing": closing,
            "register": cls.env["school.siagie.register"],
        }

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_matrix(self):
        self.check_cells(CELLS)

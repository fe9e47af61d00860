# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access matrix of school_discipline (issue 9): every model x operation as
every role, with the user's own rights (school_base/tests/access_matrix.py).
The public action methods are in test_discipline_access.py."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.school_base.tests.access_matrix import (
    STAFF_ROLES,
    AccessMatrixMixin,
    Cell,
    setup_matrix_roles,
)

from .common import DisciplineCase

IN_SCHOOL_STAFF = STAFF_ROLES
PORTAL = frozenset({"guardian", "guardian_other", "student"})
CATALOGUE_KEEPERS = frozenset({"convivencia", "director", "sostenedor"})

# Catalogues of the Manual de Convivencia (seed 003, MC 12-13): every staff
# role and the portal read them (the portal shows a fault's and a sanction's
# name); the convivencia lead and the Director keep them; another school's
# Director neither reads nor changes this school's own records.
CATALOGUES = [
    ("school.discipline.fault", True, {"name": "Falta X"}),
    ("school.discipline.sanction", True, {"name": "Sanción X"}),
    ("school.discipline.measure", True, {"name": "Medida X"}),
    ("school.discipline.award", True, {"name": "Premio X"}),
    ("school.discipline.case.type", True, {"name": "Procedimiento X"}),
    ("school.discipline.ladder.step", False, {"name": "Paso X"}),
    ("school.discipline.sanction.rule", False, {"max_days": 4}),
    ("school.discipline.case.type.stage", True, {"name": "Etapa X"}),
]
CATALOGUE_CELLS = []
for _model, _portal, _values in CATALOGUES:
    _readers = IN_SCHOOL_STAFF | (PORTAL if _portal else frozenset())
    CATALOGUE_CELLS += [
        Cell(_model, "read", _readers, _model),
        Cell(_model, "write", CATALOGUE_KEEPERS, _model, (_values,)),
        Cell(_model, "unlink", frozenset({"director", "sostenedor"}), _model),
    ]


@tagged("post_install", "-at_install", "school_access")
class TestDisciplineMatrix(AccessMatrixMixin, DisciplineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)
        env = cls.env
        school = cls.school.id
        # This school's own copies of the seed catalogues.
        fault = cls.l05.copy({"code": "LX", "company_id": school})
        sanction = cls.s6.copy({"code": "SX", "company_id": school})
        case_type = cls.type_a.copy({"code": "DX", "company_id": school})
        ladder = env["school.discipline.ladder.step"].search([], limit=1)
        award = env["school.discipline.award"].search([], limit=1)
        rule = env["school.discipline.sanction.rule"].search(
            [("sanction_id", "=", cls.s6.id)], limit=1
        )
        stage = cls.type_a.stage_ids[:1]
        cls.matrix_records = {
            "school.discipline.fault": fault,
            "school.discipline.sanction": sanction,
            "school.discipline.measure": cls.m01.copy({"code": "MX", "company_id": school}),
            "school.discipline.award": award.copy({"company_id": school}),
            "school.discipline.case.type": case_type,
            "school.discipline.ladder.step": ladder.copy({"company_id": school}),
            "school.discipline.sanction.rule": rule.copy({"sanction_id": sanction.id}),
            "school.discipline.case.type.stage": stage.copy({"type_id": case_type.id}),
        }

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_catalogues(self):
        self.check_cells(CATALOGUE_CELLS)

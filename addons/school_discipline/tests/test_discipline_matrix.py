# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access matrix of school_discipline (issue 9): every model x operation as
every role, with the user's own rights (school_base/tests/access_matrix.py).
The public action methods are in test_discipline_access.py."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.school_base.tests.access_matrix import (
    NOBODY,
    STAFF_ROLES,
    AccessMatrixMixin,
    Cell,
    setup_matrix_roles,
)

from .common import DisciplineCase
from .test_discipline_access import (
    CASE_READERS,
    CASE_TEAM,
    CITATION_STAFF,
    DUE_PROCESS,
    ENTRY_STAFF,
    DisciplineAccessCase,
)

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
    _readers = STAFF_ROLES | (PORTAL if _portal else frozenset())
    CATALOGUE_CELLS += [
        Cell(_model, "read", _readers, _model),
        Cell(_model, "write", CATALOGUE_KEEPERS, _model, (_values,)),
        Cell(_model, "unlink", frozenset({"director", "sostenedor"}), _model),
    ]


# Case files. The hoja de vida is append-only: nobody writes or deletes an
# entry (a correction is a new entry). A case's history (state, waiver,
# precautionary suspension) changes only through its actions; the decision
# only by due-process roles; nobody deletes a case or a step; steps are
# created by the case only. Apoderados read their child's hoja de vida, case
# and citations; a student reads none of them.
FAMILY_READ = frozenset({"guardian"})
CASE_FILE_CELLS = [
    Cell(
        "school.discipline.entry",
        "read",
        ENTRY_STAFF | {"secretary", "social_worker"} | FAMILY_READ,
        "entry",
    ),
    Cell(
        "school.discipline.entry",
        "create",
        ENTRY_STAFF,
        lambda t: {
            "student_id": t.student.id,
            "kind": "positive",
            "book": "hoja_vida",
            "description": "Colabora en clases.",
        },
    ),
    Cell("school.discipline.entry", "write", NOBODY, "entry", ({"description": "Otra"},)),
    Cell("school.discipline.entry", "unlink", NOBODY, "entry"),
    Cell("school.discipline.case", "read", CASE_READERS | FAMILY_READ, "case"),
    Cell(
        "school.discipline.case",
        "create",
        CASE_TEAM,
        lambda t: {
            "type_id": t.type_a.id,
            "student_id": t.student.id,
            "batch_id": t.batch.id,
            "fault_id": t.g07.id,
            "knowledge_datetime": "2026-05-20 14:00:00",
        },
    ),
    Cell(
        "school.discipline.case",
        "write",
        DUE_PROCESS,
        "case",
        ({"facts": "Hechos"},),
    ),
    # The lead and the facts: the roles that run due process (MC 8.2); the
    # party (student, course, apoderado) never changes (found in review: a
    # head teacher could re-target an Aula Segura case and its notices).
    Cell(
        "school.discipline.case",
        "write",
        NOBODY,
        "case",
        (lambda t: {"student_id": t.other_student.id},),
    ),
    Cell(
        "school.discipline.case",
        "write",
        NOBODY,
        "case",
        (lambda t: {"guardian_partner_id": t.users["t_secretary"].partner_id.id},),
    ),
    Cell("school.discipline.case", "write", DUE_PROCESS, "case", ({"resolution": "Fundamentos"},)),
    Cell("school.discipline.case", "write", NOBODY, "case", ({"state": "closed"},)),
    Cell("school.discipline.case", "write", NOBODY, "case", ({"waiver": True},)),
    Cell("school.discipline.case", "unlink", NOBODY, "case"),
    Cell("school.discipline.case.step", "read", CASE_READERS | FAMILY_READ, "step"),
    Cell("school.discipline.case.step", "write", NOBODY, "step", ({"state": "done"},)),
    Cell(
        "school.discipline.case.step",
        "write",
        NOBODY,
        "step",
        ({"submission": "Descargos escritos"},),
    ),
    Cell("school.discipline.case.step", "unlink", NOBODY, "step"),
    Cell(
        "school.discipline.case.step",
        "create",
        NOBODY,
        lambda t: {"case_id": t.matrix_records["case"].id, "stage_id": t.type_a.stage_ids[0].id},
    ),
    Cell(
        "school.guardian.citation",
        "read",
        CITATION_STAFF | {"secretary"} | FAMILY_READ,
        "citation",
    ),
    Cell(
        "school.guardian.citation",
        "create",
        CITATION_STAFF,
        lambda t: {
            "student_id": t.student.id,
            "batch_id": t.batch.id,
            "reason": "Conversar",
            "scheduled_at": "2026-12-20 14:00:00",
        },
    ),
    Cell("school.guardian.citation", "write", CITATION_STAFF, "citation", ({"reason": "Otra"},)),
    # A citation goes to the student's own apoderado, about a student of its
    # course (found in review: a teacher e-mailed any partner and read
    # another course's apoderado).
    Cell(
        "school.guardian.citation",
        "write",
        NOBODY,
        "citation",
        (lambda t: {"guardian_partner_id": t.users["t_secretary"].partner_id.id},),
    ),
    Cell(
        "school.guardian.citation",
        "write",
        NOBODY,
        "citation",
        (lambda t: {"student_id": t.other_student.id},),
    ),
    Cell(
        "school.guardian.citation",
        "create",
        NOBODY,
        lambda t: {
            "student_id": t.other_student.id,
            "batch_id": t.batch.id,
            "reason": "Conversar",
            "scheduled_at": "2026-12-20 14:00:00",
        },
    ),
    Cell("school.guardian.citation", "write", NOBODY, "citation", ({"state": "attended"},)),
    Cell("school.guardian.citation", "write", NOBODY, "citation", ({"guardian_signed": True},)),
    Cell("school.guardian.citation", "unlink", NOBODY, "citation"),
    # school_discipline's fields of the citation: the entry it came from is
    # the ladder's (the system's); its case is a case of the same student.
    Cell(
        "school.guardian.citation",
        "write",
        NOBODY,
        "citation",
        (lambda t: {"entry_id": t.matrix_records["entry"].id},),
    ),
    Cell(
        "school.guardian.citation",
        "write",
        CITATION_STAFF,
        "citation",
        ({"agreements": "Revisará la agenda a diario."},),
    ),
    # The step-closing wizard: the case team and the head teachers open it
    # (another school's Director too: a wizard holds nothing); confirming it
    # calls the step's actions, which check the caller and the step's school.
    Cell(
        "school.discipline.case.step.close",
        "create",
        CASE_TEAM | {"head_teacher", "outsider"},
        lambda t: {"step_id": t.matrix_records["step"].id, "mode": "done"},
    ),
]


@tagged("post_install", "-at_install", "school_access")
class TestDisciplineCaseFileMatrix(AccessMatrixMixin, DisciplineAccessCase):
    def setUp(self):
        super().setUp()
        case = self.open_case()
        self.matrix_records = {
            "entry": self.entry(),
            "case": case,
            "step": self.step(case, "A1"),
            "citation": self.citation(),
        }

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_case_files(self):
        self.check_cells(CASE_FILE_CELLS)


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

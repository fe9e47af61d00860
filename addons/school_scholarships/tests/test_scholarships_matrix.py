# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""This addon's rows of the suite's access matrix (school_base/tests/
access_matrix.py): every role, with its own rights, plus the two roles of
this addon (the commission and the scholarship administration).

Applications are confidential (seed 003 RI III.9 Art. 10, 15): only the
commission, the scholarship administration and the sostenedor read them;
the apoderado reads their own; teachers, other staff and other apoderados
never, over RPC or through the attachments."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.school_base.tests.access_matrix import (
    ROLES,
    AccessMatrixMixin,
    Cell,
    setup_matrix_roles,
)

from .common import PDF, ScholarshipCase

MATRIX_ROLES = ROLES + ("commission", "sch_admin")
BACKOFFICE = frozenset({"commission", "sch_admin", "sostenedor"})
OWN = BACKOFFICE | {"guardian"}
DECIDERS = frozenset({"commission", "sostenedor"})


def VALUES(test):
    return {"name": "Beca X", "company_id": test.school.id}


def APPLICATION(test):
    return {
        "process_id": test.process.id,
        "student_id": test.other_student.id,
        "applicant_partner_id": test.other_guardian_user.partner_id.id,
    }


CELLS = [
    Cell(
        "school.scholarship.type",
        "read",
        frozenset(
            {"social_worker", "director", "sostenedor", "guardian", "guardian_other", "student"}
        )
        | {"commission", "sch_admin"},
        "type",
    ),
    Cell("school.scholarship.type", "write", frozenset({"sostenedor"}), "type", ({"name": "Y"},)),
    Cell("school.scholarship.type", "unlink", frozenset({"sostenedor"}), "type"),
    # The yearly process: the sostenedor keeps it; the call is public to families.
    Cell(
        "school.scholarship.process",
        "read",
        BACKOFFICE | {"guardian", "guardian_other"},
        "process",
    ),
    Cell(
        "school.scholarship.process",
        "write",
        frozenset({"sostenedor"}),
        "process",
        ({"tax_year": 2020},),
    ),
    Cell(
        "school.scholarship.process",
        "action_close_window",
        frozenset({"sostenedor", "sch_admin"}),
        "process",
    ),
    # Applications: the family's own, and the back office.
    Cell("school.scholarship.application", "read", OWN, "application"),
    Cell(
        "school.scholarship.application",
        "write",
        frozenset({"guardian", "sch_admin", "sostenedor"}),
        "application",
        ({"reason": "Cesantía"},),
    ),
    Cell(
        "school.scholarship.application",
        "create",
        frozenset({"guardian_other", "sch_admin", "sostenedor"}),
        APPLICATION,
    ),
    Cell(
        "school.scholarship.application",
        "action_submit",
        frozenset({"guardian", "sch_admin", "sostenedor"}),
        "application",
    ),
    Cell("school.scholarship.member", "read", OWN, "member"),
    Cell("school.scholarship.document", "read", OWN, "document"),
    # Portal users have no RPC right on ir.attachment at all (base); the
    # apoderado gets their own files through the portal route, after its check.
    Cell("ir.attachment", "read", BACKOFFICE, "attachment"),
    Cell(
        "school.scholarship.assessment",
        "read",
        frozenset({"commission", "sostenedor"}),
        "assessment",
    ),
    Cell("school.scholarship.award", "read", OWN, "award"),
    Cell("school.scholarship.criterion", "read", BACKOFFICE, "criterion"),
    Cell(
        "school.scholarship.criterion",
        "write",
        frozenset({"sostenedor"}),
        "criterion",
        ({"weight": 2},),
    ),
    # The catalogues behind the checklist and the scoring.
    Cell(
        "school.scholarship.document.type",
        "read",
        BACKOFFICE | {"guardian", "guardian_other"},
        "document_type",
    ),
    Cell("school.scholarship.criterion.scale", "read", BACKOFFICE, "scale"),
    Cell("school.scholarship.percentage", "read", BACKOFFICE, "percentage"),
    # Each member's scores, and the record of the commission's changes.
    Cell(
        "school.scholarship.assessment.line",
        "read",
        frozenset({"commission", "sostenedor"}),
        "assessment_line",
    ),
    Cell(
        "school.scholarship.award.log",
        "read",
        frozenset({"commission", "sostenedor"}),
        "award_log",
    ),
    Cell("school.scholarship.award.log", "write", frozenset(), "award_log", ({"reason": "x"},)),
    # Appeals and losses: the family reads its own; written by the steps.
    Cell("school.scholarship.appeal", "read", OWN, "appeal"),
    Cell("school.scholarship.loss", "read", OWN, "loss"),
    Cell("school.scholarship.loss", "write", frozenset(), "loss", ({"reasoning": "x"},)),
    # The fund from the figures: the administration, before the call opens.
    Cell(
        "school.scholarship.process",
        "action_compute_fund",
        frozenset({"sostenedor", "sch_admin"}),
        "process_draft",
    ),
    # The backend forms (they only collect values; the steps decide).
    Cell(
        "school.scholarship.award.wizard",
        "create",
        DECIDERS,
        lambda test: {
            "process_id": test.process.id,
            "mode": "add",
            "type_id": test.env.ref("school_scholarships.school_scholarship_type_merit").id,
            "percentage": 10,
            "reason": "Rendimiento",
        },
    ),
    Cell(
        "school.scholarship.appeal.wizard",
        "create",
        DECIDERS,
        lambda test: {
            "appeal_id": test.matrix_records["appeal"].id,
            "decision": "Sin antecedentes nuevos",
        },
    ),
    # A beca granted during the year: the sostenedor only.
    Cell(
        "school.scholarship.process",
        "action_grant_mid_year",
        frozenset({"sostenedor"}),
        "process_results",
        (
            lambda test: test.other_student.id,
            lambda test: test.env.ref("school_scholarships.school_scholarship_type_sostenedor").id,
            10,
            "Cambio de situación económica",
        ),
    ),
]


@tagged("post_install", "-at_install", "school_access")
class TestScholarshipMatrix(AccessMatrixMixin, ScholarshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)
        cls.role_users["commission"] = cls.commission_user
        cls.role_users["sch_admin"] = cls.sch_admin
        app = cls._apply()
        doc = app.with_user(cls.guardian_user).document_ids[:1]
        attachment = doc.action_upload("cedula.pdf", PDF)
        assessment = (
            cls.env["school.scholarship.assessment"]
            .sudo()
            .create({"application_id": app.id, "user_id": cls.commission_user.id})
        )
        award = (
            cls.env["school.scholarship.award"]
            .sudo()
            .create(
                {
                    "process_id": cls.process.id,
                    "application_id": app.id,
                    "type_id": cls.env.ref(
                        "school_scholarships.school_scholarship_type_socioeconomic"
                    ).id,
                    "percentage": 50,
                }
            )
        )
        sudo = cls.env.user.sudo()
        process_draft = (
            cls.env["school.scholarship.process"]
            .with_user(cls.sostenedor_user)
            .create(
                {
                    "company_id": cls.school.id,
                    "school_year": cls.today.year + 3,
                    "tax_year": cls.today.year,
                    "window_start": cls.today,
                    "window_end": cls.today,
                    "results_date": cls.today.replace(year=cls.today.year + 1),
                    "annual_tuition": 1000000,
                    "fund_enrolment": 100,
                    "fund_income_rate": 10,
                }
            )
        )
        process_results = cls._make_process(cls.today, school_year=cls.today.year + 2)
        awarded = cls._apply(process=process_results)
        process_results.sudo().state = "results"
        awarded.sudo().state = "awarded"
        cls.env["school.scholarship.award"].sudo().create(
            {
                "process_id": process_results.id,
                "application_id": awarded.id,
                "type_id": cls.env.ref(
                    "school_scholarships.school_scholarship_type_socioeconomic"
                ).id,
                "percentage": 100,
            }
        )
        cls.matrix_records = {
            "process_draft": process_draft,
            "process_results": process_results,
            "document_type": doc.type_id,
            "scale": cls.env.ref("school_scholarships.school_scholarship_criterion_8_1_scale_1"),
            "percentage": cls.env["school.scholarship.percentage"].search([], limit=1),
            "assessment_line": cls.env["school.scholarship.assessment.line"]
            .sudo()
            .create(
                {
                    "assessment_id": assessment.id,
                    "criterion_id": cls.env.ref(
                        "school_scholarships.school_scholarship_criterion_8_4"
                    ).id,
                    "points": 1,
                }
            ),
            "award_log": cls.env["school.scholarship.award.log"]
            .sudo()
            .create(
                {
                    "process_id": cls.process.id,
                    "application_id": app.id,
                    "user_id": sudo.id,
                    "reason": "Ajuste de la comisión",
                }
            ),
            "appeal": cls.env["school.scholarship.appeal"]
            .sudo()
            .create({"application_id": app.id, "reason": "Nuevos antecedentes"}),
            "loss": cls.env["school.scholarship.loss"]
            .sudo()
            .create(
                {
                    "application_id": app.id,
                    "cause": "renunciation",
                    "reasoning": "Renuncia por escrito del apoderado",
                    "date": "2027-04-01",
                    "recorded_by_id": sudo.id,
                }
            ),
            "type": cls.env["school.scholarship.type"].create(VALUES(cls)),
            "process": cls.process,
            "application": app,
            "member": app.member_ids[:1],
            "document": doc,
            "attachment": attachment,
            "assessment": assessment,
            "award": award,
            "criterion": cls.env.ref("school_scholarships.school_scholarship_criterion_8_4"),
        }

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_matrix(self):
        self.check_cells(CELLS, roles=MATRIX_ROLES)

    def test_other_family_ids(self):
        """Another family's ids over RPC: nothing comes back."""
        app = self.matrix_records["application"]
        found = (
            self.env["school.scholarship.application"]
            .with_user(self.other_guardian_user)
            .search_read([("id", "=", app.id)], ["income_total"])
        )
        self.assertFalse(found)
        found = self.env["school.scholarship.member"].with_user(self.users["t_teacher"]).sudo(False)
        self.assertFalse(found.has_access("read"))

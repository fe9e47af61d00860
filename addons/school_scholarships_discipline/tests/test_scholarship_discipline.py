# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.school_base.tests.access_matrix import (
    ROLES,
    AccessMatrixMixin,
    Cell,
    setup_matrix_roles,
)
from odoo.addons.school_discipline.tests.common import DisciplineCase, utc
from odoo.addons.school_scholarships.tests.common import ScholarshipCase

DECIDERS = frozenset({"commission", "sostenedor"})


class ScholarshipDisciplineCase(ScholarshipCase, DisciplineCase):
    """A student with an awarded beca, and the convivencia team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.app = cls._apply()
        cls.process.sudo().state = "results"
        cls.app.sudo().state = "awarded"
        cls.env["school.scholarship.award"].sudo().create(
            {
                "process_id": cls.process.id,
                "application_id": cls.app.id,
                "type_id": cls.env.ref(
                    "school_scholarships.school_scholarship_type_socioeconomic"
                ).id,
                "percentage": 50,
            }
        )
        cls.proposals = cls.env["school.scholarship.loss.proposal"]

    def _decided_case(self, fault=None, sanction=None, days=2):
        """A due-process case closed with a sanction (the hoja de renuncia
        voluntaria shortens the steps; the decision is checked as usual)."""
        case = self.new_case(fault=fault)
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(case, "A1").action_done("Correo")
        with freeze_time(utc(2026, 5, 22, 9)):
            case.action_waive()
            case.write(
                {
                    "sanction_id": (sanction or self.s6).id,
                    "sanction_days": days,
                    "measure_ids": [self.m01.id],
                }
            )
            self.step(case, "A3").action_done()
        self.assertEqual(case.state, "closed")
        return case

    def _proposal(self, case):
        return self.proposals.search([("case_id", "=", case.id)])


@tagged("post_install", "-at_install")
class TestScholarshipDiscipline(ScholarshipDisciplineCase):
    def test_grave_fault_proposes_a_loss(self):
        self.commission_user.lang = "es_CL"
        case = self._decided_case()
        proposal = self._proposal(case)
        self.assertEqual(len(proposal), 1)
        self.assertEqual(proposal.application_id, self.app)
        self.assertEqual(proposal.state, "proposed")
        self.assertEqual((proposal.subject, proposal.fault_level), ("student", "grave"))
        self.assertEqual(proposal.case_name, case.name)
        # Not a loss yet: the commission decides.
        self.assertEqual(self.app.state, "awarded")
        self.assertFalse(self.app.loss_ids)
        # Each member of the commission has the activity.
        self.assertEqual(
            sorted(proposal.activity_ids.user_id.ids), sorted(u.id for u in self.members)
        )
        mine = proposal.activity_ids.filtered(lambda a: a.user_id == self.commission_user)
        self.assertEqual(mine.summary, "Decidir sobre una propuesta de pérdida de beca")
        # The convivencia team does not learn who holds a beca.
        for login in ("t_inspector", "t_convivencia", "t_teacher"):
            self.assertFalse(self.proposals.with_user(self.users[login]).has_access("read"), login)
        # Re-running the signal opens nothing new.
        self.proposals.sudo()._propose_for_cases(case)
        self.assertEqual(len(self._proposal(case)), 1)

    def test_no_signal_without_a_grave_sanctioned_case(self):
        cases = self.env["school.discipline.case"].sudo()

        def case(fault, sanction=None, student=None):
            return cases.create(
                {
                    "company_id": self.school.id,
                    "type_id": self.type_a.id,
                    "student_id": (student or self.student).id,
                    "fault_id": fault.id,
                    "sanction_id": sanction.id if sanction else False,
                    "knowledge_datetime": utc(2026, 5, 20, 10),
                }
            )

        # (A leve never reaches a sanctioning case: school_discipline refuses it.)
        still_open = case(self.g07, self.s6)
        not_sanctioned = case(self.g07)
        signal = case(self.gg01, self.s6)
        (not_sanctioned | signal).write({"state": "closed"})
        self.assertEqual(
            (still_open | not_sanctioned | signal)._school_scholarship_loss_signals(), signal
        )
        # The same fault of a student without a beca proposes nothing.
        other = case(self.g07, self.s6, student=self.other_student)
        other.write({"state": "closed"})
        self.assertFalse(self.proposals.sudo()._propose_for_cases(other))
        # Only an open case that closes here signals (the step's close).
        self.assertFalse(self._proposal(still_open))

    def test_commission_confirms_the_loss(self):
        proposal = self._proposal(self._decided_case())
        with self.assertRaises(AccessError):
            proposal.with_user(self.users["t_inspector"]).action_confirm("Falta grave")
        with self.assertRaises(AccessError):
            proposal.with_user(self.sch_admin).action_confirm("Falta grave")
        with self.assertRaisesRegex(UserError, "reasons"):
            proposal.with_user(self.commission_user).action_confirm("  ")
        reasons = "Agresión a un compañero, sancionada con suspensión."
        proposal.with_user(self.commission_user).write({"reasoning": reasons})
        proposal.with_user(self.commission_user).action_confirm()
        self.assertEqual(proposal.state, "confirmed")
        self.assertEqual(proposal.decided_by_id, self.commission_user)
        self.assertEqual(self.app.state, "lost")
        loss = self.app.loss_ids
        self.assertEqual((loss.cause, loss.reasoning), ("discipline", reasons))
        self.assertEqual(proposal.loss_id, loss)
        self.assertFalse(loss.ban_until, "only false information bars new applications")
        notice = self.env["mail.message"].search(
            [("model", "=", loss._name), ("res_id", "=", loss.id)]
        )
        self.assertIn(self.guardian_user.partner_id, notice.partner_ids)
        self.assertIn(reasons, notice.body)
        self.assertFalse(proposal.activity_ids, "the commission's activities are done")
        with self.assertRaisesRegex(UserError, "already decided"):
            proposal.with_user(self.commission_user).action_dismiss("Otra cosa")

    def test_commission_sets_the_proposal_aside(self):
        proposal = self._proposal(self._decided_case())
        proposal.with_user(self.commission_user).action_dismiss(
            "La sanción no guarda relación con la beca."
        )
        self.assertEqual(proposal.state, "dismissed")
        self.assertEqual(self.app.state, "awarded")
        self.assertFalse(self.app.loss_ids)
        with self.assertRaisesRegex(UserError, "already decided"):
            proposal.with_user(self.commission_user).write({"reasoning": "x"})

    def test_fault_of_the_apoderado(self):
        """A fault of the apoderado reaches the becas they applied for."""
        ref = self.env.ref
        guardian_case = (
            self.env["school.discipline.case"]
            .sudo()
            .create(
                {
                    "type_id": self.env.ref(
                        "school_discipline.school_discipline_case_type_dp_f"
                    ).id,
                    "company_id": self.school.id,
                    "guardian_partner_id": self.parent.name.id,
                    "fault_id": ref("school_discipline.school_discipline_fault_p_g05").id,
                    "sanction_id": self.env.ref(
                        "school_discipline.school_discipline_sanction_ps1"
                    ).id,
                    "knowledge_datetime": utc(2026, 5, 20, 10),
                }
            )
        )
        proposal = self.proposals.sudo()._propose_for_cases(guardian_case)
        self.assertEqual(proposal.application_id, self.app)
        self.assertEqual(proposal.subject, "guardian")


def PROPOSAL_VALUES(test):
    return {"application_id": test.app.id, "fault_name": "x"}


CELLS = [
    Cell(
        "school.scholarship.loss.proposal",
        "read",
        DECIDERS | {"sch_admin"},
        "proposal",
    ),
    Cell("school.scholarship.loss.proposal", "create", frozenset(), PROPOSAL_VALUES),
    Cell(
        "school.scholarship.loss.proposal",
        "write",
        DECIDERS,
        "proposal",
        ({"reasoning": "Motivos"},),
    ),
    Cell(
        "school.scholarship.loss.proposal",
        "write",
        frozenset(),
        "proposal",
        ({"state": "confirmed"},),
    ),
    Cell("school.scholarship.loss.proposal", "unlink", frozenset(), "proposal"),
    Cell(
        "school.scholarship.loss.proposal",
        "action_confirm",
        DECIDERS,
        "proposal",
        ("Falta gravísima sancionada",),
    ),
    Cell(
        "school.scholarship.loss.proposal",
        "action_dismiss",
        DECIDERS,
        "proposal",
        ("Sin relación con la beca",),
    ),
]


@tagged("post_install", "-at_install", "school_access")
class TestScholarshipDisciplineMatrix(AccessMatrixMixin, ScholarshipDisciplineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)
        cls.role_users["commission"] = cls.commission_user
        cls.role_users["sch_admin"] = cls.sch_admin
        case = (
            cls.env["school.discipline.case"]
            .sudo()
            .create(
                {
                    "type_id": cls.type_a.id,
                    "student_id": cls.student.id,
                    "fault_id": cls.g07.id,
                    "sanction_id": cls.s6.id,
                    "knowledge_datetime": utc(2026, 5, 20, 10),
                }
            )
        )
        cls.matrix_records = {"proposal": cls.proposals.sudo()._propose_for_cases(case)}

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_matrix(self):
        self.check_cells(CELLS, roles=ROLES + ("commission", "sch_admin"))

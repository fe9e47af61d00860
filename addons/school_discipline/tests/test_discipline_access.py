# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may call each public method of school_discipline (issue 9).

Every public method is an RPC endpoint: these tests call them as each role,
with that user's own rights, and check that the model itself allows or
refuses (AccessError), whatever the controllers and buttons do.
"""

import contextlib
import datetime
import re

import psycopg2

from odoo import Command, fields, sql_db
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.school_base.tests.access_matrix import ROLES, setup_matrix_roles

from .common import DisciplineCase

# Roles (school_base/tests/access_matrix.py ROLES): "teacher" teaches the
# fixture course, "teacher_other" another one, "head_teacher" is the fixture
# course's profesor jefe, "guardian" the fixture student's apoderado,
# "guardian_other" another child's, "student" the fixture student's own
# portal user, "outsider" the Director of another school.
DIRECTORS = frozenset({"director", "sostenedor"})
CASE_TEAM = frozenset({"inspector", "convivencia", "psychologist", "social_worker"}) | DIRECTORS
DUE_PROCESS = frozenset({"inspector", "convivencia"}) | DIRECTORS
ENTRY_STAFF = frozenset({"teacher", "head_teacher", "inspector", "convivencia", "psychologist"}) | (
    DIRECTORS
)
CITATION_STAFF = ENTRY_STAFF
# Staff who read the case (the head teacher: their course's).
CASE_READERS = CASE_TEAM | {"head_teacher"}

# Each public action of school_discipline: (model, method, roles allowed).
# The fixture is a record of the guardian's child, in the course the teacher
# and the head teacher teach. None: read-only, follows the model's read rules
# (op.student's are school_base's), not part of the write matrix.
DISCIPLINE_ACTIONS = [
    ("school.discipline.entry", "action_correct", ENTRY_STAFF),
    ("school.discipline.case", "action_waive", DUE_PROCESS),
    ("school.discipline.case", "action_precautionary", DIRECTORS),
    ("school.discipline.case", "action_extend_precautionary", DIRECTORS),
    ("school.discipline.case", "action_mark_condition_broken", DIRECTORS),
    ("school.discipline.case", "action_add_measures", CASE_TEAM),
    ("school.discipline.case", "action_print_letter", CASE_READERS),
    # A1, the start notice: Inspectoría's step (the Director holds every role).
    ("school.discipline.case.step", "action_done", frozenset({"inspector"}) | DIRECTORS),
    # A4, the apoderado's optional reconsideration: skipped by the case team.
    ("school.discipline.case.step", "action_skip", CASE_TEAM),
    ("school.discipline.case.step", "action_register_submission", CASE_TEAM | {"guardian"}),
    ("school.discipline.case.step", "action_confirm_receipt", CASE_TEAM | {"guardian"}),
    ("school.guardian.citation", "action_notify", CITATION_STAFF),
    ("school.guardian.citation", "action_confirm", CITATION_STAFF | {"guardian"}),
    ("school.guardian.citation", "action_record_signature", CITATION_STAFF),
    ("school.guardian.citation", "action_attended", CITATION_STAFF),
    ("school.guardian.citation", "action_missed", CITATION_STAFF),
    ("op.student", "action_school_hoja_de_vida", None),
]


class DisciplineAccessCase(DisciplineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_matrix_roles(cls)

    def as_role(self, record, role):
        return record.with_user(self.role_users[role])

    # ------------------------------------------------------------ fixtures --
    def open_case(self, notice_done=False):
        case = self.new_case(knowledge=fields.Datetime.now() - datetime.timedelta(hours=1))
        if notice_done:
            self.step(case, "A1").with_user(self.users["t_inspector"]).action_done("Correo")
        return case

    def xii_case(self):
        return self.new_case(
            case_type=self.type_xii,
            fault=self.gg06,
            knowledge=fields.Datetime.now() - datetime.timedelta(hours=1),
        )

    def entry(self):
        return self.env_as("t_teacher")["school.discipline.entry"].create(
            {
                "student_id": self.student.id,
                "kind": "positive",
                "book": "hoja_vida",
                "description": "Ayuda a sus compañeros.",
            }
        )

    def citation(self, notified=True):
        citation = self.env_as("t_teacher")["school.guardian.citation"].create(
            {
                "student_id": self.student.id,
                "batch_id": self.batch.id,
                "reason": "Interrumpe clases",
                "scheduled_at": fields.Datetime.now() + datetime.timedelta(days=2),
            }
        )
        if notified:
            citation.with_user(self.users["t_inspector"]).action_notify()
        return citation


@tagged("post_install", "-at_install")
class TestDisciplineAccessMatrix(DisciplineAccessCase):
    def _target(self, model, method):
        """A fresh record on which ``method`` would succeed for an allowed role."""
        if model == "school.discipline.entry":
            return self.entry()
        if model == "school.guardian.citation":
            citation = self.citation(notified=method != "action_notify")
            if method == "action_attended":
                citation.sudo().guardian_signed = True
            return citation
        if method == "action_precautionary":
            return self.xii_case()
        if method == "action_extend_precautionary":
            case = self.xii_case()
            case.with_user(self.users["t_director"]).action_precautionary()
            return case
        if method == "action_mark_condition_broken":
            case = self.open_case()
            case.write({"sanction_id": self.s7.id, "measure_ids": [self.m01.id]})
            case.sudo().write({"state": "closed"})
            return case
        if model == "school.discipline.case":
            return self.open_case(notice_done=method == "action_waive")
        if method == "action_done":
            return self.step(self.open_case(), "A1")
        if method == "action_skip":
            return self.step(self.open_case(), "A4")
        if method == "action_register_submission":
            return self.step(self.open_case(notice_done=True), "A2")
        if method == "action_confirm_receipt":
            return self.step(self.open_case(notice_done=True), "A1")
        raise AssertionError("no fixture for %s.%s" % (model, method))

    def _call(self, record, method):
        portal = record.env.user.share
        if method == "action_correct":
            return record.action_correct("Corrección: fue en Historia.")
        if method == "action_add_measures":
            return record.action_add_measures(self.m01.ids)
        if method in ("action_done", "action_skip"):
            return getattr(record, method)("Registro escrito")
        if method == "action_register_submission":
            return record.action_register_submission("Descargos")
        if method == "action_confirm_receipt":
            return record.action_confirm_receipt(via=None if portal else "phone")
        return getattr(record, method)()

    def _allowed(self, model, method, role):
        """Build the fixture and call the action as ``role`` inside a
        savepoint that is rolled back: True if it ran, False if refused with
        AccessError. Any other error means the fixture is wrong and fails."""
        with contextlib.closing(self.env.cr.savepoint()):
            record = self._target(model, method)
            try:
                self._call(self.as_role(record, role), method)
            except AccessError:
                return False
            return True

    def test_every_public_action_is_listed(self):
        """The table covers every public method that the addon's models
        define (the access matrix of school_base is built from it), and the
        citation's, which school_base defines and this addon extends."""
        listed = {(model, method) for model, method, _roles in DISCIPLINE_ACTIONS}
        found = set()
        for model in (
            "school.discipline.entry",
            "school.discipline.case",
            "school.discipline.case.step",
            "school.guardian.citation",
            "op.student",
        ):
            cls = type(self.env[model])
            for klass in cls.__mro__:
                if klass.__module__.startswith(
                    (
                        "odoo.addons.school_discipline.",
                        "odoo.addons.school_base.models.school_guardian_citation",
                    )
                ):
                    found |= {
                        (model, name)
                        for name, value in vars(klass).items()
                        if name.startswith("action_") and callable(value)
                    }
        self.assertEqual(found, listed)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_action_matrix(self):
        for model, method, allowed in DISCIPLINE_ACTIONS:
            if allowed is None:
                continue
            for role in ROLES:
                with self.subTest(model=model, method=method, role=role):
                    self.assertEqual(
                        self._allowed(model, method, role),
                        role in allowed,
                        "%s.%s as %s" % (model, method, role),
                    )

    def test_hoja_de_vida_action_is_read_only(self):
        action = self.student.with_user(self.users["t_inspector"]).action_school_hoja_de_vida()
        self.assertEqual(action["domain"], [("student_id", "=", self.student.id)])
        with self.assertRaises(AccessError):
            self.student.with_user(self.other_guardian_user).action_school_hoja_de_vida()


@tagged("post_install", "-at_install")
class TestDisciplineAccess(DisciplineAccessCase):
    """Explicit regression tests, one per escalation found in issue 9."""

    # ----------------------------------------------------------- entries --
    def test_guardian_cannot_correct_the_hoja_de_vida(self):
        entry = self.entry()
        as_guardian = entry.with_user(self.guardian_user)
        self.assertEqual(as_guardian.description, "Ayuda a sus compañeros.", "they read it")
        with self.assertRaises(AccessError):
            as_guardian.action_correct("No fue así.")
        self.assertFalse(entry.correction_ids)
        for login in ("t_secretary", "t_social", "t_teacher2"):
            with self.subTest(login=login), self.assertRaises(AccessError):
                entry.with_user(self.users[login]).action_correct("x")
        # The author and the course's head teacher may correct it.
        correction = entry.with_user(self.users["t_head"]).action_correct("Fue en Historia.")
        self.assertEqual(correction.corrects_entry_id, entry)
        self.assertEqual(correction.author_id, self.users["t_head"])
        entry.with_user(self.users["t_teacher"]).action_correct("Fue el lunes.")
        self.assertEqual(len(entry.correction_ids), 2)

    def test_entry_system_fields_refused_on_create(self):
        entries = self.env_as("t_inspector")["school.discipline.entry"]
        base = {"student_id": self.student.id, "kind": "note", "description": "x"}
        for field, value in (
            ("label", "Amonestación"),
            ("corrects_entry_id", self.entry().id),
            ("occurrence", 9),
        ):
            with self.subTest(field=field), self.assertRaises(UserError):
                entries.create(dict(base, **{field: value}))

    # ------------------------------------------------------------- steps --
    def test_guardian_submission_only_through_the_portal_now(self):
        case = self.open_case(notice_done=True)
        descargos = self.step(case, "A2").with_user(self.guardian_user)
        with self.assertRaises(AccessError):
            descargos.action_register_submission("Descargos", via="backend")
        with self.assertRaises(AccessError):
            descargos.action_register_submission(
                "Descargos", received_at=fields.Datetime.now() - datetime.timedelta(hours=2)
            )
        with self.assertRaises(AccessError):
            descargos.action_register_submission("Descargos", via="portal", received_at="x")
        self.assertEqual(descargos.state, "pending")
        descargos.action_register_submission("No estuve en el lugar.")
        self.assertEqual((descargos.state, descargos.submitted_via), ("done", "portal"))
        self.assertEqual(descargos.done_by, self.guardian_user)

    def test_staff_register_a_written_submission_with_its_date(self):
        case = self.open_case(notice_done=True)
        descargos = self.step(case, "A2").with_user(self.users["t_convivencia"])
        with self.assertRaises(AccessError):
            descargos.action_register_submission("Carta", via="portal")
        with self.assertRaisesRegex(UserError, "not a valid date"):
            descargos.action_register_submission("Carta", received_at="31/02/2026")
        with self.assertRaisesRegex(UserError, "future"):
            descargos.action_register_submission(
                "Carta", received_at=fields.Datetime.now() + datetime.timedelta(days=1)
            )
        received = fields.Datetime.now() - datetime.timedelta(minutes=30)
        descargos.action_register_submission("Carta", received_at=received)
        self.assertEqual((descargos.state, descargos.submitted_via), ("done", "backend"))
        # Teachers and head teachers register nothing for the apoderado.
        request = self.step(case, "A4")
        for login in ("t_teacher", "t_head", "t_secretary"):
            with self.subTest(login=login), self.assertRaises(AccessError):
                request.with_user(self.users[login]).action_register_submission("x")

    def test_guardian_confirms_only_their_own_notice(self):
        case = self.open_case(notice_done=True)
        notice = self.step(case, "A1")
        for user in (self.other_guardian_user, self.role_users["student"]):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                notice.with_user(user).action_confirm_receipt()
        with self.assertRaises(AccessError):
            notice.with_user(self.guardian_user).action_confirm_receipt(via="signature")
        self.assertFalse(notice.receipt_datetime)
        notice.with_user(self.guardian_user).action_confirm_receipt()
        self.assertEqual(notice.receipt_via, "portal")

    def test_guardian_of_another_child_reaches_no_step(self):
        other_case = self.new_case(
            student=self.other_student,
            knowledge=fields.Datetime.now() - datetime.timedelta(hours=1),
        )
        self.step(other_case, "A1").with_user(self.users["t_inspector"]).action_done("Correo")
        descargos = self.step(other_case, "A2").with_user(self.guardian_user)
        with self.assertRaises(AccessError):
            descargos.action_register_submission("No fui yo.")
        with self.assertRaises(AccessError):
            self.step(other_case, "A1").with_user(self.guardian_user).action_confirm_receipt()
        self.assertEqual(descargos.sudo().state, "pending")

    def test_case_party_cannot_be_retargeted(self):
        """Found in review: a head teacher re-targeted a case to another
        student and sent its start notice to any partner."""
        case = self.open_case()
        for login in ("t_head", "t_inspector", "t_director"):
            with self.assertRaises(AccessError):
                case.with_user(self.users[login]).write({"student_id": self.other_student.id})
            with self.assertRaises(AccessError):
                case.with_user(self.users[login]).write(
                    {"guardian_partner_id": self.users["t_secretary"].partner_id.id}
                )
        with self.assertRaises(AccessError):
            case.with_user(self.users["t_social"]).write({"facts": "Otros hechos"})
        self.assertEqual(case.student_id, self.student)
        # The notice goes to the student's apoderados only.
        self.step(case, "A1").with_user(self.users["t_inspector"]).action_done("Correo")
        notice = case.message_ids.filtered(lambda m: m.partner_ids)[:1]
        self.assertEqual(notice.partner_ids, self.parent.name)

    def test_empty_submission_does_not_close_the_window(self):
        """Found in review: staff closed the descargos window early with an
        empty submission."""
        case = self.open_case(notice_done=True)
        descargos = self.step(case, "A2")
        with self.assertRaises(UserError):
            descargos.with_user(self.users["t_social"]).action_register_submission("")
        self.assertEqual(descargos.state, "pending")

    def test_citation_only_to_the_students_apoderado(self):
        """Found in review: a teacher e-mailed any partner through a
        citation, and read another course's apoderado."""
        citations = self.env_as("t_teacher")["school.guardian.citation"]
        values = {
            "student_id": self.student.id,
            "batch_id": self.batch.id,
            "reason": "Pague aquí",
            "scheduled_at": fields.Datetime.now() + datetime.timedelta(days=2),
        }
        with self.assertRaises(AccessError):
            citations.create(
                dict(values, guardian_partner_id=self.users["t_secretary"].partner_id.id)
            )
        with self.assertRaises(AccessError):
            citations.create(dict(values, student_id=self.other_student.id))
        citation = citations.create(values)
        self.assertEqual(citation.guardian_partner_id, self.parent.name)
        with self.assertRaises(AccessError):
            citation.write({"student_id": self.other_student.id})

    def test_parent_fault_case_party_is_the_apoderado_at_fault(self):
        """MC 12: in the due process of an apoderado's own fault, that
        apoderado is the party, not the other apoderados of the child."""
        case = self.env_as("t_inspector")["school.discipline.case"].create(
            {
                "type_id": self.env.ref("school_discipline.school_discipline_case_type_dp_f").id,
                "guardian_partner_id": self.other_guardian_user.partner_id.id,
                "student_id": self.other_student.id,
                "fault_id": self.env.ref("school_discipline.school_discipline_fault_p_g05").id,
                "knowledge_datetime": fields.Datetime.now() - datetime.timedelta(hours=1),
            }
        )
        self.step(case, "F1").with_user(self.users["t_director"]).action_done("Entrevista")
        descargos = self.step(case, "F2")
        with self.assertRaises(AccessError):
            descargos.with_user(self.guardian_user).action_register_submission("No fui yo.")
        descargos.with_user(self.other_guardian_user).action_register_submission("Mis descargos.")
        self.assertEqual((descargos.state, descargos.submitted_via), ("done", "portal"))

    def test_steps_are_closed_by_their_role_only(self):
        case = self.open_case()
        notice = self.step(case, "A1")
        for login in ("t_teacher", "t_head", "t_convivencia", "t_psychologist", "t_social"):
            with self.subTest(login=login), self.assertRaises(AccessError):
                notice.with_user(self.users[login]).action_done("Correo")
        with self.assertRaises(AccessError):
            self.step(case, "A4").with_user(self.guardian_user).action_skip("Renuncio")
        self.assertEqual(notice.state, "pending")
        notice.with_user(self.users["t_inspector"]).action_done("Correo")
        self.assertEqual(notice.state, "done")

    def test_staff_cannot_write_step_history(self):
        case = self.open_case(notice_done=True)
        descargos = self.step(case, "A2")
        for vals in (
            {"state": "done"},
            {"done_datetime": fields.Datetime.now()},
            {"deadline": fields.Datetime.now() + datetime.timedelta(days=30)},
            {"submission": "otra cosa", "submitted_via": "backend"},
            {"receipt_datetime": fields.Datetime.now()},
            {"student_id": self.other_student.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                descargos.with_user(self.users["t_director"]).write(vals)
        with self.assertRaises(AccessError):
            descargos.with_user(self.guardian_user).write({"state": "done"})
        self.assertEqual(descargos.state, "pending")
        self.assertEqual(case.student_id, self.student)

    def test_users_add_no_steps(self):
        case = self.open_case()
        stage = self.step(case, "A3").stage_id
        for login in ("t_director", "t_inspector"):
            with self.subTest(login=login), self.assertRaises(AccessError):
                self.env_as(login)["school.discipline.case.step"].create(
                    {"case_id": case.id, "stage_id": stage.id, "state": "done"}
                )
        with self.assertRaises(AccessError):
            case.with_user(self.users["t_inspector"]).write(
                {"step_ids": [Command.create({"stage_id": stage.id, "sequence": 99})]}
            )
        self.assertEqual(len(case.step_ids), len(case.type_id.stage_ids))

    # ------------------------------------------------------------- cases --
    def test_teacher_cannot_decide_or_close(self):
        case = self.xii_case()
        for login in ("t_teacher", "t_head"):
            as_teacher = case.with_user(self.users[login])
            with self.subTest(login=login):
                with self.assertRaises(AccessError):
                    as_teacher.action_precautionary()
                with self.assertRaises(AccessError):
                    as_teacher.action_waive()
                with self.assertRaises(AccessError):
                    as_teacher.write({"state": "closed"})
                with self.assertRaises(AccessError):
                    as_teacher.write({"sanction_id": self.s6.id, "sanction_days": 2})
                with self.assertRaises(AccessError):
                    self.step(case, "X1").with_user(self.users[login]).action_done("Correo")
        for login in ("t_inspector", "t_convivencia"):
            with self.subTest(login=login), self.assertRaisesRegex(AccessError, "Director"):
                case.with_user(self.users[login]).action_precautionary()
        self.assertFalse(case.precautionary)
        self.assertEqual(case.state, "open")
        case.with_user(self.users["t_director"]).action_precautionary(days=3)
        self.assertEqual((case.precautionary, case.precautionary_days), (True, 3))
        with self.assertRaisesRegex(UserError, "whole number"):
            case.with_user(self.users["t_director"]).action_precautionary(days="99")

    def test_staff_cannot_write_the_case_record(self):
        case = self.open_case(notice_done=True)
        for vals in (
            {"state": "closed"},
            {"waiver": True},
            {"precautionary": True, "precautionary_days": 5},
            {"condition_broken": True},
            {"name": "EXP-1"},
            {"type_id": self.type_b.id},
            {"confidential": True},
            {"student_neurodivergent": True},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                case.with_user(self.users["t_director"]).write(vals)
        # The decision: due-process roles only.
        for login in ("t_psychologist", "t_social"):
            with self.subTest(login=login), self.assertRaises(AccessError):
                case.with_user(self.users[login]).write({"sanction_id": self.s6.id})
        case.with_user(self.users["t_convivencia"]).write(
            {"sanction_id": self.s6.id, "sanction_days": 2}
        )
        case.with_user(self.users["t_psychologist"]).action_add_measures(self.m01.ids)
        self.assertEqual((case.sanction_id, case.measure_ids), (self.s6, self.m01))
        with self.assertRaises(AccessError):
            case.with_user(self.users["t_head"]).write({"measure_ids": [Command.clear()]})
        self.assertEqual(case.state, "open")
        self.assertFalse(case.waiver)

    def test_no_case_created_with_a_decision_already_made(self):
        cases = self.env_as("t_inspector")["school.discipline.case"]
        base = {
            "type_id": self.type_a.id,
            "student_id": self.student.id,
            "batch_id": self.batch.id,
            "fault_id": self.g07.id,
        }
        for vals in (
            {"state": "closed"},
            {"waiver": True},
            {"precautionary": True},
            {"condition_broken": True},
            {"name": "EXP-FALSO"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                cases.create(dict(base, **vals))
        with self.assertRaises(AccessError):
            self.env_as("t_social")["school.discipline.case"].create(
                dict(base, sanction_id=self.s6.id)
            )
        # What the web client sends for a new case is accepted.
        case = cases.create(dict(base, state="open", name="/", waiver=False))
        self.assertEqual(case.state, "open")
        self.assertNotEqual(case.name, "/")

    def test_waiver_by_due_process_roles(self):
        case = self.open_case(notice_done=True)
        for login in ("t_psychologist", "t_social", "t_teacher"):
            with self.subTest(login=login), self.assertRaises(AccessError):
                case.with_user(self.users[login]).action_waive()
        with self.assertRaises(AccessError):
            case.with_user(self.guardian_user).action_waive()
        self.assertFalse(case.waiver)
        case.with_user(self.users["t_inspector"]).action_waive()
        self.assertTrue(case.waiver)

    def test_social_worker_reaches_no_reserved_case(self):
        reserved = self.new_case(
            case_type=self.env["school.discipline.case.type"].search([("code", "=", "CT-III")]),
            login="t_convivencia",
        )
        with self.assertRaises(AccessError):
            reserved.with_user(self.users["t_social"]).action_add_measures(self.m01.ids)
        self.assertFalse(reserved.measure_ids)

    # --------------------------------------------------------- citations --
    def test_citation_state_and_signature_by_actions_only(self):
        citation = self.citation()
        for vals in ({"state": "attended"}, {"guardian_signed": True}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                citation.with_user(self.users["t_teacher"]).write(vals)
        with self.assertRaises(AccessError):
            self.env_as("t_teacher")["school.guardian.citation"].create(
                {
                    "student_id": self.student.id,
                    "batch_id": self.batch.id,
                    "reason": "x",
                    "state": "attended",
                }
            )
        with self.assertRaises(AccessError):
            citation.with_user(self.guardian_user).action_record_signature()
        with self.assertRaises(AccessError):
            citation.with_user(self.other_guardian_user).action_confirm()
        with self.assertRaises(AccessError):
            citation.with_user(self.users["t_secretary"]).action_missed()
        with self.assertRaises(AccessError):
            citation.with_user(self.users["t_teacher2"]).action_missed()
        self.assertEqual(citation.state, "notified")
        citation.with_user(self.guardian_user).action_confirm()
        self.assertEqual(citation.state, "confirmed")
        citation.with_user(self.users["t_teacher"]).action_record_signature()
        citation.with_user(self.users["t_teacher"]).action_attended()
        self.assertEqual(citation.state, "attended")
        with self.assertRaisesRegex(UserError, "part of the record"):
            citation.with_user(self.users["t_teacher"]).write({"agreements": "otra cosa"})

    # ------------------------------------------------------------ ladder --
    def test_ladder_counts_what_the_teacher_cannot_see(self):
        """The Nth leve is counted over all the student's leves of the year,
        also those recorded in a course the recording teacher does not teach."""
        self.env["op.student.course"].create(
            {
                "student_id": self.student.id,
                "course_id": self.other_batch.course_id.id,
                "batch_id": self.other_batch.id,
                "roll_number": "2",
            }
        )
        now = fields.Datetime.now()
        self.env_as("t_inspector")["school.discipline.entry"].create(
            {
                "student_id": self.student.id,
                "batch_id": self.other_batch.id,
                "fault_id": self.l05.id,
                "date": now - datetime.timedelta(hours=2),
                "description": "Otra asignatura",
            }
        )
        teacher_entries = self.env_as("t_teacher")["school.discipline.entry"]
        self.assertFalse(teacher_entries.search([("student_id", "=", self.student.id)]))
        leve = teacher_entries.create(
            {
                "student_id": self.student.id,
                "batch_id": self.batch.id,
                "fault_id": self.l05.id,
                "date": now - datetime.timedelta(hours=1),
                "description": "Interrumpe",
            }
        )
        self.assertEqual(leve.occurrence, 2)

    def test_ladder_locks_the_student_row(self):
        """A leve locks its student's row until the transaction ends: a
        concurrent request recording a leve for the same student waits,
        then is retried by Odoo and counts this one."""
        student = self.env["op.student"].search([], order="id", limit=1)
        with contextlib.closing(sql_db.db_connect(self.env.cr.dbname).cursor()) as other:
            other.execute(SQL("SELECT id FROM op_student WHERE id = %s", student.id))
            if not other.fetchone():
                self.skipTest("needs a committed student (demo data)")
            other.execute(
                SQL("SELECT id FROM op_student WHERE id = %s FOR NO KEY UPDATE NOWAIT", student.id)
            )
            other.rollback()
            self.env["school.discipline.entry"].sudo().create(
                {
                    "student_id": student.id,
                    "company_id": student.company_id.id or self.env.company.id,
                    "fault_id": self.l05.id,
                    "description": "Interrumpe",
                }
            )
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(psycopg2.errors.LockNotAvailable),
            ):
                other.execute(
                    SQL(
                        "SELECT id FROM op_student WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                        student.id,
                    )
                )
            other.rollback()


@tagged("post_install", "-at_install")
class TestDisciplineRoutes(DisciplineAccessCase, HttpCase):
    """Malformed ids and form values get a 404 or a 400, never a 500."""

    def _token(self):
        page = self.url_open("/my").text
        return re.search(r'csrf_token: "([^"]+)"', page).group(1)

    def test_malformed_ids_are_not_found(self):
        self.authenticate("t_guardian", "t_guardian")
        token = self._token()
        for url in (
            "/my/discipline/case/abc",
            "/my/discipline/step/abc/submit",
            "/my/discipline/step/-1/submit",
            "/my/discipline/step/0/receipt",
            "/my/discipline/step/99999999999999999999999/submit",
            "/my/discipline/step/2147483648/receipt",
            "/my/citations/99999999999999999999/confirm",
            "/my/citations/2147483648/confirm",
            "/my/citations/1e3/confirm",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, data={"text": "x", "csrf_token": token})
                self.assertEqual(response.status_code, 404)
        self.authenticate("t_teacher", "t_teacher")
        for url in ("/my/discipline/note/99999999999999999999", "/my/discipline/note/x"):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)

    def test_malformed_form_values_are_bad_requests(self):
        self.authenticate("t_teacher", "t_teacher")
        token = self._token()
        url = "/my/discipline/note/%s" % self.batch.id
        for field, value in (
            ("student_id", "abc"),
            ("student_id", "-5"),
            ("student_id", "99999999999999999999"),
            ("fault_id", "1.5"),
            ("fault_id", "99999999999"),
        ):
            data = {
                "student_id": str(self.student.id),
                "fault_id": str(self.l05.id),
                "description": "Interrumpe",
                "csrf_token": token,
            }
            data[field] = value
            with self.subTest(field=field, value=value):
                response = self.url_open(url, data=data)
                self.assertEqual(response.status_code, 400)
                self.assertIn("no es válido", response.text)  # es_CL portal
        self.assertFalse(
            self.env["school.discipline.entry"].search([("student_id", "=", self.student.id)])
        )

    def test_portal_ignores_a_posted_date(self):
        """The form's fields cannot say when the descargos arrived: the
        portal records them now, through the portal."""
        case = self.open_case(notice_done=True)
        self.authenticate("t_guardian", "t_guardian")
        response = self.url_open(
            "/my/discipline/step/%s/submit" % self.step(case, "A2").id,
            data={
                "text": "No estuve.",
                "received_at": "no-es-fecha",
                "via": "backend",
                "csrf_token": self._token(),
            },
        )
        self.assertEqual(response.status_code, 200)
        descargos = self.step(case, "A2")
        self.assertEqual((descargos.state, descargos.submitted_via), ("done", "portal"))

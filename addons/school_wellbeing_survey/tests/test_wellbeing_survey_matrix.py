# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""This addon's rows of the suite's access matrix (school_base/tests/
access_matrix.py): every role, with its own rights, as over RPC."""

import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.school_base.tests.access_matrix import (
    NOBODY,
    STAFF_ROLES,
    AccessMatrixMixin,
    Cell,
)

from .common import WellbeingCase

# The survey's answers (and the campaigns' course sheets) are seen by the
# profesor jefe of the course, orientación/psicología, convivencia and the
# Director (the sostenedor holds Director); never by other teachers,
# apoderados, students, nor the other roles of the school.
TEAM = frozenset({"convivencia", "psychologist", "director", "sostenedor"})
HEAD = TEAM | {"head_teacher"}
DIRECTOR = frozenset({"director", "sostenedor"})


def CAMPAIGN(test):
    return {
        "name": "Junio",
        "date_start": "2026-06-01",
        "date_open": "2026-06-20",
        "date_close": "2026-06-30",
        "company_id": test.school.id,
    }


def ANSWER(test):
    return {"sheet_id": test.sheet.id, "student_id": test.fourth.id}


def QUESTION(test):
    return {"name": "¿Almuerza?", "code": "lunch", "company_id": test.school.id}


def UPLOAD(test):
    return {"sheet_id": test.sheet.id, "file": "UEsDBA==", "filename": "curso.xlsx"}


def APPLIED(test):
    """One of the lines of action proposed for the follow-up."""
    guideline = test.matrix_records["followup"].guideline_ids[:1]
    return {"applied_guideline_ids": [(6, 0, guideline.ids)]}


def NOT_PROPOSED(test):
    """A discipline line of action: not proposed for no contact."""
    guideline = test.env.ref("school_wellbeing_survey.guideline_bond_support")
    return {"applied_guideline_ids": [(6, 0, guideline.ids)]}


def ACTIVITY_APPLIED(test):
    guideline = test.matrix_records["followup"].guideline_ids[:1]
    return {"school_wellbeing_guideline_ids": [(6, 0, guideline.ids)]}


def FOLLOWUP(test):
    return {"risk_id": test.matrix_records["risk"].id, "state": "done"}


CELLS = [
    # Campaigns: everybody of the team runs them; head teachers read them.
    Cell("school.wellbeing.campaign", "read", HEAD, "open"),
    Cell("school.wellbeing.campaign", "create", TEAM, CAMPAIGN),
    Cell("school.wellbeing.campaign", "write", TEAM, "draft", ({"name": "Abril"},)),
    Cell("school.wellbeing.campaign", "write", NOBODY, "draft", ({"state": "closed"},)),
    Cell("school.wellbeing.campaign", "unlink", TEAM, "draft"),
    Cell("school.wellbeing.campaign", "action_open", TEAM, "draft"),
    Cell("school.wellbeing.campaign", "action_close", TEAM, "open"),
    Cell("school.wellbeing.campaign", "action_reopen", DIRECTOR, "closed"),
    # Course sheets: the profesor jefe's own course only.
    Cell("school.wellbeing.sheet", "read", HEAD, "sheet"),
    Cell("school.wellbeing.sheet", "read", TEAM, "other_sheet"),
    Cell("school.wellbeing.sheet", "write", NOBODY, "sheet", ({"version": 9},)),
    Cell("school.wellbeing.sheet", "action_download_workbook", HEAD, "sheet"),
    Cell("school.wellbeing.sheet", "action_download_workbook", TEAM, "other_sheet"),
    Cell("school.wellbeing.sheet", "action_upload_workbook", HEAD, "sheet"),
    Cell("school.wellbeing.sheet", "action_fill_answers", HEAD, "sheet"),
    Cell("school.wellbeing.sheet", "action_fill_answers", TEAM, "other_sheet"),
    Cell("school.wellbeing.sheet", "unlink", NOBODY, "sheet"),
    # The upload form: the roles that fill a course's sheet (its import
    # checks the sheet again, _check_fill).
    Cell("school.wellbeing.upload", "create", HEAD, UPLOAD),
    # Answers and their lines.
    Cell("school.wellbeing.answer", "read", HEAD, "answer"),
    Cell("school.wellbeing.answer", "read", TEAM, "other_answer"),
    Cell("school.wellbeing.answer", "create", HEAD, ANSWER),
    Cell("school.wellbeing.answer", "write", NOBODY, "answer", ({"version": 3},)),
    Cell("school.wellbeing.answer", "write", NOBODY, "answer", ({"active": False},)),
    Cell("school.wellbeing.answer", "unlink", NOBODY, "answer"),
    Cell("school.wellbeing.answer.line", "read", HEAD, "line"),
    Cell("school.wellbeing.answer.line", "read", TEAM, "other_line"),
    Cell("school.wellbeing.answer.line", "write", HEAD, "line", ({"text_value": "Bien"},)),
    Cell("school.wellbeing.answer.line", "write", TEAM, "other_line", ({"text_value": "x"},)),
    # The questions: staff read them, the team edits them.
    Cell("school.wellbeing.question", "read", STAFF_ROLES, "question"),
    Cell("school.wellbeing.question", "create", TEAM, QUESTION),
    Cell("school.wellbeing.question", "write", TEAM, "question", ({"name": "Otra"},)),
    Cell("school.wellbeing.option", "read", STAFF_ROLES, "option"),
    Cell("school.wellbeing.option", "write", TEAM, "option", ({"name": "Otra"},)),
    # The early-warning risk: like the answers.
    Cell("school.wellbeing.risk", "read", HEAD, "risk"),
    Cell("school.wellbeing.risk", "read", TEAM, "other_risk"),
    Cell("school.wellbeing.risk", "write", NOBODY, "risk", ({"followup_ids": [(0, 0, {})]},)),
    Cell("school.wellbeing.risk", "write", NOBODY, "risk", ({"level": "green"},)),
    Cell("school.wellbeing.risk", "write", NOBODY, "risk", ({"red_count": 0},)),
    Cell("school.wellbeing.risk", "unlink", NOBODY, "risk"),
    Cell("school.wellbeing.risk", "action_recompute", TEAM, "risk"),
    Cell("school.wellbeing.risk.flag", "read", HEAD, "flag"),
    Cell("school.wellbeing.risk.flag", "read", TEAM, "other_flag"),
    Cell("school.wellbeing.risk.flag", "write", NOBODY, "flag", ({"explanation": "x"},)),
    Cell("school.wellbeing.risk.history", "read", HEAD, "history"),
    Cell("school.wellbeing.risk.history", "write", NOBODY, "history", ({"explanation": "x"},)),
    # The follow-up of a critical situation: like the risk; closing its
    # activity records it.
    Cell("school.wellbeing.followup", "read", HEAD, "followup"),
    Cell("school.wellbeing.followup", "read", TEAM, "other_followup"),
    Cell("school.wellbeing.followup", "write", HEAD, "followup", ({"outcome": "improved"},)),
    Cell("school.wellbeing.followup", "write", TEAM, "other_followup", ({"action_taken": "x"},)),
    # The lines of action applied: like the outcome; only proposed ones.
    Cell("school.wellbeing.followup", "write", HEAD, "followup", (APPLIED,)),
    Cell("school.wellbeing.followup", "write", NOBODY, "followup", (NOT_PROPOSED,)),
    Cell("school.wellbeing.followup", "write", NOBODY, "followup", ({"guideline_ids": [(5,)]},)),
    Cell("school.wellbeing.followup", "write", NOBODY, "followup", ({"state": "done"},)),
    Cell("school.wellbeing.followup", "write", NOBODY, "followup", ({"user_id": 1},)),
    Cell("school.wellbeing.followup", "create", NOBODY, FOLLOWUP),
    Cell("school.wellbeing.followup", "unlink", NOBODY, "followup"),
    Cell("school.wellbeing.followup.line", "read", HEAD, "followup_line"),
    Cell("school.wellbeing.followup.line", "read", TEAM, "other_followup_line"),
    Cell(
        "school.wellbeing.followup.line",
        "write",
        NOBODY,
        "followup_line",
        ({"factor": "discipline"},),
    ),
    Cell("school.wellbeing.followup.line", "unlink", NOBODY, "followup_line"),
    Cell("mail.activity", "action_feedback", HEAD, "activity", ("Llamada a la familia",)),
    Cell("mail.activity", "write", NOBODY, "activity", ({"school_wellbeing_followup_id": False},)),
    Cell("mail.activity", "write", HEAD, "activity", (ACTIVITY_APPLIED,)),
    # The answers by month: like the answers.
    Cell("school.wellbeing.trend", "read", HEAD, "trend"),
    Cell("school.wellbeing.trend", "read", TEAM, "other_trend"),
    Cell("school.wellbeing.risk", "action_open_trend", HEAD, "risk"),
    Cell("school.wellbeing.risk.rule", "read", STAFF_ROLES, "rule"),
    Cell("school.wellbeing.risk.rule", "write", TEAM, "rule", ({"threshold": 80},)),
    Cell("school.wellbeing.guideline", "read", STAFF_ROLES, "guideline"),
    Cell("school.wellbeing.guideline", "write", TEAM, "guideline", ({"name": "Otra"},)),
]


@tagged("post_install", "-at_install", "school_access")
class TestWellbeingMatrix(AccessMatrixMixin, WellbeingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        observations = cls.q["observations"]
        answer = cls.sheet._ensure_answers().filtered(lambda a: a.student_id == cls.student)
        answer._set_answers({observations: (cls.env["school.wellbeing.option"], "Hola")})
        other_sheet = cls.campaign.sheet_ids - cls.sheet
        other_answer = other_sheet._ensure_answers()
        other_answer._set_answers({observations: (cls.env["school.wellbeing.option"], "Hola")})
        # Enrolled after the sheets were filled: no answer yet.
        cls.fourth = cls._add_student("Dora", "Cuarta", "7.777.777-6", cls.batch, roll=4)
        closed = cls._make_campaign(datetime.date(2026, 9, 1))
        closed.action_close()
        question = cls.env["school.wellbeing.question"].create(
            {"name": "Local", "code": "local", "company_id": cls.school.id, "kind": "single"}
        )
        option = cls.env["school.wellbeing.option"].create(
            {"name": "Sí", "code": "yes", "question_id": question.id}
        )
        # Both students critical-free but flagged: no contact (red).
        no_contact = cls.q["participation"].option_ids.filtered(lambda o: o.code == "no_contact")
        answer._set_answers({cls.q["participation"]: (no_contact, "")})
        other_answer._set_answers({cls.q["participation"]: (no_contact, "")})
        risks = cls.env["school.wellbeing.risk"]._compute_for(
            cls.student | cls.other_student, datetime.date(2026, 11, 25)
        )
        risk = risks.filtered(lambda r: r.student_id == cls.student)
        other_risk = risks - risk
        rule = cls.env["school.wellbeing.risk.rule"].create(
            {
                "name": "Local",
                "code": "local",
                "factor": "overage",
                "kind": "overage",
                "company_id": cls.school.id,
            }
        )
        guideline = cls.env["school.wellbeing.guideline"].create(
            {"name": "Local", "description": "Hablar", "company_id": cls.school.id}
        )
        # sudo: the engine opens the follow-up of a critical situation (and
        # its activity for the profesor jefe of the fixture course).
        followup = risk.sudo()._notify_critical()
        other_followup = other_risk.sudo()._notify_critical()
        trend = cls.env["school.wellbeing.trend"]
        cls.matrix_records = {
            "trend": trend.search([("answer_id", "=", answer.id)], limit=1),
            "other_trend": trend.search([("answer_id", "in", other_answer.ids)], limit=1),
            "followup": followup,
            "other_followup": other_followup,
            "followup_line": followup.line_ids[:1],
            "other_followup_line": other_followup.line_ids[:1],
            "activity": followup.activity_id,
            "risk": risk,
            "other_risk": other_risk,
            "flag": risk.flag_ids[:1],
            "other_flag": other_risk.flag_ids[:1],
            "history": risk.history_ids[:1],
            "rule": rule,
            "guideline": guideline,
            "draft": cls._make_campaign(datetime.date(2026, 10, 1), open_=False),
            "open": cls.campaign,
            "closed": closed,
            "sheet": cls.sheet,
            "other_sheet": other_sheet,
            "answer": answer,
            "other_answer": other_answer,
            "line": answer.line_ids[:1],
            "other_line": other_answer.line_ids[:1],
            "question": question,
            "option": option,
        }

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.models.unlink")
    def test_matrix(self):
        self.check_cells(CELLS)

    def test_rpc_reads_of_answers(self):
        """search_read and read as over /web/dataset/call_kw: each role gets
        exactly the answers it may see."""
        answers = self.env["school.wellbeing.answer"]
        own = set(self.sheet.answer_ids.ids)
        other = set(self.matrix_records["other_answer"].ids)
        expected = {
            "head_teacher": own,
            "psychologist": own | other,
            "convivencia": own | other,
            "director": own | other,
            "outsider": set(),
        }
        for role, ids in expected.items():
            model = answers.with_user(self.role_users[role])
            rows = model.search_read([], ["student_id", "option_ids"])
            self.assertEqual({row["id"] for row in rows}, ids, role)
        with self.assertRaises(AccessError):
            answers.with_user(self.role_users["head_teacher"]).browse(list(other)).read(
                ["student_id"]
            )
        for role in ("teacher", "teacher_other", "secretary", "inspector", "social_worker"):
            with self.assertRaises(AccessError, msg=role):
                answers.with_user(self.role_users[role]).search_read([], ["student_id"])
        for role in ("guardian", "guardian_other", "student"):
            with self.assertRaises(AccessError, msg=role):
                answers.with_user(self.role_users[role]).browse(list(own)).read(["student_id"])

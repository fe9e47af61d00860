# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import re

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import DisciplineCase


@tagged("post_install", "-at_install")
class TestDisciplinePortal(DisciplineCase, HttpCase):
    def _token(self):
        page = self.url_open("/my").text
        return re.search(r'csrf_token: "([^"]+)"', page).group(1)

    def _open_case(self, code="CT-XII"):
        """A case whose descargos window is open now (the tour runs in real time)."""
        case_type = self.env["school.discipline.case.type"].search([("code", "=", "DP-A")])
        if code != "DP-A":
            case_type = self.env["school.discipline.case.type"].search([("code", "=", code)])
        case = self.env["school.discipline.case"].create(
            {
                "type_id": case_type.id,
                "student_id": self.student.id,
                "batch_id": self.batch.id,
                "fault_id": self.g07.id,
                "knowledge_datetime": fields.Datetime.now(),
            }
        )
        return case

    def test_guardian_sends_descargos(self):
        case = self._open_case("DP-A")
        self.step(case, "A1").action_done("Correo")
        self.start_tour(
            "/my/discipline", "school_discipline_guardian_descargos", login="t_guardian"
        )
        descargos = self.step(case, "A2")
        self.assertEqual(descargos.state, "done")
        self.assertEqual(descargos.submitted_via, "portal")
        self.assertIn("no estuvo en el lugar", descargos.submission)

    def test_teacher_records_an_anotacion(self):
        self.start_tour("/my/discipline", "school_discipline_teacher_note", login="t_teacher")
        entry = self.env["school.discipline.entry"].search([("student_id", "=", self.student.id)])
        self.assertEqual(len(entry), 1)
        self.assertEqual((entry.fault_id, entry.book), (self.l05, "ficha"))
        self.assertEqual(entry.author_id, self.users["t_teacher"])
        # Another teacher's course is not reachable.
        self.authenticate("t_teacher2", "t_teacher2")
        self.assertEqual(self.url_open("/my/discipline/note/%s" % self.batch.id).status_code, 404)

    def test_late_and_foreign_submissions_refused(self):
        case = self._open_case("DP-A")
        self.step(case, "A1").action_done("Correo")
        descargos = self.step(case, "A2")
        # The window closed yesterday.
        descargos.sudo().deadline = fields.Datetime.now() - datetime.timedelta(days=1)
        self.authenticate("t_guardian", "t_guardian")
        response = self.url_open(
            "/my/discipline/step/%s/submit" % descargos.id,
            data={"text": "tarde", "csrf_token": self._token()},
        )
        self.assertIn("o_school_discipline_error", response.text)
        self.assertIn("venció el", response.text)  # es_CL portal
        self.assertEqual(descargos.state, "pending")
        # Another family's case (and any reserved protocol) is not found.
        self.authenticate("t_guardian2", "t_guardian2")
        response = self.url_open(
            "/my/discipline/step/%s/submit" % descargos.id,
            data={"text": "x", "csrf_token": self._token()},
        )
        self.assertEqual(response.status_code, 404)
        reserved = self._open_case("CT-III")
        self.authenticate("t_guardian", "t_guardian")
        page = self.url_open("/my/discipline")
        self.assertNotIn('data-case="%s"' % reserved.name, page.text)
        self.assertIn('data-case="%s"' % case.name, page.text)
        # The apoderado confirms the notice's receipt.
        self.url_open(
            "/my/discipline/step/%s/receipt" % self.step(case, "A1").id,
            data={"csrf_token": self._token()},
        )
        self.assertEqual(self.step(case, "A1").receipt_via, "portal")
        response = self.url_open(
            "/my/discipline/step/%s/submit" % reserved.step_ids[0].id,
            data={"text": "x", "csrf_token": self._token()},
        )
        self.assertEqual(response.status_code, 404)

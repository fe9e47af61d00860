# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import SchoolCase

DT = datetime.datetime


@tagged("post_install", "-at_install")
class TestGuardianCitation(SchoolCase):
    """The apoderado citation's workflow, whatever addon caused it."""

    def _citation(self, login="t_teacher"):
        return (
            self.env["school.guardian.citation"]
            .with_user(self.users[login])
            .create(
                {
                    "student_id": self.student.id,
                    "batch_id": self.batch.id,
                    "reason": "Conversar sobre la agenda",
                }
            )
        )

    def test_workflow_and_school_time_notice(self):
        citation = self._citation()
        self.assertEqual(citation.company_id, self.school)
        self.assertEqual(citation.guardian_partner_id, self.parent.name)
        self.assertEqual(citation.user_id, self.users["t_teacher"])
        with self.assertRaisesRegex(UserError, "set the date"):
            citation.action_notify()
        # 19:30 UTC in December is 16:30 in Santiago (summer time, UTC-3).
        citation.scheduled_at = DT(2026, 12, 9, 19, 30)
        self.assertIn("Ana Tour", citation.display_name)
        citation.action_notify()
        self.assertEqual(citation.state, "notified")
        self.assertIn(self.parent.name, citation.message_partner_ids)
        notice = citation.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn("09/12/2026 16:30", notice.body)
        with self.assertRaises(AccessError):
            citation.with_user(self.other_guardian_user).action_confirm()
        citation.with_user(self.guardian_user).action_confirm()
        self.assertEqual(citation.state, "confirmed")
        with self.assertRaisesRegex(UserError, "signs the record"):
            citation.action_attended()
        citation.action_record_signature()
        citation.action_attended()
        self.assertEqual((citation.state, citation.guardian_signed), ("attended", True))
        with self.assertRaises(UserError):
            citation.write({"reason": "Otra"})

    def test_protected_fields_and_links(self):
        citation = self._citation()
        teacher = self.users["t_teacher"]
        for vals in ({"state": "attended"}, {"guardian_signed": True}):
            with self.assertRaises(AccessError):
                citation.with_user(teacher).write(vals)
        with self.assertRaises(AccessError):
            citation.with_user(teacher).write({"guardian_partner_id": self.other_parent.name.id})
        # Secretaría reads, does not cite.
        with self.assertRaises(AccessError):
            citation.with_user(self.users["t_secretary"]).action_missed()
        self.assertEqual(
            self.env["school.guardian.citation"].with_user(self.users["t_teacher2"]).search([]),
            self.env["school.guardian.citation"],
        )


@tagged("post_install", "-at_install")
class TestGuardianCitationPortal(HttpCase, SchoolCase):
    def test_apoderado_confirms_on_the_portal(self):
        citation = self.env["school.guardian.citation"].create(
            {
                "student_id": self.student.id,
                "batch_id": self.batch.id,
                "reason": "Firmar la anotación",
                "scheduled_at": DT(2026, 12, 9, 19, 30),
            }
        )
        other = self.env["school.guardian.citation"].create(
            {
                "student_id": self.other_student.id,
                "batch_id": self.other_batch.id,
                "reason": "Otro motivo reservado",
                "scheduled_at": DT(2026, 12, 9, 19, 30),
            }
        )
        (citation | other).action_notify()
        self.guardian_user.password = "t_guardian"
        self.authenticate("t_guardian", "t_guardian")
        page = self.url_open("/my/citations")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Firmar la anotación", page.text)
        self.assertNotIn("Otro motivo reservado", page.text)
        token = self.url_open("/my").text.split('csrf_token: "', 1)[1].split('"', 1)[0]
        response = self.url_open("/my/citations/%s/confirm" % other.id, data={"csrf_token": token})
        self.assertEqual(response.status_code, 404)
        other.invalidate_recordset()
        self.assertEqual(other.state, "notified")
        for url in ("/my/citations/0/confirm", "/my/citations/2147483648/confirm"):
            self.assertEqual(self.url_open(url, data={"csrf_token": token}).status_code, 404)
        self.url_open("/my/citations/%s/confirm" % citation.id, data={"csrf_token": token})
        citation.invalidate_recordset()
        self.assertEqual(citation.state, "confirmed")

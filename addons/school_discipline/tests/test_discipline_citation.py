# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DisciplineCase, utc


@tagged("post_install", "-at_install")
class TestDisciplineCitation(DisciplineCase):
    def _citation(self):
        return (
            self.env["school.guardian.citation"]
            .with_user(self.users["t_teacher"])
            .create(
                {
                    "student_id": self.student.id,
                    "batch_id": self.batch.id,
                    "reason": "Interrumpe clases",
                }
            )
        )

    def test_attended_citation_recorded_with_signature(self):
        citation = self._citation()
        self.assertEqual(citation.guardian_partner_id, self.parent.name)
        with self.assertRaisesRegex(UserError, "set the date"):
            citation.action_notify()
        citation.scheduled_at = utc(2026, 5, 6, 16)
        citation.action_notify()
        self.assertEqual(citation.state, "notified")
        self.assertIn(self.parent.name, citation.message_partner_ids)
        with self.assertRaises(AccessError):
            citation.with_user(self.other_guardian_user)._school_check_party()
        with self.assertRaises(AccessError):
            citation.with_user(self.users["t_teacher"])._school_check_party()
        citation.with_user(self.guardian_user)._school_check_party()
        citation.with_user(self.guardian_user).sudo().action_confirm()
        self.assertEqual(citation.state, "confirmed")
        with self.assertRaisesRegex(UserError, "signs the record"):
            citation.action_attended()
        # The signature is recorded by its action, not written over RPC.
        with self.assertRaises(AccessError):
            citation.write({"guardian_signed": True})
        citation.action_record_signature()
        citation.write({"agreements": "Revisará la agenda a diario."})
        citation.action_attended()
        entries = self.student.school_discipline_entry_ids.filtered(lambda e: e.kind == "citation")
        hoja = entries.filtered(lambda e: e.book == "hoja_vida")
        self.assertIn("06/05/2026", hoja.description)
        self.assertIn("Firma del apoderado", hoja.description)
        self.assertNotIn("agenda a diario", hoja.description, "agreements stay in the ficha")
        self.assertEqual(
            entries.filtered(lambda e: e.book == "ficha").description,
            "Revisará la agenda a diario.",
        )

    def test_missed_citation_is_recorded(self):
        citation = self._citation()
        with self.assertRaisesRegex(UserError, "only a notified citation"):
            citation.action_missed()
        citation.scheduled_at = utc(2026, 5, 6, 16)
        citation.action_notify()
        citation.action_missed()
        entry = self.student.school_discipline_entry_ids.filtered(lambda e: e.kind == "citation")
        self.assertEqual(entry.label, "Citación no asistida")
        with self.assertRaisesRegex(UserError, "only a notified citation"):
            citation.action_attended()
        self.assertEqual(entry.book, "hoja_vida")

    def test_teacher_cannot_cite_other_courses(self):
        with self.assertRaises(AccessError):
            self.env["school.guardian.citation"].with_user(self.users["t_teacher"]).create(
                {"student_id": self.other_student.id, "reason": "Otra"}
            )
        citation = self.env["school.guardian.citation"].create(
            {"student_id": self.other_student.id, "reason": "Otra"}
        )
        seen = self.env["school.guardian.citation"].with_user(self.users["t_teacher"]).search([])
        self.assertNotIn(citation, seen)

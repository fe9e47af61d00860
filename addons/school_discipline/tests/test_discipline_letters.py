# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import zipfile

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.school_base.tests.user_texts import internal_refs

from .common import DisciplineCase, utc


@tagged("post_install", "-at_install")
class TestDisciplineLetters(DisciplineCase):
    """The letters, reports and notices an apoderado or the staff read: which
    step happened and which comes next, the school's time, and no internal
    reference of the sources."""

    def setUp(self):
        super().setUp()
        entry = self.env_as("t_inspector")["school.discipline.entry"].create(
            {
                "student_id": self.student.id,
                "fault_id": self.gg06.id,
                "date": utc(2026, 6, 1, 9),
                "description": "Porta un cortaplumas en la mochila.",
            }
        )
        self.case = entry.case_ids.with_user(self.users["t_director"])
        self.assertEqual(self.case.type_id, self.type_xii)
        self.notice = self.step(self.case, "X1")

    def _rendered(self):
        """Every letter and report of the case, as the user reads them."""
        report = self.env["ir.actions.report"].with_context(lang="es_CL")
        texts = {
            name: report._render_qweb_html(name, ids)[0].decode()
            for name, ids in (
                ("school_discipline.report_case_letter", self.case.ids),
                ("school_discipline.report_case_file", self.case.ids),
                ("school_discipline.report_hoja_de_vida", self.student.ids),
            )
        }
        content, __ = report._render_py3o(
            "school_discipline.school_discipline_case_letter_py3o", self.case.ids
        )
        with zipfile.ZipFile(io.BytesIO(content)) as odt:
            texts["odt letter"] = odt.read("content.xml").decode()
        return texts

    def _assert_no_internal_refs(self, texts):
        for name, text in texts.items():
            self.assertFalse(internal_refs(text), "%s shows an internal reference" % name)

    def test_start_letter_while_the_notice_is_pending(self):
        """Printed before the notice is sent, the letter is that notice: it
        does not say the notice "se ha realizado" nor lists it as next."""
        self.assertEqual(self.notice.state, "pending")
        self.case.invalidate_recordset()
        self.assertNotIn("se ha realizado", self.case.letter_body)
        self.assertIn("se le notifica", self.case.letter_body)
        self.assertIn(self.notice.name, self.case.letter_body)
        self.assertNotIn(self.notice.name, self.case.letter_next or "")
        texts = self._rendered()
        self._assert_no_internal_refs(texts)
        self.assertIn(self.case.name, texts["school_discipline.report_case_letter"])

    def test_hoja_de_vida_dates_in_school_time(self):
        """An award written at 22:30 in Santiago (02:30 UTC the next day)
        is dated the school's day, whoever prints the hoja de vida."""
        self.env["school.discipline.entry"].create(
            {
                "student_id": self.student.id,
                "kind": "positive",
                "award_id": self.env.ref("school_discipline.school_discipline_award_3").id,
                "description": "Ayuda a un compañero.",
                "date": utc(2026, 6, 1, 22, 30),
            }
        )
        html = self._rendered()["school_discipline.report_hoja_de_vida"]
        self.assertIn("01/06/2026", html)
        self.assertNotIn("02/06/2026", html)

    def test_letter_after_the_notice_and_its_receipt(self):
        with freeze_time(utc(2026, 6, 1, 18)):
            self.notice.action_done("Correo y llamado telefónico.")
        self.case.invalidate_recordset()
        self.assertIn("se ha realizado la etapa «%s»" % self.notice.name, self.case.letter_body)
        self.assertNotIn(self.notice.name, self.case.letter_next)
        # The reclamo (X2) and the descargos (X3) are both due on 8 June,
        # 23:59 in Santiago (the school's time, not UTC).
        self.assertRegex(
            self.case.letter_next,
            r"^Próxima etapa: (%s|%s), con plazo hasta el 08/06/2026 23:59\."
            % (self.step(self.case, "X2").name, self.step(self.case, "X3").name),
        )
        # The notice posted to the apoderados says the same, without sources.
        posted = self.case.message_ids.filtered(lambda m: "Confirme la recepción" in (m.body or ""))
        self.assertTrue(posted)
        self.assertFalse(internal_refs(posted[0].body))
        self.assertNotIn("MC 8.2", posted[0].body)
        # Receipt confirmed at 18:30 UTC: 14:30 in Santiago (UTC-4 in June).
        with freeze_time("2026-06-01 18:30:00"):
            self.notice.with_user(self.users["t_inspector"]).action_confirm_receipt("phone")
        self.assertEqual(self.notice.receipt_display, "01/06/2026 14:30")
        texts = self._rendered()
        self._assert_no_internal_refs(texts)
        # The case file states the closing time in the school's time zone,
        # whoever prints it (this environment has no time zone).
        self.assertIn("01/06/2026 18:00", texts["school_discipline.report_case_file"])

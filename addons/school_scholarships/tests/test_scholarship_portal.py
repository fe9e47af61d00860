# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import re

from odoo.tests import HttpCase, tagged

from .common import PDF, ScholarshipCase


@tagged("post_install", "-at_install")
class TestScholarshipPortal(ScholarshipCase, HttpCase):
    def _token(self):
        page = self.url_open("/my").text
        return re.search(r'csrf_token: "([^"]+)"', page).group(1)

    def _post(self, url, data=None, files=None):
        data = dict(data or {}, csrf_token=self._token())
        return self.url_open(url, data=data, files=files)

    def test_apply_on_the_phone_with_a_file(self):
        self.authenticate("t_guardian", "t_guardian")
        page = self.url_open("/my/scholarships")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ana Tour", page.text)
        response = self._post(
            "/my/scholarships/new",
            {"process_id": self.process.id, "student_id": self.student.id},
        )
        app = self.env["school.scholarship.application"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertTrue(app)
        self.assertTrue(response.url.endswith("/my/scholarships/%s" % app.id))
        self._post(
            "/my/scholarships/%s/member" % app.id,
            {
                "name": "Madre",
                "relationship": "mother",
                "age": "41",
                "occupation": "employee",
                "income_salary": "420000",
            },
        )
        self._post(
            "/my/scholarships/%s/save" % app.id,
            {"housing_tenure": "rent", "expense_housing": "200000", "reason": "Cesantía"},
        )
        self.assertEqual(app.member_ids.name, "Madre")
        self.assertIn("6.10", app.document_ids.type_id.mapped("code"))
        # No income in the URLs the portal used.
        self.assertNotIn("420000", response.url)
        for doc in app.document_ids.filtered("applicable"):
            self._post(
                "/my/scholarships/%s/document/%s" % (app.id, doc.id),
                files={"attachment": ("doc.pdf", base64.b64decode(PDF), "application/pdf")},
            )
        self.assertTrue(all(app.document_ids.filtered("applicable").mapped("provided")))
        self._post("/my/scholarships/%s/submit" % app.id)
        self.assertEqual(app.state, "submitted")

    def test_home_shows_the_becas_card_to_apoderados_only(self):
        """The card has no counter: it must be shown on its own to the
        apoderados (where they apply), and not to a teacher."""
        self.authenticate("t_guardian", "t_guardian")
        card = re.search(
            r'<div class="o_portal_index_card ([^"]*)"[^>]*>\s*<a href="/my/scholarships"',
            self.url_open("/my").text,
        )
        self.assertTrue(card)
        self.assertNotIn("d-none", card.group(1))
        self.authenticate("t_teacher", "t_teacher")
        self.assertNotIn('href="/my/scholarships"', self.url_open("/my").text)

    def test_wrong_file_type_is_refused(self):
        app = self._apply()
        self.authenticate("t_guardian", "t_guardian")
        doc = app.document_ids[:1]
        page = self._post(
            "/my/scholarships/%s/document/%s" % (app.id, doc.id),
            files={"attachment": ("x.exe", b"MZ\x90\x00binary", "application/octet-stream")},
        )
        # The portal speaks es_CL (the school's language).
        self.assertIn("PDF, JPEG o PNG", page.text)
        self.assertFalse(doc.provided)

    def test_other_family_ids(self):
        app = self._apply()
        for login in ("t_guardian2", "t_teacher"):
            self.authenticate(login, login)
            self.assertEqual(self.url_open("/my/scholarships/%s" % app.id).status_code, 404)
            self.assertEqual(self.url_open("/my/scholarships/%s/letter" % app.id).status_code, 404)
            response = self._post("/my/scholarships/%s/save" % app.id, {"reason": "hack"})
            self.assertEqual(response.status_code, 404)
        self.assertFalse(app.reason)
        self.authenticate("t_guardian", "t_guardian")
        self.assertEqual(self.url_open("/my/scholarships/99999999999").status_code, 404)

    def test_download_own_files_only(self):
        app = self._apply()
        self._upload_all(app, self.guardian_user)
        doc = app.document_ids.filtered("applicable")[:1]
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", doc._name), ("res_id", "=", doc.id)]
        )
        other = self._apply(student=self.other_student, user=self.other_guardian_user)
        self._upload_all(other, self.other_guardian_user)
        foreign = self.env["ir.attachment"].search(
            [("res_model", "=", doc._name), ("res_id", "in", other.document_ids.ids)], limit=1
        )
        url = "/my/scholarships/%s/file/%s" % (app.id, attachment.id)
        self.authenticate("t_guardian", "t_guardian")
        page = self.url_open("/my/scholarships/%s" % app.id)
        self.assertIn(url, page.text, "the family sees its file listed")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, base64.b64decode(PDF))
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        # Another family's file, even through one's own application: not found.
        response = self.url_open("/my/scholarships/%s/file/%s" % (app.id, foreign.id))
        self.assertEqual(response.status_code, 404)
        for login in ("t_guardian2", "t_teacher"):
            self.authenticate(login, login)
            self.assertEqual(self.url_open(url).status_code, 404)

    def test_appeal_files_of_the_commission_stay_with_it(self):
        """The family gets back the background it sent to an appeal, never
        a file the commission attached to the appeal's chatter."""
        app = self._apply()
        # sudo: the appeal as the portal files it after the results.
        appeal = self.env["school.scholarship.appeal"].sudo()._file(app, "Nuevos antecedentes")
        mine = appeal.with_user(self.guardian_user).action_upload("finiquito.pdf", PDF)
        # sudo: the setup (a commission note with a file on the chatter).
        note = appeal.sudo().message_post(
            body="Nota interna de la comisión",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachments=[("informe_visita.pdf", base64.b64decode(PDF))],
        )
        internal = note.attachment_ids
        self.assertTrue(internal)
        self.assertEqual(appeal.attachment_ids, mine)
        self.authenticate("t_guardian", "t_guardian")
        base = "/my/scholarships/%s/file/%%s" % app.id
        self.assertEqual(self.url_open(base % mine.id).status_code, 200)
        self.assertEqual(self.url_open(base % internal.id).status_code, 404)

    def test_result_letter_on_the_portal(self):
        """The family downloads its letter: the school's ODT template when
        LibreOffice is installed, else the QWeb letter (as here)."""
        app = self._apply()
        self.process.sudo().state = "results"
        app.sudo().state = "awarded"
        self.env["school.scholarship.award"].sudo().create(
            {
                "process_id": self.process.id,
                "application_id": app.id,
                "type_id": self.env.ref(
                    "school_scholarships.school_scholarship_type_socioeconomic"
                ).id,
                "percentage": 50,
            }
        )
        self.authenticate("t_guardian", "t_guardian")
        response = self.url_open("/my/scholarships/%s/letter" % app.id)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # (Odoo renders reports as HTML in test mode, not through wkhtmltopdf.)
        self.assertIn("una exención del 50 % de la colegiatura", response.content.decode())
        self.assertEqual(response.headers["Cache-Control"], "no-store")


@tagged("post_install", "-at_install")
class TestScholarshipPortalTour(ScholarshipCase, HttpCase):
    """The apoderado applies on the phone, in a real browser (issue 13)."""

    browser_size = "390x844"
    touch_enabled = True

    def test_guardian_applies_with_a_file(self):
        self.start_tour(
            "/my/scholarships", "school_scholarships_guardian_apply", login="t_guardian"
        )
        app = self.env["school.scholarship.application"].search(
            [("student_id", "=", self.student.id), ("process_id", "=", self.process.id)]
        )
        self.assertEqual(app.state, "submitted")
        self.assertEqual(app.applicant_partner_id, self.guardian_user.partner_id)
        self.assertEqual(app.member_ids.name, "María Tour")
        self.assertEqual(app.member_ids.income_salary, 420000)
        self.assertEqual((app.housing_tenure, app.expense_housing), ("rent", 250000))
        self.assertIn("Cesantía", app.reason)
        contract = app.document_ids.filtered(lambda d: d.code == "6.10")
        self.assertTrue(contract.provided)
        self.assertEqual(contract.attachment_ids.name, "contrato.pdf")
        self.assertEqual(contract.attachment_ids.mimetype, "application/pdf")

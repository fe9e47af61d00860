# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PDF, ScholarshipCase


@tagged("post_install", "-at_install")
class TestScholarshipApplication(ScholarshipCase):
    def _codes(self, app):
        return {
            (d.type_id.code, d.member_id.name or "")
            for d in app.sudo().document_ids.filtered("applicable")
        }

    def test_window(self):
        closed = (
            self.env["school.scholarship.process"]
            .with_user(self.sostenedor_user)
            .create(
                {
                    "company_id": self.school.id,
                    "school_year": self.today.year + 3,
                    "tax_year": self.today.year,
                    "window_start": self.today + datetime.timedelta(days=3),
                    "window_end": self.today + datetime.timedelta(days=9),
                    "results_date": self.today + datetime.timedelta(days=20),
                    "annual_tuition": 1000,
                    "fund_becas": 1,
                    "commission_ids": [Command.set([self.commission_user.id])],
                }
            )
        )
        with self.assertRaisesRegex(UserError, "not open"):
            self._apply(process=closed)
        closed.action_open()
        with self.assertRaisesRegex(UserError, "not open"):
            self._apply(process=closed)
        app = self._apply()
        self.assertEqual(app.state, "draft")
        # Only the sostenedor opens a call.
        with self.assertRaises(AccessError):
            closed.with_user(self.sch_admin).action_open()

    def test_only_own_children(self):
        with self.assertRaises(AccessError):
            self._apply(student=self.other_student)
        with self.assertRaises(AccessError):
            self._apply(user=self.users["t_teacher"])
        # Secretaría (scholarship administration) applies for the family.
        app = (
            self.env["school.scholarship.application"]
            .with_user(self.sch_admin)
            .create(
                {
                    "process_id": self.process.id,
                    "student_id": self.other_student.id,
                    "applicant_partner_id": self.other_guardian_user.partner_id.id,
                }
            )
        )
        self.assertEqual(app.applicant_partner_id, self.other_guardian_user.partner_id)

    def test_documents_follow_household(self):
        app = self._apply(
            members=[
                {
                    "name": "Madre",
                    "relationship": "mother",
                    "age": 40,
                    "occupation": "self_employed",
                },
                {
                    "name": "Abuelo",
                    "relationship": "grandparent",
                    "age": 70,
                    "occupation": "pensioner",
                    "has_illness": True,
                },
                {
                    "name": "Ana",
                    "relationship": "student",
                    "age": 9,
                    "occupation": "student",
                    "is_studying": True,
                },
            ],
            housing_tenure="owner",
        )
        codes = self._codes(app)
        for code in ("6.1", "6.3", "6.5"):
            self.assertIn((code, "Madre"), codes)
            self.assertIn((code, "Abuelo"), codes)
            self.assertNotIn((code, "Ana"), codes)
        self.assertIn(("6.4", "Madre"), codes)
        self.assertIn(("6.8", "Madre"), codes)
        self.assertIn(("6.6", "Abuelo"), codes)
        self.assertIn(("6.12", "Abuelo"), codes)
        self.assertIn(("6.13", "Ana"), codes)
        self.assertNotIn(("6.10", ""), codes)
        self.assertNotIn(("6.2", "Madre"), codes)
        # Declaring a rent adds 6.10; the draft is resumed by the apoderado.
        app.with_user(self.guardian_user).write({"housing_tenure": "rent", "expense_housing": 1})
        self.assertIn(("6.10", ""), self._codes(app))
        app.with_user(self.guardian_user).write({"housing_tenure": "owner"})
        self.assertNotIn(("6.10", ""), self._codes(app))

    def test_completeness_at_close(self):
        complete = self._apply()
        self._upload_all(complete, self.guardian_user)
        complete.with_user(self.guardian_user).action_submit()
        incomplete = self._apply(
            student=self.other_student,
            user=self.other_guardian_user,
            housing_tenure="rent",
            expense_housing=150000,
        )
        docs = incomplete.with_user(self.other_guardian_user).document_ids
        for doc in docs.filtered(lambda d: d.type_id.code != "6.10"):
            doc.action_upload("d.pdf", PDF)
        incomplete.with_user(self.other_guardian_user).action_submit()
        with self.assertRaises(AccessError):
            self.process.with_user(self.users["t_teacher"]).action_close_window()
        self.process.with_user(self.sch_admin).action_close_window()
        self.assertEqual(complete.state, "review")
        self.assertEqual(incomplete.state, "rejected")
        # The family sees exactly what was missing: 6.10 only.
        seen = incomplete.with_user(self.other_guardian_user).missing_document_ids
        self.assertEqual(seen.mapped("code"), ["6.10"])
        # Not applicable documents (e.g. 6.6 pensioners) were never required.
        self.assertNotIn("6.6", seen.mapped("code"))
        with self.assertRaises(UserError):
            complete.with_user(self.guardian_user).write({"reason": "late"})

    def test_upload_limits(self):
        app = self._apply()
        doc = app.with_user(self.guardian_user).document_ids[:1]
        with self.assertRaisesRegex(UserError, "PDF, JPEG or PNG"):
            doc.action_upload("x.exe", base64.b64encode(b"MZ\x90\x00binary"))
        self.process.sudo().max_upload_mb = 0.00001
        with self.assertRaisesRegex(UserError, "larger"):
            doc.action_upload("big.pdf", PDF)
        self.process.sudo().max_upload_mb = 5
        attachment = doc.action_upload("ok.pdf", PDF)
        self.assertEqual(attachment.res_model, "school.scholarship.document")
        # Another apoderado cannot upload to it nor read the file.
        with self.assertRaises(AccessError):
            doc.with_user(self.other_guardian_user).action_upload("x.pdf", PDF)
        with self.assertRaises(AccessError):
            attachment.with_user(self.other_guardian_user).read(["datas"])
        with self.assertRaises(AccessError):
            attachment.with_user(self.users["t_teacher"]).read(["datas"])
        self.assertTrue(attachment.with_user(self.commission_user).read(["datas"]))

    def test_protected_fields(self):
        app = self._apply()
        for vals in (
            {"state": "review"},
            {"tuition_up_to_date": True},
            {"score_socioeconomic": 99},
        ):
            with self.assertRaises(AccessError):
                app.with_user(self.guardian_user).write(vals)
            with self.assertRaises(AccessError):
                app.with_user(self.sch_admin).write(vals)
        with self.assertRaises(AccessError):
            app.with_user(self.guardian_user).action_set_tuition_status(True)

    def _to_review(self):
        app = self._apply()
        self._upload_all(app, self.guardian_user)
        app.with_user(self.guardian_user).action_submit()
        self.process.with_user(self.sch_admin).action_close_window()
        self.assertEqual(app.state, "review")
        return app

    def test_eligibility_tuition(self):
        app = self._to_review()
        self.process.with_user(self.commission_user).action_check_eligibility()
        self.assertEqual(app.state, "ineligible")
        self.assertIn("Tuition", app.ineligibility_reason)

    def test_eligibility_commitment_and_visit(self):
        app = self._to_review()
        app.with_user(self.sch_admin).action_set_tuition_status(False, commitment=True)
        app.with_user(self.commission_user).action_request_home_visit()
        app.with_user(self.sch_admin).action_record_home_visit("accepted")
        self.process.with_user(self.commission_user).action_check_eligibility()
        self.assertEqual(app.state, "review")

    def test_eligibility_visit_refused(self):
        app = self._to_review()
        app.with_user(self.sch_admin).action_set_tuition_status(True)
        with self.assertRaises(AccessError):
            app.with_user(self.sch_admin).action_request_home_visit()
        app.with_user(self.commission_user).action_request_home_visit()
        app.with_user(self.commission_user).action_record_home_visit("refused")
        self.process.with_user(self.commission_user).action_check_eligibility()
        self.assertEqual(app.state, "ineligible")

    def test_expense_holder_setting(self):
        """6.19 (default): receipts in a sibling's name count; 9.4: refused."""
        for rule, expected in (("household", "review"), ("parents", "ineligible")):
            with self.subTest(rule=rule):
                self.env["school.scholarship.application"].search([]).sudo().unlink()
                self.process.sudo().write({"state": "open", "expense_holder_rule": rule})
                app = self._apply(
                    members=[
                        {
                            "name": "Madre",
                            "relationship": "mother",
                            "age": 40,
                            "occupation": "employee",
                            "income_salary": 300000,
                        },
                        {
                            "name": "Hermano",
                            "relationship": "sibling",
                            "age": 22,
                            "occupation": "employee",
                            "income_salary": 200000,
                        },
                    ],
                    expense_utilities=50000,
                )
                line = app.with_user(self.guardian_user).document_ids.filtered(
                    lambda d: d.type_id.code == "6.19"
                )
                line.holder_member_id = app.member_ids.filtered(lambda m: m.name == "Hermano")
                self._upload_all(app, self.guardian_user)
                app.with_user(self.guardian_user).action_submit()
                self.process.with_user(self.sch_admin).action_close_window()
                app.with_user(self.sch_admin).action_set_tuition_status(True)
                self.process.with_user(self.commission_user).action_check_eligibility()
                self.assertEqual(app.state, expected)

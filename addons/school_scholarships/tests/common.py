# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.school_base.tests.common import SchoolCase

PDF = base64.b64encode(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


class ScholarshipCase(SchoolCase):
    """A school with a scholarship commission of three, the scholarship
    administration and an open call."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        commission = "school_scholarships.group_scholarship_commission"
        cls.members = [
            new_test_user(
                cls.env,
                login="t_commission_%s" % index,
                groups=commission,
                company_id=cls.school.id,
                company_ids=[Command.set([cls.school.id])],
            )
            for index in range(3)
        ]
        cls.commission_user = cls.members[0]
        cls.sch_admin = new_test_user(
            cls.env,
            login="t_sch_admin",
            groups="school_scholarships.group_scholarship_admin",
            company_id=cls.school.id,
            company_ids=[Command.set([cls.school.id])],
        )
        cls.sostenedor_user = cls.users["t_sostenedor"]
        cls.today = cls.env["school.calendar"].school_today(cls.school)
        cls.process = cls._make_process(cls.today)

    @classmethod
    def _make_process(cls, today, **values):
        vals = {
            "company_id": cls.school.id,
            "school_year": today.year + 1,
            "tax_year": today.year - 1,
            "window_start": today - datetime.timedelta(days=5),
            "window_end": today + datetime.timedelta(days=5),
            "results_date": today + datetime.timedelta(days=10),
            "annual_tuition": 1000000,
            "fund_unit": "becas",
            "fund_becas": 2,
            "commission_ids": [Command.set([u.id for u in cls.members])],
        }
        vals.update(values)
        process = cls.env["school.scholarship.process"].with_user(cls.sostenedor_user).create(vals)
        process.action_open()
        return process

    @classmethod
    def _apply(cls, student=None, user=None, members=None, **values):
        """An application by the apoderado (portal user) with a household."""
        student = student or cls.student
        user = user or cls.guardian_user
        members = members or [
            {
                "name": "Madre",
                "relationship": "mother",
                "age": 40,
                "occupation": "employee",
                "income_salary": 400000,
            },
            {
                "name": "Ana",
                "relationship": "student",
                "age": 9,
                "occupation": "student",
                "is_studying": True,
            },
        ]
        vals = {
            "process_id": values.pop("process", cls.process).id,
            "student_id": student.id,
            "applicant_partner_id": user.partner_id.id,
            "member_ids": [Command.create(m) for m in members],
        }
        vals.update(values)
        return cls.env["school.scholarship.application"].with_user(user).create(vals)

    @staticmethod
    def _upload_all(app, user):
        for doc in app.with_user(user).document_ids.filtered("applicable"):
            doc.action_upload("doc.pdf", PDF)

    def _review(self, app, user=None):
        """Submit with every document, close the window, tuition up to date."""
        user = user or self.guardian_user
        self._upload_all(app, user)
        app.with_user(user).action_submit()

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime

from odoo import Command, api, models

DEMO_PDF = base64.b64encode(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


class SchoolDemoBuilder(models.AbstractModel):
    _inherit = "school.demo.builder"

    @api.model
    def _build_scholarship_demo(self, rbd="2963"):
        """Becas on the demo school: the commission (social worker, director,
        sostenedor), Secretaría as scholarship administration, this year's
        open call with applications in several states, and last year's call
        with its results."""
        school = self.env["res.company"].search([("school_rbd", "=", rbd)], limit=1)
        users = {
            u.login: u
            for u in self.env["res.users"].search(
                [("login", "in", ["social", "director", "sostenedor", "secretaria", "apoderado"])]
            )
        }
        if not school or len(users) < 5:
            return False
        commission = self.env.ref("school_scholarships.group_scholarship_commission")
        admin = self.env.ref("school_scholarships.group_scholarship_admin")
        commission.users = [
            Command.link(users[login].id) for login in ("social", "director", "sostenedor")
        ]
        admin.users = [Command.link(users["secretaria"].id)]
        today = self.env["school.calendar"].school_today(school)
        students = self.env["op.student"].search([("company_id", "=", school.id)], order="id")
        child = students.filtered(lambda s: users["apoderado"] in s.school_guardian_user_ids)[:1]
        others = (students - child).filtered("school_guardian_user_ids")[:5]
        process_model = self.env["school.scholarship.process"].with_company(school)
        base = {
            "company_id": school.id,
            "annual_tuition": 540000,
            "fund_unit": "becas",
            "fund_becas": 3,
            "fund_note": "Cálculo MINEDUC de demostración.",
            "commission_ids": [
                Command.set([users[u].id for u in ("social", "director", "sostenedor")])
            ],
        }
        last = process_model.create(
            dict(
                base,
                school_year=today.year,
                tax_year=today.year - 2,
                window_start=datetime.date(today.year - 1, 11, 1),
                window_end=datetime.date(today.year - 1, 11, 30),
                results_date=datetime.date(today.year, 3, 10),
            )
        )
        current = process_model.create(
            dict(
                base,
                school_year=today.year + 1,
                tax_year=today.year - 1,
                window_start=today - datetime.timedelta(days=5),
                window_end=today + datetime.timedelta(days=20),
                results_date=datetime.date(today.year + 1, 3, 10),
            )
        )
        current.with_user(users["sostenedor"]).action_open()
        household = [
            Command.create(
                {
                    "name": "Madre Demo",
                    "relationship": "mother",
                    "age": 38,
                    "occupation": "employee",
                    "income_salary": 520000,
                }
            ),
            Command.create(
                {
                    "name": "Estudiante Demo",
                    "relationship": "student",
                    "age": 12,
                    "occupation": "student",
                    "is_studying": True,
                }
            ),
        ]
        apps = self.env["school.scholarship.application"]
        if child:
            # The demo apoderado's draft, to be resumed in the portal.
            apps.with_user(users["apoderado"]).create(
                {
                    "process_id": current.id,
                    "student_id": child.id,
                    "applicant_partner_id": users["apoderado"].partner_id.id,
                    "member_ids": household,
                    "reason": "Disminución de ingresos del hogar.",
                }
            )
        secretary = apps.with_user(users["secretaria"]).with_company(school)
        for index, student in enumerate(others[:2]):
            app = secretary.create(
                {
                    "process_id": current.id,
                    "student_id": student.id,
                    "applicant_partner_id": student.school_guardian_user_ids[:1].partner_id.id,
                    "member_ids": household,
                    "housing_tenure": "rent" if index else "owner",
                    "expense_housing": 250000 if index else 0,
                }
            )
            # The second family does not bring the rental contract (6.10).
            for doc in app.document_ids.filtered(lambda d: d.code != "6.10"):
                doc.with_user(users["secretaria"]).action_upload("documento.pdf", DEMO_PDF)
            app.with_user(users["secretaria"]).action_submit()
        # Last year's call, closed, with its results (built directly).
        previous = self.env["school.scholarship.application"].sudo()
        socio = self.env.ref("school_scholarships.school_scholarship_type_socioeconomic")
        for student, state, score in zip(
            others[2:5], ("awarded", "not_awarded", "rejected"), (82.0, 31.0, 0.0), strict=False
        ):
            app = previous.create(
                {
                    "process_id": last.id,
                    "student_id": student.id,
                    "applicant_partner_id": student.school_guardian_user_ids[:1].partner_id.id,
                    "member_ids": household,
                    "state": state,
                    "score_socioeconomic": score,
                }
            )
            if state == "awarded":
                self.env["school.scholarship.award"].sudo().create(
                    {
                        "process_id": last.id,
                        "application_id": app.id,
                        "type_id": socio.id,
                        "percentage": 100,
                        "rank": 1,
                    }
                )
        last.sudo().write({"state": "results"})
        return True

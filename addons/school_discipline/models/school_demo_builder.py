# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models


class SchoolDemoBuilder(models.AbstractModel):
    _inherit = "school.demo.builder"

    @api.model
    def _build_discipline_demo(self, rbd="2963"):
        """Demo convivencia for the demo school: the apoderado's child has
        leves, an award and a grave with the descargos window open; other
        students have a reserved protocol III case, an Aula Segura case and a
        case with missed deadlines (for the dashboard)."""
        # No "<model> created" log: the demo is loaded before the module's
        # translations, so it would say "Convivencia Case creado" forever.
        self = self.with_context(mail_create_nolog=True)
        school = self.env["res.company"].search([("school_rbd", "=", rbd)], limit=1)
        users = {
            u.login: u
            for u in self.env["res.users"].search(
                [("login", "in", ["inspector", "convivencia", "director", "apoderado"])]
            )
        }
        if not school or len(users) < 4:
            return False
        students = self.env["op.student"].search([("company_id", "=", school.id)], order="id")
        child = students.filtered(lambda s: users["apoderado"] in s.school_guardian_user_ids)[:1]
        others = (students - child)[:3]
        now = fields.Datetime.now()
        ref = self.env.ref
        entries = (
            self.env["school.discipline.entry"].with_user(users["inspector"]).with_company(school)
        )
        for days, code in ((9, "l04"), (6, "l04"), (3, "l05")):
            entries.create(
                {
                    "student_id": child.id,
                    "fault_id": ref("school_discipline.school_discipline_fault_%s" % code).id,
                    "date": now - datetime.timedelta(days=days),
                    "description": "Registro de demostración.",
                }
            )
        entries.create(
            {
                "student_id": child.id,
                "kind": "positive",
                "award_id": ref("school_discipline.school_discipline_award_4").id,
                "description": "Perseverancia en matemáticas.",
            }
        )
        grave = entries.create(
            {
                "student_id": child.id,
                "fault_id": ref("school_discipline.school_discipline_fault_g07").id,
                "date": now - datetime.timedelta(hours=3),
                "description": "Tomó el estuche de un compañero sin autorización.",
            }
        )
        case = grave.case_ids.with_user(users["inspector"])
        case.user_id = users["inspector"]
        case.step_ids[:1].action_done("Correo al apoderado; recepción confirmada por teléfono.")
        late = entries.create(
            {
                "student_id": others[0].id,
                "fault_id": ref("school_discipline.school_discipline_fault_g11").id,
                "date": now - datetime.timedelta(days=12),
                "description": "Rayó una mesa de la sala.",
            }
        )
        late.case_ids.user_id = users["inspector"]
        first = late.case_ids.step_ids[:1]
        first.action_done("Agenda")
        # The notice went out 11 days ago: the descargos window and the
        # resolution's deadline have passed (what the dashboard shows).
        first._school_write({"done_datetime": now - datetime.timedelta(days=11)})
        rest = late.case_ids.step_ids - first
        rest._school_write({"start_datetime": False, "deadline": False})
        rest._school_schedule()
        entries.create(
            {
                "student_id": others[1].id,
                "fault_id": ref("school_discipline.school_discipline_fault_gg06").id,
                "date": now - datetime.timedelta(hours=2),
                "description": "Porta un cortaplumas.",
            }
        )
        p3 = self.env["school.discipline.case.type"].search([("code", "=", "CT-III")], limit=1)
        self.env["school.discipline.case"].with_user(users["convivencia"]).with_company(
            school
        ).create(
            {
                "type_id": p3.id,
                "student_id": others[2].id,
                "company_id": school.id,
                "knowledge_datetime": now - datetime.timedelta(hours=5),
                "facts": "Relato reservado de demostración.",
            }
        )
        self.env["school.discipline.case.step"]._cron_deadlines()
        return True

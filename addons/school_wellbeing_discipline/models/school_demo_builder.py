# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models


class SchoolDemoBuilder(models.AbstractModel):
    _inherit = "school.demo.builder"

    @api.model
    def _build_wellbeing_discipline_demo(self, rbd="2963"):
        """Two of the students the survey flagged (no contact) also had a
        grave fault this week: two red factors, a critical situation."""
        school = self.env["res.company"].search([("school_rbd", "=", rbd)], limit=1)
        inspector = self.env["res.users"].search([("login", "=", "inspector")], limit=1)
        if not school or not inspector:
            return False
        # Demo data files run again on every update: build once.
        if self.env["school.wellbeing.risk"].search_count(
            [("company_id", "=", school.id), ("level", "=", "critical")]
        ):
            return False
        risks = self.env["school.wellbeing.risk"].search(
            [("company_id", "=", school.id), ("wellbeing_color", "=", "red")], limit=2
        )
        entries = self.env["school.discipline.entry"].with_user(inspector).with_company(school)
        fault = self.env.ref("school_discipline.school_discipline_fault_g07")
        now = fields.Datetime.now()
        for days, risk in enumerate(risks, 2):
            entries.create(
                {
                    "student_id": risk.student_id.id,
                    "fault_id": fault.id,
                    "date": now - datetime.timedelta(days=days),
                    "description": "Registro de demostración.",
                }
            )
        self.env["school.wellbeing.risk"]._cron_compute_risk()
        return True

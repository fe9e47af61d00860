# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models

DEMO_FACTS = "Tomó y escondió la mochila de un compañero (registro de demostración)."


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
        entries = self.env["school.discipline.entry"].with_user(inspector).with_company(school)
        fault = self.env.ref("school_discipline.school_discipline_fault_g07")
        # Demo data files run again on every update: build once (the
        # attendance bridge may have made a student critical already).
        if entries.sudo().search_count(
            [
                ("company_id", "=", school.id),
                # The earlier demo's text too (databases built before).
                ("description", "in", [DEMO_FACTS, "Registro de demostración."]),
                ("fault_id", "=", fault.id),
            ]
        ):
            return False
        risks = self.env["school.wellbeing.risk"].search(
            [
                ("company_id", "=", school.id),
                ("wellbeing_color", "=", "red"),
                ("level", "!=", "critical"),
            ],
            limit=2,
        )
        if not risks:
            return False
        now = fields.Datetime.now()
        for days, risk in enumerate(risks, 2):
            entries.create(
                {
                    "student_id": risk.student_id.id,
                    "fault_id": fault.id,
                    "date": now - datetime.timedelta(days=days),
                    "description": DEMO_FACTS,
                }
            )
        self.env["school.wellbeing.risk"]._cron_compute_risk()
        self._build_wellbeing_followup_demo(rbd)
        return True

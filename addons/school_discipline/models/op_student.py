# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OpStudent(models.Model):
    _inherit = "op.student"

    # Digest §10 rule 6 / D-10 (MC 7.2c L1506, 7.3c L1536, MC 9 L1717).
    school_neurodivergent = fields.Boolean(
        string="TEA / Neurodivergence",
        groups="base.group_user",
        help="Sanctions for graves and gravísimas need the assessment that the "
        "fault is not a manifestation of the condition; faults also go to the "
        "student's bitácora.",
    )
    school_discipline_entry_ids = fields.One2many(
        "school.discipline.entry", "student_id", string="Record Entries"
    )

    def _school_current_batch(self):
        """The course the student is in now (the latest enrolment)."""
        self.ensure_one()
        details = self.course_detail_ids.filtered("batch_id").sorted("id")
        return details[-1:].batch_id

    def action_school_hoja_de_vida(self):
        """The student's record entries (read-only: the action only opens
        the list; record rules decide which entries the user sees)."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "school_discipline.school_discipline_entry_action"
        )
        action["domain"] = [("student_id", "=", self.id)]
        action["context"] = {"default_student_id": self.id}
        return action

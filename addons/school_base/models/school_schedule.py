# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolSchedule(models.Model):
    """The daily timetable of a cycle: sessions (jornadas), breaks (recreos)
    and lunch, as a school's Reglamento writes them (seed 003, RI III.2)."""

    _name = "school.schedule"
    _description = "School Day Schedule"
    _order = "company_id, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    annex_ids = fields.Many2many("school.annex", string="Annexes", check_company=True)
    slot_ids = fields.One2many("school.schedule.slot", "schedule_id", string="Time Slots")
    batch_ids = fields.One2many("op.batch", "school_schedule_id", string="Courses")

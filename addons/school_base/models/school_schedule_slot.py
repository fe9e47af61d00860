# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
]


class SchoolScheduleSlot(models.Model):
    _name = "school.schedule.slot"
    _description = "School Day Schedule Slot"
    _order = "schedule_id, weekday, start"

    schedule_id = fields.Many2one("school.schedule", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="schedule_id.company_id", store=True, index=True)
    weekday = fields.Selection(WEEKDAYS, required=True)
    slot_type = fields.Selection(
        [("session", "Session (jornada)"), ("recess", "Break (recreo)"), ("lunch", "Lunch")],
        string="Type",
        required=True,
        default="session",
    )
    start = fields.Float(required=True, help="Local time, e.g. 8.0 for 08:00.")
    end = fields.Float(required=True)

    @api.depends("weekday", "slot_type", "start", "end")
    def _compute_display_name(self):
        weekdays = dict(self._fields["weekday"]._description_selection(self.env))
        types = dict(self._fields["slot_type"]._description_selection(self.env))
        for slot in self:
            slot.display_name = "%s %s–%s · %s" % (
                weekdays.get(slot.weekday, ""),
                slot._format_hour(slot.start),
                slot._format_hour(slot.end),
                types.get(slot.slot_type, ""),
            )

    @api.constrains("start", "end")
    def _check_times(self):
        for slot in self:
            if not 0 <= slot.start < slot.end <= 24:
                raise ValidationError(
                    self.env._(
                        "%(schedule)s: a time slot must end after it starts, within the "
                        "day (got %(start)s–%(end)s).",
                        schedule=slot.schedule_id.name,
                        start=slot._format_hour(slot.start),
                        end=slot._format_hour(slot.end),
                    )
                )

    @staticmethod
    def _format_hour(value):
        hours, minutes = divmod(round(value * 60), 60)
        return "%02d:%02d" % (hours, minutes)

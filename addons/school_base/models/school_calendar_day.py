# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SchoolCalendarDay(models.Model):
    """A day the school itself adds to or removes from its calendar.

    Public holidays come from the ``holidays`` package (national and, where
    it knows them, regional); these records hold what only the school knows:
    non-academic days (jornadas de reflexión, interferiados, winter break…)
    and recovery days, which count as school days even on a Saturday.
    """

    _name = "school.calendar.day"
    _description = "School Calendar Day"
    _order = "date desc"
    _check_company_auto = True

    name = fields.Char(string="Reason", required=True)
    date = fields.Date(required=True, index=True)
    day_type = fields.Selection(
        [
            ("non_academic", "Non-academic day"),
            ("recovery", "Recovery day"),
        ],
        string="Type",
        required=True,
        default="non_academic",
    )
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "date_company_uniq",
            "unique(date, company_id)",
            "A school can mark a date only once in its calendar.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # school.calendar caches these days
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.depends("name", "date")
    def _compute_display_name(self):
        for day in self:
            day.display_name = "%s: %s" % (day.date, day.name) if day.date else day.name

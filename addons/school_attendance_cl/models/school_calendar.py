# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, models, tools


class SchoolCalendar(models.AbstractModel):
    _inherit = "school.calendar"

    @api.model
    def _school_month_days(self, company, day):
        """The school days of the month of ``day`` (a date), in order.

        Cached: every saved block and every register asks, and the public
        holidays are rebuilt by the holidays package on each call.
        """
        return self._school_month_days_cached(
            company.id,
            company.country_id.code or "",
            company.school_holiday_subdivision or "",
            day.replace(day=1),
        )

    @api.model
    @tools.ormcache("company_id", "country", "subdivision", "month")
    def _school_month_days_cached(self, company_id, country, subdivision, month):
        # The key holds what the public holidays depend on (the company's
        # country and region); school.calendar.day clears the whole cache
        # when a school's own days change.
        last = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        # sudo: a school's calendar is a public fact every role reads.
        company = self.env["res.company"].sudo().browse(company_id)
        return tuple(self.school_days(month, last, company=company))

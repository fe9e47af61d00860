# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one school-calendar helper every deadline of the suite uses.

A school day is Monday to Friday, minus public holidays (``holidays``
package: Chile with the region's own holidays, Peru likewise), minus the
school's non-academic days, plus its recovery days (school.calendar.day).
Legal deadlines of the Reglamento Interno counted in "días hábiles" use
``add_school_days``; those counted in hours ("dentro de 24 horas") use
``deadline(hours=...)``, which counts clock hours.
"""

import datetime
import functools

import holidays
import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

DEFAULT_TZ = "America/Santiago"


@functools.lru_cache(maxsize=256)
def _country_holidays(country, subdiv, year):
    """Public holidays of one year (building them is slow: cache them)."""
    return dict(holidays.country_holidays(country, subdiv=subdiv, years=year, language="es"))


class SchoolCalendar(models.AbstractModel):
    _name = "school.calendar"
    _description = "School Calendar Helper"

    # ------------------------------------------------------------ sources --
    @api.model
    def _public_holidays(self, company, years):
        """{date: name} of the public holidays of ``company`` in ``years``."""
        country = (company.country_id.code or "CL").upper()
        subdiv = company.school_holiday_subdivision or None
        if country not in holidays.list_supported_countries():
            return {}
        days = {}
        for year in sorted(years):
            days.update(_country_holidays(country, subdiv, year))
        return days

    @api.model
    def _check_subdivision(self, company):
        country = (company.country_id.code or "CL").upper()
        known = (
            holidays.country_holidays(country).subdivisions
            if (country in holidays.list_supported_countries())
            else ()
        )
        if company.school_holiday_subdivision not in known:
            raise ValidationError(
                self.env._(
                    "%(school)s: holiday region %(code)s is unknown for %(country)s; "
                    "use one of: %(codes)s.",
                    school=company.name,
                    code=company.school_holiday_subdivision,
                    country=country,
                    codes=", ".join(known) or "-",
                )
            )

    @api.model
    def _school_exceptions(self, company, date_from, date_to):
        """({non-academic dates}, {recovery dates}) between two dates."""
        off, extra = self._school_exceptions_of_years(company.id, date_from.year, date_to.year)
        return (
            {day for day in off if date_from <= day <= date_to},
            {day for day in extra if date_from <= day <= date_to},
        )

    @api.model
    @tools.ormcache("company_id", "year_from", "year_to")
    def _school_exceptions_of_years(self, company_id, year_from, year_to):
        """The school's own days of whole years, cached (every deadline and
        every saved attendance block asks); school.calendar.day clears it."""
        rows = (
            self.env["school.calendar.day"]
            .sudo()  # sudo: calendar days are public facts; any role needs them
            .search_read(
                [
                    ("company_id", "=", company_id),
                    ("date", ">=", datetime.date(year_from, 1, 1)),
                    ("date", "<=", datetime.date(year_to, 12, 31)),
                ],
                ["date", "day_type"],
            )
        )
        off = frozenset(row["date"] for row in rows if row["day_type"] == "non_academic")
        extra = frozenset(row["date"] for row in rows if row["day_type"] == "recovery")
        return off, extra

    @api.model
    def _calendar_data(self, company, date_from, date_to):
        years = set(range(date_from.year, date_to.year + 1))
        public = self._public_holidays(company, years)
        off, extra = self._school_exceptions(company, date_from, date_to)
        return public, off, extra

    @staticmethod
    def _is_school_day_in(day, public, off, extra):
        if day in extra:
            return True
        return day.weekday() < 5 and day not in public and day not in off

    # --------------------------------------------------------------- API --
    @api.model
    def is_school_day(self, day, company=None):
        """True when ``day`` (a date) is a school day of ``company``."""
        company = company or self.env.company
        public, off, extra = self._calendar_data(company, day, day)
        return self._is_school_day_in(day, public, off, extra)

    @api.model
    def school_days(self, date_from, date_to, company=None):
        """The school days between two dates, both included, in order."""
        company = company or self.env.company
        if date_to < date_from:
            return []
        public, off, extra = self._calendar_data(company, date_from, date_to)
        days = []
        day = date_from
        while day <= date_to:
            if self._is_school_day_in(day, public, off, extra):
                days.append(day)
            day += datetime.timedelta(days=1)
        return days

    @api.model
    def count_school_days(self, date_from, date_to, company=None):
        """How many school days lie between two dates, both included."""
        return len(self.school_days(date_from, date_to, company=company))

    @api.model
    def add_school_days(self, start, days, company=None):
        """The ``days``-th school day after ``start`` (a date or a UTC datetime).

        The start day itself is not counted (plazo de N días hábiles from a
        notice given on day 0). A datetime keeps its local time of day: a
        notice at 10:30 on Wednesday plus 2 days ends at 10:30 two school days
        later, in the school's time zone.
        """
        if days < 0:
            raise UserError(self.env._("A deadline cannot count negative days."))
        company = company or self.env.company
        is_datetime = isinstance(start, datetime.datetime)
        tz = self.school_tz(company)
        local_start = pytz.utc.localize(start).astimezone(tz) if is_datetime else start
        day = local_start.date() if is_datetime else local_start
        # A generous window: 'days' school days never span more than
        # 3 weeks per week of school days plus a long holiday break.
        window_end = day + datetime.timedelta(days=days * 3 + 60)
        public, off, extra = self._calendar_data(company, day, window_end)
        remaining = days
        while remaining:
            day += datetime.timedelta(days=1)
            if day > window_end:
                window_end = day + datetime.timedelta(days=days * 3 + 60)
                public, off, extra = self._calendar_data(company, day, window_end)
            if self._is_school_day_in(day, public, off, extra):
                remaining -= 1
        if not is_datetime:
            return day
        local_end = tz.localize(
            datetime.datetime.combine(day, local_start.time().replace(tzinfo=None))
        )
        return local_end.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def deadline(self, start, days=0, hours=0, company=None):
        """Deadline ``days`` school days and/or ``hours`` clock hours after
        ``start`` (a UTC datetime, as Odoo stores them)."""
        start = fields.Datetime.to_datetime(start)
        end = self.add_school_days(start, days, company=company) if days else start
        return end + datetime.timedelta(hours=hours)

    @api.model
    def school_tz(self, company=None):
        """The school's own time zone, never the user's: a deadline or a date
        of the class book is the same whoever computes it (Punta Arenas and
        Santiago differ half the year)."""
        company = company or self.env.company
        # sudo: a school's time zone is a public fact every role (portal
        # users included) needs; nothing is written.
        return pytz.timezone(company.sudo().partner_id.tz or DEFAULT_TZ)

    @api.model
    def school_today(self, company=None):
        """Today's date in the school's time zone."""
        return self.to_school_time(fields.Datetime.now(), company).date()

    @api.model
    def to_school_time(self, utc_dt, company=None):
        """``utc_dt`` (naive UTC, as stored) in the school's own time zone,
        whoever asks: deadlines are stated in the school's time."""
        tz = self.school_tz(company)
        return pytz.utc.localize(fields.Datetime.to_datetime(utc_dt)).astimezone(tz)

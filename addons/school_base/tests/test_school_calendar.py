# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SchoolCase

D = datetime.date
DT = datetime.datetime


@tagged("post_install", "-at_install")
class TestSchoolCalendar(SchoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["school.calendar"].with_company(cls.school)

    def test_fiestas_patrias(self):
        # 2025: Thursday 18 and Friday 19 September are national holidays.
        self.assertFalse(self.calendar.is_school_day(D(2025, 9, 18)))
        self.assertFalse(self.calendar.is_school_day(D(2025, 9, 19)))
        self.assertTrue(self.calendar.is_school_day(D(2025, 9, 17)))
        # A notice on Wednesday 17: one business day later is Monday 22.
        self.assertEqual(self.calendar.add_school_days(D(2025, 9, 17), 1), D(2025, 9, 22))
        self.assertEqual(self.calendar.add_school_days(D(2025, 9, 17), 2), D(2025, 9, 23))

    def test_31_october_and_1_november(self):
        # 2025: Friday 31 Oct (Reformation) and Saturday 1 Nov (All Saints).
        self.assertFalse(self.calendar.is_school_day(D(2025, 10, 31)))
        self.assertEqual(self.calendar.add_school_days(D(2025, 10, 30), 1), D(2025, 11, 3))

    def test_8_december(self):
        # 2025: Monday 8 December, Inmaculada Concepción.
        self.assertEqual(self.calendar.add_school_days(D(2025, 12, 5), 1), D(2025, 12, 9))
        self.assertEqual(self.calendar.add_school_days(D(2025, 12, 5), 2), D(2025, 12, 10))

    def test_weekend_start(self):
        # Counting starts on the next school day, whatever day the notice is.
        self.assertEqual(self.calendar.add_school_days(D(2025, 9, 27), 1), D(2025, 9, 29))
        self.assertEqual(self.calendar.add_school_days(D(2025, 9, 28), 2), D(2025, 9, 30))

    def test_count_september_with_school_days_edited(self):
        # September 2025: 22 weekdays minus 18 and 19.
        self.assertEqual(self.calendar.count_school_days(D(2025, 9, 1), D(2025, 9, 30)), 20)
        self.env["school.calendar.day"].create(
            [
                {"name": "Interferiado", "date": D(2025, 9, 17), "company_id": self.school.id},
                {
                    "name": "Recuperación",
                    "date": D(2025, 9, 27),
                    "day_type": "recovery",
                    "company_id": self.school.id,
                },
            ]
        )
        days = self.calendar.school_days(D(2025, 9, 1), D(2025, 9, 30))
        self.assertEqual(len(days), 20)
        self.assertNotIn(D(2025, 9, 17), days)
        self.assertIn(D(2025, 9, 27), days)
        self.assertEqual(self.calendar.add_school_days(D(2025, 9, 26), 1), D(2025, 9, 27))
        # Another school's calendar is untouched.
        other = self.env["school.calendar"].with_company(self.other_school)
        self.assertTrue(other.is_school_day(D(2025, 9, 17)))
        self.assertEqual(other.count_school_days(D(2025, 9, 1), D(2025, 9, 30)), 20)

    def test_regional_holiday(self):
        # 20 August is a holiday only in Ñuble (Chillán).
        self.assertTrue(self.calendar.is_school_day(D(2025, 8, 20)))
        self.school.school_holiday_subdivision = "NB"
        self.assertFalse(self.calendar.is_school_day(D(2025, 8, 20)))
        with self.assertRaises(ValidationError):
            self.school.school_holiday_subdivision = "XX"

    def test_peru_holidays(self):
        self.school.write(
            {"country_id": self.env.ref("base.pe").id, "school_holiday_subdivision": False}
        )
        # 28 and 29 July: Fiestas Patrias del Perú (2025: Monday, Tuesday).
        self.assertEqual(self.calendar.add_school_days(D(2025, 7, 25), 1), D(2025, 7, 30))

    def test_datetime_keeps_local_time_and_hours(self):
        self.env.user.tz = "America/Santiago"
        # 10:30 in Santiago (UTC-3 in September 2025) on Wednesday 17.
        start = DT(2025, 9, 17, 13, 30)
        self.assertEqual(self.calendar.add_school_days(start, 2), DT(2025, 9, 23, 13, 30))
        self.assertEqual(self.calendar.deadline(start, hours=24), DT(2025, 9, 18, 13, 30))
        self.assertEqual(self.calendar.deadline(start, days=1, hours=2), DT(2025, 9, 22, 15, 30))

    def test_long_break_and_negative(self):
        # Many days across the winter: 40 school days after 1 July 2025.
        end = self.calendar.add_school_days(D(2025, 7, 1), 40)
        self.assertEqual(self.calendar.count_school_days(D(2025, 7, 2), end), 40)
        with self.assertRaises(UserError):
            self.calendar.add_school_days(D(2025, 7, 1), -1)
        self.assertEqual(self.calendar.count_school_days(D(2025, 7, 2), D(2025, 7, 1)), 0)

    def test_deadline_in_the_school_time_zone_whoever_computes_it(self):
        """A deadline is counted in the school's time zone, not the user's:
        across Chile's change of time (first Saturday of April) and for users
        in Punta Arenas (UTC-3 all year) or UTC."""
        self.school.partner_id.tz = "America/Santiago"
        # Thursday 2 April 2026, 10:30 in Santiago (UTC-3); Good Friday is a
        # holiday, so one school day later is Monday 6 April, 10:30 in
        # Santiago, by then UTC-4.
        start = DT(2026, 4, 2, 13, 30)
        expected = DT(2026, 4, 6, 14, 30)
        for tz in ("America/Santiago", "America/Punta_Arenas", "UTC", False):
            user = self.users["t_teacher"]
            user.tz = tz
            calendar = self.env["school.calendar"].with_user(user).with_company(self.school)
            self.assertEqual(calendar.add_school_days(start, 1), expected, tz)
        # Around midnight: Monday 6 April at 22:30 in Santiago is already
        # Tuesday in UTC; one school day later is Tuesday 22:30 in Santiago.
        self.users["t_teacher"].tz = "UTC"
        calendar = (
            self.env["school.calendar"].with_user(self.users["t_teacher"]).with_company(self.school)
        )
        self.assertEqual(calendar.add_school_days(DT(2026, 4, 7, 2, 30), 1), DT(2026, 4, 8, 2, 30))
        # The company argument wins over the environment's company.
        self.assertEqual(
            self.env["school.calendar"]
            .with_company(self.other_school)
            .add_school_days(start, 1, company=self.school),
            expected,
        )

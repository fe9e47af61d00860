# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The attendance rules of the early-warning risk on students whose class
book was really marked (anchors.md §5: bands 97 / 90 / 85 / 50 %, chronic
absence >= 10 %, one more absence makes the month < 85 %)."""

import datetime

from odoo.tests import tagged

from odoo.addons.school_wellbeing_survey.tests.common import WellbeingCase

DAY = datetime.date(2026, 11, 25)


@tagged("post_install", "-at_install")
class TestWellbeingAttendance(WellbeingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env["school.calendar"]
        cls.days = calendar.school_days(
            datetime.date(2026, 11, 2), DAY - datetime.timedelta(days=1), company=cls.school
        )
        cls.month_total = calendar.count_school_days(
            datetime.date(2026, 11, 1), datetime.date(2026, 11, 30), company=cls.school
        )
        sessions = cls.env["school.attendance.session"]
        # Ana misses 4 school days of November; Carla misses none.
        absent = set(cls.days[:4])
        for day in cls.days:
            marks = [{"student_id": cls.student.id, "code": "absent"}] if day in absent else []
            sessions.save_block(cls.batch.id, day, 2, marks)
        cls.risk_model = cls.env["school.wellbeing.risk"].sudo()

    def test_inputs_from_the_class_book(self):
        inputs = self.risk_model._risk_attendance_inputs(self.student | self.third, DAY)
        ana, carla = inputs[self.student.id], inputs[self.third.id]
        self.assertEqual(ana["month_absent"], 4)
        self.assertEqual(ana["month_days"], self.month_total)
        expected = round(100.0 * (len(self.days) - 4) / len(self.days), 1)
        self.assertEqual(ana["month_rate"], expected)
        self.assertEqual(carla["month_rate"], 100.0)
        self.assertGreater(ana["year_absence_share"], 0)

    def test_attendance_rules_fire(self):
        rules = self.risk_model._rules(self.school)
        inputs = {
            "attendance": self.risk_model._risk_attendance_inputs(self.student | self.third, DAY),
            "discipline": {},
            "survey": {},
            "courses": {},
        }
        fired = {r.code: t for r, t in self.risk_model._evaluate(self.student, rules, inputs, DAY)}
        rate = inputs["attendance"][self.student.id]["month_rate"]
        # 4 absences in about 17 days: below 85 % so far.
        self.assertLess(rate, 85)
        self.assertIn("attendance_grave", fired)
        self.assertIn("attendance of November", fired["attendance_grave"])
        self.assertNotIn("attendance_critical", fired)
        carla = {r.code for r, _t in self.risk_model._evaluate(self.third, rules, inputs, DAY)}
        # Carla attended every day of November, and March to October have no
        # marks: unknown days, not absences, so no chronic absence either.
        self.assertFalse(
            carla & {"attendance_grave", "attendance_repeated", "next_absence", "chronic_absence"}
        )

    def test_one_more_absence_on_real_marks(self):
        # 3 absences in a month of N school days: N-3 / N >= 85 % and one
        # more takes it below when N is 20 or 21 (the November calendar).
        rules = self.risk_model._rules(self.school)
        total = self.month_total
        absent = next(
            a for a in range(total) if (total - a) / total >= 0.85 > (total - a - 1) / total
        )
        inputs = {
            "attendance": {
                self.third.id: {
                    "month": DAY.replace(day=1),
                    "month_days": total,
                    "month_absent": absent,
                }
            },
            "discipline": {},
            "survey": {},
            "courses": {},
        }
        fired = {r.code for r, _t in self.risk_model._evaluate(self.third, rules, inputs, DAY)}
        self.assertIn("next_absence", fired)

    def test_risk_computed_with_attendance(self):
        risk = self.risk_model._compute_for(self.student | self.third, DAY)
        ana = risk.filtered(lambda r: r.student_id == self.student)
        self.assertEqual(ana.attendance_color, "red")
        self.assertIn("asistencia de noviembre", ana.explanation)

    def test_early_in_the_month_the_previous_month_speaks(self):
        # 2 December: one school day of December so far; November decides.
        day = datetime.date(2026, 12, 2)
        self.env["school.attendance.session"].save_block(
            self.batch.id,
            datetime.date(2026, 12, 1),
            2,
            [{"student_id": self.third.id, "code": "absent"}],
        )
        inputs = self.risk_model._risk_attendance_inputs(self.student | self.third, day)
        carla = inputs[self.third.id]
        self.assertEqual(carla["month"], datetime.date(2026, 11, 1))
        self.assertNotIn("month_days", carla, "no 'one more absence' on a past month")
        # November, not December's single absent day (0 %); the days of
        # November without marks (after the 24th) are unknown, not absences.
        self.assertEqual(carla["month_rate"], 100.0)

    def test_half_filled_book_gives_no_false_reds(self):
        """A class book marked on every other school day: the unmarked days
        are unknown. Berta (a new student) was present on every marked day:
        no attendance flag. Before, the unmarked half of the month counted
        as absences (about 50 %, a false red)."""
        berta = self._add_student("Berta", "Mitad", "8.888.888-K", self.other_batch, roll=7)
        sessions = self.env["school.attendance.session"]
        marked = self.days[::2]
        self.assertLess(len(marked), 0.6 * len(self.days))
        for day in marked:
            sessions.save_block(self.other_batch.id, day, 2, [])
        inputs = self.risk_model._risk_attendance_inputs(berta, DAY)[berta.id]
        self.assertEqual(inputs["month_marked"], len(marked))
        self.assertEqual(inputs["month_absent"], 0)
        self.assertEqual(inputs["month_rate"], 100.0)
        self.assertEqual(inputs["year_absence_share"], 0.0)
        risk = self.risk_model._compute_for(berta, DAY)
        self.assertEqual(risk.attendance_color, "green", risk.explanation)
        self.assertFalse(risk.flag_ids.filtered(lambda f: f.factor == "attendance"))
        # The same half-filled book with Berta absent on 3 of its marked
        # days: the marks alone put the month below 85 %.
        for day in marked[:3]:
            sessions.save_block(
                self.other_batch.id, day, 2, [{"student_id": berta.id, "code": "absent"}]
            )
        inputs = self.risk_model._risk_attendance_inputs(berta, DAY)[berta.id]
        self.assertEqual(inputs["month_absent"], 3)
        self.assertEqual(inputs["month_rate"], round(100.0 * (len(marked) - 3) / len(marked), 1))
        self.assertEqual(inputs["year_absence_share"], 300.0 / len(marked))
        risk = self.risk_model._compute_for(berta, DAY)
        self.assertEqual(risk.attendance_color, "red", risk.explanation)

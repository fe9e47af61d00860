# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The discipline rule of the early-warning risk on real hoja de vida
entries (anchors.md §5: grave or gravísima, or a suspension, in 30 days)."""

import datetime

import pytz

from odoo.tests import tagged

from odoo.addons.school_wellbeing_survey.tests.common import WellbeingCase

DAY = datetime.date(2026, 11, 25)


def utc(year, month, day, hour=10):
    local = pytz.timezone("America/Santiago").localize(datetime.datetime(year, month, day, hour))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestWellbeingDiscipline(WellbeingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        entries = cls.env(user=cls.users["t_inspector"])["school.discipline.entry"]
        base = {"description": "Hechos de prueba."}
        # Ana: a grave fault 10 days ago. Carla: a leve one last week and a
        # grave one 40 days ago.
        entries.create(
            dict(
                base,
                student_id=cls.student.id,
                fault_id=ref("school_discipline.school_discipline_fault_g07").id,
                date=utc(2026, 11, 15),
            )
        )
        entries.create(
            dict(
                base,
                student_id=cls.third.id,
                fault_id=ref("school_discipline.school_discipline_fault_l05").id,
                date=utc(2026, 11, 18),
            )
        )
        entries.create(
            dict(
                base,
                student_id=cls.third.id,
                fault_id=ref("school_discipline.school_discipline_fault_g07").id,
                date=utc(2026, 10, 10),
            )
        )
        cls.risk_model = cls.env["school.wellbeing.risk"].sudo()

    def test_grave_fault_in_the_last_30_days(self):
        risks = self.risk_model._compute_for(self.student | self.third, DAY)
        ana = risks.filtered(lambda r: r.student_id == self.student)
        carla = risks - ana
        self.assertEqual(ana.discipline_color, "red")
        self.assertIn("Grave", ana.explanation)
        self.assertIn("últimos 30 días", ana.explanation)
        self.assertEqual(carla.discipline_color, "green")

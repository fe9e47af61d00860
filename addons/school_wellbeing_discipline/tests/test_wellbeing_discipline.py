# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The discipline rule of the early-warning risk on real hoja de vida
entries and cases (anchors.md §5: grave or gravísima, or a suspension, in
30 days)."""

import datetime

import pytz
from freezegun import freeze_time

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

    def _decide_case(self, student, sanction, notice, days=2):
        """A due process (variant A) for a grave fault of ``student``: the
        notice on ``notice`` (a Monday), no descargos, the decision with
        ``sanction`` four days later (the Friday, 10:00 school time)."""
        ref = self.env.ref
        case = self.env(user=self.users["t_inspector"])["school.discipline.case"].create(
            {
                "type_id": ref("school_discipline.school_discipline_case_type_dp_a").id,
                "student_id": student.id,
                "batch_id": self.batch.id,
                "fault_id": ref("school_discipline.school_discipline_fault_g07").id,
                "knowledge_datetime": utc(notice.year, notice.month, notice.day, 9),
            }
        )

        def step(code):
            return case.step_ids.filtered(lambda s: s.stage_id.code == code).sorted("id")[-1:]

        with freeze_time(utc(notice.year, notice.month, notice.day, 15)):
            step("A1").action_done("Correo enviado.")
        later = notice + datetime.timedelta(days=3)
        with freeze_time(utc(later.year, later.month, later.day, 9)):
            self.env["school.discipline.case.step"]._cron_deadlines()
        case.write(
            {
                "sanction_id": sanction.id,
                "sanction_days": days,
                "measure_ids": [ref("school_discipline.school_discipline_measure_m01").id],
            }
        )
        decided = notice + datetime.timedelta(days=4)
        with freeze_time(utc(decided.year, decided.month, decided.day, 10)):
            step("A3").action_done()
        self.assertEqual(step("A3").state, "done")
        return case

    def test_suspension_decided_in_a_case(self):
        """A case decided with a suspension (S6) 12 days ago makes the
        discipline factor red; one decided 47 days ago does not; a sanction
        the school does not flag as a suspension does not either."""
        s6 = self.env.ref("school_discipline.school_discipline_sanction_s6")
        self.assertTrue(s6.wellbeing_suspension)
        elena = self._add_student("Elena", "Quinta", "6.666.666-2", self.batch, roll=5)
        self._decide_case(elena, s6, datetime.date(2026, 11, 9))
        self._decide_case(self.third, s6, datetime.date(2026, 10, 5))
        inputs = self.risk_model._risk_discipline_inputs(elena | self.third, DAY, 30)
        self.assertEqual([date for date, _what in inputs[elena.id]], [datetime.date(2026, 11, 13)])
        self.assertNotIn(self.third.id, inputs, "decided 47 days before: not in the 30 days")
        risks = self.risk_model._compute_for(elena | self.third, DAY)
        risk = risks.filtered(lambda r: r.student_id == elena)
        self.assertEqual(risk.discipline_color, "red")
        self.assertIn("Suspensión de clases o actividades", risk.explanation)
        self.assertIn("13", risk.explanation)
        self.assertEqual((risks - risk).discipline_color, "green")
        # The school decides that S6 is not a suspension for the risk.
        s6.with_user(self.users["t_director"]).wellbeing_suspension = False
        risk = self.risk_model._compute_for(elena, DAY)
        self.assertEqual(risk.discipline_color, "green")

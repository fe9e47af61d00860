# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import DisciplineCase, utc


@tagged("post_install", "-at_install")
class TestDisciplineCron(DisciplineCase):
    def test_one_bad_step_does_not_stop_the_others(self):
        """A descargos window that cannot be closed (here a database
        constraint refuses it) is logged and skipped; the other windows are
        closed and their activities sent; running again is harmless."""
        cases = [self.new_case(), self.new_case(), self.new_case(student=self.other_student)]
        with freeze_time(utc(2026, 5, 20, 15)):
            for case in cases:
                self.step(case, "A1").action_done("Correo")
        bad_step = self.step(cases[1], "A2")
        self.env.cr.execute(
            SQL(
                "ALTER TABLE school_discipline_case_step ADD CONSTRAINT school_test_poison"
                " CHECK (id <> %s OR state = 'pending')",
                bad_step.id,
            )
        )
        steps = self.env["school.discipline.case.step"]
        with (
            freeze_time(utc(2026, 5, 26, 9)),
            mute_logger("odoo.sql_db"),
            self.assertLogs("odoo.addons.school_base.tools.cron_batches", "ERROR") as logs,
        ):
            failed = steps._cron_deadlines()
        self.assertEqual(len(failed), 1)
        self.assertIn(str(bad_step.id), logs.output[0])
        self.env.invalidate_all()
        self.assertEqual(bad_step.state, "pending")
        for case in (cases[0], cases[2]):
            self.assertEqual(self.step(case, "A2").state, "expired")
            # The resolution clock started from the window's end.
            self.assertEqual(self.step(case, "A3").start_datetime, self.step(case, "A2").deadline)
        self.env.cr.execute(
            "ALTER TABLE school_discipline_case_step DROP CONSTRAINT school_test_poison"
        )
        # Again, the next day: the resolutions are due within a day.
        with freeze_time(utc(2026, 5, 27, 10)):
            self.assertEqual(steps._cron_deadlines(), [])
        self.assertEqual(bad_step.state, "expired")
        for case in cases:
            self.assertTrue(self.step(case, "A3").activity_sent)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "school.discipline.case"), ("res_id", "=", cases[0].id)]
        )
        self.assertEqual(len(activities), len(set(activities.mapped("summary"))))

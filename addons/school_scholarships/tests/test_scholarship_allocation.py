# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ScholarshipCase


def run_dv(number):
    """Check digit of a Chilean RUN."""
    total, factor = 0, 2
    for digit in reversed(str(number)):
        total += int(digit) * factor
        factor = 2 if factor == 7 else factor + 1
    rest = 11 - total % 11
    return {11: "0", 10: "K"}.get(rest, str(rest))


@tagged("post_install", "-at_install")
class TestScholarshipAllocation(ScholarshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.process.sudo().write({"state": "review"})
        students = cls.student | cls.other_student
        for index in range(2):
            number = 15000000 + index
            students |= cls._extra_student(index, "%s-%s" % (number, run_dv(number)))
        cls.apps = cls.env["school.scholarship.application"]
        for student, score in zip(students, (90, 70, 55, 40), strict=True):
            cls.apps |= cls.apps.sudo().create(
                {
                    "process_id": cls.process.id,
                    "student_id": student.id,
                    "applicant_partner_id": cls.guardian_user.partner_id.id,
                    "state": "review",
                    "score_socioeconomic": score,
                }
            )
        cls.socio = cls.env.ref("school_scholarships.school_scholarship_type_socioeconomic")
        cls.merit = cls.env.ref("school_scholarships.school_scholarship_type_merit")

    @classmethod
    def _extra_student(cls, index, run):
        return (
            cls.env["op.student"]
            .with_company(cls.school)
            .create(
                {
                    "first_name": "Hijo%s" % index,
                    "last_name": "Extra",
                    "name": "Hijo%s Extra" % index,
                    "school_id_number": run,
                    "gender": "m",
                    "parent_ids": [Command.set([cls.parent.id])],
                    "course_detail_ids": [
                        Command.create(
                            {
                                "course_id": cls.batch.course_id.id,
                                "batch_id": cls.batch.id,
                                "roll_number": str(10 + index),
                            }
                        )
                    ],
                }
            )
        )

    def _awards(self):
        return {a.application_id: a.percentage for a in self.process.award_ids}

    def test_proposal_fills_and_splits(self):
        self.process.with_user(self.commission_user).action_propose_allocation()
        a, b, c, d = self.apps
        # 2 full becas: 100 % + 75 % + the remaining 25 % split from C's 50 %.
        self.assertEqual(self._awards(), {a: 100, b: 75, c: 25})
        self.assertEqual(self.process.award_ids.sorted("rank").application_id, a | b | c)
        self.process.with_user(self.commission_user).action_confirm_allocation()
        self.assertEqual(self.process.state, "allocated")
        self.assertEqual(set(self.apps.mapped("state")), {"awarded", "not_awarded"})
        self.assertEqual(d.state, "not_awarded")

    def test_full_allocation_required(self):
        a = self.apps[0]
        self.env["school.scholarship.award"].with_user(self.commission_user).action_add(
            a.id, self.socio.id, 100, "Mayor puntaje"
        )
        with self.assertRaisesRegex(UserError, "whole fund"):
            self.process.with_user(self.commission_user).action_confirm_allocation()

    def _allocate(self, rows):
        award = self.env["school.scholarship.award"].with_user(self.commission_user)
        for app, stype, percentage in rows:
            award.action_add(app.id, stype.id, percentage, "Propuesta de la comisión")

    def test_two_thirds_money(self):
        a, b, c, _d = self.apps
        # 2 becas: socioeconomic 50 + 50, merit 100: 2 of 3 exemptions are
        # socioeconomic, but only half of the value.
        self._allocate([(a, self.socio, 50), (b, self.socio, 50), (c, self.merit, 100)])
        self.process.sudo().share_measure = "money"
        with self.assertRaisesRegex(UserError, "two thirds of the value"):
            self.process.with_user(self.commission_user).action_confirm_allocation()
        self.process.sudo().share_measure = "count"
        self.process.with_user(self.commission_user).action_confirm_allocation()
        self.assertEqual(self.process.state, "allocated")

    def test_two_thirds_count(self):
        a, b, c, d = self.apps
        # 2 becas: socioeconomic 100 + 50 (75 % of the value), merit 25 + 25:
        # only 2 of 4 exemptions are socioeconomic.
        self._allocate(
            [(a, self.socio, 100), (b, self.socio, 50), (c, self.merit, 25), (d, self.merit, 25)]
        )
        self.process.sudo().share_measure = "count"
        with self.assertRaisesRegex(UserError, "2 of 4 exemptions"):
            self.process.with_user(self.commission_user).action_confirm_allocation()
        self.process.sudo().share_measure = "money"
        self.process.with_user(self.commission_user).action_confirm_allocation()

    def test_vulnerability_setting(self):
        a, b, c, _d = self.apps
        vulnerability = self.env.ref("school_scholarships.school_scholarship_type_vulnerability")
        self._allocate([(a, vulnerability, 100), (b, self.socio, 50), (c, self.merit, 50)])
        self.process.sudo().vulnerability_in_socioeconomic = False
        with self.assertRaises(UserError):
            self.process.with_user(self.commission_user).action_confirm_allocation()
        self.process.sudo().vulnerability_in_socioeconomic = True
        self.process.with_user(self.commission_user).action_confirm_allocation()

    def test_adjustments_logged(self):
        self.process.with_user(self.commission_user).action_propose_allocation()
        award = self.process.award_ids.filtered(lambda a: a.percentage == 75)
        with self.assertRaisesRegex(UserError, "reason"):
            award.with_user(self.commission_user).action_adjust(50, " ")
        for user in (self.users["t_teacher"], self.sch_admin, self.guardian_user):
            with self.assertRaises(AccessError):
                award.with_user(user).action_adjust(50, "x")
        with self.assertRaises(AccessError):
            award.with_user(self.commission_user).write({"percentage": 10})
        award.with_user(self.members[1]).action_adjust(50, "Visita domiciliaria")
        log = self.env["school.scholarship.award.log"].search(
            [("process_id", "=", self.process.id)]
        )
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.user_id, log.old_percentage, log.new_percentage, log.reason),
            (self.members[1], 75, 50, "Visita domiciliaria"),
        )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ScholarshipCase


@tagged("post_install", "-at_install")
class TestScholarshipScoring(ScholarshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.app = cls._apply()
        cls._upload_all(cls.app, cls.guardian_user)
        cls.app.with_user(cls.guardian_user).action_submit()
        cls.process.with_user(cls.sch_admin).action_close_window()
        cls.app.with_user(cls.sch_admin).action_set_tuition_status(True)

    def _criterion(self, code):
        return self.env.ref(
            "school_scholarships.school_scholarship_criterion_%s" % code.replace(".", "_")
        )

    def _assess(self, user, points, **values):
        return (
            self.env["school.scholarship.assessment"]
            .with_user(user)
            .create(
                dict(
                    {
                        "application_id": self.app.id,
                        "line_ids": [
                            Command.create({"criterion_id": self._criterion(c).id, "points": p})
                            for c, p in points.items()
                        ],
                    },
                    **values,
                )
            )
        )

    def test_matrix_and_conflict(self):
        self._assess(self.members[0], {"8.4": 10, "8.6": 10})
        self._assess(self.members[1], {"8.4": 0})
        # A member related to the family declares it and cannot score.
        with self.assertRaises(ValidationError):
            self._assess(
                self.members[2], {"8.4": 10}, conflict=True, conflict_reason="Tía de la alumna"
            )
        self._assess(self.members[2], {}, conflict=True, conflict_reason="Tía de la alumna")
        # Nobody scores on another member's behalf, nor outside the commission.
        with self.assertRaises(AccessError):
            self._assess(self.members[1], {"8.5": 3}, user_id=self.members[0].id)
        with self.assertRaises(AccessError):
            self._assess(self.users["t_director"], {"8.5": 3})
        self.process.with_user(self.commission_user).action_compute_scores()
        # 8.1: 400000 / 2 members = 200000 per capita -> 6 points (weight 3);
        # 8.2: no expenses -> 0; 8.3: 2 members -> 2; 8.4: mean of 10 and 0 = 5
        # (the conflicted member left out); 8.6 counts only for discretionary.
        socio = (3 * 0.6 + 0 + 0.2 + 0.5) / 9 * 100
        self.assertAlmostEqual(self.app.score_socioeconomic, round(socio, 2), places=2)
        disc = (3 * 0.6 + 0.2 + 0.5 + 1.0) / 13 * 100
        self.assertAlmostEqual(self.app.score_discretionary, round(disc, 2), places=2)
        # 27.78 is under the lowest row (35) of the table: no exemption.
        self.assertEqual(self.app.percentage_proposed, 0)
        self.env.ref("school_scholarships.school_scholarship_percentage_35").min_score = 25
        self.process.with_user(self.commission_user).action_compute_scores()
        self.assertEqual(self.app.percentage_proposed, 25)

    def test_out_of_scale_and_auto_criteria(self):
        with self.assertRaises(ValidationError):
            self._assess(self.members[0], {"8.4": 11})
        with self.assertRaises(ValidationError):
            self._assess(self.members[0], {"8.1": 5})

    def test_scoring_needs_commission(self):
        with self.assertRaises(AccessError):
            self.process.with_user(self.sch_admin).action_compute_scores()
        with self.assertRaises(AccessError):
            self.app.with_user(self.commission_user).write({"score_socioeconomic": 100})
        self.process.sudo().state = "allocated"
        with self.assertRaises(UserError):
            self._assess(self.members[0], {"8.4": 5})

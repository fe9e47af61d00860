# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.school_base.tests.test_dashboard import DashboardCase


@tagged("post_install", "-at_install")
class TestWellbeingDashboard(DashboardCase):
    """The Tablero's wellbeing figures: the early warnings in a critical
    situation and with a red light, per school and for the network."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        risks = cls.env["school.wellbeing.risk"]
        # The nightly computation writes them (as the superuser).
        cls.critical = risks.create(
            {
                "student_id": cls.student.id,
                "batch_id": cls.batch.id,
                "company_id": cls.school.id,
                "level": "critical",
            }
        )
        cls.red = risks.create(
            {
                "student_id": cls.other_student.id,
                "batch_id": cls.other_batch.id,
                "company_id": cls.school.id,
                "level": "red",
            }
        )
        cls.red2 = risks.with_company(cls.school2).create(
            {"student_id": cls.student2.id, "company_id": cls.school2.id, "level": "red"}
        )
        # A yellow light is not counted.
        yellow = (
            cls.env["op.student"]
            .with_company(cls.school)
            .create(
                {
                    "first_name": "Carla",
                    "last_name": "Amarilla",
                    "name": "Carla Amarilla",
                    "gender": "f",
                }
            )
        )
        risks.create({"student_id": yellow.id, "company_id": cls.school.id, "level": "yellow"})

    def test_school_and_network_figures(self):
        card = self._cards(self.env_director)
        self.assertEqual(card.school_dashboard_wellbeing_critical_count, 1)
        self.assertEqual(card.school_dashboard_wellbeing_red_count, 1)
        action = card.action_school_dashboard_wellbeing()
        self.assertEqual(action["res_model"], "school.wellbeing.risk")
        self.assertEqual(
            self._open(card, "action_school_dashboard_wellbeing"), self.critical | self.red
        )
        network = self._cards(self.env_sostenedor).filtered("school_is_sostenedor")
        self.assertEqual(network.school_dashboard_wellbeing_critical_count, 1)
        self.assertEqual(network.school_dashboard_wellbeing_red_count, 2)
        self.assertEqual(
            self._open(network, "action_school_dashboard_wellbeing"),
            self.critical | self.red | self.red2,
        )

    def test_secretary_sees_no_wellbeing_figure(self):
        """The risks are the coexistence team's and the head teacher's: the
        card of a role that may not read them shows none."""
        env = self._dashboard_env("t_secretary")
        card = env["res.company"].browse(self.school.id)
        self.assertEqual(card.school_dashboard_wellbeing_critical_count, 0)
        self.assertEqual(card.school_dashboard_wellbeing_red_count, 0)

    def test_an_open_campaign_reads_abierta(self):
        """The state of a campaign, not the verb of its button."""
        fields = (
            self.env["school.wellbeing.campaign"].with_context(lang="es_CL").fields_get(["state"])
        )
        self.assertEqual(dict(fields["state"]["selection"])["open"], "Abierta")

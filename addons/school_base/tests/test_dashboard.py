# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import SchoolCase


class DashboardCase(SchoolCase):
    """A second school of the same sostenedor, with a student; the
    sostenedor's user holds the network, the Director their school only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.school2 = cls.env["res.company"].create(
            {
                "name": "Escuela Dos",
                "parent_id": cls.sostenedor.id,
                "school_rbd": "12346",
                "school_rbd_dv": "3",
                "country_id": cls.env.ref("base.cl").id,
            }
        )
        cls.student2 = (
            cls.env["op.student"]
            .with_company(cls.school2)
            .create({"first_name": "Bea", "last_name": "Dos", "name": "Bea Dos", "gender": "f"})
        )
        network = [cls.school.id, cls.school2.id, cls.sostenedor.id]
        cls.users["t_sostenedor"].company_ids = [Command.set(network)]
        cls.env_director = cls._dashboard_env("t_director")
        cls.env_sostenedor = cls._dashboard_env("t_sostenedor")

    @classmethod
    def _dashboard_env(cls, login):
        """The user's environment with all their companies active (the
        company switcher with every school ticked)."""
        user = cls.users[login]
        return cls.env(user=user, context={"allowed_company_ids": user.company_ids.ids})

    def _cards(self, env):
        """The dashboard's cards the user sees (its action's domain and the
        user's record rules)."""
        action = env["ir.actions.act_window"]._for_xml_id(
            "school_base.res_company_action_school_dashboard"
        )
        domain = safe_eval(action["domain"], {"allowed_company_ids": env.companies.ids})
        return env["res.company"].search(domain)

    def _open(self, card, method):
        """The records of the list a figure opens."""
        action = getattr(card, method)()
        return card.env[action["res_model"]].search(action["domain"])


@tagged("post_install", "-at_install")
class TestDashboard(DashboardCase):
    def test_director_sees_their_school_only(self):
        cards = self._cards(self.env_director)
        self.assertEqual(cards, self.school.with_env(self.env_director))
        expected = self.env["op.student"].search([("company_id", "=", self.school.id)])
        self.assertEqual(cards.school_dashboard_student_count, len(expected))
        self.assertEqual(self._open(cards, "action_school_dashboard_students"), expected)

    def test_sostenedor_sees_the_network(self):
        cards = self._cards(self.env_sostenedor)
        self.assertEqual(set(cards.ids), {self.sostenedor.id, self.school.id, self.school2.id})
        network = cards.filtered("school_is_sostenedor")
        school2 = cards.filtered(lambda c: c.id == self.school2.id)
        first = cards.filtered(lambda c: c.id == self.school.id)
        self.assertEqual(school2.school_dashboard_student_count, 1)
        self.assertEqual(
            network.school_dashboard_student_count,
            first.school_dashboard_student_count + 1,
        )
        self.assertEqual(self._open(school2, "action_school_dashboard_students"), self.student2)
        students = self._open(network, "action_school_dashboard_students")
        self.assertIn(self.student2, students)
        self.assertIn(self.student, students)
        self.assertEqual(len(students), network.school_dashboard_student_count)

    def test_director_and_sostenedor_land_on_the_dashboard(self):
        for login in ("t_director", "t_sostenedor"):
            self.assertIn(
                "school_base.res_company_action_school_dashboard",
                self.users[login]._school_landing_url(),
            )

    def test_network_card_covers_the_ticked_schools(self):
        """With only one school ticked in the company switcher, the network
        card counts that school's figures (and its list shows the same), and
        says how many of the user's schools it leaves out."""
        user = self.users["t_sostenedor"]
        env = self.env(
            user=user, context={"allowed_company_ids": [self.sostenedor.id, self.school.id]}
        )
        network = self._cards(env).filtered("school_is_sostenedor")
        school_students = self.env["op.student"].search([("company_id", "=", self.school.id)])
        self.assertEqual(network.school_dashboard_student_count, len(school_students))
        self.assertEqual(self._open(network, "action_school_dashboard_students"), school_students)
        self.assertEqual(
            (network.school_dashboard_schools_shown, network.school_dashboard_schools_total), (1, 2)
        )
        # Every school ticked: nothing left out.
        network = self._cards(self.env_sostenedor).filtered("school_is_sostenedor")
        self.assertEqual(
            (network.school_dashboard_schools_shown, network.school_dashboard_schools_total), (2, 2)
        )

    def test_landing_ticks_every_school_of_the_user(self):
        user = self.users["t_sostenedor"]
        url = user._school_landing_url()
        cids = [int(cid) for cid in url.split("?cids=")[1].split("-")]
        self.assertEqual(cids[0], user.company_id.id)
        self.assertEqual(set(cids), {self.school.id, self.school2.id, self.sostenedor.id})
        # A Director of one school: no company switcher to set.
        self.assertNotIn("cids", self.users["t_director"]._school_landing_url())

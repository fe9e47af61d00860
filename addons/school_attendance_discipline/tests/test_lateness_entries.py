# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.school_base.tests.common import SchoolCase

DT = datetime.datetime


@tagged("post_install", "-at_install")
class TestLatenessEntries(SchoolCase):
    """Protocol XI (seed 003 L3174-3180) for in-class lateness."""

    def _late(self, day, student=None):
        return (
            self.env["school.attendance.arrival"]
            .with_user(self.users["t_inspector"])
            .create(
                {
                    "student_id": (student or self.student).id,
                    "company_id": self.school.id,
                    "kind": "class_late",
                    "datetime": DT(2026, 3, day, 14, 20),
                }
            )
        )

    def _entries(self, student=None):
        return self.env["school.discipline.entry"].search(
            [("student_id", "=", (student or self.student).id), ("school_arrival_id", "!=", False)],
            order="id",
        )

    def test_first_only_inspectoria_second_hoja_de_vida_third_citation(self):
        fault = self.env.ref("school_discipline.school_discipline_fault_l14")
        first = self._late(2)
        self.assertFalse(self._entries())
        self.assertFalse(first.citation_id)
        second = self._late(3)
        entry = self._entries()
        self.assertEqual(entry.school_arrival_id, second)
        self.assertEqual(
            (entry.book, entry.kind, entry.fault_id, entry.author_id),
            ("hoja_vida", "leve", fault, self.users["t_inspector"]),
        )
        self.assertFalse(second.citation_id)
        third, fourth = self._late(4), self._late(5)
        entries = self._entries()
        self.assertEqual(entries.school_arrival_id, second | third | fourth)
        self.assertEqual(set(entries.mapped("book")), {"hoja_vida"})
        self.assertEqual(third.citation_id.citation_type, "guardian")
        self.assertEqual(fourth.citation_id.citation_type, "guardian")
        # Start-of-day lateness has its own rules: no entry.
        self.env["school.attendance.arrival"].with_user(self.users["t_inspector"]).create(
            {"student_id": self.student.id, "kind": "start_late", "minutes_late": 5}
        )
        self.assertEqual(len(self._entries()), 3)

    def test_reglamento_reading_and_renamed_catalogue(self):
        """RI III.3.2 (L400) writes from the 3rd: a setting. The fault is
        found by its XML id, whatever the school renamed it to."""
        self.school.school_in_class_lateness_entry_from = 3
        fault = self.env.ref("school_discipline.school_discipline_fault_l14")
        fault.name = "Atraso a clases"
        self._late(2, student=self.other_student)
        self._late(3, student=self.other_student)
        self.assertFalse(self._entries(self.other_student))
        third = self._late(4, student=self.other_student)
        entry = self._entries(self.other_student)
        self.assertEqual((entry.school_arrival_id, entry.fault_id), (third, fault))

    def test_users_cannot_link_an_entry_to_an_arrival(self):
        arrival = self._late(2)
        for login in ("t_inspector", "t_teacher"):
            with self.assertRaises(UserError):
                self.env["school.discipline.entry"].with_user(self.users[login]).create(
                    {
                        "student_id": self.student.id,
                        "fault_id": self.env.ref(
                            "school_discipline.school_discipline_fault_l14"
                        ).id,
                        "description": "Atraso",
                        "school_arrival_id": arrival.id,
                    }
                )

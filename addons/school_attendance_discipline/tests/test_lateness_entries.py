# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.school_base.tests.common import SchoolCase

DT = datetime.datetime


@tagged("post_install", "-at_install")
class TestLatenessEntries(SchoolCase):
    """Protocol XI (seed 003 L3174-3180) for in-class lateness."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tests record March 2026 in one go: its teachers' entries too.
        cls.school.school_entry_backdate_days = 3650

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
        self.assertFalse(first.guardian_citation_ids)
        second = self._late(3)
        entry = self._entries()
        self.assertEqual(entry.school_arrival_id, second)
        self.assertEqual(
            (entry.book, entry.kind, entry.fault_id, entry.author_id),
            ("hoja_vida", "leve", fault, self.users["t_inspector"]),
        )
        self.assertFalse(second.guardian_citation_ids)
        third, fourth = self._late(4), self._late(5)
        entries = self._entries()
        self.assertEqual(entries.school_arrival_id, second | third | fourth)
        self.assertEqual(set(entries.mapped("book")), {"hoja_vida"})
        self.assertEqual(len(third.guardian_citation_ids), 1)
        self.assertEqual(len(fourth.guardian_citation_ids), 1)
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

    def test_one_citation_model_and_one_citation_per_lateness(self):
        """school_attendance_cl's lateness citation and school_discipline's
        ladder citation are the same model (school_base's); the 4th in-class
        lateness is the 3rd leve, which the ladder cites for too: the
        apoderado is cited once, the citation linked to both the lateness and
        its hoja de vida entry."""
        citations = self.env["school.guardian.citation"]
        arrivals = [self._late(day) for day in (2, 3, 4, 5, 6)]
        entries = self._entries()
        self.assertEqual(entries.mapped("occurrence"), [1, 2, 3, 4])
        # The 3rd and 4th leves climb to rungs that cite the apoderado.
        self.assertTrue(all(e.ladder_step_id.cite_guardian for e in entries[2:]))
        cited = citations.search([("student_id", "=", self.student.id)])
        self.assertEqual(cited._name, "school.guardian.citation")
        self.assertEqual(len(cited), 3, "one citation for each of the 3rd, 4th and 5th")
        self.assertEqual(cited.arrival_id, arrivals[2] | arrivals[3] | arrivals[4])
        for arrival in arrivals[2:]:
            self.assertEqual(len(arrival.guardian_citation_ids), 1)
        by_arrival = {c.arrival_id: c for c in cited}
        self.assertFalse(by_arrival[arrivals[2]].entry_id, "the 2nd leve does not cite")
        self.assertEqual(by_arrival[arrivals[3]].entry_id, entries[2])
        self.assertEqual(by_arrival[arrivals[4]].entry_id, entries[3])
        # A leve that is not a lateness is cited by the ladder, in the same model.
        leve = (
            self.env["school.discipline.entry"]
            .with_user(self.users["t_teacher"])
            .create(
                {
                    "student_id": self.student.id,
                    "fault_id": self.env.ref("school_discipline.school_discipline_fault_l05").id,
                    "date": DT(2026, 3, 9, 12, 0),
                    "description": "Usa el celular durante la clase.",
                }
            )
        )
        ladder = citations.search([("entry_id", "=", leve.id)])
        self.assertEqual(len(ladder), 1)
        self.assertEqual(ladder._name, by_arrival[arrivals[4]]._name)
        self.assertFalse(ladder.arrival_id)
        # Both follow the same workflow: attended, the hoja de vida records it.
        citation = by_arrival[arrivals[3]].with_user(self.users["t_inspector"])
        citation.write({"scheduled_at": DT(2026, 3, 10, 15, 0)})
        citation.action_notify()
        citation.with_user(self.guardian_user).action_confirm()
        citation.action_record_signature()
        citation.action_attended()
        self.assertEqual(citation.state, "attended")
        record = self.student.school_discipline_entry_ids.filtered(lambda e: e.kind == "citation")
        self.assertEqual(len(record), 1)
        self.assertIn("Late to a class (no. 4", record.description)

    def test_ladder_citation_on_an_uncited_lateness_is_linked_to_it(self):
        """Two earlier leves: the 2nd in-class lateness (not cited by
        protocol XI) is the 3rd leve; the ladder's citation is the
        lateness's citation."""
        fault = self.env.ref("school_discipline.school_discipline_fault_l05")
        for day in (2, 3):
            self.env["school.discipline.entry"].with_user(self.users["t_teacher"]).create(
                {
                    "student_id": self.student.id,
                    "fault_id": fault.id,
                    "date": DT(2026, 3, day, 12, 0),
                    "description": "Usa el celular durante la clase.",
                }
            )
        first, second = self._late(4), self._late(5)
        self.assertFalse(first.guardian_citation_ids)
        citation = second.guardian_citation_ids
        self.assertEqual(len(citation), 1)
        self.assertEqual(citation.entry_id, self._entries())
        self.assertEqual(
            self.env["school.guardian.citation"].search_count(
                [("student_id", "=", self.student.id)]
            ),
            1,
            "only the 3rd leve (the lateness) cites",
        )

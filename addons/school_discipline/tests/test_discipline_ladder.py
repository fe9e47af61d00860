# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DisciplineCase, utc


@tagged("post_install", "-at_install")
class TestDisciplineLadder(DisciplineCase):
    def _leve(self, day, login="t_teacher", student=None):
        return self.env_as(login)["school.discipline.entry"].create(
            {
                "student_id": (student or self.student).id,
                "fault_id": self.l05.id,
                "date": utc(2026, 4, day, 10),
                "description": "Usa el celular durante la clase.",
            }
        )

    def test_leve_ladder_mc_7_1(self):
        """1st: verbal warning (ficha); 2nd: written record (ficha); 3rd:
        Amonestación in the hoja de vida and the apoderado cited; 4th: 2nd
        amonestación with formative work and a neglect review; the 5th stays
        on the last rung."""
        entries = [self._leve(day) for day in (6, 7, 8, 9, 10)]
        self.assertEqual([e.occurrence for e in entries], [1, 2, 3, 4, 5])
        self.assertEqual(
            [e.book for e in entries], ["ficha", "ficha", "hoja_vida", "hoja_vida", "hoja_vida"]
        )
        self.assertEqual(entries[2].label, "Amonestación")
        self.assertEqual(entries[3].ladder_step_id.sanction_id.code, "S5")
        self.assertEqual([e.needs_review for e in entries], [False, False, False, True, True])
        self.assertEqual(entries[0].batch_id, self.batch)
        citations = self.env["school.guardian.citation"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertEqual(len(citations), 3, "cited from the 3rd leve on")
        self.assertEqual(citations.guardian_partner_id, self.parent.name)

    def test_ladder_counts_per_year(self):
        self._leve(6)
        self._leve(7)
        with freeze_time(utc(2027, 3, 8, 12)):
            next_year = self.env_as("t_teacher")["school.discipline.entry"].create(
                {
                    "student_id": self.student.id,
                    "fault_id": self.l05.id,
                    "date": utc(2027, 3, 8, 10),
                    "description": "Interrumpe la clase.",
                }
            )
        self.assertEqual(next_year.occurrence, 1)

    def test_teacher_only_own_courses(self):
        with self.assertRaises(AccessError):
            self._leve(6, student=self.other_student)
        self._leve(6)
        entries = self.env_as("t_teacher2")["school.discipline.entry"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertFalse(entries, "a teacher of other courses sees nothing")

    def test_append_only(self):
        entry = self._leve(6)
        with self.assertRaises(UserError):
            entry.write({"description": "otra cosa"})
        with self.assertRaises(UserError):
            entry.sudo().unlink()
        correction = entry.action_correct("La falta fue en Historia, no en Lenguaje.")
        self.assertEqual(correction.corrects_entry_id, entry)
        self.assertEqual(entry.description, "Usa el celular durante la clase.")
        self.assertEqual(self._leve(7).occurrence, 2, "corrections are not faults")

    def test_users_write_only_their_own_entries(self):
        entries = self.env_as("t_teacher")["school.discipline.entry"]
        base = {"student_id": self.student.id, "description": "x"}
        with self.assertRaisesRegex(UserError, "written by the system"):
            entries.create(dict(base, kind="measures"))
        with self.assertRaisesRegex(UserError, "written by the system"):
            entries.create(dict(base, fault_id=self.g07.id, source_case_id=1))
        with self.assertRaisesRegex(UserError, "in the future"):
            entries.create(dict(base, fault_id=self.l05.id, date=utc(2099, 1, 1)))
        entry = entries.create(
            dict(base, fault_id=self.l05.id, author_id=self.users["t_director"].id)
        )
        self.assertEqual(entry.author_id, self.users["t_teacher"])

    def test_teacher_dates_an_entry_only_days_back(self):
        """A teacher records a fact of the last days (school time), not one
        of months ago; Inspectoría can record an older fact reported late."""
        self.school.school_entry_backdate_days = 7

        def entry(when):
            return self.env_as("t_teacher")["school.discipline.entry"].create(
                {
                    "student_id": self.student.id,
                    "fault_id": self.l05.id,
                    "date": when,
                    "description": "Usa el celular durante la clase.",
                }
            )

        with freeze_time("2026-04-20 15:00:00"):
            # The 13th at 08:00 in Santiago: 7 days back.
            self.assertEqual(entry(utc(2026, 4, 13, 8)).author_id, self.users["t_teacher"])
            # The 12th at 23:30 in Santiago (the 13th in UTC): 8 days back.
            with self.assertRaisesRegex(UserError, "7 days back"):
                entry(utc(2026, 4, 12, 23, 30))
            late = self._leve(1, login="t_inspector")
            self.assertEqual(late.author_id, self.users["t_inspector"])

    def test_tea_student_bitacora(self):
        self.student.school_neurodivergent = True
        entry = self._leve(6)
        bitacora = self.env["school.discipline.entry"].search(
            [("student_id", "=", self.student.id), ("book", "=", "bitacora")]
        )
        self.assertEqual(len(bitacora), 1)
        self.assertEqual(bitacora.description, entry.description)
        self.assertEqual(self._leve(7).occurrence, 2, "the bitácora copy is not counted")

    def test_grave_is_a_relevant_fact_and_opens_a_case(self):
        entry = self.env_as("t_teacher")["school.discipline.entry"].create(
            {
                "student_id": self.student.id,
                "fault_id": self.g07.id,
                "date": utc(2026, 5, 20, 10),
                "description": "Tomó la mochila de un compañero sin permiso.",
            }
        )
        self.assertEqual(
            (entry.kind, entry.book, entry.label),
            ("relevant_fact", "hoja_vida", "Registro relevante"),
        )
        case = entry.sudo().case_ids
        self.assertEqual(case.type_id, self.type_a)
        self.assertEqual(case.fault_id, self.g07)
        self.assertFalse(case.sanction_id, "no sanction before due process")

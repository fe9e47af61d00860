# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AttendanceCase

D = datetime.date
DT = datetime.datetime


@tagged("post_install", "-at_install")
class TestJustification(AttendanceCase):
    def test_accepted_justification_keeps_original_marks(self):
        session = self.session_model.save_block(
            self.batch.id,
            D(2026, 3, 4),
            2,
            [{"student_id": self.student.id, "code": "absent"}],
            sign=True,
        )
        late = self.session_model.save_block(
            self.batch.id,
            D(2026, 3, 5),
            2,
            [{"student_id": self.student.id, "code": "late", "late_minutes": 20}],
        )
        justification = (
            self.env["school.attendance.justification"]
            .with_user(self.guardian_user)
            .create(
                {
                    "student_id": self.student.id,
                    "company_id": self.school.id,
                    "date_from": D(2026, 3, 4),
                    "date_to": D(2026, 3, 5),
                    "reason": "family",
                }
            )
        )
        self.assertTrue(justification.on_time)
        justification.with_user(self.users["t_inspector"]).action_accept()
        line = session.line_ids
        self.assertEqual(line.code_id.code, "absent_justified")
        self.assertEqual(line.original_code_id.code, "absent")
        self.assertEqual(late.line_ids.code_id.code, "late_justified")
        self.assertEqual(late.line_ids.late_minutes, 20)
        log = self.env["school.attendance.log"].search([("line_id", "=", line.id)], limit=1)
        self.assertEqual(log.new_code_id.code, "absent_justified")
        self.assertIn(str(justification.id), log.reason)
        # The daily attendance still counts it as an absence (SIGE: absent).
        rates = self.env["school.attendance.line"].attendance_rates(
            self.student.ids, D(2026, 3, 4), D(2026, 3, 4)
        )
        self.assertEqual(rates[self.student.id]["present"], 0)
        with self.assertRaises(UserError):
            justification.with_user(self.users["t_inspector"]).action_reject()

    def test_guardian_only_for_own_children_and_48_hours(self):
        with self.assertRaises(AccessError):
            self.env["school.attendance.justification"].with_user(self.guardian_user).create(
                {
                    "student_id": self.other_student.id,
                    "company_id": self.school.id,
                    "date_from": D(2026, 3, 4),
                    "date_to": D(2026, 3, 4),
                    "reason": "family",
                }
            )
        with self.assertRaises(UserError):
            self.env["school.attendance.justification"].create(
                {
                    "student_id": self.student.id,
                    "date_from": D(2026, 3, 4),
                    "date_to": D(2026, 3, 4),
                    "reason": "medical",
                }
            )
        # A certificate issued long before it is presented is late (48 h).
        old = self.env["school.attendance.justification"].create(
            {
                "student_id": self.student.id,
                "date_from": D(2026, 3, 4),
                "date_to": D(2026, 3, 4),
                "reason": "medical",
                "certificate_date": D(2026, 3, 4),
            }
        )
        self.assertFalse(old.on_time)
        today = datetime.date.today()
        fresh = self.env["school.attendance.justification"].create(
            {
                "student_id": self.student.id,
                "date_from": today,
                "date_to": today,
                "reason": "medical",
                "certificate_date": today,
            }
        )
        self.assertTrue(fresh.on_time)
        # Rejected: the marks stay as they were.
        session = self.session_model.save_block(
            self.batch.id, D(2026, 3, 4), 3, [{"student_id": self.student.id, "code": "absent"}]
        )
        old.with_user(self.users["t_inspector"]).action_reject()
        self.assertEqual(session.line_ids.code_id.code, "absent")

    def test_closed_month_cannot_be_justified(self):
        self.session_model.save_block(
            self.batch.id, D(2026, 3, 4), 2, [{"student_id": self.student.id, "code": "absent"}]
        )
        self.env["school.attendance.month"].create(
            {"month": D(2026, 3, 1), "company_id": self.school.id}
        )
        justification = self.env["school.attendance.justification"].create(
            {
                "student_id": self.student.id,
                "date_from": D(2026, 3, 4),
                "date_to": D(2026, 3, 4),
                "reason": "family",
                "company_id": self.school.id,
            }
        )
        with self.assertRaises(UserError):
            justification.action_accept()


@tagged("post_install", "-at_install")
class TestLateness(AttendanceCase):
    def _late(self, day, minutes=5, kind="start_late", student=None):
        return (
            self.env["school.attendance.arrival"]
            .with_user(self.users["t_inspector"])
            .create(
                {
                    "student_id": (student or self.student).id,
                    "company_id": self.school.id,
                    "kind": kind,
                    "datetime": DT(2026, day.month, day.day, 11, 20),
                    "minutes_late": minutes,
                    "companion": "Madre",
                }
            )
        )

    def test_agenda_or_apoderado_by_minutes(self):
        self.assertFalse(self._late(D(2026, 3, 2), minutes=15).requires_guardian)
        self.assertTrue(self._late(D(2026, 3, 3), minutes=16).requires_guardian)
        self.assertFalse(self._late(D(2026, 3, 4), minutes=40, kind="class_late").requires_guardian)

    def test_registered_arrival_keeps_student_kind_and_time(self):
        """The number in the year and the citations follow from the student,
        the kind and the time: once registered they do not change (a typo is
        registered again), while the other details can be completed."""
        arrival = self._late(D(2026, 3, 2))
        arrival = arrival.with_user(self.users["t_inspector"])
        for vals in (
            {"student_id": self.other_student.id},
            {"kind": "class_late"},
            {"datetime": DT(2027, 3, 2, 11, 20)},
        ):
            with self.assertRaises(UserError):
                arrival.write(vals)
        # The same values, as a form sends them back, and the other fields.
        arrival.write(
            {
                "student_id": self.student.id,
                "kind": "start_late",
                "datetime": "2026-03-02 11:20:00",
                "reason": "Micro atrasado",
                "agenda_signed": True,
            }
        )
        self.assertEqual(arrival.reason, "Micro atrasado")
        self.assertEqual((arrival.student_id, arrival.sequence_in_year), (self.student, 1))

    def test_sixth_start_lateness_cites_to_study_hour_second_brings_commitment(self):
        days = [D(2026, 3, d) for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17)]
        arrivals = [self._late(day) for day in days]
        self.assertEqual([a.sequence_in_year for a in arrivals], list(range(1, 13)))
        cited = [a for a in arrivals if a.citation_id]
        self.assertEqual([a.sequence_in_year for a in cited], [6, 12])
        first, second = (a.citation_id for a in cited)
        self.assertEqual(first._name, "school.attendance.citation")
        self.assertFalse(any(a.guardian_citation_ids for a in arrivals))
        self.assertFalse(first.commitment_required)
        self.assertTrue(second.commitment_required)
        # In-class lateness has its own counter: these did not count.
        class_late = self._late(D(2026, 3, 18), kind="class_late")
        self.assertEqual(class_late.sequence_in_year, 1)
        # Study hours are served Wednesday to Friday afternoons.
        with self.assertRaises(UserError):
            first.action_schedule(DT(2026, 3, 23, 18, 0))  # Monday 15:00 in Santiago
        first.action_schedule(DT(2026, 3, 25, 18, 30))  # Wednesday 15:30 in Santiago
        first.action_missed()
        self.assertEqual(first.state, "missed")
        self.assertIn("did not attend", first.message_ids[0].body)

    def test_in_class_lateness_cites_apoderado_from_the_threshold(self):
        first = self._late(D(2026, 3, 2), kind="class_late")
        second = self._late(D(2026, 3, 3), kind="class_late")
        third = self._late(D(2026, 3, 4), kind="class_late")
        fourth = self._late(D(2026, 3, 5), kind="class_late")
        # Protocol XI (seed 003 L3180): from the 3rd on, every time.
        self.assertFalse(first.guardian_citation_ids)
        self.assertFalse(second.guardian_citation_ids)
        # The apoderado is cited (school_base's citation), not the student to
        # a study hour; the citation says which lateness and when.
        for arrival in (third, fourth):
            citation = arrival.guardian_citation_ids
            self.assertEqual(len(citation), 1)
            self.assertFalse(arrival.citation_id)
            self.assertEqual(
                (citation.student_id, citation.arrival_id, citation.state),
                (self.student, arrival, "draft"),
            )
            self.assertEqual(citation.guardian_partner_id, self.parent.name)
            self.assertEqual(citation.batch_id, self.batch)
        self.assertIn("no. 3", third.guardian_citation_ids.reason)
        self.assertIn("04/03/2026", third.guardian_citation_ids.reason)
        # Inspectoría cites with the apoderado citation's own workflow; the
        # lateness it came from is the system's.
        inspector = self.users["t_inspector"]
        citation = third.guardian_citation_ids.with_user(inspector)
        with self.assertRaises(AccessError):
            citation.write({"arrival_id": fourth.id})
        with self.assertRaises(AccessError):
            self.env["school.guardian.citation"].with_user(inspector).create(
                {"student_id": self.student.id, "reason": "Atraso", "arrival_id": third.id}
            )
        citation.write({"scheduled_at": DT(2026, 3, 10, 15, 0)})
        citation.action_notify()
        citation.with_user(self.guardian_user).action_confirm()
        citation.action_record_signature()
        citation.action_attended()
        self.assertEqual(citation.state, "attended")
        # A school may cite from the 2nd (a setting).
        self.school.school_in_class_lateness_threshold = 2
        other = [
            self._late(D(2026, 3, d), kind="class_late", student=self.other_student)
            for d in (2, 3, 4)
        ]
        self.assertEqual([bool(a.guardian_citation_ids) for a in other], [False, True, True])

    def test_withdrawal_needs_who_picked_up(self):
        with self.assertRaises(UserError):
            self.env["school.attendance.arrival"].create(
                {
                    "student_id": self.student.id,
                    "kind": "withdrawal",
                    "company_id": self.school.id,
                }
            )
        arrivals = self.env["school.attendance.arrival"].with_user(self.users["t_inspector"])
        # The apoderado of the enrolment record (P-XI L3164).
        withdrawal = arrivals.create(
            {
                "student_id": self.student.id,
                "kind": "withdrawal",
                "company_id": self.school.id,
                "guardian_id": self.parent.id,
                "reason": "Control médico",
            }
        )
        self.assertTrue(withdrawal.authorized_adult)
        self.assertEqual(withdrawal.companion, self.guardian_user.partner_id.name)
        self.assertFalse(withdrawal.citation_id)
        # Another student's apoderado, or any other adult: only with the
        # Inspectoría General's authorisation.
        for vals in ({"guardian_id": self.other_parent.id}, {"companion": "Vecina"}):
            with self.assertRaisesRegex(UserError, "not an apoderado"):
                arrivals.create(
                    {
                        "student_id": self.student.id,
                        "kind": "withdrawal",
                        "company_id": self.school.id,
                        **vals,
                    }
                )
        authorised = arrivals.create(
            {
                "student_id": self.student.id,
                "kind": "withdrawal",
                "company_id": self.school.id,
                "companion": "Abuela",
                "inspector_authorized": True,
            }
        )
        self.assertFalse(authorised.authorized_adult)
        with self.assertRaises(AccessError):
            self.env["school.attendance.arrival"].with_user(self.users["t_teacher"]).search([])

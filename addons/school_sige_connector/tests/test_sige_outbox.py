# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import json
import random

from stdnum.cl import rut as cl_rut

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from ..services.sige_client import run_check_digit
from .common import RBD, SigeOutboxCase


@tagged("post_install", "-at_install")
class TestSigeOutbox(SigeOutboxCase):
    def test_happy_path(self):
        day = datetime.date(2026, 3, 2)
        self._take(day, absent=self.other_student)
        self._run()
        send = self._send_of(day)
        self.assertEqual(send.state, "accepted")
        self.assertTrue(send.tracking_code)
        self.assertEqual(send.sent_hash, send.payload_hash)
        self.assertEqual(sorted(send.attempt_ids.mapped("operation")), ["add", "report"])
        envios = self._accepted(day)
        self.assertEqual(len(envios), 1)
        self.assertEqual(envios[0]["code"], send.tracking_code)
        self.assertEqual(
            sorted((c["letter"], c["present"], c["absent"]) for c in envios[0]["courses"]),
            [("A", ["22222222-2"], []), ("B", [], ["11111111-1"])],
        )
        # The other school days of the month wait, saying what blocks them.
        other = self._send_of(datetime.date(2026, 3, 3))
        self.assertEqual(other.state, "to_send")
        self.assertFalse(other.ready)
        self.assertIn(self.batch.name, other.blockers)
        self.assertIn("was not taken", other.blockers)
        self.assertFalse(self._accepted(datetime.date(2026, 3, 3)))
        # Running again sends nothing twice.
        self._past()
        self._run()
        self.assertEqual(len(self._accepted(day)), 1)

    def test_unsigned_block_blocks_the_day(self):
        day = datetime.date(2026, 3, 3)
        self._take(day, batches=self.batch)
        self._take(day, batches=self.other_batch, sign=False)
        self._run()
        send = self._send_of(day)
        self.assertEqual(send.state, "to_send")
        self.assertIn("is not signed", send.blockers)
        self.assertIn(self.other_batch.name, send.blockers)
        self.assertFalse(send.attempt_ids)
        self.env["school.attendance.session"].search(
            [("batch_id", "=", self.other_batch.id), ("date", "=", day)]
        ).with_user(self.inspector).action_sign()
        self._run()
        self.assertEqual(send.state, "accepted")
        self.assertFalse(send.blockers)

    def test_invalid_run_reported_not_dropped(self):
        day = datetime.date(2026, 3, 4)
        self._take(day)
        # A RUN that is not a RUN (stored as is, bypassing the form check).
        self.env.execute_query(
            SQL(
                "UPDATE res_partner SET school_id_number = '123' WHERE id = %s",
                self.student.partner_id.id,
            )
        )
        self.student.invalidate_recordset()
        self.student.partner_id.invalidate_recordset()
        self._run()
        send = self._send_of(day)
        self.assertEqual(send.state, "to_send")
        self.assertIn(self.student.name, send.student_issues)
        self.assertFalse(self._accepted(day))

    def test_transport_error_is_retried(self):
        day = datetime.date(2026, 3, 5)
        self._take(day)
        self.standin.inject("addAsistencia", "http_500")
        self._run()
        send = self._send_of(day)
        self.assertEqual(send.state, "failed")
        self.assertEqual(send.try_count, 1)
        self.assertTrue(send.next_try_at)
        self.assertTrue(send.attempt_ids.filtered(lambda a: a.outcome == "error"))
        # Not due yet: nothing happens.
        self._run()
        self.assertEqual(send.state, "failed")
        # Secretaría presses "send this day now".
        send.with_user(self.secretary).action_send_now()
        self.assertEqual(send.state, "accepted")
        self.assertEqual(len(self._accepted(day)), 1)

    def test_pending_waits_one_in_flight_per_rbd(self):
        first, second = datetime.date(2026, 3, 9), datetime.date(2026, 3, 10)
        self._take(first)
        self._take(second)
        self.standin.processing_delay = 3600
        self._run()
        self.assertEqual(self._send_of(first).state, "sent")
        # One send in flight per RBD: the second day was not even tried.
        self.assertEqual(self._send_of(second).state, "to_send")
        self.assertFalse(self._send_of(second).attempt_ids)
        self.assertFalse(self._accepted(second))
        # SIGE says "pending" (another system's send): the day waits.
        self.standin.advance(hours=2)
        self.standin.inject("addAsistencia", "pending")
        self._past()
        self._run()
        self.assertEqual(self._send_of(first).state, "accepted")
        second_send = self._send_of(second)
        self.assertEqual(second_send.state, "to_send")
        self.assertIn("earlier send", second_send.note)
        self.assertTrue(second_send.next_try_at)
        self._past()
        self._run()
        self.assertEqual(second_send.state, "sent")
        self.standin.advance(hours=2)
        second_send.with_user(self.secretary).action_poll()
        self.assertEqual(second_send.state, "accepted")
        self.assertEqual(len(self._accepted(second)), 1)

    def test_poll_backoff_grows(self):
        day = datetime.date(2026, 3, 11)
        self._take(day)
        self.standin.processing_delay = 3600
        self._run()
        send = self._send_of(day)
        delays = []
        for _i in range(3):
            before = fields.Datetime.now()
            send._school_poll()
            delays.append(send.next_poll_at - before)
        self.assertEqual(send.state, "sent")
        self.assertLess(delays[0], delays[1])
        self.assertLess(delays[1], delays[2])

    def test_faltante_rejected_with_cause(self):
        day = datetime.date(2026, 3, 12)
        self._take(day)
        extra = 20000004
        self.standin.set_roster(
            RBD,
            2026,
            110,
            3,
            "A",
            [self.student.school_id_number, "%d-%s" % (extra, run_check_digit(extra))],
        )
        self._run()
        send = self._send_of(day)
        self.assertEqual(send.state, "rejected")
        self.assertIn("FALTANTE", send.last_messages)
        self.assertIn(str(extra), send.explanation)
        self.assertIn("Secretaría", send.explanation)
        self.assertFalse(self._accepted(day))
        # Spanish for Secretaría.
        self.env["res.lang"]._activate_lang("es_CL")
        spanish = send.with_context(lang="es_CL").explanation
        self.assertIn(str(extra), spanish)
        self.assertIn("Causa", spanish)
        # Fixed in SIGE: sent again on request.
        self.standin.set_roster(RBD, 2026, 110, 3, "A", [self.student.school_id_number])
        send.with_user(self.secretary).action_send_now()
        self.assertEqual(send.state, "accepted")

    def test_report_observations(self):
        day = datetime.date(2026, 3, 13)
        self._take(day)
        message = "LETRA CURSO (A) RUN 22222222 RETIRADO O NO MATRICULADO."
        self.standin.inject("addAsistencia", "final", code=2, messages=[message])
        self._run()
        send = self._send_of(day)
        self.assertEqual(send.state, "observed")
        self.assertIn("RETIRADO", send.last_messages)
        self.assertIn("22222222", send.explanation)
        self.assertIn("register the student's enrolment in SIGE", send.explanation)

    def test_report_failed_faltante(self):
        day = datetime.date(2026, 3, 16)
        self._take(day)
        message = "LETRA CURSO (A) RUN 20000004 FALTANTE."
        self.standin.inject("addAsistencia", "final", code=3, messages=[message])
        self._run()
        send = self._send_of(day)
        self.assertEqual(send.state, "rejected")
        self.assertFalse(send.sent_hash)
        self.assertIn("20000004", send.explanation)

    def test_past_month_goes_to_manual_handling(self):
        day = datetime.date(2026, 3, 17)
        self._take(day)
        # SIGE already declares April: it refuses March.
        self.standin.set_now(datetime.datetime(2026, 4, 6, 9, 0))
        self._run()
        send = self._send_of(day)
        self.assertEqual(send.state, "manual")
        self.assertIn("17/03/2026", send.manual_reason)
        with self.assertRaises(UserError):
            send.with_user(self.secretary).action_send_now()
        # The connector's own calendar: days of a past month never sent are
        # flagged without asking SIGE.
        other = self._send_of(datetime.date(2026, 3, 18))
        self.assertEqual(other.state, "to_send")
        self._run(today=datetime.date(2026, 4, 6))
        self.assertEqual(other.state, "manual")
        self.assertFalse(other.attempt_ids)
        self.assertEqual(self.standin.envio_list(), [])

    def test_lost_answer_reconciles_to_one_send(self):
        day = datetime.date(2026, 3, 18)
        self._take(day)
        # SIGE processes the send and the connection drops before the answer.
        self.standin.inject("addAsistencia", "drop_after_processing")
        self._run()
        send = self._send_of(day)
        self.assertEqual(send.state, "failed")
        self.assertEqual(len(self._accepted(day)), 1)
        self._past()
        self._run()
        self.assertEqual(send.state, "accepted")
        envios = self._accepted(day)
        self.assertEqual(len(envios), 1)
        self.assertEqual(send.tracking_code, envios[0]["code"])

    def test_crash_after_answer_reconciles(self):
        # SIGE answered, then our transaction died (a worker killed).
        day = datetime.date(2026, 3, 20)
        self._take(day)
        self.send_model._school_prepare(self.backend, day, day)
        send = self._send_of(day)
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            send._school_send()
            self.assertEqual(send.state, "sent")
            raise RuntimeError("killed between SIGE's answer and the bookkeeping")
        send.invalidate_recordset()
        self.assertEqual(send.state, "to_send")
        self.assertFalse(send.attempt_ids)
        self.assertEqual(len(self._accepted(day)), 1)
        self._run()
        self.assertEqual(send.state, "accepted")
        self.assertEqual(len(self._accepted(day)), 1)
        self.assertEqual(send.tracking_code, self._accepted(day)[0]["code"])

    def test_changed_after_sending_resends_and_keeps_history(self):
        day = datetime.date(2026, 3, 23)
        self._take(day)
        self._run()
        send = self._send_of(day)
        self.assertEqual(send.state, "accepted")
        first_code = send.tracking_code
        line = self.env["school.attendance.line"].search(
            [("student_id", "=", self.student.id), ("date", "=", day), ("block", "=", 2)]
        )
        codes = self.env["school.attendance.code"]._school_code_map()
        # A change SIGE does not see (present to late: present for SIGE)
        # does not resend.
        self.env["school.attendance.line"].sudo()._school_write_marks(
            changes=[(line, {"code_id": codes["late"][0], "late_minutes": 5})]
        )
        self.assertEqual(send.state, "accepted")
        # An approved correction: the student was absent (the class book's
        # own path, as school.attendance.correction writes it).
        absent = codes["absent"][0]
        self.env["school.attendance.line"].sudo()._school_write_marks(
            changes=[(line, {"code_id": absent})], reason="correction"
        )
        self.assertEqual(send.state, "changed")
        self._run()
        self.assertEqual(send.state, "accepted")
        self.assertNotEqual(send.tracking_code, first_code)
        envios = self._accepted(day)
        self.assertEqual(len(envios), 2)
        self.assertEqual(envios[0]["replaced_by"], envios[1]["code"])
        self.assertIn("22222222-2", envios[1]["courses"][0]["absent"])
        adds = send.attempt_ids.filtered(lambda a: a.operation == "add")
        self.assertEqual(len(adds), 2)
        self.assertEqual(len(set(adds.mapped("payload_hash"))), 2)

    def test_validate_students(self):
        day = datetime.date(2026, 3, 24)
        self._take(day)
        self.standin.add_ficha(self.student.school_id_number, "Ana", "Tour", "")
        # The round asks SIGE about the students never checked, before the
        # send: the one SIGE does not know is reported, the day still goes.
        self._run()
        checks = self.env["school.sige.student.check"].search([("company_id", "=", self.school.id)])
        result = {c.student_id: c.result for c in checks}
        self.assertEqual(result[self.student], "ok")
        self.assertEqual(result[self.other_student], "unknown")
        self.assertIn("registers the student in SIGE", checks.filtered("note").note)
        send = self._send_of(day)
        self.assertEqual(send.state, "accepted")
        self.assertIn(self.other_student.name, send.student_issues)
        self.assertNotIn(self.student.name, send.student_issues)
        # Registered in SIGE since: "validate students" again.
        self.standin.add_ficha(self.other_student.school_id_number, "Bruno", "Otro", "")
        send.with_user(self.secretary).action_validate_students()
        self.assertEqual(set(checks.mapped("result")), {"ok"})

    def test_callers(self):
        day = datetime.date(2026, 3, 25)
        self._take(day)
        self._run()
        send = self._send_of(day)
        for login in ("t_teacher", "t_head"):
            with self.assertRaises(AccessError):
                send.with_user(self.users[login]).action_send_now()
            with self.assertRaises(AccessError):
                send.with_user(self.users[login]).read(["state"])
        with self.assertRaises(AccessError):
            send.with_user(self.guardian_user).read(["state"])
        with self.assertRaises(AccessError):
            send.with_user(self.secretary).write({"state": "accepted"})
        with self.assertRaises(AccessError):
            self.send_model.with_user(self.secretary).create(
                {
                    "company_id": self.school.id,
                    "backend_id": self.backend.id,
                    "date": day,
                    "teaching_code": "110",
                    "grade_code": 4,
                }
            )

    def test_crons(self):
        """The crons by their methods: the daily send at the school's hour,
        polling, the catch-up; a school that fails does not stop another."""
        today = self.env["school.calendar"].school_today(self.school)
        days = self.env["school.calendar"]._school_month_days(self.school, today)
        day = max(d for d in days if d <= today) if any(d <= today for d in days) else None
        if not day or not self.batch.end_date or day > self.batch.end_date:
            self.skipTest("no school day of the test courses this month")
        self.standin.use_real_clock()
        self._take(day)
        # Another school whose agreement has no token: it fails alone.
        broken_course = self.env["op.course"].create(
            {
                "name": "1° básico",
                "code": "O-B1",
                "school_level": "basica",
                "sige_teaching_code": "110",
                "sige_grade_code": 1,
                "company_id": self.other_school.id,
            }
        )
        self.other_school.write(
            {"school_rbd": "9876", "school_rbd_dv": cl_rut.calc_check_digit("9876")}
        )
        broken_batch = self.env["op.batch"].create(
            {
                "name": "1° básico A",
                "code": "O-B1A",
                "course_id": broken_course.id,
                "start_date": day.replace(day=1),
                "end_date": day + datetime.timedelta(days=60),
                "sige_letter": "A",
                "company_id": self.other_school.id,
            }
        )
        self.env["school.attendance.session"].with_company(self.other_school).create(
            {"batch_id": broken_batch.id, "date": day, "block": 2}
        )._school_sign()
        broken = self.env["school.sige.backend"].create(
            {"name": "Sin token", "company_id": self.other_school.id, "send_hour": 0.0}
        )
        self.backend.send_hour = 0.0
        with self.assertLogs("odoo.addons.school_base.tools.cron_batches", "ERROR"):
            failed = self.env["school.sige.backend"]._cron_daily_send()
        self.assertEqual(failed, [self.other_school.name])
        self.assertEqual(self._send_of(day).state, "accepted")
        self.assertEqual(self.backend.last_daily_send, today)
        self.assertFalse(broken.last_daily_send)
        # Once a day.
        with self.assertLogs("odoo.addons.school_base.tools.cron_batches", "ERROR"):
            again = self.env["school.sige.backend"]._cron_daily_send()
        self.assertEqual(again, [self.other_school.name])
        self.assertEqual(len(self._accepted(day)), 1)
        self.env["school.sige.backend"]._cron_poll()
        with self.assertLogs("odoo.addons.school_base.tools.cron_batches", "ERROR"):
            self.env["school.sige.backend"]._cron_catch_up()
        self.assertEqual(len(self._accepted(day)), 1)

    def test_random_month_no_day_lost_none_twice(self):
        """A month of sends with faults injected at random (seeded): every
        school day ends accepted, and SIGE holds each day once."""
        days = [
            d
            for d in self.env["school.calendar"]._school_month_days(self.school, self.today)
            if d <= self.today
        ]
        rng = random.Random(11)
        for day in days:
            absent = self.student if rng.random() < 0.1 else self.env["op.student"]
            self._take(day, absent=absent)
        faults = [
            ("addAsistencia", "http_500"),
            ("addAsistencia", "drop_after_processing"),
            ("addAsistencia", "pending"),
            ("addAsistencia", "soap_fault"),
            ("addAsistencia", "empty_body"),
            ("addAsistencia", "truncated"),
            ("getReporteEnvioAsistencia", "report_not_ready"),
            ("getReporteEnvioAsistencia", "http_500"),
            ("getReporteEnvioAsistencia", "drop"),
            ("getSemillaServicios", "http_status"),
        ]
        for index, (operation, fault) in enumerate(faults):
            self.standin.inject(operation, fault, count=None, probability=0.15, seed=index)
        sends = self.send_model
        for _round in range(60):
            self._run()
            sends = self.send_model.search([("company_id", "=", self.school.id)])
            if all(s.state == "accepted" for s in sends):
                break
            self._past()
        self.assertEqual(sorted(sends.mapped("date")), days)
        self.assertEqual(set(sends.mapped("state")), {"accepted"})
        by_key = self.standin.accepted_by_key()
        for day in days:
            self.assertEqual(len(by_key[(RBD, 2026, 110, 3, day)]), 1, day)
        self.assertEqual(len(by_key), len(days))
        # The faults did happen, and were retried.
        faulted = [call for call in self.standin.calls if call["faults"]]
        self.assertGreater(len(faulted), 10)
        self.assertTrue(sends.attempt_ids.filtered(lambda a: a.outcome == "error"))
        self.assertTrue(sends.attempt_ids.filtered(lambda a: a.operation == "add" and a.code == 2))
        for send in sends:
            payload = json.loads(send.payload)
            self.assertEqual(by_key[(RBD, 2026, 110, 3, send.date)][0]["code"], send.tracking_code)
            self.assertEqual(payload["date"], send.date.isoformat())

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DisciplineCase, end_of, utc


@tagged("post_install", "-at_install")
class TestDisciplineDueProcess(DisciplineCase):
    """Variant A (MC 8.2): 2 business days for descargos, resolution,
    reconsideration and final resolution, on the school calendar."""

    def test_holiday_inside_the_window(self):
        # Notice on Wednesday 20 May 2026; Thursday 21 is Día de las Glorias
        # Navales: descargos run Friday 22 and Monday 25.
        case = self.new_case()
        # Whoever closes the step, the day ends in the school's time zone.
        self.users["t_inspector"].tz = "Asia/Tokyo"
        notice, descargos = self.step(case, "A1"), self.step(case, "A2")
        self.assertFalse(notice.deadline, "MC 8.2 gives the notice no deadline")
        self.assertFalse(descargos.deadline, "its clock starts with the notice")
        with freeze_time(utc(2026, 5, 20, 15)):
            notice.action_done("Correo enviado; recepción confirmada por teléfono.")
        self.assertEqual(descargos.deadline, end_of(2026, 5, 25))
        self.assertEqual(notice.deadline_met, False)

    def test_weekend_start(self):
        case = self.new_case(knowledge=utc(2026, 6, 5, 16))
        with freeze_time(utc(2026, 6, 6, 11)):  # a Saturday
            self.step(case, "A1").action_done("Agenda")
        self.assertEqual(self.step(case, "A2").deadline, end_of(2026, 6, 9))

    def test_deadline_missed(self):
        """No descargos: the cron closes the window, the resolution clock
        starts from its end, and an overdue step gives Inspectoría an activity."""
        case = self.new_case()
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(case, "A1").action_done("Correo")
        with freeze_time(utc(2026, 5, 26, 9)):
            self.env["school.discipline.case.step"]._cron_deadlines()
        descargos, resolution = self.step(case, "A2"), self.step(case, "A3")
        self.assertEqual((descargos.state, descargos.deadline_met), ("expired", "missed"))
        self.assertEqual(resolution.start_datetime, descargos.deadline)
        self.assertEqual(resolution.deadline, end_of(2026, 5, 27))
        with freeze_time(utc(2026, 5, 29, 9)):
            self.env["school.discipline.case.step"]._cron_deadlines()
        activity = case.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.users["t_inspector"])
        self.assertIn(resolution.name, activity.summary)
        case_as_inspector = case.with_user(self.users["t_inspector"])
        case_as_inspector.write(
            {"sanction_id": self.s6.id, "sanction_days": 2, "measure_ids": [self.m01.id]}
        )
        with freeze_time(utc(2026, 5, 29, 10)):
            self.step(case_as_inspector, "A3").action_done()
        self.assertEqual(resolution.deadline_met, "missed")
        self.assertTrue(
            self.env["school.discipline.case.step"].search_count(
                [("case_id", "=", case.id), ("deadline_met", "=", "missed")]
            )
            == 2
        )

    def test_late_submission_refused_with_deadline(self):
        case = self.new_case()
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(case, "A1").action_done("Correo")
        with (
            freeze_time(utc(2026, 5, 26, 9)),
            self.assertRaisesRegex(UserError, "25/05/2026 23:59"),
        ):
            self.step(case, "A2").action_register_submission("Descargos tardíos")
        with freeze_time(utc(2026, 5, 25, 18)):
            self.step(case, "A2").action_register_submission("Descargos a tiempo")
        self.assertEqual(self.step(case, "A2").deadline_met, "met")

    def test_no_reconsideration_closes_the_case(self):
        case = self.new_case()
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(case, "A1").action_done("Correo")
        with freeze_time(utc(2026, 5, 22, 9)):
            self.step(case, "A2").action_register_submission("No fui yo.")
            case.write(
                {"sanction_id": self.s6.id, "sanction_days": 1, "measure_ids": [self.m01.id]}
            )
            self.step(case, "A3").action_done("Resolución notificada por correo")
        self.assertEqual(self.step(case, "A4").deadline, end_of(2026, 5, 26))
        with freeze_time(utc(2026, 5, 27, 9)):
            self.env["school.discipline.case.step"]._cron_deadlines()
        self.assertEqual(self.step(case, "A4").state, "expired")
        self.assertEqual(self.step(case, "A5").state, "skipped")
        self.assertEqual(case.state, "closed")
        measures = case.student_id.school_discipline_entry_ids.filtered(
            lambda e: e.kind == "measures" and e.book == "hoja_vida"
        )
        self.assertIn("Suspensión de clases o actividades, 1 días hábiles", measures.description)
        self.assertIn("medidas de apoyo pedagógico", measures.description)
        self.assertNotIn("Diálogo", measures.description, "details stay in the ficha")

    def test_notice_sent_and_receipt(self):
        case = self.new_case()
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(case, "A1").action_done("Correo")
        notice = case.message_ids.filtered(lambda m: self.parent.name in m.partner_ids)
        self.assertEqual(len(notice), 1)
        self.assertIn("Descargos y medios de prueba", notice.body)
        with self.assertRaisesRegex(UserError, "sent no notice"):
            self.step(case, "A2").action_confirm_receipt()
        self.step(case, "A1").action_confirm_receipt(via="phone")
        self.assertEqual(self.step(case, "A1").receipt_via, "phone")

    def test_condicionalidad_reviewed_each_semester(self):
        case = self.new_case()
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(case, "A1").action_done("Correo")
            case.action_waive()
            case.write({"sanction_id": self.s7.id, "measure_ids": [self.m01.id]})
            self.step(case, "A3").action_done()
        self.assertEqual(case.state, "closed")
        review = case.activity_ids.filtered(lambda a: "condicionalidad" in a.summary)
        self.assertEqual(review.user_id, self.users["t_director"])
        self.assertEqual(str(review.date_deadline), "2026-07-31")

    def test_voluntary_waiver(self):
        case = self.new_case()
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(case, "A1").action_done("Correo")
        with self.assertRaises(UserError):
            self.new_case().action_waive()  # notice not given yet: no descargos stage open
        with freeze_time(utc(2026, 5, 22, 9)):
            case.action_waive()
        self.assertTrue(case.waiver)
        self.assertEqual(self.step(case, "A2").state, "done")
        self.assertEqual(
            [self.step(case, code).state for code in ("A4", "A5")], ["skipped", "skipped"]
        )
        self.assertEqual(self.step(case, "A3").deadline, end_of(2026, 5, 26))
        case.write({"sanction_id": self.s6.id, "sanction_days": 2, "measure_ids": [self.m01.id]})
        self.step(case, "A3").action_done()
        self.assertEqual(case.state, "closed")

    def test_guardian_fault_procedure(self):
        guardian_case = self.env_as("t_inspector")["school.discipline.case"].create(
            {
                "type_id": self.env.ref("school_discipline.school_discipline_case_type_dp_f").id,
                "guardian_partner_id": self.parent.name.id,
                "student_id": self.student.id,
                "fault_id": self.env.ref("school_discipline.school_discipline_fault_p_g05").id,
                "knowledge_datetime": utc(2026, 5, 20, 10),
            }
        )
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(guardian_case, "F1").action_done("Entrevista")
        self.assertEqual(self.step(guardian_case, "F2").deadline, end_of(2026, 5, 25))
        with freeze_time(utc(2026, 5, 22, 9)):
            self.step(guardian_case, "F2").sudo().action_register_submission("Descargos")
        guardian_case.write({"sanction_id": self.s6.id, "sanction_days": 2})
        with self.assertRaisesRegex(UserError, "does not apply"):
            self.step(guardian_case, "F3").with_user(self.users["t_director"]).action_done()
        ban = self.env.ref("school_discipline.school_discipline_sanction_ps1")
        pm2 = self.env.ref("school_discipline.school_discipline_measure_pm2")
        guardian_case.write({"sanction_id": ban.id, "sanction_days": 30, "measure_ids": [pm2.id]})
        self.step(guardian_case, "F3").with_user(self.users["t_director"]).action_done()
        self.assertEqual(self.step(guardian_case, "F3").state, "done")

    def test_order_roles_and_append_only(self):
        case = self.new_case()
        resolution = self.step(case, "A3")
        with self.assertRaisesRegex(UserError, "has not started"):
            resolution.action_done()
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(case, "A1").action_done("Correo")
        # The resolution waits for the descargos (their window or a submission).
        with freeze_time(utc(2026, 5, 21, 9)), self.assertRaisesRegex(UserError, "has not started"):
            resolution.with_user(self.users["t_inspector"]).action_done()
        with self.assertRaisesRegex(UserError, "cannot be skipped"):
            self.step(case, "A2").action_skip("No")
        # History is written by the actions only, never over RPC.
        inspector = self.users["t_inspector"]
        with self.assertRaisesRegex(UserError, "append-only"):
            self.step(case, "A2").with_user(inspector).write({"deadline": utc(2026, 12, 1)})
        with self.assertRaisesRegex(UserError, "never changed"):
            self.step(case, "A1").with_user(inspector).write({"attachment_ids": [(6, 0, [])]})
        with self.assertRaisesRegex(UserError, "case's actions"):
            case.with_user(inspector).write({"state": "closed"})

    def test_written_submission_received_on_time(self):
        case = self.new_case()
        with freeze_time(utc(2026, 5, 20, 15)):
            self.step(case, "A1").action_done("Correo")
        # Registered on Wednesday, the letter arrived on Monday: on time.
        with freeze_time(utc(2026, 5, 27, 9)):
            self.step(case, "A2").action_register_submission(
                "Carta del apoderado", received_at=utc(2026, 5, 25, 17)
            )
        self.assertEqual(self.step(case, "A2").state, "done")

    def test_skip_needs_role_and_reason(self):
        p1 = self.env["school.discipline.case.type"].search([("code", "=", "CT-I")])
        case = self.new_case(case_type=p1, login="t_convivencia")
        denuncia = self.step(case, "I1").with_user(self.users["t_convivencia"])
        with self.assertRaisesRegex(UserError, "is done by Director"):
            denuncia.action_skip("No es delito")
        with self.assertRaisesRegex(UserError, "write why"):
            self.step(case, "I1").with_user(self.users["t_director"]).action_skip()
        self.step(case, "I1").with_user(self.users["t_director"]).action_skip("No es delito")
        self.assertEqual(self.step(case, "I1").state, "skipped")

    def test_cancellation_procedure_variant_b(self):
        """MC 8.3 II: the Consejo de Profesores before the Director's
        resolution; 15 business days to ask for reconsideration."""
        case = self.new_case(case_type=self.type_b, fault=self.gg01)
        director = self.users["t_director"]
        with freeze_time(utc(2026, 8, 3, 10)):
            self.step(case, "B1").with_user(director).action_done("Carta certificada")
        self.assertEqual(self.step(case, "B2").deadline, end_of(2026, 8, 5))
        with freeze_time(utc(2026, 8, 4, 10)):
            self.step(case, "B2").action_register_submission("Descargos")
            self.step(case, "B3").with_user(director).action_done("Acta n.º 9: consultado")
        self.assertIn("Acta n.º 9", case.council_minutes)
        case.write({"sanction_id": self.s11.id, "measure_ids": [self.m01.id]})
        with freeze_time(utc(2026, 8, 5, 10)):
            self.step(case, "B4").with_user(director).action_done("Resolución")
        # 15 business days; Asunción de la Virgen (Saturday 15 August) changes nothing.
        self.assertEqual(self.step(case, "B5").deadline, end_of(2026, 8, 26))

    def test_broken_condicionalidad_variant_c(self):
        """MC 8.3 II: cancellation for a broken condicionalidad, with the
        Director notifying and 15 business days for reconsideration; the
        window crosses the winter break the school declared non-academic."""
        dp_c = self.env.ref("school_discipline.school_discipline_case_type_dp_c")
        self.env["school.calendar.day"].create(
            [
                {
                    "company_id": self.school.id,
                    "name": "Vacaciones de invierno",
                    "date": "2026-07-%02d" % day,
                    "day_type": "non_academic",
                }
                for day in (13, 14, 15, 16, 17)
            ]
        )
        condition = self.new_case(fault=self.g07)
        condition.write({"sanction_id": self.s7.id, "measure_ids": [self.m01.id]})
        condition.sudo().write({"state": "closed"})
        condition.with_user(self.users["t_director"]).action_mark_condition_broken()
        case = self.new_case(case_type=dp_c, fault=self.g07)
        director = self.users["t_director"]
        with freeze_time(utc(2026, 7, 1, 10)):
            self.step(case, "C1").with_user(director).action_done("Carta")
            self.step(case, "C2").action_register_submission("Descargos")
            self.step(case, "C3").with_user(director).action_done("Acta n.º 5")
        case.write(
            {
                "sanction_id": self.s10.id,
                "measure_ids": [self.m01.id],
                "condition_case_id": condition.id,
            }
        )
        with freeze_time(utc(2026, 7, 2, 10)):
            self.step(case, "C4").with_user(director).action_done("Resolución")
        # 15 business days from Thursday 2 July, skipping 13-17 July.
        self.assertEqual(self.step(case, "C5").deadline, end_of(2026, 7, 30))

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

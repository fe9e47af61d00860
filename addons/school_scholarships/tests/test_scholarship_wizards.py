# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .test_scholarship_discretionary import DiscretionaryCase


@tagged("post_install", "-at_install")
class TestScholarshipWizards(DiscretionaryCase):
    """The backend forms only collect values: the models' steps decide."""

    def _wizard(self, user, mode):
        env = self.env(user=user, context={"default_process_id": self.process.id})
        return Form(env["school.scholarship.award.wizard"].with_context(default_mode=mode))

    def test_commission_adds_a_child_of_staff_exemption(self):
        app = self.apps[0]
        form = self._wizard(self.commission_user, "add")
        form.application_id = app
        form.type_id = self.staff_type
        # The type's full exemption and the staff parent found are proposed.
        self.assertEqual(form.percentage, 100)
        self.assertEqual(form.staff_employee_id, self.staff_parent)
        form.reason = "Hija de docente del establecimiento"
        action = form.save().action_confirm()
        self.assertEqual(action["res_id"], app.id)
        award = app.award_ids
        self.assertEqual(
            (award.type_id, award.staff_employee_id), (self.staff_type, self.staff_parent)
        )
        self.assertEqual(award.log_ids.reason, "Hija de docente del establecimiento")

    def test_mid_year_grant_and_appeal_answer_through_the_forms(self):
        award = self.env["school.scholarship.award"].with_user(self.commission_user)
        a, b = self.apps[:2]
        award.action_add(a.id, self.socio.id, 100, "Mayor puntaje")
        award.action_add(b.id, self.socio.id, 100, "Segundo puntaje")
        self.process.with_user(self.commission_user).action_confirm_allocation()
        self.process.sudo().state = "results"
        # The commission may open the form, not grant during the year.
        form = self._wizard(self.commission_user, "mid_year")
        form.student_id = self.apps[2].student_id
        form.type_id = self.sostenedor_type
        form.percentage = 30
        form.reason = "Cesantía"
        with self.assertRaises(AccessError):
            form.save().action_confirm()
        form = self._wizard(self.sostenedor_user, "mid_year")
        form.student_id = self.apps[2].student_id
        form.type_id = self.sostenedor_type
        form.percentage = 30
        form.reason = "Cesantía del padre en mayo"
        form.save().action_confirm()
        self.assertEqual(self.apps[2].state, "awarded")
        self.assertTrue(self.apps[2].award_ids.mid_year)
        # An appeal answered through its form.
        appeal = (
            self.env["school.scholarship.appeal"].sudo()._file(self.apps[3], "Nuevos antecedentes")
        )
        env = self.env(user=self.commission_user, context={"default_appeal_id": appeal.id})
        answer = Form(env["school.scholarship.appeal.wizard"])
        answer.decision = "Sin antecedentes nuevos que cambien el resultado"
        answer.save().action_confirm()
        self.assertEqual(appeal.state, "dismissed")
        self.assertEqual(appeal.decided_by_id, self.commission_user)

    def test_commission_changes_and_removes_a_row_with_its_reason(self):
        model = self.env["school.scholarship.award"].with_user(self.commission_user)
        a, b = self.apps[:2]
        first = model.action_add(a.id, self.socio.id, 100, "Mayor puntaje")
        second = model.action_add(b.id, self.socio.id, 50, "Segundo puntaje")
        env = self.env(
            user=self.commission_user,
            context={"default_process_id": self.process.id, "default_award_id": first.id},
        )
        # Change: the row's type and percentage are proposed, the reason is asked.
        form = Form(env["school.scholarship.award.wizard"].with_context(default_mode="adjust"))
        self.assertEqual((form.type_id, form.percentage), (self.socio, 100))
        form.percentage = 60
        form.reason = "Se reparte una beca completa en dos parciales"
        form.save().action_confirm()
        self.assertEqual(first.percentage, 60)
        self.assertEqual(
            first.log_ids.sorted("id")[-1:].mapped(
                lambda log: (log.old_percentage, log.new_percentage, log.reason)
            ),
            [(100, 60, "Se reparte una beca completa en dos parciales")],
        )
        # Remove: no percentage asked; the log keeps the trace without the row.
        env = env(context=dict(env.context, default_award_id=second.id))
        form = Form(env["school.scholarship.award.wizard"].with_context(default_mode="remove"))
        form.reason = "Renuncia informada por el apoderado"
        form.save().action_confirm()
        self.assertFalse(second.exists())
        log = self.env["school.scholarship.award.log"].search(
            [("application_id", "=", b.id)], order="id desc", limit=1
        )
        self.assertEqual((log.new_percentage, log.user_id), (0.0, self.commission_user))
        # A teacher cannot change a row through the form either.
        env = self.env(
            user=self.users["t_teacher"],
            context={"default_process_id": self.process.id, "default_award_id": first.id},
        )
        with self.assertRaises(AccessError):
            wizard = env["school.scholarship.award.wizard"].create(
                {
                    "process_id": self.process.id,
                    "award_id": first.id,
                    "mode": "adjust",
                    "percentage": 100,
                    "reason": "x",
                }
            )
            wizard.action_confirm()

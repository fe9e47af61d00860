# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestAttendanceCode(TransactionCase):
    def test_siagie_legend_and_sige_split(self):
        codes = self.env["school.attendance.code"].search([])
        letters = {c.siagie_letter: c for c in codes if c.siagie_letter}
        # Seed 004: ". F T J U".
        self.assertEqual(set(letters), {".", "F", "T", "J", "U"})
        self.assertEqual(letters["."].sige_status, "present")
        self.assertEqual(letters["F"].sige_status, "absent")
        self.assertEqual(letters["J"].sige_status, "absent")
        self.assertTrue(letters["T"].is_late and letters["U"].is_late)
        self.assertTrue(letters["U"].is_justified)
        not_counted = codes.filtered(lambda c: c.sige_status == "not_counted")
        self.assertEqual(
            set(not_counted.mapped("code")),
            {"non_academic", "not_enrolled", "transfer", "withdrawn", "deceased"},
        )
        self.assertFalse(any(not_counted.mapped("counts_as_school_day")))

    def test_rights(self):
        teacher = new_test_user(
            self.env, login="att_teacher", groups="school_base.school_base_group_teacher"
        )
        director = new_test_user(
            self.env, login="att_director", groups="school_base.school_base_group_director"
        )
        code = self.env.ref("school_attendance_cl.school_attendance_code_late")
        self.assertEqual(code.with_user(teacher).siagie_letter, "T")
        with self.assertRaises(AccessError):
            code.with_user(teacher).write({"siagie_letter": "X"})
        code.with_user(director).write({"name": "Atraso"})
        self.assertEqual(code.name, "Atraso")

    def test_keys_cannot_change(self):
        """A renamed key made every later save of a block fail (KeyError):
        keys are fixed once a code exists; the shipped codes stay."""
        director = new_test_user(
            self.env, login="att_director", groups="school_base.school_base_group_director"
        )
        codes = self.env["school.attendance.code"].with_user(director)
        late = codes.browse(self.env.ref("school_attendance_cl.school_attendance_code_late").id)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            late.write({"code": "tarde"})
        late.write({"code": "late", "name": "Atrasado"})  # the same key: harmless
        absent = codes.browse(self.env.ref("school_attendance_cl.school_attendance_code_absent").id)
        with self.assertRaises(UserError):
            absent.write({"active": False})
        with self.assertRaises(UserError):
            absent.unlink()
        self.assertIn("late", codes._school_code_map())
        self.assertIn("absent", codes._school_code_map())
        # A school's own code: its key is fixed too, but it can be archived.
        own = codes.create({"name": "Suspendido", "code": "suspended", "sige_status": "absent"})
        with self.assertRaises(UserError):
            own.write({"code": "suspension"})
        own.write({"active": False})
        self.assertFalse(own.active)

    @mute_logger("odoo.sql_db")
    def test_code_unique(self):
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["school.attendance.code"].create({"name": "Dup", "code": "present"})
            self.env.flush_all()

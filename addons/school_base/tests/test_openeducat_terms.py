# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestOpenEduCatTerms(TransactionCase):
    """OpenEduCat's Spanish is wrong in places (blood group B- as "Banda",
    teachers as "facultades"), and so is Odoo's Chilean login page; ours
    (school_base/i18n_extra) replaces them."""

    def _blood_groups(self, model):
        field = self.env[model].with_context(lang="es_CL").fields_get(["blood_group"])
        return dict(field["blood_group"]["selection"])

    def test_blood_groups(self):
        expected = {
            "A+": "A+",
            "A-": "A-",
            "B+": "B+",
            "B-": "B-",
            "AB+": "AB+",
            "AB-": "AB-",
            "O+": "O+",
            "O-": "O-",
        }
        self.assertEqual(self._blood_groups("op.student"), expected)
        self.assertEqual(self._blood_groups("op.faculty"), expected)
        # The field's label is OpenEduCat's (right) one.
        label = self.env["op.student"].with_context(lang="es_CL").fields_get(["blood_group"])
        self.assertEqual(label["blood_group"]["string"], "Grupo sanguíneo")

    def test_student_form_labels(self):
        fields = (
            self.env["op.student"]
            .with_context(lang="es_CL")
            .fields_get(["partner_id", "zip"], ["string"])
        )
        self.assertEqual(fields["partner_id"]["string"], "Contacto")  # not "Pareja"
        self.assertEqual(fields["zip"]["string"], "Código postal")  # not "Cremallera"
        arch = self.env.ref("openeducat_core.view_op_student_form").with_context(lang="es_CL")
        self.assertIn("Información personal", arch.arch_db)
        self.assertNotIn("CREMALLERA", arch.arch_db)

    def test_teachers_are_not_faculties(self):
        env = self.env(context={"lang": "es_CL"})
        action = env.ref("openeducat_core.act_open_op_faculty_view")
        self.assertEqual(action.name, "Docentes")
        self.assertEqual(env.ref("openeducat_core.menu_op_faculty_root").name, "Docentes")
        self.assertEqual(env["ir.model"]._get("op.faculty").name, "Docente")

    def test_an_update_of_openeducat_does_not_bring_its_terms_back(self):
        """OpenEduCat's own translation written again (its update, a
        language loaded anew): school_base's update puts ours back."""
        selection = self.env.ref("openeducat_core.selection__op_student__blood_group__b-")
        selection.update_field_translations("name", {"es_CL": "Banda"})
        self.env.registry.clear_cache()
        self.assertEqual(self._blood_groups("op.student")["B-"], "Banda")
        self.env["res.lang"]._school_override_translations()
        self.assertEqual(self._blood_groups("op.student")["B-"], "B-")

    def test_login_page(self):
        """Odoo's own es_CL has the login button read "Usuario"."""
        arch = self.env.ref("web.login").with_context(lang="es_CL").arch_db
        self.assertIn("Iniciar sesión", arch)
        self.assertIn("Correo electrónico", arch)
        self.assertNotIn(">Usuario<", arch)

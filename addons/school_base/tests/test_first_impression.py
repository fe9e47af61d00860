# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SchoolCase


@tagged("post_install", "-at_install")
class TestSpanishByDefault(HttpCase, SchoolCase):
    def test_database_speaks_chilean_spanish(self):
        self.assertTrue(self.env["res.lang"]._lang_get("es_CL"))
        self.assertEqual(self.env["ir.default"]._get("res.partner", "lang"), "es_CL")
        user = new_test_user(self.env, login="t_new_user", groups="base.group_user")
        self.assertEqual(user.lang, "es_CL")
        for website in self.env["website"].search([]):
            self.assertEqual(website.default_lang_id.code, "es_CL")
            self.assertNotIn("en_US", website.language_ids.mapped("code"))
            self.assertNotIn("My Website", website.name)

    def test_school_in_peru_asks_for_peruvian_spanish(self):
        cron = self.env.ref("school_base.ir_cron_school_languages")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self.env["res.company"].create(
            {"name": "Colegio Lima", "country_id": self.env.ref("base.pe").id}
        )
        self.assertIn("es_PE", self.env["res.lang"]._school_lang_codes())
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers
        )

    def test_login_page_in_spanish_without_template_placeholders(self):
        # An English browser still gets the school's Spanish.
        page = self.url_open("/web/login", headers={"Accept-Language": "en-US,en;q=0.9"})
        self.assertEqual(page.status_code, 200)
        self.assertIn('lang="es-CL"', page.text)
        self.assertIn("Contraseña", page.text)
        for placeholder in (
            "| My Website",
            "+1 555",
            "About us",
            "Products",
            "Powered by",
            "Create a free website",
            "info@yourcompany",
        ):
            self.assertNotIn(placeholder, page.text)
        website = self.env["website"].get_current_website()
        self.assertIn("<title>", page.text)
        self.assertIn("| %s</title>" % website.name, page.text.replace("\n", ""))
        # No website pages: the root is the login page.
        root = self.url_open("/", allow_redirects=False)
        self.assertIn(root.status_code, (302, 303))
        self.assertTrue(root.headers["Location"].endswith("/web/login"))


@tagged("post_install", "-at_install")
class TestLanding(HttpCase, SchoolCase):
    def _landing(self, login):
        self.users.get(login, self.guardian_user).password = login
        self.authenticate(None, None)
        response = self.url_open(
            "/web/login",
            data={"login": login, "password": login, "csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        return response.headers["Location"]

    def test_teacher_lands_in_the_portal(self):
        teacher = self.users["t_teacher"]
        landing = teacher._school_landing_url()
        self.assertTrue(landing.startswith("/my"))
        self.assertTrue(self._landing("t_teacher").endswith(landing))

    def test_guardian_lands_on_their_children(self):
        self.assertTrue(self._landing("t_guardian").endswith("/my/school"))

    def test_sostenedor_keeps_the_backend(self):
        landing = self.users["t_sostenedor"]._school_landing_url()
        self.assertFalse(landing and landing.startswith("/my"))
        self.assertIn("/odoo", self._landing("t_sostenedor"))


@tagged("post_install", "-at_install")
class TestSchoolMenus(SchoolCase):
    HIDDEN = (
        "website.menu_website_configuration",
        "hr.menu_hr_root",
        "openeducat_core.menu_op_school_root",
        "openeducat_parent.menu_op_parent_root",
        "base.menu_management",
    )

    def _roots(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        return {menus[menu_id]["xmlid"] for menu_id in menus["root"]["children"]}

    def test_school_roles_see_only_school_apps(self):
        # The sostenedor administers OpenEduCat (its Back Office Admin implies
        # Settings): like any Settings administrator, it sees every app.
        for login in ("t_teacher", "t_head", "t_secretary", "t_inspector", "t_director"):
            roots = self._roots(self.users[login])
            self.assertIn("school_base.school_base_menu_root", roots, login)
            self.assertFalse(roots & set(self.HIDDEN), login)

    def test_admin_sees_every_app(self):
        admin = self.env.ref("base.user_admin")
        roots = self._roots(admin)
        self.assertIn("website.menu_website_configuration", roots)
        self.assertIn("openeducat_core.menu_op_school_root", roots)
        self.assertIn("base.menu_management", roots)


@tagged("post_install", "-at_install")
class TestDemoSchoolStandsAlone(SchoolCase):
    """The demo data of the suite (the suite's tests install it)."""

    def test_openeducat_demo_records_outside_the_demo_school(self):
        school = self.env["res.company"].search([("school_rbd", "=", "2963")])
        self.assertEqual(len(school), 1)
        oec_student = self.env.ref("openeducat_core.op_student_1")
        oec_course = self.env.ref("openeducat_core.op_course_2")
        self.assertNotIn(oec_student.company_id, school | school.parent_id)
        self.assertNotIn(oec_course.company_id, school | school.parent_id)
        sostenedor = self.env["res.users"].search([("login", "=", "sostenedor")])
        students = self.env["op.student"].with_user(sostenedor).search([])
        self.assertTrue(students)
        self.assertNotIn(oec_student, students)
        self.assertEqual(students.company_id, school)

    def test_admin_holds_every_school_role(self):
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group("school_base.school_base_group_sostenedor"))
        menus = self.env["ir.ui.menu"].with_user(admin).load_menus(False)
        xmlids = {menu["xmlid"] for key, menu in menus.items() if key != "root"}
        self.assertIn("school_base.school_base_menu_root", xmlids)

    def test_demo_users_in_the_school_time_zone(self):
        users = self.env["res.users"].search(
            [("login", "in", ["docente", "secretaria", "apoderado", "director"])]
        )
        self.assertEqual(len(users), 4)
        self.assertEqual(set(users.mapped("tz")), {"America/Santiago"})
        self.assertEqual(set(users.mapped("lang")), {"es_CL"})

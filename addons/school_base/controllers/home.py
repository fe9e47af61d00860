# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.openeducat_core.controllers.app_main import OpeneducatHome
from odoo.addons.website.controllers.main import Website


class SchoolHome(OpeneducatHome):
    """After login, each role lands where its work is
    (res.users._school_landing_url); an explicit ?redirect= still wins.

    OpenEduCat's login sends every internal user to the backend's home and
    every other one to /my, whatever _login_redirect says: this controller
    extends OpenEduCat's so that it comes first."""

    def _login_redirect(self, uid, redirect=None):
        if not redirect and uid:
            redirect = request.env["res.users"].browse(uid)._school_landing_url()
        return super()._login_redirect(uid, redirect=redirect)

    @http.route()
    def web_login(self, redirect=None, **kw):
        response = super().web_login(redirect=redirect, **kw)
        uid = request.session.uid
        if not redirect and request.params.get("login_success") and uid:
            landing = request.env["res.users"].browse(uid)._school_landing_url()
            if landing:
                return request.redirect(landing)
        return response


class SchoolWebsite(Website):
    """No website pages: "/" is the login page, or the user's own start."""

    @http.route()
    def index(self, **kw):
        user = request.env.user
        if user._is_public():
            return request.redirect("/web/login")
        landing = user._school_landing_url()
        return request.redirect(landing or ("/odoo" if user._is_internal() else "/my"))

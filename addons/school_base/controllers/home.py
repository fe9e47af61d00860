# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.home import Home
from odoo.addons.website.controllers.main import Website


class SchoolHome(Home):
    """After login, each role lands where its work is
    (res.users._school_landing_url); an explicit ?redirect= still wins."""

    def _login_redirect(self, uid, redirect=None):
        if not redirect and uid:
            landing = request.env["res.users"].browse(uid)._school_landing_url()
            if landing:
                redirect = landing
        return super()._login_redirect(uid, redirect=redirect)


class SchoolWebsite(Website):
    """No website pages: "/" is the login page, or the user's own start."""

    @http.route()
    def index(self, **kw):
        user = request.env.user
        if user._is_public():
            return request.redirect("/web/login")
        landing = user._school_landing_url()
        return request.redirect(landing or ("/odoo" if user._is_internal() else "/my"))

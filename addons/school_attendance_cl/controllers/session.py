# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http

from odoo.addons.web.controllers.session import Session

# Read by static/src/js/attendance_outbox.js on the next page (the login
# page), which then forgets the blocks kept on the phone.
LOGGED_OUT_COOKIE = "school_attendance_logged_out"


class SchoolSession(Session):
    @http.route()
    def logout(self, redirect="/odoo"):
        """Every logout, from the portal's link or the backend's user menu,
        leaves a short-lived mark for the next page: a block saved on a phone
        without connection keeps children's marks in localStorage until it
        is sent, and they must not stay on a shared or lost phone. (The
        portal's link also clears them when clicked; the backend does not
        load the portal's scripts.)"""
        response = super().logout(redirect=redirect)
        response.set_cookie(LOGGED_OUT_COOKIE, "1", max_age=600, samesite="Lax")
        return response

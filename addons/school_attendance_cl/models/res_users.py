# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _school_landing_url(self):
        """Teachers land on today's class lists of their courses (the
        attendance portal), Secretaría on the class blocks of the day."""
        landing = super()._school_landing_url()
        if self.has_group("school_base.school_base_group_director"):
            return landing  # the dashboard (school_base)
        if landing and self.has_group("school_base.school_base_group_teacher"):
            return "/my/attendance"
        if not landing and self.has_group("school_base.school_base_group_secretary"):
            return "/odoo/action-school_attendance_cl.school_attendance_session_action"
        return landing

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class SchoolPortal(CustomerPortal):
    """The school's entry on /my: a teacher's courses, an apoderado's children.

    Reads go through the user's own access rights (record rules decide what
    each role sees); nothing here uses sudo().
    """

    def _school_course_domain(self):
        return [("teacher_user_ids", "in", [request.env.uid])]

    def _school_children_domain(self):
        return [("school_guardian_user_ids", "in", [request.env.uid])]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "school_course_count" in counters:
            batch = request.env["op.batch"]
            values["school_course_count"] = (
                batch.search_count(self._school_course_domain()) if batch.has_access("read") else 0
            )
        if "school_child_count" in counters:
            student = request.env["op.student"]
            values["school_child_count"] = (
                student.search_count(self._school_children_domain())
                if student.has_access("read")
                else 0
            )
        return values

    @http.route(["/my/school"], type="http", auth="user", website=True)
    def portal_my_school(self, **kw):
        env = request.env
        batch = env["op.batch"]
        student = env["op.student"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "school",
                "school_company": env.company,
                "batches": batch.search(self._school_course_domain(), order="name")
                if batch.has_access("read")
                else batch,
                "children": student.search(self._school_children_domain(), order="name")
                if student.has_access("read")
                else student,
            }
        )
        return request.render("school_base.portal_my_school", values)

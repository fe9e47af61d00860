# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

# Record ids are PostgreSQL integers: anything larger is no record (404).
MAX_ID = 2**31 - 1


class SchoolPortal(CustomerPortal):
    """The school's entry on /my: a teacher's courses, an apoderado's children.

    Reads go through the user's own access rights (record rules decide what
    each role sees); nothing here uses sudo().
    """

    def _school_course_domain(self):
        return [("teacher_user_ids", "in", [request.env.uid])]

    def _school_children_domain(self):
        return [("school_guardian_user_ids", "in", [request.env.uid])]

    def _school_record(self, model, record_id):
        """The record of a URL id, or None when the id cannot be one."""
        if not 0 < record_id <= MAX_ID:
            return None
        return request.env[model].browse(record_id)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "school_citation_count" in counters:
            citation = request.env["school.guardian.citation"]
            values["school_citation_count"] = (
                citation.search_count([("state", "in", ("notified", "confirmed"))])
                if citation.has_access("read")
                else 0
            )
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

    @http.route(["/my/citations"], type="http", auth="user", website=True)
    def portal_my_citations(self, error=None, **kw):
        """An apoderado's citations: their children's (record rules decide)."""
        env = request.env
        citation = env["school.guardian.citation"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "school_citations",
                "citations": citation.search([]) if citation.has_access("read") else citation,
                "error": error,
            }
        )
        return request.render("school_base.portal_my_citations", values)

    @http.route(
        ["/my/citations/<int:citation_id>/confirm"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_citation_confirm(self, citation_id, **kw):
        """The apoderado confirms they will attend. The model checks the
        party (or refuses); this route adds no right and uses no sudo."""
        citation = self._school_record("school.guardian.citation", citation_id)
        if citation is None:
            return request.not_found()
        try:
            citation.check_access("read")
            citation._school_check_party()
            # The model checks the party again and confirms (only a
            # notified citation changes).
            citation.action_confirm()
        except (AccessError, MissingError):
            return request.not_found()
        except UserError as exc:
            return request.redirect("/my/citations?" + url_encode({"error": exc.args[0]}))
        return request.redirect("/my/citations")

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.school_base.controllers.portal import SchoolPortal


class SchoolDisciplinePortal(SchoolPortal):
    """Apoderados: their children's hoja de vida, citations and case notices;
    descargos and reconsideration requests within the window."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "school_discipline_count" in counters:
            entry = request.env["school.discipline.entry"]
            values["school_discipline_count"] = (
                entry.search_count([("book", "=", "hoja_vida")]) if entry.has_access("read") else 0
            )
        return values

    @http.route(["/my/discipline"], type="http", auth="user", website=True)
    def portal_my_discipline(self, error=None, sent=None, **kw):
        env = request.env
        children = env["op.student"].search(self._school_children_domain(), order="name")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "school_discipline",
                "children": children,
                # Record rules limit each search to what the user may see.
                "entries": env["school.discipline.entry"].search(
                    [("student_id", "in", children.ids), ("book", "=", "hoja_vida")]
                ),
                "citations": env["school.discipline.citation"].search(
                    [("student_id", "in", children.ids)]
                ),
                "cases": env["school.discipline.case"].search([]),
                "error": error,
                "sent": sent,
                "now": env.cr.now(),
            }
        )
        return request.render("school_discipline.portal_my_discipline", values)

    @http.route(
        ["/my/discipline/step/<int:step_id>/submit"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_discipline_submit(self, step_id, text="", **kw):
        step = request.env["school.discipline.case.step"].browse(step_id)
        try:
            step.check_access("read")
            if not text.strip():
                raise UserError(request.env._("Write your descargos or request."))
            # sudo: apoderados have no write access to case steps; their
            # read access to this step was checked above, and the method
            # refuses anything but a party step inside its window.
            step.sudo().action_register_submission(text.strip(), via="portal")
        except (AccessError, MissingError):
            return request.not_found()
        except UserError as exc:
            return request.redirect("/my/discipline?" + url_encode({"error": exc.args[0]}))
        return request.redirect("/my/discipline?sent=1")

    @http.route(
        ["/my/discipline/citation/<int:citation_id>/confirm"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_discipline_confirm(self, citation_id, **kw):
        citation = request.env["school.discipline.citation"].browse(citation_id)
        try:
            citation.check_access("read")
        except (AccessError, MissingError):
            return request.not_found()
        # sudo: apoderados read their children's citations but cannot write
        # them; confirming attendance is the one change they make.
        citation.sudo().action_confirm()
        return request.redirect("/my/discipline")

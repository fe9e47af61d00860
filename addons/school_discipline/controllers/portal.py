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
        batches = env["op.batch"].search(self._school_course_domain(), order="name")
        values.update(
            {
                "page_name": "school_discipline",
                "batches": batches,
                "children": children,
                # Record rules limit each search to what the user may see.
                "entries": env["school.discipline.entry"].search(
                    [("student_id", "in", children.ids), ("book", "=", "hoja_vida")]
                ),
                "citations": env["school.discipline.citation"].search(
                    [("student_id", "in", children.ids)]
                ),
                "cases": env["school.discipline.case"].search([])
                if env["school.discipline.case"].has_access("read")
                else env["school.discipline.case"],
                "error": error,
                "sent": sent,
                "now": env.cr.now(),
            }
        )
        return request.render("school_discipline.portal_my_discipline", values)

    @http.route(
        ["/my/discipline/note/<int:batch_id>"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_discipline_note(self, batch_id, **post):
        """A teacher records an anotación for a student of one of their
        courses, on the phone. Record rules decide: a teacher reaches only
        their own courses (the entry's rule checks the course too)."""
        env = request.env
        batch = env["op.batch"].search(
            [("id", "=", batch_id), *self._school_course_domain()], limit=1
        )
        if not batch:
            return request.not_found()
        error = saved = None
        if request.httprequest.method == "POST":
            try:
                vals = {
                    "student_id": int(post.get("student_id") or 0),
                    "batch_id": batch.id,
                    "subject_name": post.get("subject_name") or False,
                    "description": (post.get("description") or "").strip(),
                }
                if post.get("kind") == "positive":
                    vals["kind"] = "positive"
                    vals["award_id"] = int(post.get("award_id") or 0) or False
                else:
                    vals["fault_id"] = int(post.get("fault_id") or 0) or False
                if vals["student_id"] not in batch.student_course_ids.student_id.ids:
                    raise UserError(env._("Choose a student of %(course)s.", course=batch.name))
                if not vals["description"]:
                    raise UserError(env._("Describe the facts."))
                saved = env["school.discipline.entry"].create(vals)
            except UserError as exc:
                error = exc.args[0]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "school_discipline",
                "batch": batch,
                "students": batch.student_course_ids.student_id.sorted("name"),
                "faults": env["school.discipline.fault"].search([("subject", "=", "student")]),
                "awards": env["school.discipline.award"].search([]),
                "error": error,
                "saved": saved,
            }
        )
        return request.render("school_discipline.portal_discipline_note", values)

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
            step._school_check_party()
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
        ["/my/discipline/step/<int:step_id>/receipt"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_discipline_receipt(self, step_id, **kw):
        step = request.env["school.discipline.case.step"].browse(step_id)
        try:
            step.check_access("read")
            step._school_check_party()
            # sudo: apoderados cannot write case steps; confirming the
            # receipt of a notice addressed to them is all this does.
            step.sudo().action_confirm_receipt(via="portal")
        except (AccessError, MissingError):
            return request.not_found()
        except UserError as exc:
            return request.redirect("/my/discipline?" + url_encode({"error": exc.args[0]}))
        return request.redirect("/my/discipline")

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
            citation._school_check_party()
        except (AccessError, MissingError):
            return request.not_found()
        # sudo: apoderados read their children's citations but cannot write
        # them; confirming attendance is the one change they make.
        citation.sudo().action_confirm()
        return request.redirect("/my/discipline")

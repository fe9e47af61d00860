# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.school_base.controllers.portal import MAX_ID, SchoolPortal


class BadFormValue(ValueError):
    """A form field that is not what the form sends (answered with 400)."""


def form_id(post, key):
    """The record id a form posted in ``key``: False when empty, else a
    positive integer in range; anything else raises BadFormValue."""
    value = (post.get(key) or "").strip()
    if not value:
        return False
    if not value.isdigit() or not 0 < int(value) <= MAX_ID:
        raise BadFormValue(key)
    return int(value)


class SchoolDisciplinePortal(SchoolPortal):
    """Apoderados: their children's hoja de vida, citations and case notices;
    descargos and reconsideration requests within the window.

    The models check who may do what (the party, the role); the routes only
    read with the user's rights and call the models' public methods as the
    user, without sudo. Malformed ids and form values get a 404 or a 400.
    """

    def _school_bad_request(self):
        return request.make_response(
            request.env._("Invalid request: a value in the form is not valid."),
            headers=[("Content-Type", "text/plain; charset=utf-8")],
            status=400,
        )

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
                # The citations are school_base's (confirmed on /my/citations).
                "citations": env["school.guardian.citation"].search(
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
        if not 0 < batch_id <= MAX_ID:
            return request.not_found()
        batch = env["op.batch"].search(
            [("id", "=", batch_id), *self._school_course_domain()], limit=1
        )
        if not batch:
            return request.not_found()
        error = saved = None
        if request.httprequest.method == "POST":
            try:
                vals = {
                    "student_id": form_id(post, "student_id"),
                    "batch_id": batch.id,
                    "subject_name": post.get("subject_name") or False,
                    "description": (post.get("description") or "").strip(),
                }
                if post.get("kind") == "positive":
                    vals["kind"] = "positive"
                    vals["award_id"] = form_id(post, "award_id")
                else:
                    vals["fault_id"] = form_id(post, "fault_id")
                if vals["student_id"] not in batch.student_course_ids.student_id.ids:
                    raise UserError(env._("Choose a student of %(course)s.", course=batch.name))
                if not vals["description"]:
                    raise UserError(env._("Describe the facts."))
                saved = env["school.discipline.entry"].create(vals)
            except BadFormValue:
                return self._school_bad_request()
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
        step = self._school_record("school.discipline.case.step", step_id)
        if step is None:
            return request.not_found()
        try:
            step.check_access("read")
            # The model checks that the user is the party (or refuses), and
            # records the submission through the portal, now.
            step.action_register_submission(text, via="portal")
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
        step = self._school_record("school.discipline.case.step", step_id)
        if step is None:
            return request.not_found()
        try:
            step.check_access("read")
            # The model checks that the user is the party (or refuses).
            step.action_confirm_receipt(via="portal")
        except (AccessError, MissingError):
            return request.not_found()
        except UserError as exc:
            return request.redirect("/my/discipline?" + url_encode({"error": exc.args[0]}))
        return request.redirect("/my/discipline")

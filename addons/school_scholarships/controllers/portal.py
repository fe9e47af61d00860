# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request

from odoo.addons.school_base.controllers.portal import SchoolPortal

MAX_ID = 2**31 - 1
MEMBER_FIELDS = ("name", "run", "relationship", "occupation", "studies")
MONEY_FIELDS = ("income_salary", "income_fees", "income_pension", "income_other")
APP_TEXT = ("housing_tenure", "housing_notes", "health_notes", "reason")
APP_MONEY = (
    "expense_housing",
    "expense_loans",
    "expense_utilities",
    "expense_health",
    "expense_education",
)
APP_FLAGS = (
    "has_social_record",
    "chile_solidario",
    "receives_benefit",
    "receives_maintenance",
    "family_separation",
    "vulnerable",
)


def _number(value):
    try:
        return max(float(value or 0), 0.0)
    except ValueError:
        return 0.0


class SchoolScholarshipPortal(SchoolPortal):
    """Apoderados apply for their children's becas from the phone.

    Every read and write runs as the user (record rules show only their own
    applications; the models check the caller and the window). Ids never
    carry data; income travels only in POST bodies, never in URLs.
    """

    def _scholarship_app(self, app_id):
        """The user's own application, or a 404 for any other id."""
        if not 0 < app_id <= MAX_ID:
            raise request.not_found()
        model = request.env["school.scholarship.application"]
        if not model.has_access("read"):
            raise request.not_found()
        app = model.search([("id", "=", app_id)])
        if not app:
            raise request.not_found()
        return app

    def _redirect(self, app, error=None, notice=None):
        url = "/my/scholarships/%s" % app.id
        if error:
            request.session["school_scholarship_error"] = error
        elif notice:
            request.session["school_scholarship_notice"] = notice
        return request.redirect(url)

    def _app_files(self, app):
        """The files of the application's documents and appeals: what the
        family uploaded, to see and download again (not the commission's
        files on the appeal's chatter)."""
        docs = app.document_ids
        # sudo: the record rules showed ``app`` to this user (above); portal
        # users hold no right on ir.attachment, so its files are searched
        # here, limited to this application's own lines and the appeals'
        # background the family sent.
        attachments = (
            request.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", docs._name), ("res_id", "in", docs.ids)], order="id")
        )
        return (attachments | app.appeal_ids.sudo().attachment_ids).sorted("id")

    @http.route(["/my/scholarships"], type="http", auth="user", website=True)
    def portal_my_scholarships(self, **kw):
        env = request.env
        model = env["school.scholarship.application"]
        if not model.has_access("read"):
            raise request.not_found()
        children = env["op.student"].search(self._school_children_domain(), order="name")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "school_scholarships",
                "applications": model.search([]),
                "children": children,
                "processes": env["school.scholarship.process"].search([("state", "=", "open")]),
                "error": request.session.pop("school_scholarship_error", None),
            }
        )
        return request.render("school_scholarships.portal_my_scholarships", values)

    @http.route(["/my/scholarships/new"], type="http", auth="user", methods=["POST"])
    def portal_scholarship_new(self, process_id="", student_id="", **kw):
        if not (process_id.isdigit() and student_id.isdigit()):
            raise request.not_found()
        try:
            app = request.env["school.scholarship.application"].create(
                {
                    "process_id": int(process_id),
                    "student_id": int(student_id),
                    "applicant_partner_id": request.env.user.partner_id.id,
                }
            )
        except (AccessError, UserError, ValidationError) as err:
            request.session["school_scholarship_error"] = str(err)
            return request.redirect("/my/scholarships")
        return self._redirect(app)

    @http.route(["/my/scholarships/<int:app_id>"], type="http", auth="user", website=True)
    def portal_scholarship(self, app_id, **kw):
        app = self._scholarship_app(app_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "school_scholarships",
                "app": app,
                # Not "editable": website's QWeb context owns that key (its
                # edit mode) and would hide the forms from every family.
                "can_edit": app.state in ("draft", "submitted")
                and app.process_id._is_window_open(),
                "error": request.session.pop("school_scholarship_error", None),
                "notice": request.session.pop("school_scholarship_notice", None),
                "files": self._app_files(app),
            }
        )
        return request.render("school_scholarships.portal_scholarship", values)

    def _run(self, app, function, notice=None):
        try:
            function()
        except (AccessError, MissingError, UserError, ValidationError) as err:
            return self._redirect(app, error=str(err))
        return self._redirect(app, notice=notice)

    @http.route(["/my/scholarships/<int:app_id>/save"], type="http", auth="user", methods=["POST"])
    def portal_scholarship_save(self, app_id, **post):
        app = self._scholarship_app(app_id)
        vals = {key: post.get(key) or False for key in APP_TEXT if key in post}
        vals.update({key: _number(post.get(key)) for key in APP_MONEY})
        vals.update({key: bool(post.get(key)) for key in APP_FLAGS})
        return self._run(app, lambda: app.write(vals), request.env._("The draft was saved."))

    @http.route(
        ["/my/scholarships/<int:app_id>/member"], type="http", auth="user", methods=["POST"]
    )
    def portal_scholarship_member(self, app_id, **post):
        app = self._scholarship_app(app_id)
        vals = {key: post.get(key) for key in MEMBER_FIELDS if post.get(key)}
        vals.update({key: _number(post.get(key)) for key in MONEY_FIELDS})
        vals.update(
            {
                "application_id": app.id,
                "age": int(_number(post.get("age"))),
                "is_studying": bool(post.get("is_studying")),
                "has_illness": bool(post.get("has_illness")),
            }
        )

        def add():
            request.env["school.scholarship.member"].create(vals)
            # The checklist follows the new member.
            app.write({})

        return self._run(app, add, request.env._("The member was added to the household."))

    @http.route(
        ["/my/scholarships/<int:app_id>/document/<int:doc_id>"],
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_scholarship_upload(self, app_id, doc_id, attachment=None, **post):
        app = self._scholarship_app(app_id)
        doc = app.document_ids.filtered(lambda d: d.id == doc_id)
        if not doc or not attachment:
            raise request.not_found()
        content = base64.b64encode(attachment.read())
        return self._run(
            app,
            lambda: doc.action_upload(attachment.filename, content),
            request.env._("The file was received."),
        )

    @http.route(
        ["/my/scholarships/<int:app_id>/submit"], type="http", auth="user", methods=["POST"]
    )
    def portal_scholarship_submit(self, app_id, **post):
        app = self._scholarship_app(app_id)
        return self._run(app, app.action_submit, request.env._("The application was submitted."))

    @http.route(
        ["/my/scholarships/<int:app_id>/receipt"], type="http", auth="user", methods=["POST"]
    )
    def portal_scholarship_receipt(self, app_id, **post):
        app = self._scholarship_app(app_id)
        return self._run(app, app.action_record_receipt)

    @http.route(
        ["/my/scholarships/<int:app_id>/appeal"], type="http", auth="user", methods=["POST"]
    )
    def portal_scholarship_appeal(self, app_id, reason="", **post):
        app = self._scholarship_app(app_id)
        return self._run(app, lambda: app.action_file_appeal(reason))

    @http.route(["/my/scholarships/<int:app_id>/letter"], type="http", auth="user")
    def portal_scholarship_letter(self, app_id, **kw):
        app = self._scholarship_app(app_id)
        if app.state not in ("awarded", "not_awarded", "lost"):
            raise request.not_found()
        # sudo: the record rule showed this application to its apoderado
        # (above); portal users cannot read report actions themselves.
        pdf = app.sudo()._letter_pdf()
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Disposition", 'inline; filename="beca.pdf"'),
                ("Cache-Control", "no-store"),
            ],
        )

    @http.route(
        ["/my/scholarships/<int:app_id>/file/<int:attachment_id>"], type="http", auth="user"
    )
    def portal_scholarship_file(self, app_id, attachment_id, **kw):
        """A file the family uploaded to its own application (404 for any
        other id: another family's application or file)."""
        app = self._scholarship_app(app_id)
        attachment = self._app_files(app).filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise request.not_found()
        filename = (attachment.name or "documento").replace('"', "")
        return request.make_response(
            attachment.raw,
            headers=[
                ("Content-Type", attachment.mimetype or "application/octet-stream"),
                ("Content-Disposition", content_disposition(filename)),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )

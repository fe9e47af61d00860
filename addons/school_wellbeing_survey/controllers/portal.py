# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.roles import FILL_ROLES


class WellbeingPortal(CustomerPortal):
    """The profesor jefe fills the month's survey on the phone: one screen
    per course, each student's answers. The same records as the workbook;
    reads and writes go through the user's own rights (record rules: own
    course only), the model checks the caller (_check_fill)."""

    def _wellbeing_sheets(self):
        env = request.env
        if not env["res.users"]._school_has_role(*FILL_ROLES):
            return env["school.wellbeing.sheet"]
        return env["school.wellbeing.sheet"].search(
            [
                ("campaign_id.state", "=", "open"),
                ("batch_id.head_teacher_id.user_ids", "in", [env.uid]),
            ],
            order="date_start desc, batch_id",
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "wellbeing_sheet_count" in counters:
            values["wellbeing_sheet_count"] = len(self._wellbeing_sheets())
        return values

    @http.route(["/my/wellbeing"], type="http", auth="user", website=True)
    def portal_my_wellbeing(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "wellbeing", "sheets": self._wellbeing_sheets()})
        return request.render("school_wellbeing_survey.portal_my_wellbeing", values)

    def _sheet_or_404(self, sheet_id):
        sheet = request.env["school.wellbeing.sheet"].browse(sheet_id)
        try:
            sheet._check_fill()
        except (AccessError, MissingError, UserError):
            return None
        return sheet

    @http.route(
        ["/my/wellbeing/<int:sheet_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_wellbeing_sheet(self, sheet_id, **post):
        sheet = self._sheet_or_404(sheet_id)
        if sheet is None:
            return request.not_found()
        error = None
        if request.httprequest.method == "POST":
            try:
                sheet._save_form_answers(self._parse_answers(sheet, post))
            except (UserError, AccessError, ValueError) as exc:
                error = str(exc)
            else:
                return request.redirect("/my/wellbeing/%s?saved=1" % sheet.id)
        answers = {answer.student_id.id: answer for answer in sheet.answer_ids}
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "wellbeing",
                "sheet": sheet,
                "students": sheet._roster(),
                "questions": sheet._questions(),
                "answers": answers,
                "saved": request.params.get("saved") and not error,
                "error": error,
            }
        )
        return request.render("school_wellbeing_survey.portal_wellbeing_sheet", values)

    @staticmethod
    def _parse_answers(sheet, post):
        """{student id: {question id: (option ids, text)}} from the form's
        fields ``q<question>_s<student>`` (several values for checkboxes)."""
        form = request.httprequest.form
        result = {}
        for student in sheet._roster():
            row = {}
            for question in sheet._questions():
                key = "q%s_s%s" % (question.id, student.id)
                if question.kind == "text":
                    row[question.id] = ([], (form.get(key) or "").strip())
                else:
                    ids = [int(value) for value in form.getlist(key) if value.isdigit()]
                    row[question.id] = (ids, "")
            result[student.id] = row
        return result

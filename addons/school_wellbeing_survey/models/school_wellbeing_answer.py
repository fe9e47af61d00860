# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .roles import FILL_ROLES, check_protected


class SchoolWellbeingAnswer(models.Model):
    """One student's answers for one month (a row of the planilla). Archived
    answers are the earlier versions replaced by a new workbook upload."""

    _name = "school.wellbeing.answer"
    _description = "Wellbeing Survey Answer"
    _order = "sheet_id, student_id"
    _check_company_auto = True
    _protected_fields = frozenset(
        {"version", "active", "source", "sheet_id", "campaign_id", "batch_id", "company_id"}
    )

    sheet_id = fields.Many2one(
        "school.wellbeing.sheet",
        string="Course Sheet",
        required=True,
        index=True,
        ondelete="cascade",
    )
    campaign_id = fields.Many2one(
        related="sheet_id.campaign_id", store=True, index=True, string="Campaign"
    )
    batch_id = fields.Many2one(related="sheet_id.batch_id", store=True, index=True, string="Course")
    company_id = fields.Many2one(
        related="sheet_id.company_id", store=True, index=True, string="School"
    )
    date_start = fields.Date(related="sheet_id.date_start", store=True, string="Month")
    student_id = fields.Many2one(
        "op.student", string="Student", required=True, index=True, check_company=True
    )
    line_ids = fields.One2many("school.wellbeing.answer.line", "answer_id", string="Lines")
    option_ids = fields.Many2many(
        "school.wellbeing.option",
        compute="_compute_option_ids",
        store=True,
        string="Chosen Options",
    )
    complete = fields.Boolean(
        compute="_compute_option_ids",
        store=True,
        help="Every required question has an answer.",
    )
    version = fields.Integer(readonly=True, default=0)
    source = fields.Selection(
        [("form", "Form"), ("portal", "Portal"), ("workbook", "Workbook")],
        default="form",
        readonly=True,
    )
    active = fields.Boolean(default=True, readonly=True)

    @api.depends("line_ids.option_ids", "line_ids.text_value")
    def _compute_option_ids(self):
        required_by_sheet = {
            sheet: sheet._questions().filtered("required") for sheet in self.sheet_id
        }
        for answer in self:
            answer.option_ids = answer.line_ids.option_ids
            required = required_by_sheet.get(answer.sheet_id, [])
            answered = answer.line_ids.filtered(
                lambda line: line.option_ids or line.text_value
            ).question_id
            answer.complete = bool(answer.line_ids) and all(q in answered for q in required)

    @api.depends("student_id.name", "sheet_id.display_name")
    def _compute_display_name(self):
        for answer in self:
            answer.display_name = "%s – %s" % (answer.student_id.name, answer.campaign_id.name)

    @api.constrains("student_id", "sheet_id", "active")
    def _check_one_per_student(self):
        rosters = self.filtered("active").sheet_id._roster_student_ids()
        for answer in self.filtered("active"):
            if answer.student_id.id not in rosters[answer.sheet_id.id]:
                raise ValidationError(
                    self.env._(
                        "%(student)s is not a student of %(course)s.",
                        student=answer.student_id.name,
                        course=answer.batch_id.name,
                    )
                )
        domain = [
            ("sheet_id", "in", self.sheet_id.ids),
            ("student_id", "in", self.student_id.ids),
        ]
        groups = self.sudo()._read_group(domain, ["sheet_id", "student_id"], ["__count"])
        for sheet, student, count in groups:
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "%(student)s already has answers in %(sheet)s.",
                        student=student.name,
                        sheet=sheet.display_name,
                    )
                )

    @api.model
    def _check_open_sheets(self, sheets):
        for sheet in sheets:
            if sheet.campaign_id.state != "open":
                raise UserError(
                    self.env._(
                        "The campaign %(name)s is not open: its answers are read-only.",
                        name=sheet.campaign_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_protected(
            self,
            [{k: v for k, v in vals.items() if k != "sheet_id"} for vals in vals_list],
            self._protected_fields,
        )
        if not self.env.su:
            self.env["res.users"]._school_require_role(
                *FILL_ROLES,
                message=self.env._(
                    "Only the head teacher, the coexistence team or the Director fill the survey."
                ),
            )
        sheets = self.env["school.wellbeing.sheet"].browse(
            {vals.get("sheet_id") for vals in vals_list if vals.get("sheet_id")}
        )
        sheets.check_access("read")
        self._check_open_sheets(sheets)
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], self._protected_fields | {"student_id"})
        if not self.env.su:
            self.env["res.users"]._school_require_role(
                *FILL_ROLES,
                message=self.env._(
                    "Only the head teacher, the coexistence team or the Director fill the survey."
                ),
            )
        self._check_open_sheets(self.sheet_id)
        return super().write(vals)

    def unlink(self):
        self._check_open_sheets(self.sheet_id)
        return super().unlink()

    def _set_answers(self, values):
        """Write ``values`` {question: (options, text)} as this answer's lines
        (the portal form and the tests). Callers check the caller first."""
        self.ensure_one()
        commands = []
        existing = {line.question_id: line for line in self.line_ids}
        for question, (options, text) in values.items():
            line_vals = {"option_ids": [(6, 0, options.ids)], "text_value": text or False}
            if question in existing:
                commands.append((1, existing[question].id, line_vals))
            else:
                commands.append((0, 0, dict(line_vals, question_id=question.id)))
        self.write({"line_ids": commands})

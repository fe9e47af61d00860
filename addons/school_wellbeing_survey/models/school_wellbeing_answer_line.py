# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SchoolWellbeingAnswerLine(models.Model):
    """One question's answer for one student and month."""

    _name = "school.wellbeing.answer.line"
    _description = "Wellbeing Survey Answer Line"
    _order = "answer_id, question_id"

    answer_id = fields.Many2one(
        "school.wellbeing.answer",
        string="Student Answer",
        required=True,
        ondelete="cascade",
        index=True,
    )
    question_id = fields.Many2one(
        "school.wellbeing.question", string="Question", required=True, ondelete="restrict"
    )
    question_kind = fields.Selection(related="question_id.kind")
    option_ids = fields.Many2many(
        "school.wellbeing.option",
        string="Answer",
        domain="[('question_id', '=', question_id)]",
    )
    text_value = fields.Text(string="Text")
    company_id = fields.Many2one(
        related="answer_id.company_id", store=True, index=True, string="School"
    )

    _sql_constraints = [
        (
            "answer_question_uniq",
            "unique(answer_id, question_id)",
            "A question is answered once per student and month.",
        )
    ]

    @api.depends("answer_id", "question_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = "%s · %s" % (
                line.answer_id.display_name or "",
                line.question_id.name or "",
            )

    @api.constrains("option_ids", "question_id")
    def _check_options(self):
        for line in self:
            if line.option_ids.question_id - line.question_id:
                raise ValidationError(
                    self.env._(
                        "An answer to %(question)s must be one of its options.",
                        question=line.question_id.name,
                    )
                )
            if line.question_id.kind == "single" and len(line.option_ids) > 1:
                raise ValidationError(
                    self.env._(
                        "%(question)s takes a single answer.", question=line.question_id.name
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        answers = self.env["school.wellbeing.answer"].browse(
            {vals["answer_id"] for vals in vals_list if vals.get("answer_id")}
        )
        # The answer's own checks (role, open campaign) guard its lines.
        answers.check_access("write")
        answers._check_open_sheets(answers.sheet_id)
        return super().create(vals_list)

    def write(self, vals):
        if "answer_id" in vals and not self.env.su:
            raise ValidationError(self.env._("An answer line cannot move to another answer."))
        self.answer_id._check_open_sheets(self.answer_id.sheet_id)
        return super().write(vals)

    def unlink(self):
        self.answer_id._check_open_sheets(self.answer_id.sheet_id)
        return super().unlink()

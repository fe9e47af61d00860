# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib

from odoo import api, fields, models

from .roles import TEAM_ROLES, grade_rank


class SchoolWellbeingQuestion(models.Model):
    """A question of the monthly survey (seed 000 "Contenido de los
    Reportes": participation, technical difficulties, recurring emotions,
    work situation from 7° básico up). Data a school can edit; the workbook
    has one column per active question, in sequence order."""

    _name = "school.wellbeing.question"
    _description = "Wellbeing Survey Question"
    _order = "sequence, id"

    name = fields.Char(string="Question", required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable key of the question in the workbook's signature and the reports.",
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("single", "One option"),
            ("multiple", "Several options"),
            ("text", "Free text"),
        ],
        required=True,
        default="single",
    )
    required = fields.Boolean(
        help="Every student's row must answer it (in the workbook and the portal)."
    )
    min_grade_rank = fields.Integer(
        string="From Grade",
        default=0,
        help="Asked only from this grade up: 1–8 for 1° to 8° básico, 9–12 for "
        "I° to IV° medio; 0 asks every course.",
    )
    max_choices = fields.Integer(
        default=3,
        help="For several options: how many columns the workbook offers.",
    )
    option_ids = fields.One2many("school.wellbeing.option", "question_id", string="Options")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        index=True,
        help="Leave empty to ask it in every school.",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The question code must be unique."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._("Only the coexistence team or the Director edit the questions."),
        )
        return super().create(vals_list)

    def write(self, vals):
        self.env["res.users"]._school_require_role(
            *TEAM_ROLES,
            message=self.env._("Only the coexistence team or the Director edit the questions."),
        )
        return super().write(vals)

    @api.model
    def _for_course(self, course, company=None):
        """The active questions asked in ``course`` (a grade level)."""
        company = company or course.company_id or self.env.company
        # sudo: the catalogue is the same for every role that fills it.
        questions = self.sudo().search(
            ["|", ("company_id", "=", False), ("company_id", "=", company.id)]
        )
        rank = grade_rank(course)
        return questions.filtered(lambda q: q.min_grade_rank <= rank).with_env(self.env)

    def _fingerprint(self):
        """A short hash of the questions and their options (codes and kinds):
        the workbook's template version; a change of the questions makes
        older workbooks unacceptable."""
        # The active options of every question in one query, in the order
        # of option_ids sorted by sequence.
        codes = {question.id: [] for question in self}
        for option in self.env["school.wellbeing.option"].search_fetch(
            [("question_id", "in", self.ids)], ["question_id", "code"], order="sequence, id"
        ):
            codes[option.question_id.id].append(option.code)
        parts = []
        for question in self:
            options = ",".join(codes[question.id])
            parts.append(
                "%s:%s:%s:%s:%s"
                % (question.code, question.kind, question.required, question.max_choices, options)
            )
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

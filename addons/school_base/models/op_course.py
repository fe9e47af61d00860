# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Mineduc "código de tipo de enseñanza" (shared/research/sige-interface.md
# §8.5, from the Mineduc COD_ENSE list); the common ones for children.
SIGE_TEACHING_CODES = [
    ("10", "10 - Educación Parvularia"),
    ("110", "110 - Enseñanza Básica"),
    ("310", "310 - Enseñanza Media H-C Niños y Jóvenes"),
    ("410", "410 - Enseñanza Media T-P Comercial Niños y Jóvenes"),
    ("510", "510 - Enseñanza Media T-P Industrial Niños y Jóvenes"),
    ("610", "610 - Enseñanza Media T-P Técnica Niños y Jóvenes"),
    ("710", "710 - Enseñanza Media T-P Agrícola Niños y Jóvenes"),
    ("810", "810 - Enseñanza Media T-P Marítima Niños y Jóvenes"),
    ("910", "910 - Enseñanza Media Artística Niños y Jóvenes"),
]

# Highest "código de grado" per level (§8.6: 1–8 básica, 1–4 media).
MAX_GRADE = {"basica": 8, "media": 4, "parvularia": 6}


class OpCourse(models.Model):
    """A grade level as Mineduc knows it (e.g. 3° básico, II° medio)."""

    _inherit = "op.course"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="School",
        index=True,
        default=lambda self: self.env.company,
    )
    school_level = fields.Selection(
        [
            ("parvularia", "Educación parvularia"),
            ("basica", "Enseñanza básica"),
            ("media", "Enseñanza media"),
        ],
        string="Level",
    )
    sige_teaching_code = fields.Selection(SIGE_TEACHING_CODES, string="SIGE Teaching Type Code")
    sige_grade_code = fields.Integer(
        string="SIGE Grade Code",
        help="Grade within the teaching type: 1–8 in básica, 1–4 in media.",
    )

    @api.constrains("school_level", "sige_grade_code", "sige_teaching_code")
    def _check_sige_grade_code(self):
        for course in self.filtered("sige_grade_code"):
            top = MAX_GRADE.get(course.school_level)
            if top and not 1 <= course.sige_grade_code <= top:
                raise ValidationError(
                    self.env._(
                        "Course %(course)s: the SIGE grade code must be between "
                        "1 and %(top)s for this level (got %(grade)s).",
                        course=course.name,
                        top=top,
                        grade=course.sige_grade_code,
                    )
                )
            basic = course.sige_teaching_code == "110"
            if (
                course.school_level
                and course.sige_teaching_code
                and basic != (course.school_level == "basica")
            ):
                raise ValidationError(
                    self.env._(
                        "Course %(course)s: teaching type %(code)s does not match its level.",
                        course=course.name,
                        code=course.sige_teaching_code,
                    )
                )

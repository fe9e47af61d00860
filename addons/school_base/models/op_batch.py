# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class OpBatch(models.Model):
    """A class group of one school year (e.g. 3° básico B, 2025)."""

    _inherit = "op.batch"
    _check_company_auto = True

    # In a Chilean school the batch is the "curso" and op.course the "nivel".
    course_id = fields.Many2one(string="Grade Level")
    company_id = fields.Many2one(
        "res.company",
        string="School",
        index=True,
        default=lambda self: self.env.company,
    )
    school_annex_id = fields.Many2one(
        "school.annex", string="Annex", check_company=True, index=True
    )
    sige_letter = fields.Char(
        string="Letter", size=2, help="Course letter as registered in SIGE (A, B…)."
    )
    school_shift = fields.Selection(
        [
            ("morning", "Mañana"),
            ("afternoon", "Tarde"),
            ("full", "Jornada escolar completa"),
            ("evening", "Vespertina / nocturna"),
        ],
        string="Shift (jornada)",
        default="full",
    )
    school_schedule_id = fields.Many2one(
        "school.schedule", string="Day Schedule", check_company=True
    )
    head_teacher_id = fields.Many2one(
        "op.faculty", string="Head Teacher (profesor/a jefe)", index=True
    )
    head_teacher_name = fields.Char(
        related="head_teacher_id.name",
        string="Head Teacher Name",
        help="Readable by apoderados, who have no access to teachers' records.",
    )
    faculty_ids = fields.Many2many(
        "op.faculty",
        "op_batch_school_faculty_rel",
        "batch_id",
        "faculty_id",
        string="Teachers",
        help="Teachers who take classes in this course; with the head teacher, "
        "the only teachers who see it.",
    )
    teacher_user_ids = fields.Many2many(
        "res.users",
        "op_batch_school_teacher_user_rel",
        "batch_id",
        "user_id",
        string="Teacher Users",
        compute="_compute_teacher_user_ids",
        store=True,
        help="Users of the head teacher and the teachers: what record rules "
        "and the portal match, without reading teachers' records.",
    )
    student_course_ids = fields.One2many("op.student.course", "batch_id", string="Enrolments")

    @api.depends("head_teacher_id.user_ids", "faculty_ids.user_ids")
    def _compute_teacher_user_ids(self):
        for batch in self:
            batch.teacher_user_ids = batch.head_teacher_id.user_ids | batch.faculty_ids.user_ids

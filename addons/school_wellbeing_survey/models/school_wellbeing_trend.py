# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .school_wellbeing_option import RISK_FLAGS


class SchoolWellbeingTrend(models.Model):
    """The answers month by month (issue 12 "Trend"): one row per answer
    chosen by a student in a month (the current version of each course's
    month). A student's trend (pivot: their answers by month) and the
    school's month-over-month graph read it; record rules as the answers'."""

    _name = "school.wellbeing.trend"
    _description = "Wellbeing Answers by Month"
    _auto = False
    _order = "date_start desc, student_id, question_id"
    _rec_name = "option_id"
    # A SQL view: the answers it reads are flushed before it is queried
    # (answers set in the same transaction, e.g. a report right after).
    _depends = {
        "school.wellbeing.answer": [
            "student_id",
            "batch_id",
            "company_id",
            "campaign_id",
            "date_start",
            "active",
        ],
        "school.wellbeing.answer.line": ["answer_id", "question_id", "option_ids"],
        "school.wellbeing.option": ["risk_flag"],
    }

    answer_id = fields.Many2one("school.wellbeing.answer", string="Student Answer", readonly=True)
    student_id = fields.Many2one("op.student", string="Student", readonly=True)
    batch_id = fields.Many2one("op.batch", string="Course", readonly=True)
    company_id = fields.Many2one("res.company", string="School", readonly=True)
    campaign_id = fields.Many2one("school.wellbeing.campaign", string="Campaign", readonly=True)
    date_start = fields.Date(string="Month", readonly=True)
    question_id = fields.Many2one("school.wellbeing.question", string="Question", readonly=True)
    option_id = fields.Many2one("school.wellbeing.option", string="Answer", readonly=True)
    risk_flag = fields.Selection(RISK_FLAGS, readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT row_number() OVER (ORDER BY l.id, o.id) AS id,
                           a.id AS answer_id,
                           a.student_id,
                           a.batch_id,
                           a.company_id,
                           a.campaign_id,
                           a.date_start,
                           l.question_id,
                           o.id AS option_id,
                           o.risk_flag
                      FROM school_wellbeing_answer a
                      JOIN school_wellbeing_answer_line l ON l.answer_id = a.id
                      JOIN school_wellbeing_answer_line_school_wellbeing_option_rel r
                        ON r.school_wellbeing_answer_line_id = l.id
                      JOIN school_wellbeing_option o ON o.id = r.school_wellbeing_option_id
                     WHERE a.active
                )
                """,
                SQL.identifier(self._table),
            )
        )

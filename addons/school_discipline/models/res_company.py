# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # MC 8.3 L1617-1627: a condicionalidad is reviewed at the end of every
    # semester. The months the semesters end (last day of the month).
    school_semester_1_end_month = fields.Integer(string="First Semester Ends (Month)", default=7)
    school_semester_2_end_month = fields.Integer(string="Second Semester Ends (Month)", default=12)
    # The class book records a fact when it happens: a teacher may record
    # one of the last days (the anotación written after the class, or on the
    # next school day), not rewrite the past year's record (the leve ladder
    # counts by date). Inspectoría and Convivencia, who gather late reports,
    # are not bound by it.
    school_entry_backdate_days = fields.Integer(
        string="Days a Teacher Can Date an Entry Back",
        default=7,
        help="How many days before today (in the school's time zone) a teacher may date an "
        "entry of the student's record.",
    )

    # The dashboard (school_base): open cases and the steps whose deadline
    # has passed, counted with the user's access.
    school_dashboard_open_case_count = fields.Integer(
        string="Open Cases", compute="_compute_school_dashboard_discipline"
    )
    school_dashboard_overdue_step_count = fields.Integer(
        string="Overdue Steps", compute="_compute_school_dashboard_discipline"
    )

    def _school_dashboard_overdue_domain(self):
        return [("state", "=", "pending"), ("deadline", "<", fields.Datetime.now())]

    # Read with the user's access: cached per user and active schools.
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_school_dashboard_discipline(self):
        cases = self._school_dashboard_counts("school.discipline.case", [("state", "=", "open")])
        steps = self._school_dashboard_counts(
            "school.discipline.case.step", self._school_dashboard_overdue_domain()
        )
        for company in self:
            company.school_dashboard_open_case_count = cases[company]
            company.school_dashboard_overdue_step_count = steps[company]

    def action_school_dashboard_open_cases(self):
        return self._school_dashboard_action(
            "school.discipline.case", [("state", "=", "open")], self.env._("Open Cases")
        )

    def action_school_dashboard_overdue_steps(self):
        return self._school_dashboard_action(
            "school.discipline.case.step",
            self._school_dashboard_overdue_domain(),
            self.env._("Overdue Steps"),
        )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Ley 20.845 phases copago out (shared/research/anchors.md §6.2): a
    # school that leaves financiamiento compartido unticks this; no new call
    # opens, and its past processes, applications and becas stay readable.
    school_shared_financing = fields.Boolean(
        string="Shared Financing (Copago)",
        default=True,
        help="The school charges copago and grants becas every year. Untick it when the "
        "school leaves shared financing: no new call can be opened, and past calls, "
        "applications and becas are kept.",
    )

    # The dashboard (school_base): the becas processes of the current
    # school year and the share of their funds allocated, with the user's
    # access (funds are in becas or in money: shares, never sums, mix).
    school_dashboard_becas_count = fields.Integer(
        string="Becas Processes", compute="_compute_school_dashboard_becas"
    )
    school_dashboard_becas_used = fields.Float(
        string="Becas Fund Allocated (%)",
        compute="_compute_school_dashboard_becas",
        digits=(16, 1),
        help="Average over the year's processes of the part of their fund allocated.",
    )

    def _school_dashboard_becas_domain(self):
        year = self.env["school.calendar"].school_today(self.env.company).year
        return [("school_year", "=", year), ("state", "!=", "draft")]

    # Read with the user's access: cached per user and active schools.
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_school_dashboard_becas(self):
        scope = self._school_dashboard_scope()
        school_ids = list(set().union(*scope.values())) if scope else []
        process_model = self.env["school.scholarship.process"]
        processes = process_model.browse()
        # A Director outside the becas groups sees no becas figure (and the
        # Tablero still opens).
        if process_model.has_access("read"):
            processes = process_model.search(
                self._school_dashboard_becas_domain() + [("company_id", "in", school_ids)]
            )
        for company in self:
            mine = processes.filtered(lambda p, s=scope[company]: p.company_id.id in s)
            shares = [p.fund_used / p.fund_total for p in mine if p.fund_total]
            company.school_dashboard_becas_count = len(mine)
            average = sum(shares) / len(shares) if shares else 0.0
            company.school_dashboard_becas_used = 100.0 * average

    def action_school_dashboard_becas(self):
        return self._school_dashboard_action(
            "school.scholarship.process",
            self._school_dashboard_becas_domain(),
            self.env._("Becas Processes"),
        )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SchoolScholarshipCriterion(models.Model):
    """A selection criterion 8.1-8.11 (seed 003 RI III.9 Art. 8, L561-583):
    weight, scale, and whether it may count for socioeconomic awards or only
    for discretionary ones (Art. 4 "exclusivamente", L484)."""

    _name = "school.scholarship.criterion"
    _description = "Scholarship Criterion"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="School", index=True)
    weight = fields.Float(default=1.0, required=True)
    max_points = fields.Float(default=10.0, required=True)
    usage = fields.Selection(
        [
            ("socioeconomic", "Socioeconomic and discretionary awards"),
            ("discretionary", "Discretionary awards only"),
        ],
        required=True,
        default="socioeconomic",
    )
    basis = fields.Selection(
        [
            ("manual", "Scored by each commission member"),
            ("per_capita_income", "Per-capita income (scale)"),
            ("expense_ratio", "Expenses as % of income (scale)"),
            ("household_size", "Household size (scale)"),
        ],
        required=True,
        default="manual",
    )
    scale_ids = fields.One2many("school.scholarship.criterion.scale", "criterion_id")

    @api.constrains("weight", "max_points")
    def _check_weight(self):
        for criterion in self:
            if criterion.weight < 0 or criterion.max_points <= 0:
                raise ValidationError(
                    self.env._("A criterion needs a positive maximum and a non-negative weight.")
                )

    def _compute_display_name(self):
        for criterion in self:
            criterion.display_name = "%s %s" % (criterion.code, criterion.name)

    @api.model
    def _for_company(self, company):
        return self.search([("company_id", "in", (False, company.id))])

    @api.model
    def _score_applications(self, apps):
        """Score ``apps`` in bulk (Art. 8, 18): the weighted score on the
        socioeconomic criteria (what socioeconomic awards may use) and on all
        criteria (discretionary awards). Manual criteria average the members'
        assessments, leaving out members with a conflict of interest."""
        if not apps:
            return
        by_company = defaultdict(lambda: self.env["school.scholarship.application"])
        for app in apps:
            by_company[app.company_id] |= app
        # One query: mean points per application and criterion.
        groups = self.env["school.scholarship.assessment.line"]._read_group(
            [("application_id", "in", apps.ids), ("conflict", "=", False)],
            ["application_id", "criterion_id"],
            ["points:avg"],
        )
        manual = {(app.id, crit.id): avg for app, crit, avg in groups}
        # Household sizes and income, one query.
        members = self.env["school.scholarship.member"]._read_group(
            [("application_id", "in", apps.ids)],
            ["application_id"],
            ["__count", "income_total:sum"],
        )
        household = {app.id: (count, income) for app, count, income in members}
        table_cache = {}
        values_by_app = {}
        for company, company_apps in by_company.items():
            criteria = self._for_company(company)
            table_cache[company] = self.env["school.scholarship.percentage"]._lookup_table(company)
            scales = {c.id: list(c.scale_ids) for c in criteria}
            crit_data = [(c, c.weight, c.max_points, c.usage, c.basis) for c in criteria]
            total_weight = sum(w for _c, w, _m, _u, _b in crit_data) or 1.0
            socio_weight = sum(w for _c, w, _m, u, _b in crit_data if u == "socioeconomic") or 1.0
            for app in company_apps:
                size, income = household.get(app.id, (0, 0.0))
                expenses = app._expense_total()
                measures = {
                    "per_capita_income": income / size if size else 0.0,
                    "expense_ratio": expenses * 100.0 / income if income else 100.0,
                    "household_size": size,
                }
                socio = total = 0.0
                for crit, weight, max_points, usage, basis in crit_data:
                    if basis == "manual":
                        points = manual.get((app.id, crit.id)) or 0.0
                    else:
                        points = _points(scales[crit.id], measures[basis])
                    part = weight * min(points, max_points) / max_points
                    total += part
                    if usage == "socioeconomic":
                        socio += part
                socio_score = round(100.0 * socio / socio_weight, 2)
                values_by_app[app] = {
                    "score_socioeconomic": socio_score,
                    "score_discretionary": round(100.0 * total / total_weight, 2),
                    "percentage_proposed": table_cache[company](socio_score),
                }
        for app, values in values_by_app.items():
            app.write(values)


def _points(brackets, value):
    for bracket in brackets:
        if value >= bracket.value_from and (not bracket.value_to or value < bracket.value_to):
            return bracket.points
    return 0.0

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SchoolScholarshipPercentage(models.Model):
    """Score to percentage (seed 003 RI III.9 Art. 18, L635): an editable
    table; the first row whose minimum the score reaches gives the share."""

    _name = "school.scholarship.percentage"
    _description = "Scholarship Score to Percentage"
    _order = "min_score desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", string="School", index=True)
    min_score = fields.Float(string="From Score", required=True)
    percentage = fields.Float(required=True)

    @api.constrains("percentage")
    def _check_percentage(self):
        for row in self:
            if not 0 <= row.percentage <= 100:
                raise ValidationError(self.env._("A percentage is between 0 and 100."))

    def _compute_display_name(self):
        for row in self:
            row.display_name = "%s -> %s %%" % (row.min_score, row.percentage)

    @api.model
    def _lookup_table(self, company):
        rows = self.search([("company_id", "in", (False, company.id))], order="min_score desc")
        # A school's own table wins over the shared one.
        own = rows.filtered("company_id")
        pairs = [(r.min_score, r.percentage) for r in (own or rows)]

        def lookup(score):
            for min_score, percentage in pairs:
                if score >= min_score:
                    return percentage
            return 0.0

        return lookup

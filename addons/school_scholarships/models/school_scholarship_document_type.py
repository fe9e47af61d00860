# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# When a document of 6.1-6.20 applies (seed 003 RI III.9 Art. 6, L528-549),
# derived from what the household declared. "member" rules ask one line per
# member that matches; the others one line per application.
APPLICABILITY = [
    ("always", "Always"),
    ("adult", "Every adult member"),
    ("employee", "Every employed member"),
    ("self_employed", "Every self-employed member"),
    ("pensioner", "Every pensioner"),
    ("unemployed", "Every unemployed member"),
    ("illness", "Every member with an illness"),
    ("studying", "Every member who studies"),
    ("renter", "Renting households"),
    ("mortgage", "Households paying a mortgage"),
    ("loan", "Households paying loans"),
    ("expenses", "Households declaring expenses"),
    ("maintenance", "Households receiving child maintenance"),
    ("social_record", "Households with a social protection record"),
    ("benefit", "Households receiving a state benefit"),
    ("separation", "Separated or other family situations"),
]
MEMBER_RULES = {
    "adult",
    "employee",
    "self_employed",
    "pensioner",
    "unemployed",
    "illness",
    "studying",
}
# Documents proving an expense: the 6.19 / 9.4 holder rule applies to them.
EXPENSE_RULES = {"renter", "mortgage", "loan", "expenses"}


class SchoolScholarshipDocumentType(models.Model):
    """One document of the checklist 6.1-6.20, required when it applies."""

    _name = "school.scholarship.document.type"
    _description = "Scholarship Document"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    applicability = fields.Selection(APPLICABILITY, required=True, default="always")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "The document code must be unique.")]

    def _compute_display_name(self):
        for doc in self:
            doc.display_name = "%s %s" % (doc.code, doc.name)

    def _applies_to_member(self, member):
        """True when this per-member document applies to ``member``."""
        rule = self.applicability
        if rule == "adult":
            return member.age >= 18
        if rule == "illness":
            return member.has_illness
        if rule == "studying":
            return member.is_studying
        return member.occupation == rule

    def _applies_to_household(self, app):
        rule = self.applicability
        return {
            "always": True,
            "renter": app.housing_tenure == "rent",
            "mortgage": app.housing_tenure == "mortgage",
            "loan": bool(app.expense_loans),
            "expenses": bool(app.expense_utilities or app.expense_health or app.expense_education),
            "maintenance": app.receives_maintenance,
            "social_record": app.has_social_record,
            "benefit": app.receives_benefit,
            "separation": app.family_separation,
        }.get(rule, False)

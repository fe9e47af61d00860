# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SchoolRollImportError(models.Model):
    """One problem of a roll file, at a row and column of the file as a
    spreadsheet numbers them (the header is row 1)."""

    _name = "school.roll.import.error"
    _description = "Roll Import Error"
    _order = "import_id, row, id"

    import_id = fields.Many2one(
        "school.roll.import", string="Import", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="import_id.company_id", store=True, string="School")
    row = fields.Integer(required=True)
    column = fields.Char()
    message = fields.Char(required=True)

    @api.depends("row", "column")
    def _compute_display_name(self):
        for error in self:
            if error.column:
                error.display_name = self.env._(
                    "Row %(row)s, column %(column)s", row=error.row, column=error.column
                )
            else:
                error.display_name = self.env._("Row %(row)s", row=error.row)

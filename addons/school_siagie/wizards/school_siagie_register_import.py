# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError


class SchoolSiagieRegisterImport(models.TransientModel):
    """Upload a filled SIAGIE grid; school.siagie.register.import_grid
    checks the caller and every cell, then writes all or nothing."""

    _name = "school.siagie.register.import"
    _description = "Import a SIAGIE Monthly Register"

    file = fields.Binary(string="SIAGIE Grid (XLSX)", required=True, attachment=False)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose the XLSX file to import."))
        counts = self.env["school.siagie.register"].import_grid(
            base64.b64decode(self.file), filename=self.filename
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Imported %(sections)s sections: %(days)s school days, %(marks)s marks.",
                    **counts,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import UserError


class SchoolWellbeingUpload(models.TransientModel):
    """Upload a course's filled workbook: all or nothing, every problem
    reported per cell."""

    _name = "school.wellbeing.upload"
    _description = "Wellbeing Workbook Upload"

    sheet_id = fields.Many2one("school.wellbeing.sheet", string="Course Sheet", required=True)
    file = fields.Binary(string="Workbook", required=True, attachment=False)
    filename = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        uploads = super().create(vals_list)
        # A transient record has no company rule: the form opens only for a
        # sheet the caller may fill (checked again on import).
        for upload in uploads:
            upload.sheet_id._check_fill()
        return uploads

    def action_import(self):
        self.ensure_one()
        self.sheet_id._check_fill()
        try:
            content = base64.b64decode(self.file or b"", validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(self.env._("The file could not be read.")) from error
        problems = self.sheet_id._import_workbook(content, filename=self.filename)
        if problems:
            raise UserError(
                self.env._(
                    "The workbook was not imported; nothing was changed. Problems:\n%(problems)s",
                    problems="\n".join("• %s" % problem for problem in problems),
                )
            )
        return {"type": "ir.actions.act_window_close"}

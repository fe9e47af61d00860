# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.mimetypes import guess_mimetype

from .school_scholarship_guard import check_protected

# Files a family may upload: scans and photos of paper documents.
ALLOWED_MIMETYPES = {"application/pdf", "image/jpeg", "image/png"}
PROTECTED_FIELDS = {"application_id", "type_id", "member_id", "applicable", "company_id"}


class SchoolScholarshipDocument(models.Model):
    """A line of an application's checklist: one document of 6.1-6.20 that
    applies to the household (or to one member), with its files."""

    _name = "school.scholarship.document"
    _description = "Scholarship Application Document"
    _order = "application_id, sequence, member_id, id"

    application_id = fields.Many2one(
        "school.scholarship.application", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="application_id.company_id", store=True, index=True)
    type_id = fields.Many2one(
        "school.scholarship.document.type", string="Document", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="type_id.sequence", store=True)
    code = fields.Char(related="type_id.code")
    member_id = fields.Many2one("school.scholarship.member", ondelete="cascade")
    applicable = fields.Boolean(default=True, readonly=True)
    holder_member_id = fields.Many2one(
        "school.scholarship.member",
        string="Receipts In The Name Of",
        domain="[('application_id', '=', application_id)]",
    )
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Files",
        domain=[("res_model", "=", "school.scholarship.document")],
    )
    provided = fields.Boolean(compute="_compute_provided")

    def _compute_provided(self):
        # sudo: whether a line has a file is shown to whoever reads the line
        # (the apoderado on the portal has no right on ir.attachment itself).
        with_files = set(
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
            .mapped("res_id")
        )
        for doc in self:
            doc.provided = doc.id in with_files

    def _compute_display_name(self):
        for doc in self:
            name = doc.type_id.display_name or ""
            doc.display_name = "%s (%s)" % (name, doc.member_id.name) if doc.member_id else name

    @api.model_create_multi
    def create(self, vals_list):
        # Lines come from the household declared (_sync_documents).
        if not self.env.su:
            raise AccessError(self.env._("The checklist follows the household declared."))
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], PROTECTED_FIELDS)
        self.application_id._check_editable()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise AccessError(self.env._("The checklist follows the household declared."))
        return super().unlink()

    @api.model
    def _validate_file(self, process, content_b64):
        """(bytes, mimetype) of an upload within the process's limits."""
        try:
            content = base64.b64decode(content_b64 or b"", validate=True)
        except (binascii.Error, ValueError) as err:
            raise UserError(self.env._("The file could not be read.")) from err
        if not content:
            raise UserError(self.env._("The file is empty."))
        if len(content) > process.max_upload_mb * 1024 * 1024:
            raise UserError(
                self.env._("The file is larger than %(size)s MB.", size=process.max_upload_mb)
            )
        mimetype = guess_mimetype(content)
        if mimetype not in ALLOWED_MIMETYPES:
            raise UserError(self.env._("Only PDF, JPEG or PNG files are accepted."))
        return content, mimetype

    def action_upload(self, filename, content_b64):
        """Attach a file (portal or backend): the applicant or the
        administration, while the call is open, within the size and type
        limits of the process."""
        self.ensure_one()
        self.check_access("write")
        self.application_id._check_editable()
        content, mimetype = self._validate_file(self.application_id.process_id, content_b64)
        # sudo: the caller may change this application (checked above); the
        # attachment follows the document's access rules (res_model/res_id).
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": (filename or "documento")[:200],
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )

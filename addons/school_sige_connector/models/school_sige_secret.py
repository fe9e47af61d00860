# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolSigeSecret(models.Model):
    """The ConvenioToken of a SIGE backend, kept apart: no access right for
    anyone (its one ACL row grants nothing), so no role, administrators
    included, reads it through the UI or RPC. Only the connector's service
    code reads it, under sudo (school.sige.backend._school_client), to build
    the credentials of one call; create_uid/create_date say who set it and
    when (issue 11: the token is write-only)."""

    _name = "school.sige.secret"
    _description = "SIGE Token (private)"
    # Named after its backend: the token itself is never shown.
    _rec_name = "backend_id"

    backend_id = fields.Many2one(
        "school.sige.backend", required=True, ondelete="cascade", index=True
    )
    token = fields.Char(required=True)

    _sql_constraints = [
        ("backend_uniq", "unique(backend_id)", "A SIGE backend has one token."),
    ]

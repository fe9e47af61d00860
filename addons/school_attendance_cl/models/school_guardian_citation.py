# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolGuardianCitation(models.Model):
    """The apoderado's citation for in-class lateness (protocol XI, seed 003
    P-XI L3178-3180): from the Nth in-class lateness of the school year on
    (company setting, 3) the apoderado is cited to sign the record, each
    time. Created by the arrivals' numbering, linked to the lateness."""

    _inherit = "school.guardian.citation"

    arrival_id = fields.Many2one(
        "school.attendance.arrival",
        string="Lateness",
        readonly=True,
        index="btree_not_null",
        # The citation stays if Inspectoría deletes the arrival (its reason
        # keeps the lateness's number and date).
        ondelete="set null",
        help="The in-class lateness that caused this citation.",
    )

    def _school_protected_fields(self):
        # The lateness that caused it: set by the arrivals' numbering only.
        return super()._school_protected_fields() | {"arrival_id"}

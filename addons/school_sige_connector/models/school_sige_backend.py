# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SchoolSigeBackend(models.Model):
    """The SIGE interoperability agreement of one school (seed 001: the
    sostenedor signs the Convenio de Interoperabilidad and receives a token;
    each session starts with a semilla)."""

    _name = "school.sige.backend"
    _description = "SIGE Backend"
    _check_company_auto = True

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    rbd = fields.Char(related="company_id.school_rbd", string="RBD")
    url = fields.Char(
        string="Service URL",
        required=True,
        default="https://sige.mineduc.cl/WsApiAutorizacion/services",
        groups="school_sige_connector.school_sige_connector_group_manager",
    )
    token = fields.Char(
        copy=False,
        groups="school_sige_connector.school_sige_connector_group_manager",
        help="Token of the Convenio de Interoperabilidad; only SIGE managers see it.",
    )
    environment = fields.Selection(
        [("test", "Test"), ("production", "Production")],
        required=True,
        default="test",
    )

    _sql_constraints = [
        ("company_uniq", "unique(company_id)", "A school has one SIGE backend."),
    ]

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError


class SchoolSiagieClosing(models.Model):
    """The SIAGIE monthly closing of one sección: after it, the class book
    of that section and month is read-only, as a closed month of the whole
    school (school.attendance.month) is (seed 004: "Realizar el cierre
    mensual de asistencia"; legend "Datos registrados (cerrado)").

    Created only by school.siagie.register.close_month, which checks its
    caller and the month's completeness first; never changed, never
    reopened.
    """

    _name = "school.siagie.closing"
    _description = "SIAGIE Monthly Closing of a Section"
    _order = "month desc, batch_id"
    _check_company_auto = True

    batch_id = fields.Many2one(
        "op.batch", string="Section", required=True, index=True, readonly=True, check_company=True
    )
    month = fields.Date(required=True, readonly=True, help="First day of the closed month.")
    company_id = fields.Many2one(
        "res.company", string="School", required=True, index=True, readonly=True
    )
    closed_by_id = fields.Many2one("res.users", string="Closed By", readonly=True)

    _sql_constraints = [
        (
            "batch_month_uniq",
            "unique(batch_id, month)",
            "This month of this section is already closed.",
        ),
    ]

    @api.depends("batch_id", "month")
    def _compute_display_name(self):
        for closing in self:
            closing.display_name = "%s · %s" % (
                closing.batch_id.name,
                closing.month and closing.month.strftime("%m/%Y"),
            )

    @api.model_create_multi
    def create(self, vals_list):
        # Only close_month (sudo, after its caller and completeness checks).
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A month of a section is closed from the SIAGIE register, which "
                    "checks it first."
                )
            )
        self.env.registry.clear_cache()  # _school_closed_sections is cached
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("A closed month cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        raise UserError(self.env._("A closed month cannot be reopened."))

    @api.model
    @tools.ormcache("company_id")
    def _school_closed_sections(self, company_id):
        """``{(section id, month)}`` closed in a school, cached: every
        write of marks asks."""
        # sudo: the closing state is needed by every role that writes marks.
        return frozenset(
            (closing.batch_id.id, closing.month)
            for closing in self.sudo().search([("company_id", "=", company_id)])
        )

    @api.model
    def _school_check_open(self, keys):
        """Raise if any ``(company id, section id, date)`` falls in a month
        closed for that section."""
        hits = sorted(
            (day.replace(day=1), batch_id)
            for company_id, batch_id, day in keys
            if (batch_id, day.replace(day=1)) in self._school_closed_sections(company_id)
        )
        if hits:
            month, batch_id = hits[0]
            raise UserError(
                self.env._(
                    "The attendance of %(section)s for %(month)s is closed (SIAGIE); "
                    "nothing in it can change.",
                    # sudo: the name of a section whose marks the caller writes.
                    section=self.env["op.batch"].sudo().browse(batch_id).name,
                    month=month.strftime("%m/%Y"),
                )
            )

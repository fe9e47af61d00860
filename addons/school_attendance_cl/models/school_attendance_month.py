# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import UserError

from .school_guard import DIRECTOR, check_protected


class SchoolAttendanceMonth(models.Model):
    """A closed month of a school's class book: its marks become read-only
    (seed 004: the monthly closing of SIAGIE; Circular 30: no erasures)."""

    _name = "school.attendance.month"
    _description = "Closed Attendance Month"
    _order = "month desc"
    _check_company_auto = True
    # A closing is what it is: set once by create (the Director), never
    # rewritten from outside.
    _school_protected_fields = frozenset({"closed_by_id"})
    _school_fixed_fields = frozenset({"month", "company_id", "closed_by_id"})

    month = fields.Date(required=True, help="First day of the closed month.")
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    closed_by_id = fields.Many2one(
        "res.users", string="Closed By", default=lambda self: self.env.user, readonly=True
    )

    _sql_constraints = [
        ("month_company_uniq", "unique(month, company_id)", "This month is already closed."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        """Closing a month: the Director only."""
        self.env["res.users"]._school_require_role(
            DIRECTOR, message=self.env._("Only the Director can close a month of attendance.")
        )
        check_protected(self, vals_list, self._school_protected_fields)
        for vals in vals_list:
            try:
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
            except (AttributeError, KeyError, TypeError, ValueError):
                raise UserError(self.env._("Give the month to close as a date.")) from None
        self.env.registry.clear_cache()  # _school_closed_months is cached
        return super().create(vals_list)

    def write(self, vals):
        check_protected(self, [vals], self._school_fixed_fields)
        self.env.registry.clear_cache()
        return super().write(vals)

    @api.model
    @tools.ormcache("company_id")
    def _school_closed_months(self, company_id):
        """Closed months of a school, cached: every saved block asks."""
        return frozenset(
            self.sudo()  # sudo: closing state is needed by every role
            .search([("company_id", "=", company_id)])
            .mapped("month")
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        raise UserError(self.env._("A closed month cannot be reopened."))

    @api.model
    def _check_open(self, company_ids_dates):
        """Raise if any (company id, date) pair falls in a closed month."""
        if not company_ids_dates:
            return
        months = {(cid, day.replace(day=1)) for cid, day in company_ids_dates}
        hit = sorted(
            (month for month in months if month[1] in self._school_closed_months(month[0])),
            key=lambda month: month[1],
        )
        if hit:
            raise UserError(
                self.env._(
                    "The attendance of %(month)s is closed; nothing in it can change.",
                    month=hit[0][1].strftime("%m/%Y"),
                )
            )

    @api.depends("month", "company_id")
    def _compute_display_name(self):
        for closing in self:
            closing.display_name = self.env._(
                "Closing of %(month)s · %(school)s",
                month=closing.month.strftime("%m/%Y") if closing.month else "",
                school=closing.company_id.name or "",
            )

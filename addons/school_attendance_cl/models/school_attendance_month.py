# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SchoolAttendanceMonth(models.Model):
    """A closed month of a school's class book: its marks become read-only
    (seed 004: the monthly closing of SIAGIE; Circular 30: no erasures)."""

    _name = "school.attendance.month"
    _description = "Closed Attendance Month"
    _order = "month desc"
    _check_company_auto = True

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
        for vals in vals_list:
            vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        raise UserError(self.env._("A closed month cannot be reopened."))

    @api.model
    def _check_open(self, company_ids_dates):
        """Raise if any (company id, date) pair falls in a closed month."""
        if not company_ids_dates:
            return
        months = {(cid, day.replace(day=1)) for cid, day in company_ids_dates}
        closed = self.sudo().search_read(  # sudo: closing state is needed by every role
            [
                ("company_id", "in", list({m[0] for m in months})),
                ("month", "in", list({m[1] for m in months})),
            ],
            ["company_id", "month"],
        )
        closed_keys = {(row["company_id"][0], row["month"]) for row in closed}
        hit = sorted(months & closed_keys, key=lambda m: m[1])
        if hit:
            raise UserError(
                self.env._(
                    "The attendance of %(month)s is closed; nothing in it can change.",
                    month=hit[0][1].strftime("%m/%Y"),
                )
            )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from odoo.addons.school_attendance_cl.models.school_guard import DIRECTOR


class SchoolSiagieCode(models.Model):
    """How SIAGIE writes each code of the class book in its monthly grid.

    Seed 004 (SIAGIE screen legend): "." asistió, F faltó, T tardanza, J falta
    justificada, U tardanza justificada; día no académico, sin matrícula,
    traslado, retirado, fallecido (icons on the screen, a short symbol here).
    A day mark's symbol is read back by the import, so the symbols of the
    codes that count as a school day are unique. Editable: codes vary by
    tool (shared/research/anchors.md §4), the Director keeps the table.
    """

    _name = "school.siagie.code"
    _description = "SIAGIE Symbol of an Attendance Code"
    _order = "sequence, id"
    _rec_name = "code_id"

    code_id = fields.Many2one(
        "school.attendance.code",
        string="Attendance Code",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(related="code_id.sequence", store=True)
    symbol = fields.Char(
        size=3,
        help="What the SIAGIE grid shows for a day with this code; empty: a blank cell.",
    )
    label = fields.Char(
        help="SIAGIE's own word for the code in the grid's legend (falta, tardanza); "
        "empty: the code's name.",
    )
    is_status = fields.Boolean(
        related="code_id.counts_as_school_day",
        string="Counts as a School Day",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code_id)", "An attendance code has one SIAGIE symbol."),
    ]

    @api.constrains("symbol", "code_id")
    def _check_symbol(self):
        day_marks = self.search([]).filtered(lambda line: line.code_id.counts_as_school_day)
        seen = {}
        for line in day_marks:
            if not line.symbol:
                raise ValidationError(
                    self.env._(
                        "%(code)s counts as a school day: SIAGIE needs a symbol for it.",
                        code=line.code_id.name,
                    )
                )
            if line.symbol in seen:
                raise ValidationError(
                    self.env._(
                        "%(code)s and %(other)s cannot share the SIAGIE symbol %(symbol)s.",
                        code=line.code_id.name,
                        other=seen[line.symbol],
                        symbol=line.symbol,
                    )
                )
            seen[line.symbol] = line.code_id.name

    @api.model_create_multi
    def create(self, vals_list):
        self._school_require_director()
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self._school_require_director()
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self._school_require_director()
        self.env.registry.clear_cache()
        return super().unlink()

    def _school_require_director(self):
        # The grid SIAGIE receives: the Director's, like the codes themselves.
        self.env["res.users"]._school_require_role(
            DIRECTOR, message=self.env._("Only the Director can change the SIAGIE symbols.")
        )

    @api.model
    @tools.ormcache()
    def _school_symbols(self):
        """``{attendance code id: symbol}``, cached: every grid reads it. A
        code without a row here (one the Director added later) shows its
        SIAGIE letter of the class book when it counts as a school day."""
        # sudo: catalogues every role that exports or imports reads.
        codes = self.env["school.attendance.code"].sudo().with_context(active_test=False)
        symbols = {
            code.id: (code.siagie_letter or "") if code.counts_as_school_day else ""
            for code in codes.search([])
        }
        symbols.update({line.code_id.id: line.symbol or "" for line in self.sudo().search([])})
        return symbols

    @api.model
    def _school_symbol_of_key(self, key):
        """The symbol of the attendance code with this key (``transfer``…)."""
        code = self.env["school.attendance.code"]._school_code_map().get(key)
        return self._school_symbols().get(code[0], "") if code else ""

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SchoolDisciplineEntry(models.Model):
    _inherit = "school.discipline.entry"

    school_arrival_id = fields.Many2one(
        "school.attendance.arrival",
        string="In-Class Lateness",
        readonly=True,
        index="btree_not_null",
        # The hoja de vida is append-only: the entry stays if Inspectoría
        # deletes the arrival (its description keeps the date).
        ondelete="set null",
        help="The in-class lateness registered by Inspectoría that wrote this entry.",
    )

    @api.model
    def _school_check_user_vals(self, vals_list):
        # Written by the system only (school.attendance.arrival).
        if any(vals.get("school_arrival_id") for vals in vals_list):
            raise UserError(
                self.env._(
                    "This kind of entry is written by the system (cases, citations, corrections)."
                )
            )
        return super()._school_check_user_vals(vals_list)

    @api.model
    def _school_climb_ladder(self, vals_list):
        """An in-class lateness is a leve of the catalogue and counts on the
        MC 7.1 ladder, but protocol XI (seed 003 L3178) puts its anotación
        in the hoja de observaciones (hoja de vida), whatever the rung."""
        result = super()._school_climb_ladder(vals_list)
        for vals in vals_list:
            if vals.get("school_arrival_id"):
                vals.update(book="hoja_vida", label=self.env._("Negative note: irresponsibility"))
        return result

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("school_arrival_id") and vals.get("kind") == "note":
                vals["book"] = "hoja_vida"
                vals["label"] = self.env._("Negative note: irresponsibility")
        return super().create(vals_list)

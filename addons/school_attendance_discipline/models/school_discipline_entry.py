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

    def _school_cite_guardians(self):
        """One citation per lateness (protocol XI and the ladder of leves
        would both cite the apoderado for the same in-class lateness): an
        entry written for a lateness the apoderado is already cited for
        (school_attendance_cl, from the 3rd) is linked to that citation; a
        citation the ladder asks for on an earlier lateness is linked to
        the lateness."""
        from_arrival = self.filtered("school_arrival_id")
        cited = from_arrival.filtered(lambda e: e.school_arrival_id.guardian_citation_ids)
        for entry in cited:
            # sudo: the citation's origin entry is protected (the system's);
            # create checked the caller before the ladder asked for it.
            entry.school_arrival_id.guardian_citation_ids[:1].sudo().entry_id = entry
        citations = super(SchoolDisciplineEntry, self - cited)._school_cite_guardians()
        for citation in citations.filtered(lambda c: c.entry_id.school_arrival_id):
            # sudo: the citation's lateness is protected (the system's).
            citation.sudo().arrival_id = citation.entry_id.school_arrival_id
        return citations | cited.school_arrival_id.guardian_citation_ids

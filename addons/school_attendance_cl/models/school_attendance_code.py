# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError

from .school_guard import DIRECTOR


class SchoolAttendanceCode(models.Model):
    """What a mark in the class book means, and how each register reads it.

    Seed 004 (SIAGIE monthly grid legend): "." asistió, F faltó, T tardanza,
    J falta justificada, U tardanza justificada; día no académico, sin
    matrícula, traslado, retirado, fallecido. SIGE (Chile) only receives
    present / absent per student and day (shared/research/sige-interface.md).
    """

    _name = "school.attendance.code"
    _description = "Attendance Code"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Internal key, e.g. present, absent.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    siagie_letter = fields.Char(string="SIAGIE Letter", size=2)
    sige_status = fields.Selection(
        [
            ("present", "Present"),
            ("absent", "Absent"),
            ("not_counted", "Not counted"),
        ],
        string="SIGE Status",
        required=True,
        default="present",
        help="How SIGE receives the mark: present, absent, or not sent "
        "(non-academic day, not enrolled, transferred, withdrawn, deceased).",
    )
    is_late = fields.Boolean(string="Lateness")
    is_justified = fields.Boolean(string="Justified")
    counts_as_school_day = fields.Boolean(
        string="Counts as a School Day",
        default=True,
        help="False for marks that take the day out of the student's "
        "attendance percentage (not enrolled, transferred, withdrawn…).",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each attendance code must be unique."),
    ]

    @api.model
    @tools.ormcache()
    def _school_decision_code_ids(self):
        """Codes that are not a teacher's call: justified absences and
        lateness (Inspectoría's decision on a justification) and the roll's
        statuses that leave the school day (withdrawn, transferred, not
        enrolled, non-academic day: Secretaría's). Cached like the map."""
        return frozenset(
            self.sudo()  # sudo: a catalogue every role reads
            .with_context(active_test=False)
            .search(["|", ("is_justified", "=", True), ("counts_as_school_day", "=", False)])
            .ids
        )

    @api.model
    def _school_check_code_for_caller(self, code_ids):
        """Refuse a decision code (see above) to whoever is not Secretaría,
        Inspectoría or the Director."""
        if set(code_ids) & self._school_decision_code_ids() and not self.env[
            "res.users"
        ]._school_has_role("school_base.school_base_group_secretary"):
            raise AccessError(
                self.env._(
                    "A justified mark or a status that leaves the school day (withdrawn, "
                    "transferred, not enrolled, non-academic day) is recorded by Inspectoría "
                    "or Secretaría, not in the class list."
                )
            )

    @api.model
    @tools.ormcache()
    def _school_code_map(self):
        """{code key: (id, is_late)} of the active codes, cached: the class
        book reads it for every block it saves."""
        return {
            code.code: (code.id, code.is_late)
            for code in self.sudo().search([])  # sudo: a catalogue every role reads
        }

    @api.model
    @tools.ormcache()
    def _school_register_codes(self):
        """``(letters, counting)`` of every code, cached for the registers:
        ``{code id: letter in the grid}`` and, for the codes that count as a
        school day, ``{code id: (present, late, justified)}``."""
        letters = {}
        counting = {}
        # sudo: a catalogue every role reads; archived codes still show.
        for code in self.sudo().with_context(active_test=False).search([]):
            if code.counts_as_school_day:
                letters[code.id] = code.siagie_letter or ""
                counting[code.id] = (code.sige_status == "present", code.is_late, code.is_justified)
            else:
                letters[code.id] = code.siagie_letter or "-"
        return letters, counting

    def _school_require_director(self):
        # The catalogue counts in SIGE and the registers: the Director's.
        self.env["res.users"]._school_require_role(
            DIRECTOR, message=self.env._("Only the Director can change the attendance codes.")
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._school_require_director()
        before = self._school_register_basis()
        codes = super().create(vals_list)
        self._school_catalogue_changed(before)
        return codes

    def write(self, vals):
        self._school_require_director()
        self._school_check_key_kept(vals)
        before = self._school_register_basis()
        result = super().write(vals)
        self._school_catalogue_changed(before)
        return result

    def unlink(self):
        self._school_require_director()
        self._school_check_key_kept({"active": False})
        before = self._school_register_basis()
        result = super().unlink()
        self._school_catalogue_changed(before)
        return result

    def _school_check_key_kept(self, vals):
        """The key (``code``) is how the class book, the portal, the phone's
        saved blocks and the justifications find a code: it cannot change
        once the code exists (a renamed key made every later save fail).
        The codes this addon ships are looked up by key too: they cannot be
        archived or deleted either. Name, letter and the rest stay editable."""
        if "code" in vals and any(code.code != vals["code"] for code in self):
            raise UserError(
                self.env._(
                    "The key of an attendance code cannot be changed; create another code instead."
                )
            )
        if "active" in vals and not vals["active"]:
            shipped = self.filtered(
                lambda code: code.get_external_id()
                .get(code.id, "")
                .startswith("school_attendance_cl.")
            )
            if shipped:
                raise UserError(
                    self.env._(
                        "%(code)s is one of the class book's own codes: it cannot be "
                        "archived or deleted.",
                        code=shipped[0].name,
                    )
                )

    @api.model
    def _school_register_basis(self):
        """What the register rows are built from in the catalogue: the
        present code and each code's SIGE status."""
        self.flush_model(["code", "active", "sige_status"])
        self.env.cr.execute(
            "SELECT id, code = 'present' AND active, sige_status"
            " FROM school_attendance_code ORDER BY id"
        )
        return self.env.cr.fetchall()

    @api.model
    def _school_catalogue_changed(self, before):
        """Clear the cached catalogue; when the present code or a code's
        SIGE status changed (``before``: _school_register_basis before the
        change), rebuild the register rows, which single out the days not
        present and the days SIGE receives as present or absent."""
        self.flush_model()
        self.env.registry.clear_cache()
        if self._school_register_basis() != before:
            self.env["school.attendance.register.line"]._school_rebuild_all()

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from stdnum.cl import rut as cl_rut
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.pe import cui as pe_cui

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.sql import index_exists

ID_TYPES = [
    ("cl_run", "RUN / RUT (Chile)"),
    ("pe_dni", "DNI / CUI (Perú)"),
]


class ResPartner(models.Model):
    """Identity document of every person the school deals with.

    Students (op.student), faculty (op.faculty) and apoderados (op.parent)
    are partners (``_inherits`` or a Many2one), so the field, its validation
    and its uniqueness live here once.
    """

    _inherit = "res.partner"

    school_id_type = fields.Selection(
        ID_TYPES,
        string="Identity Document Type",
        default="cl_run",
    )
    school_id_number = fields.Char(
        string="Identity Number",
        index=True,
        copy=False,
        help="RUN stored normalised as 12345678-5 (shown 12.345.678-5); "
        "Peruvian DNI as 8 digits, CUI with its check character.",
    )
    school_student_ids = fields.One2many("op.student", "partner_id", string="Student Records")
    school_parent_ids = fields.One2many(
        "op.parent",
        "name",
        string="Apoderado Records",
        help="The apoderado links of this person: record rules of partners match on it.",
    )
    school_guardian_user_ids = fields.Many2many(
        "res.users",
        "res_partner_school_guardian_user_rel",
        "partner_id",
        "user_id",
        string="Guardian Users",
        compute="_compute_school_guardian_user_ids",
        store=True,
        help="Portal users of the apoderados of this student: the record "
        "rules of students (and of their partner records, which op.student "
        "inherits) match on it.",
    )
    school_id_display = fields.Char(
        string="Identity Document",
        compute="_compute_school_id_display",
    )

    @api.depends("school_student_ids.parent_ids.name.user_ids")
    def _compute_school_guardian_user_ids(self):
        for partner in self:
            partner.school_guardian_user_ids = partner.school_student_ids.parent_ids.name.user_ids

    @api.depends("school_id_type", "school_id_number")
    def _compute_school_id_display(self):
        for partner in self:
            number = partner.school_id_number
            if number and partner.school_id_type == "cl_run":
                number = cl_rut.format(number)
            partner.school_id_display = number or False

    @api.constrains("school_id_type", "school_id_number")
    def _check_school_id_number_format(self):
        for partner in self.filtered("school_id_number"):
            normalized = self._school_normalize_id_number(
                partner.school_id_type or "cl_run",
                partner.school_id_number,
                partner.display_name,
            )
            if normalized != partner.school_id_number:
                raise ValidationError(
                    self.env._(
                        "The identity number %(number)s of %(name)s is not "
                        "stored in its normal form %(normal)s.",
                        number=partner.school_id_number,
                        name=partner.display_name,
                        normal=normalized,
                    )
                )

    def init(self):
        res = super().init()
        # The database holds the rule under concurrency: two requests that
        # create the same person in one school at once cannot both commit
        # (Odoo runs transactions in REPEATABLE READ, where a search made
        # before the other commits would not see it). The check below gives
        # the readable message first; a partner without a company clashing
        # with one of a company is left to that check.
        if not index_exists(self.env.cr, "res_partner_school_id_number_company_uniq"):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX res_partner_school_id_number_company_uniq "
                    "ON res_partner (COALESCE(school_id_type, 'cl_run'), "
                    "school_id_number, COALESCE(company_id, 0)) "
                    "WHERE school_id_number IS NOT NULL"
                )
            )
        return res

    @api.model
    def _school_check_id_number_unique(self, candidates):
        """One person per identity number within a company.

        ``candidates`` are (partner or empty recordset, type, number,
        company id) as they will be stored. Partners without a company are
        visible to every company, so they clash with any company. The search
        runs in sudo: a clash must be found whatever the caller may read (the
        message names the other person only by name).
        """
        candidates = [c for c in candidates if c[2]]
        if not candidates:
            return
        own_ids = [c[0].id for c in candidates if c[0]]
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("school_id_number", "in", list({c[2] for c in candidates})),
                    ("id", "not in", own_ids),
                ],
                ["school_id_type", "school_id_number", "company_id", "display_name"],
            )
        )
        by_key = {}
        for other in others:
            key = (other.school_id_type or "cl_run", other.school_id_number)
            by_key.setdefault(key, []).append((other.display_name, other.company_id.id))
        seen = {}
        for _partner, id_type, number, company_id, name in candidates:
            key = (id_type or "cl_run", number)
            clashes = by_key.get(key, []) + seen.get(key, [])
            for other_name, other_company in clashes:
                if not company_id or not other_company or company_id == other_company:
                    raise ValidationError(
                        self.env._(
                            "The identity number %(number)s of %(name)s is "
                            "already used by %(other)s.",
                            number=cl_rut.format(number)
                            if (id_type or "cl_run") == "cl_run"
                            else number,
                            name=name,
                            other=other_name,
                        )
                    )
            seen.setdefault(key, []).append((name, company_id))

    @api.model
    def _school_normalize_id_number(self, id_type, number, name=None):
        """Return ``number`` in its stored form, or raise a ValidationError
        that names the person and the value."""
        if not number:
            return False
        raw = number.strip()
        try:
            if id_type == "pe_dni":
                compact = pe_cui.validate(raw)
                return compact
            compact = cl_rut.validate(raw)
        except StdnumValidationError as err:
            if id_type == "pe_dni":
                msg = self.env._(
                    "The DNI/CUI %(number)s%(of_name)s is not valid: a DNI has "
                    "8 digits, a CUI adds one check character.",
                    number=raw,
                    of_name=self._school_of_name(name),
                )
            elif isinstance(err, cl_rut.InvalidChecksum):
                msg = self.env._(
                    "The RUN %(number)s%(of_name)s has a wrong check digit "
                    "(it should be %(digit)s).",
                    number=raw,
                    of_name=self._school_of_name(name),
                    digit=cl_rut.calc_check_digit(cl_rut.compact(raw)[:-1]),
                )
            else:
                msg = self.env._(
                    "The RUN %(number)s%(of_name)s is not valid: write its "
                    "digits and check digit, e.g. 12.345.678-5.",
                    number=raw,
                    of_name=self._school_of_name(name),
                )
            raise ValidationError(msg) from err
        return "%s-%s" % (compact[:-1], compact[-1])

    @api.model
    def _school_of_name(self, name):
        return self.env._(" (of %(name)s)", name=name) if name else ""

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("school_id_number"):
                vals["school_id_number"] = self._school_normalize_id_number(
                    vals.get("school_id_type") or "cl_run",
                    vals["school_id_number"],
                    vals.get("name"),
                )
        default_company = self.env.context.get("default_company_id")
        self._school_check_id_number_unique(
            [
                (
                    self.browse(),
                    vals.get("school_id_type") or "cl_run",
                    vals.get("school_id_number"),
                    vals.get("company_id", default_company) or False,
                    vals.get("name") or "",
                )
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        if {"school_id_number", "school_id_type", "company_id"} & set(vals):
            self._school_check_id_number_unique(
                [
                    (
                        partner,
                        vals.get("school_id_type", partner.school_id_type),
                        partner._school_normalize_id_number(
                            vals.get("school_id_type", partner.school_id_type) or "cl_run",
                            vals["school_id_number"],
                            partner.display_name,
                        )
                        if vals.get("school_id_number")
                        else ("school_id_number" not in vals and partner.school_id_number),
                        vals["company_id"] if "company_id" in vals else partner.company_id.id,
                        partner.display_name,
                    )
                    for partner in self
                ]
            )
        if not vals.get("school_id_number"):
            return super().write(vals)
        # The stored form depends on each partner's document type.
        if "school_id_type" in vals:
            groups = {vals["school_id_type"]: self}
        else:
            groups = {}
            for partner in self:
                groups.setdefault(partner.school_id_type, self.browse())
                groups[partner.school_id_type] |= partner
        result = True
        for id_type, partners in groups.items():
            group_vals = dict(
                vals,
                school_id_number=self._school_normalize_id_number(
                    id_type or "cl_run",
                    vals["school_id_number"],
                    partners.display_name if len(partners) == 1 else None,
                ),
            )
            result &= super(ResPartner, partners).write(group_vals)
        return result

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from stdnum.cl import rut as cl_rut
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.pe import cui as pe_cui

from odoo import api, fields, models
from odoo.exceptions import ValidationError

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

    @api.constrains("school_id_type", "school_id_number", "company_id")
    def _check_school_id_number_unique(self):
        """One person per identity number within a company.

        Partners without a company are visible to every company, so they
        clash with any company.
        """
        partners = self.filtered("school_id_number")
        if not partners:
            return
        others = (
            self.with_context(active_test=False).search(
                [
                    ("school_id_number", "in", partners.mapped("school_id_number")),
                    ("id", "not in", partners.ids),
                ]
            )
            | partners
        )
        by_key = {}
        for other in others:
            key = (other.school_id_type, other.school_id_number)
            by_key.setdefault(key, self.browse())
            by_key[key] |= other
        for partner in partners:
            key = (partner.school_id_type, partner.school_id_number)
            for other in by_key[key] - partner:
                if (
                    not partner.company_id
                    or not other.company_id
                    or partner.company_id == other.company_id
                ):
                    raise ValidationError(
                        self.env._(
                            "The identity number %(number)s of %(name)s is "
                            "already used by %(other)s.",
                            number=partner.school_id_display,
                            name=partner.display_name,
                            other=other.display_name,
                        )
                    )

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
        return super().create(vals_list)

    def write(self, vals):
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

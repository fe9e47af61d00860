# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from stdnum.cl import rut as cl_rut

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_lang import SCHOOL_DEFAULT_LANG, SCHOOL_LANG_BY_COUNTRY


class ResCompany(models.Model):
    """A school (establecimiento, identified by its RBD) or its sostenedor.

    The sostenedor is the parent company; each school is a child company
    (an Odoo branch), so every school record is scoped by company rules and
    the sostenedor's users see all their schools.
    """

    _inherit = "res.company"

    school_rbd = fields.Char(
        string="RBD",
        size=8,
        help="Rol Base de Datos: the Mineduc number of the school, digits only.",
    )
    school_rbd_dv = fields.Char(
        string="RBD Check Digit",
        size=1,
        help="Check digit of the RBD (modulo 11, as the RUN).",
    )
    school_dependency = fields.Selection(
        [
            ("municipal", "Municipal"),
            ("slep", "Servicio Local de Educación Pública"),
            ("subsidized", "Particular subvencionado"),
            ("private", "Particular pagado"),
            ("delegated", "Administración delegada"),
            ("pe_public", "Pública de gestión directa (Perú)"),
            ("pe_private", "Privada (Perú)"),
        ],
        string="Dependency",
    )
    school_is_sostenedor = fields.Boolean(
        string="Is a Sostenedor",
        help="The legal owner of one or more schools (their parent company).",
    )
    school_sostenedor_id = fields.Many2one(
        "res.company",
        string="Sostenedor",
        compute="_compute_school_sostenedor_id",
    )
    school_holiday_subdivision = fields.Char(
        string="Holiday Region",
        help="Region code for regional public holidays (e.g. AP for Arica y "
        "Parinacota, NB for Ñuble, ML for Maule). Empty: national ones only.",
    )
    school_annex_ids = fields.One2many("school.annex", "company_id", string="Annexes")
    # The dashboard (Tablero): figures read with the user's own access, so a
    # Director sees their school and a sostenedor its network. Each addon
    # adds its figures here and to the dashboard view.
    school_dashboard_student_count = fields.Integer(
        string="Students", compute="_compute_school_dashboard_student_count"
    )
    school_dashboard_schools_shown = fields.Integer(
        string="Schools Shown", compute="_compute_school_dashboard_schools"
    )
    school_dashboard_schools_total = fields.Integer(
        string="Schools of the User", compute="_compute_school_dashboard_schools"
    )

    _sql_constraints = [
        ("school_rbd_uniq", "unique(school_rbd)", "Two schools cannot share an RBD."),
    ]

    @api.depends("parent_id", "parent_id.school_is_sostenedor")
    def _compute_school_sostenedor_id(self):
        for company in self:
            parent = company.parent_id
            company.school_sostenedor_id = parent if parent.school_is_sostenedor else False

    # Read with the user's access: cached per user and active schools.
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_school_dashboard_student_count(self):
        counts = self._school_dashboard_counts("op.student", [])
        for company in self:
            company.school_dashboard_student_count = counts[company]

    # ------------------------------------------------------------------
    # The dashboard (Tablero)
    # ------------------------------------------------------------------
    def _school_dashboard_scope(self):
        """{company: ids of the schools its figures cover}: a school its
        own; a sostenedor (the network) itself and its schools ticked in the
        company switcher (the records of the others are out of the user's
        reach now, whatever res.company's rules let them read: the figure
        would count them as nothing)."""
        children = self.env["res.company"].search(
            [("parent_id", "in", self.ids), ("id", "in", self.env.companies.ids)]
        )
        scope = {}
        for company in self:
            ids = {company.id}
            if company.school_is_sostenedor:
                ids |= set(children.filtered(lambda c, p=company: c.parent_id == p).ids)
            scope[company] = ids
        return scope

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_school_dashboard_schools(self):
        """A network card: how many of the user's schools of the network it
        covers (those ticked in the company switcher) and how many the user
        has, so that the card says when some are left out."""
        scope = self._school_dashboard_scope()
        mine = self.env.user.company_ids
        for company in self:
            shown = len(scope[company]) - 1
            total = len(mine.filtered(lambda c, p=company: c.parent_id == p))
            company.school_dashboard_schools_shown = shown
            company.school_dashboard_schools_total = max(total, shown)

    def _school_dashboard_counts(self, model, domain, company_field="company_id"):
        """{company: number of ``model`` records matching ``domain`` in its
        scope}, counted with the user's access rights and record rules (no
        sudo: a figure never shows more than the list behind it)."""
        scope = self._school_dashboard_scope()
        if not self.env[model].has_access("read"):
            return dict.fromkeys(scope, 0)
        school_ids = list(set().union(*scope.values())) if scope else []
        groups = self.env[model]._read_group(
            list(domain) + [(company_field, "in", school_ids)], [company_field], ["__count"]
        )
        counts = {company.id: count for company, count in groups}
        return {company: sum(counts.get(cid, 0) for cid in ids) for company, ids in scope.items()}

    def _school_dashboard_action(self, model, domain, name, company_field="company_id", **extra):
        """The list behind a figure of the dashboard: the same records the
        figure counts (same domain, same scope)."""
        self.ensure_one()
        scope = self._school_dashboard_scope()[self]
        action = {
            "type": "ir.actions.act_window",
            "name": "%s · %s" % (name, self.name),
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": list(domain) + [(company_field, "in", sorted(scope))],
            "context": {"create": False},
        }
        action.update(extra)
        return action

    def action_school_dashboard_students(self):
        return self._school_dashboard_action("op.student", [], self.env._("Students"))

    @api.constrains("school_rbd", "school_rbd_dv")
    def _check_school_rbd(self):
        for company in self.filtered("school_rbd"):
            rbd = company.school_rbd.strip()
            if not rbd.isdigit():
                raise ValidationError(
                    self.env._(
                        "The RBD of %(school)s must contain digits only (got %(rbd)s).",
                        school=company.name,
                        rbd=company.school_rbd,
                    )
                )
            expected = cl_rut.calc_check_digit(rbd)
            if (company.school_rbd_dv or "").upper() != expected:
                raise ValidationError(
                    self.env._(
                        "The RBD check digit of %(school)s is wrong: "
                        "RBD %(rbd)s has check digit %(digit)s.",
                        school=company.name,
                        rbd=rbd,
                        digit=expected,
                    )
                )

    @api.constrains("school_holiday_subdivision", "country_id")
    def _check_school_holiday_subdivision(self):
        calendar = self.env["school.calendar"]
        for company in self.filtered("school_holiday_subdivision"):
            # Raises a ValidationError naming the company if unknown.
            calendar._check_subdivision(company)

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._school_check_languages()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if "country_id" in vals:
            self._school_check_languages()
        return res

    def _school_check_languages(self):
        """A school in another country (Perú): the languages cron activates
        its Spanish and makes it the default of its new users (loading a
        language's translations takes a while, so not in this request)."""
        codes = {SCHOOL_LANG_BY_COUNTRY.get(company.country_id.code) for company in self}
        if codes - {None, SCHOOL_DEFAULT_LANG}:
            cron = self.env.ref("school_base.ir_cron_school_languages", raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger()

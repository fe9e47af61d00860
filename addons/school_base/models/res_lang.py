# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, models
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationImporter

_logger = logging.getLogger(__name__)

# The language of a school's country; es_CL is the suite's default. Both fall
# back to es (get_po_paths loads es, es_419, then the country's file).
SCHOOL_LANG_BY_COUNTRY = {"CL": "es_CL", "PE": "es_PE"}
SCHOOL_DEFAULT_LANG = "es_CL"


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _school_lang_codes(self):
        """The languages the schools of this database speak: Chilean Spanish
        always, Peruvian Spanish once a school in Perú is set up."""
        countries = self.env["res.company"].sudo().search([]).country_id
        codes = [SCHOOL_DEFAULT_LANG]
        codes += [
            SCHOOL_LANG_BY_COUNTRY[code]
            for code in countries.mapped("code")
            if SCHOOL_LANG_BY_COUNTRY.get(code, SCHOOL_DEFAULT_LANG) not in codes
        ]
        return codes

    @api.model
    def _school_lang_of(self, company):
        """The language a school's stored texts are written in (texts that
        the system computes for its users, e.g. at night): its country's
        Spanish when active, else the suite's default, else none."""
        code = SCHOOL_LANG_BY_COUNTRY.get(company.country_id.code, SCHOOL_DEFAULT_LANG)
        active = set(self.sudo().search([]).mapped("code"))
        for candidate in (code, SCHOOL_DEFAULT_LANG):
            if candidate in active:
                return candidate
        return None

    @api.model
    def _school_setup_languages(self):
        """Spanish everywhere (install of school_base, and the cron after a
        school in another country appears): activate the schools' languages
        with their translations, make them the default of new partners and
        users (per company for a school abroad) and offer them on the
        websites (login page and portal). Returns the languages, the
        default first."""
        codes = self._school_lang_codes()
        langs = activated = self.browse()
        for code in codes:
            lang = self.with_context(active_test=False).search([("code", "=", code)])
            if not lang:
                continue
            if not lang.active:
                lang.active = True
                # The modules installed so far, and those of this install
                # run (the later ones load theirs as they install).
                self.env["ir.module.module"].sudo().search(
                    [("state", "in", ("installed", "to install", "to upgrade"))]
                )._update_translations([code])
                _logger.info("school languages: %s activated with its translations", code)
                activated |= lang
            langs |= lang
        if not langs:
            return langs
        if activated:
            # Not at every run of the cron: a school may have edited them.
            self._school_override_translations()
        default = langs[0]
        defaults = self.env["ir.default"].sudo()
        defaults.set("res.partner", "lang", default.code)
        for company in self.env["res.company"].sudo().search([]):
            code = SCHOOL_LANG_BY_COUNTRY.get(company.country_id.code)
            if code and code != default.code and code in langs.mapped("code"):
                defaults.set("res.partner", "lang", code, company_id=company.id)
        if "website" in self.env:
            self.env["website"].sudo().search([])._school_add_languages(langs)
        return langs

    @api.model
    def _school_install_languages(self):
        """On install: the languages above, and the administrator who
        installed the suite reads it in Spanish too."""
        langs = self._school_setup_languages()
        if langs and "website" in self.env:
            self.env["website"].sudo().search([])._school_install_frame(langs)
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        if admin and admin.lang == "en_US" and self._lang_get(SCHOOL_DEFAULT_LANG):
            admin.lang = SCHOOL_DEFAULT_LANG

    @api.model
    def _school_override_translations(self):
        """Our Spanish of some of OpenEduCat's terms (school_base/i18n_extra:
        blood groups, "facultades" for teachers), by OpenEduCat's external
        ids, over the translations in the database. Odoo loads those files
        with school_base's own, but never over a translation already there
        (OpenEduCat's, loaded before, or at an update): imported here with
        force_overwrite, for each active Spanish."""
        codes = [code for code, _name in self.get_installed() if code.split("_")[0] == "es"]
        if not codes:
            return
        importer = TranslationImporter(self.env.cr, verbose=False)
        for code in codes:
            for name in dict.fromkeys(["es", code]):
                try:
                    path = file_path("school_base/i18n_extra/%s.po" % name)
                except FileNotFoundError:
                    continue
                importer.load_file(path, code)
        importer.save(force_overwrite=True)
        _logger.info("school languages: OpenEduCat's terms in our Spanish (%s)", ", ".join(codes))

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, models

from .res_lang import SCHOOL_LANG_BY_COUNTRY


class Website(models.Model):
    """The website is only the frame of the login page and the portal
    (OpenEduCat depends on the website module): it speaks the schools'
    languages, and bears the name of its school, not "My Website"."""

    _inherit = "website"

    def _school_add_languages(self, langs):
        """The schools' languages are offered by every website."""
        for website in self:
            if langs - website.language_ids:
                website.language_ids = [Command.link(lang.id) for lang in langs]

    def _school_install_frame(self, langs):
        """On install: only the schools' languages (a browser that asks for
        English, or sends no preference at all, gets Spanish), the one of the
        website's country first, and the company's name as the site's."""
        for website in self:
            own = SCHOOL_LANG_BY_COUNTRY.get(website.company_id.country_id.code)
            default = langs.filtered(lambda lang, own=own: lang.code == own)[:1] or langs[0]
            vals = {"language_ids": [Command.set(langs.ids)], "default_lang_id": default.id}
            if website.name.startswith("My Website"):
                vals["name"] = website.company_id.name
            website.write(vals)
        # The template's "Contact us" page is not the school's.
        self.env["website.menu"].search(
            [("website_id", "in", self.ids), ("url", "=", "/contactus")]
        ).unlink()

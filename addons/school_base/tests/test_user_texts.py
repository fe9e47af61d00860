# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import BaseCase, tagged

from .user_texts import internal_refs, po_texts_with_internal_refs


@tagged("post_install", "-at_install")
class TestUserTextsWithoutInternalRefs(BaseCase):
    def test_pattern(self):
        """The pattern catches the references seen in letters, and leaves an
        article named in plain words alone."""
        for text in (
            "conforme al Reglamento Interno (P-XII, seed 003 L3184-3274).",
            "la reconsideración de la medida (MC 8.2).",
            "en la tarde (RI III.3.1).",
            "(digest impl. note)",
        ):
            self.assertTrue(internal_refs(text), text)
        self.assertFalse(
            internal_refs("según el artículo 8.2 del Manual de Convivencia (Ley 21.128).")
        )

    def test_no_translation_shows_an_internal_reference(self):
        """Every Spanish text of every addon of the suite (es.po msgstr, or
        its source when untranslated; es_CL/es_PE overrides)."""
        found = po_texts_with_internal_refs()
        self.assertFalse(
            found,
            "Internal references in user texts:\n%s"
            % "\n".join("%s: %s" % (path, text[:120]) for path, text in found),
        )

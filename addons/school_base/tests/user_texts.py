# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a user must never read: the internal references of the sources the
suite was built from (seed ids, line numbers of the seed documents, the
digest's sections, the abbreviations of the Reglamento's parts). Code
comments keep them; letters, portal pages, reports and translations name an
article of the school's own Reglamento in plain words, if anything."""

import re
from pathlib import Path

import polib

INTERNAL_REF = re.compile(
    r"\bseed\b|\bL\d{3,4}\b|\bdigest\b|\bP-[IVX]+\b|\bMC \d|\bRI [IVX]+\b|§",
    re.IGNORECASE,
)

ADDONS_DIR = Path(__file__).resolve().parents[2]


def internal_refs(text):
    """The internal references found in ``text`` (a list, empty if none)."""
    return [match.group(0) for match in INTERNAL_REF.finditer(text or "")]


def po_texts_with_internal_refs():
    """``[(po file, text)]`` of every translation of the suite's addons that
    shows an internal reference: the msgstr, or the msgid when the msgstr is
    empty (the user then reads the source)."""
    found = []
    for po_path in sorted(ADDONS_DIR.glob("school_*/i18n/*.po")):
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete:
                continue
            # es_CL.po / es_PE.po leave most entries empty on purpose: the
            # es.po translation is read then, scanned with es.po.
            shown = entry.msgstr or (entry.msgid if po_path.stem == "es" else "")
            if internal_refs(shown):
                found.append(("%s/%s" % (po_path.parent.parent.name, po_path.name), shown))
    return found

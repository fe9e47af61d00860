#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Check (or refresh) the addons' translation templates and Spanish.

    check_i18n.py EXPORT_DIR ADDON...            check
    check_i18n.py --write EXPORT_DIR ADDON...    refresh the committed .pot

EXPORT_DIR holds ``<addon>/i18n/<addon>.pot`` as exported from a database
where the addons are installed (``odoo-bin --i18n-export=FILE.tgz``). Why it matters: Odoo
merges an addon's committed .pot into its .po files when it reads them
(odoo/tools/translate.py, PoFileReader), and an entry missing from the .pot
becomes obsolete, so a string added to the code after the .pot was last
made is shown in English even though es.po translates it.

The check fails when
- a committed .pot lacks a term of the export, or its flags differ
  (``odoo-python`` / ``odoo-javascript`` decide which strings the code
  translations load);
- a term has no Spanish translation (es.po, or es_CL.po where Chile has its
  own wording). Terms that are code, not text (a report's file-name
  expression), are skipped.
"""

import shutil
import sys
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent
# Terms that are Python expressions, not words a user reads.
NOT_TEXT = ("model:ir.actions.report,print_report_name:",)
FLAGS = ("odoo-python", "odoo-javascript")


def _flags(entry):
    return frozenset(flag for flag in FLAGS if flag in (entry.comment or ""))


def _is_text(entry):
    return not all(occurrence.startswith(NOT_TEXT) for occurrence, _line in entry.occurrences)


def _spanish(addon):
    translated = set()
    for lang in ("es", "es_CL"):
        path = REPO / "addons" / addon / "i18n" / ("%s.po" % lang)
        if path.exists():
            translated |= {entry.msgid for entry in polib.pofile(str(path)) if entry.msgstr}
    return translated


def main(argv):
    write = "--write" in argv
    args = [arg for arg in argv if arg != "--write"]
    export_dir, addons = Path(args[0]), args[1:]
    problems = []
    for addon in addons:
        exported_path = export_dir / addon / "i18n" / ("%s.pot" % addon)
        # An addon without a user-visible term (a bridge) exports nothing.
        if not exported_path.exists() or not exported_path.read_text().strip():
            continue
        exported = polib.pofile(str(exported_path))
        committed_path = REPO / "addons" / addon / "i18n" / ("%s.pot" % addon)
        if write:
            committed_path.parent.mkdir(exist_ok=True)
            shutil.copyfile(exported_path, committed_path)
        committed = polib.pofile(str(committed_path)) if committed_path.exists() else []
        known = {entry.msgid: _flags(entry) for entry in committed}
        stale = [
            entry.msgid
            for entry in exported
            if entry.msgid not in known or known[entry.msgid] != _flags(entry)
        ]
        if stale:
            problems.append(
                "%s: i18n/%s.pot is out of date (%d terms missing or with other flags, "
                "e.g. %r); run ./school pot" % (addon, addon, len(stale), stale[0][:60])
            )
        spanish = _spanish(addon)
        missing = sorted(
            entry.msgid for entry in exported if _is_text(entry) and entry.msgid not in spanish
        )
        for msgid in missing:
            problems.append("%s: no Spanish for %r" % (addon, msgid[:100]))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Keep each addon's i18n/<addon>.pot and i18n/ru.po in line with the code.

  python setup/i18n_tool.py merge <export_dir> <addon>...
      copy the exported <addon>.pot into the addon and merge it into ru.po
      (existing translations kept, new strings added empty, gone ones dropped)
  python setup/i18n_tool.py fill <addon> <translations.json>
      set the Russian of the msgids given in a JSON object {msgid: msgstr}
      and list the msgids still untranslated
  python setup/i18n_tool.py check <export_dir> <addon>...
      fail if the exported strings differ from the shipped .pot, or if ru.po
      misses a translation of any of them

<export_dir> holds <addon>.pot files from `odoo-bin i18n export -l pot`.
"""

import json
import os
import pathlib
import sys

import polib


def _key(entry):
    return (entry.msgctxt, entry.msgid)


# Odoo's own catalogues that our strings may share (field labels of the
# models we extend, ...): an exact msgid found there is taken as is.
ODOO_CATALOGUES = (
    "odoo/addons/base",
    "addons/mail",
    "addons/crm",
    "addons/event",
    "addons/event_crm",
    "addons/contacts",
    "addons/mass_mailing",
    "addons/link_tracker",
    "addons/sales_team",
    "addons/utm",
    "addons/calendar",
    "addons/sale",
    "addons/account",
    "addons/product",
    "addons/survey",
    "addons/web",
)


def odoo_translations(odoo_src):
    known = {}
    for folder in ODOO_CATALOGUES:
        path = pathlib.Path(odoo_src, folder, "i18n", "ru.po")
        if path.exists():
            for entry in polib.pofile(str(path)):
                if entry.msgstr and "fuzzy" not in entry.flags:
                    known.setdefault(entry.msgid, entry.msgstr)
    return known


def merge(export_dir, addon, known=None):
    exported = polib.pofile(str(pathlib.Path(export_dir, addon, "i18n", f"{addon}.pot")))
    i18n = pathlib.Path(addon, "i18n")
    i18n.mkdir(exist_ok=True)
    exported.save(str(i18n / f"{addon}.pot"))
    po_path = i18n / "ru.po"
    old = {_key(e): e for e in polib.pofile(str(po_path))} if po_path.exists() else {}
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(exported.metadata)
    po.metadata.update(
        {
            "Language": "ru",
            "Plural-Forms": (
                "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
            ),
        }
    )
    missing = 0
    for entry in exported:
        previous = old.get(_key(entry))
        entry.msgstr = previous.msgstr if previous and previous.msgstr else (known or {}).get(entry.msgid, "")
        missing += not entry.msgstr
        po.append(entry)
    po.save(str(po_path))
    print(f"{addon}: {len(po)} strings, {missing} to translate in {po_path}")


def check(export_dir, addon):
    problems = []
    exported = polib.pofile(str(pathlib.Path(export_dir, addon, "i18n", f"{addon}.pot")))
    pot_path = pathlib.Path(addon, "i18n", f"{addon}.pot")
    po_path = pathlib.Path(addon, "i18n", "ru.po")
    shipped_pot = {_key(e) for e in polib.pofile(str(pot_path))} if pot_path.exists() else set()
    ru = {_key(e): e for e in polib.pofile(str(po_path))} if po_path.exists() else {}
    for entry in exported:
        if _key(entry) not in shipped_pot:
            problems.append(f"{pot_path}: missing {entry.msgid!r}")
        translated = ru.get(_key(entry))
        if not translated or not translated.msgstr or "fuzzy" in translated.flags:
            problems.append(f"{po_path}: no Russian for {entry.msgid!r}")
    stale = shipped_pot - {_key(e) for e in exported}
    problems += [f"{pot_path}: string no longer in the code {k[1]!r}" for k in sorted(stale, key=str)]
    return problems


def fill(addon, json_path):
    translations = json.loads(pathlib.Path(json_path).read_text())
    po_path = pathlib.Path(addon, "i18n", "ru.po")
    po = polib.pofile(str(po_path), wrapwidth=78)
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save(str(po_path))
    todo = [entry.msgid for entry in po if not entry.msgstr]
    print(json.dumps({msgid: "" for msgid in todo}, ensure_ascii=False, indent=1))
    return 0


def main(argv):
    if argv[0] == "fill":
        return fill(argv[1], argv[2])
    command, export_dir, addons = argv[0], argv[1], argv[2:]
    if command == "merge":
        known = odoo_translations(os.environ.get("ODOO_SRC", "/opt/odoo19"))
        for addon in addons:
            merge(export_dir, addon, known)
        return 0
    problems = [p for addon in addons for p in check(export_dir, addon)]
    for problem in problems[:200]:
        print(problem)
    if problems:
        print(f"{len(problems)} translation problems: run setup/i18n.sh, then translate ru.po")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

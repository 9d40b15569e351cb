"""Keep each addon's i18n/<addon>.pot and i18n/ru.po in line with the code.

  python setup/i18n_tool.py merge <export_dir> <addon>...
      copy the exported <addon>.pot into the addon and merge it into ru.po
      (existing translations kept, new strings added empty, gone ones dropped)
  python setup/i18n_tool.py check <export_dir> <addon>...
      fail if the exported strings differ from the shipped .pot, or if ru.po
      misses a translation of any of them

<export_dir> holds <addon>.pot files from `odoo-bin i18n export -l pot`.
"""

import pathlib
import sys

import polib


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def merge(export_dir, addon):
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
        entry.msgstr = previous.msgstr if previous else ""
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


def main(argv):
    command, export_dir, addons = argv[0], argv[1], argv[2:]
    if command == "merge":
        for addon in addons:
            merge(export_dir, addon)
        return 0
    problems = [p for addon in addons for p in check(export_dir, addon)]
    for problem in problems[:200]:
        print(problem)
    if problems:
        print(f"{len(problems)} translation problems: run setup/i18n.sh, then translate ru.po")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

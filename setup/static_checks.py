"""Static checks pylint-odoo 10 no longer does: XML and .po files, READMEs.

Usage: python setup/static_checks.py <addon> [<addon> ...]
Prints one line per problem and exits non-zero if there is any.
"""

import pathlib
import sys

import polib
from lxml import etree

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from gen_addon_readme import render_readme


def check_xml(root):
    problems = []
    for path in sorted(root.rglob("*.xml")):
        # a record may be extended from another file of the addon (a group's
        # implied_ids...), never defined twice in one file
        xml_ids = {}
        try:
            tree = etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            problems.append(f"{path}: XML syntax error: {exc}")
            continue
        for node in tree.iter("record", "template", "menuitem"):
            xml_id = node.get("id")
            if xml_id and "." not in xml_id:
                if xml_id in xml_ids:
                    problems.append(f"{path}: xml id {xml_id} defined twice in the file")
                xml_ids[xml_id] = path
        if path.parent.name not in ("views", "wizards", "report"):
            continue
        for node in tree.iter("tree"):
            problems.append(f"{path}:{node.sourceline}: <tree> is <list> since Odoo 17")
        for node in tree.iter():
            for attr in ("attrs", "states"):
                if isinstance(node.tag, str) and node.get(attr) is not None:
                    problems.append(f"{path}:{node.sourceline}: '{attr}' was removed in Odoo 17")
    return problems


def check_po(root):
    problems = []
    for path in sorted(root.glob("i18n/*.po*")):
        try:
            catalog = polib.pofile(str(path))
        except (OSError, ValueError) as exc:
            problems.append(f"{path}: invalid PO file: {exc}")
            continue
        seen = set()
        for entry in catalog:
            key = (entry.msgctxt, entry.msgid)
            if key in seen:
                problems.append(f"{path}: duplicate msgid {entry.msgid!r}")
            seen.add(key)
            if path.suffix == ".po" and not entry.obsolete and (not entry.msgstr or entry.fuzzy):
                problems.append(f"{path}: untranslated or fuzzy msgid {entry.msgid!r}")
    return problems


def check_addon(addon):
    root = pathlib.Path(addon)
    problems = check_xml(root) + check_po(root)
    readme = root / "README.rst"
    if (root / "readme").is_dir() and (not readme.is_file() or readme.read_text() != render_readme(root)):
        problems.append(f"{readme}: out of date, run: python setup/gen_addon_readme.py {addon}")
    return problems


def main(addons):
    problems = [p for addon in addons for p in check_addon(addon)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

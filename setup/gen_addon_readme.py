"""Build an addon's README.rst from its readme/*.md fragments (OCA layout).

Usage: python setup/gen_addon_readme.py <addon> [<addon> ...]
"""

import ast
import pathlib
import sys

SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
]


def _heading(text, char):
    return f"{text}\n{char * len(text)}\n"


def render_readme(addon):
    addon = pathlib.Path(addon)
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    parts = [
        "=" * len(manifest["name"]),
        manifest["name"],
        "=" * len(manifest["name"]),
        "",
        f"``{addon.name}`` {manifest['version']} -- {manifest['license']} -- {manifest['author']}",
        "",
        ".. This file is generated from readme/*.md by setup/gen_addon_readme.py: edit those.",
        "",
    ]
    for filename, title in SECTIONS:
        path = addon / "readme" / filename
        if not path.is_file():
            continue
        if title:
            parts.append(_heading(title, "="))
        parts.append(path.read_text().strip() + "\n")
    return "\n".join(parts)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        pathlib.Path(name, "README.rst").write_text(render_readme(name))

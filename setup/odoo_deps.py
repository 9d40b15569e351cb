"""The Odoo modules the given addons depend on, besides each other.

Usage: python setup/odoo_deps.py ADDON [ADDON...]  (run from the repository root)
Prints them comma-separated, sorted: what setup/test.sh installs in its
template databases before our addons.
"""

import ast
import pathlib
import sys


def odoo_deps(addons):
    ours = set(addons)
    deps = set()
    for addon in ours:
        manifest = ast.literal_eval(pathlib.Path(addon, "__manifest__.py").read_text(encoding="utf-8"))
        deps.update(manifest.get("depends", []))
    return sorted(deps - ours)


if __name__ == "__main__":
    print(",".join(odoo_deps(sys.argv[1:])))

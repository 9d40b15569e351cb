"""What every benchmark script shares: its command line and one rolled-back transaction.

    from benchlib import main
    main(__doc__, run, size=1000, size_help="number of deals", context={...})

parses ``-c CONFIG -d DATABASE [--size N]``, opens the database as the
superuser with ``context`` and calls ``run(env, size)``; whatever ``run``
writes is rolled back at the end, so the database is left as it was.
"""

import argparse


def main(doc, run, size, size_help, addon="event_lead_followup", context=None):
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help=f"database with {addon} installed")
    parser.add_argument("--size", type=int, default=size, help=f"{size_help} (default {size})")
    args = parser.parse_args()

    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(context or {}))
        try:
            run(env, args.size)
        finally:
            cr.rollback()

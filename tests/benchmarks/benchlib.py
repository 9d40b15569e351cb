"""What every benchmark script shares: its command line and one rolled-back transaction.

    from benchlib import main
    main(__doc__, run, size=1000, size_help="number of deals", context={...})

parses ``-c CONFIG -d DATABASE [--size N]``, opens the database as the
superuser with ``context`` and calls ``run(env, size)``; whatever ``run``
writes is rolled back at the end, so the database is left as it was (unless
``run`` commits: a benchmark that must, says so). ``options(parser)`` adds a
script's own arguments; ``run`` is then called as ``run(env, size, args)``.
"""

import argparse


def main(doc, run, size, size_help, addon="event_lead_followup", context=None, options=None):
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help=f"database with {addon} installed")
    parser.add_argument("--size", type=int, default=size, help=f"{size_help} (default {size})")
    if options:
        options(parser)
    args = parser.parse_args()

    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(context or {}))
        try:
            if options:
                run(env, args.size, args)
            else:
                run(env, args.size)
        finally:
            cr.rollback()


def measure_with_result(env, func):
    """Seconds and SQL queries ``func()`` costs, everything it leaves to
    write flushed (before and after), and what it returned."""
    import time

    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - queries, result


def measure(env, func):
    """Seconds and SQL queries ``func()`` costs (``measure_with_result``)."""
    seconds, queries, _result = measure_with_result(env, func)
    return seconds, queries


def insert_partners(env, names, emails, user_ids):
    """Insert contacts in SQL, one per name (with its e-mail and owner, None
    for nobody), as the ORM would store them but without the duplicate
    guard's keys: every NOT NULL column without a database default gets its
    field's default, whatever apps are installed. Returns the records."""
    from odoo.tools import SQL

    inserted = {"name", "complete_name", "email", "email_normalized", "user_id", "active", "type", "is_company"}
    inserted |= {"partner_share", "lang", "create_uid", "write_uid", "create_date", "write_date"}
    env.cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'res_partner' "
            "AND is_nullable = 'NO' AND column_default IS NULL"
        )
    )
    Partner = env["res.partner"]
    columns = sorted({row[0] for row in env.cr.fetchall()} - inserted - {"id"})
    defaults = Partner.default_get([column for column in columns if column in Partner._fields])
    values = []
    for column in columns:
        field = Partner._fields[column]
        value = defaults.get(column)
        if value is None:
            value = {"boolean": False, "integer": 0, "float": 0.0, "monetary": 0.0}.get(field.type, "")
        values.append(field.convert_to_column(value, Partner))
    extra_columns = SQL("").join(SQL(", %s", SQL.identifier(column)) for column in columns)
    extra_values = SQL("").join(SQL(", %s", value) for value in values)
    env.cr.execute(
        SQL(
            """INSERT INTO res_partner (name, complete_name, email, email_normalized, user_id, active, type,
                                        is_company, partner_share, lang, create_uid, write_uid, create_date,
                                        write_date%s)
               SELECT n, n, e, e, u, TRUE, 'contact', FALSE, TRUE, 'en_US', 1, 1,
                      now() at time zone 'utc', now() at time zone 'utc'%s
                 FROM unnest(%s::varchar[], %s::varchar[], %s::int[]) AS t(n, e, u)
            RETURNING id""",
            extra_columns,
            extra_values,
            list(names),
            list(emails),
            list(user_ids),
        )
    )
    ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(SQL("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", ids))
    env.invalidate_all()
    return Partner.browse(ids)

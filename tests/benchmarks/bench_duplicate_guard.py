"""Duplicate guard at creation: the cost of a checked creation.

Fills the database with --size companies (10,000 first, then up to --size),
each indexed by the guard, and at each size measures, on the same records:

- a *plain* creation: ``res.partner.create`` one client at a time, the guard
  waived in the server (``waivers.GUARD``), as Odoo does it;
- a *checked* creation: the same records created by a Sales advisor, the
  guard on (keys computed, one lookup, keys stored);
- a lookup alone (``_event_lead_find_duplicates``) of existing names, and of a
  batch of 1,000 rows (an import).

Prints milliseconds and SQL queries per creation and the checked/plain
ratio. Queries per check must not grow with the number of partners: the
lookup is one query on the key index. Everything runs in one transaction
that is rolled back: the database is left as it was.

    .venv/bin/python tests/benchmarks/bench_duplicate_guard.py -c .local/odoo.conf -d <db>
        [--size 100000] [--checks 200]
"""

import argparse
import random
import statistics
import time

SYLLABLES_RU = [
    "ва",
    "ге",
    "ди",
    "ко",
    "лу",
    "ма",
    "не",
    "ро",
    "са",
    "ти",
    "фу",
    "ха",
    "це",
    "чи",
    "шо",
    "ю",
    "ля",
    "бо",
    "зе",
    "пи",
    "ра",
]
SYLLABLES_EN = ["ka", "lo", "mi", "ne", "pa", "ro", "su", "te", "vi", "zo", "bra", "ste", "tri", "gro", "plu", "fla"]
FORMS = ["ООО", "АО", "ПАО", "ИП", "LLC", "", "", ""]


def company_name(rng, index):
    syllables = SYLLABLES_RU if index % 3 else SYLLABLES_EN
    word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()
    form = rng.choice(FORMS)
    name = f"{form} «{word} {index}»" if form and index % 2 else f"{word} {index} {form}".strip()
    if index % 10 == 0:
        alias = "".join(rng.choice(SYLLABLES_EN) for _ in range(3)).capitalize()
        name = f"{name} ({alias} {index})"
    return name


def insert_partners(env, start, stop, owner_ids, rng):
    """Bulk-insert companies [start, stop) in SQL (10,000 a query), then index them."""
    from odoo.tools import SQL

    cr = env.cr
    for chunk_start in range(start, stop, 10000):
        indexes = range(chunk_start, min(chunk_start + 10000, stop))
        names = [company_name(rng, i) for i in indexes]
        cr.execute(
            SQL(
                """
                INSERT INTO res_partner (name, complete_name, is_company, active, type, email, phone, vat,
                                         website, user_id, partner_share, lang, color,
                                         event_lead_manager_rating, event_lead_last_interaction,
                                         event_lead_owner_since, create_uid, write_uid, create_date, write_date)
                SELECT n, n, TRUE, TRUE, 'contact', e, p, v, w, u, TRUE, 'en_US', 0, '0',
                       now() at time zone 'utc', now() at time zone 'utc', 1, 1,
                       now() at time zone 'utc', now() at time zone 'utc'
                  FROM unnest(%s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[], %s::int[])
                       AS t(n, e, p, v, w, u)
                RETURNING id
                """,
                names,
                [f"info@firm{i}.example" for i in indexes],
                [f"+7 (9{i % 100:02d}) {i // 100 % 1000:03d}-{i % 100:02d}-{i // 100000:02d}" for i in indexes],
                [f"{7700000000 + i}" if i % 4 == 0 else None for i in indexes],
                [f"https://www.firm{i}.example" if i % 5 == 0 else None for i in indexes],
                [rng.choice(owner_ids) for _ in indexes],
            )
        )
        ids = [row[0] for row in cr.fetchall()]
        cr.execute(SQL("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", ids))
        env["event.lead.partner.key"]._replace_keys(env["res.partner"].browse(ids)._event_lead_compute_keys())
        env.invalidate_all()
    cr.execute(SQL("ANALYZE res_partner"))
    cr.execute(SQL("ANALYZE event_lead_partner_key"))


def measure(env, label, fn, count):
    """Run ``fn(i)`` ``count`` times; milliseconds and queries per call."""
    cr = env.cr
    timings, queries = [], []
    for i in range(count):
        before = cr.sql_log_count
        start = time.perf_counter()
        fn(i)
        env.flush_all()
        timings.append((time.perf_counter() - start) * 1000)
        queries.append(cr.sql_log_count - before)
    return {"label": label, "ms": statistics.median(timings), "queries": statistics.median(queries)}


def new_client_vals(tag, i):
    return {
        "name": f"Новый клиент {tag} {i} Ромашка-{i}",
        "is_company": True,
        "email": f"hello@newclient-{tag}-{i}.example",
        "phone": f"+7 812 {i:03d}-{tag:02d}-00",
        "vat": f"78{tag:02d}{i:06d}",
    }


def bench_at_size(env, advisor, size, checks, rng):
    Partner = env["res.partner"]
    as_advisor = Partner.with_user(advisor)

    def plain_create(model, vals):
        from odoo.addons.event_lead_followup.tools import waivers

        with waivers.waive(waivers.GUARD):
            return model.create(vals)

    # warm caches (public domains, rules, views of the ORM)
    with env.cr.savepoint() as warm:
        for i in range(5):
            as_advisor.create(new_client_vals(size % 97, 900000 + i))
        warm.rollback()
    env.invalidate_all()
    results = []
    with env.cr.savepoint() as plain:
        results.append(
            measure(
                env,
                "plain create (guard off)",
                lambda i: plain_create(as_advisor, new_client_vals(1, i)),
                checks,
            )
        )
        plain.rollback()
    env.invalidate_all()
    with env.cr.savepoint() as checked:
        results.append(
            measure(env, "checked create (guard on)", lambda i: as_advisor.create(new_client_vals(1, i)), checks)
        )
        checked.rollback()
    env.invalidate_all()
    sample = Partner.search([("is_company", "=", True), ("email", "=like", "info@firm%")], limit=checks)
    names = sample.mapped("name")
    results.append(
        measure(
            env,
            "lookup of an existing name",
            lambda i: as_advisor._event_lead_find_duplicates([{"name": names[i % len(names)], "is_company": True}]),
            checks,
        )
    )
    batch = [
        {"name": company_name(rng, size + i), "is_company": True, "email": f"x@firm{i}.example"} for i in range(1000)
    ]
    results.append(
        measure(env, "lookup of a 1,000-row import", lambda i: as_advisor._event_lead_find_duplicates(batch), 5)
    )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help="database with event_lead_followup installed")
    parser.add_argument("--size", type=int, default=100000, help="partners in the database at the end (100,000)")
    parser.add_argument("--first-size", type=int, default=10000, help="first measured size (10,000)")
    parser.add_argument("--checks", type=int, default=200, help="creations measured at each size (200)")
    args = parser.parse_args()

    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tests import new_test_user
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    rng = random.Random(42)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True, "mail_create_nolog": True})
        try:
            group = "event_lead_followup.group_event_lead_advisor"
            advisors = [new_test_user(env, f"bench_adv{i}", group, name=f"Bench Advisor {i}") for i in range(5)]
            base = env["res.partner"].search_count([])
            print(f"database {args.database}: {base} partners before the benchmark")
            rows = []
            filled = 0
            for size in (args.first_size, args.size):
                start = time.perf_counter()
                insert_partners(env, filled, size, [a.id for a in advisors], rng)
                fill_s = time.perf_counter() - start
                filled = size
                keys = env["event.lead.partner.key"].search_count([])
                print(f"\n{size:,} companies inserted and indexed in {fill_s:.1f} s ({keys:,} keys stored)")
                results = bench_at_size(env, advisors[0], size, args.checks, rng)
                plain, checked = results[0], results[1]
                for result in results:
                    print(f"  {result['label']:<32} {result['ms']:8.2f} ms  {result['queries']:6.1f} queries")
                print(
                    f"  checked / plain: {checked['ms'] / plain['ms']:.2f}x time, "
                    f"+{checked['queries'] - plain['queries']:.0f} queries per creation"
                )
                rows.append((size, plain, checked, results[2], results[3]))
            print("\nsummary (median per creation)")
            print(
                f"{'partners':>10} {'plain ms':>9} {'checked ms':>11} {'ratio':>6} {'plain q':>8} {'checked q':>10} "
                f"{'lookup ms':>10} {'lookup q':>9} {'import 1k ms':>13} {'import q':>9}"
            )
            for size, plain, checked, lookup, batch in rows:
                print(
                    f"{size:>10,} {plain['ms']:>9.2f} {checked['ms']:>11.2f} {checked['ms'] / plain['ms']:>6.2f} "
                    f"{plain['queries']:>8.0f} {checked['queries']:>10.0f} {lookup['ms']:>10.2f} "
                    f"{lookup['queries']:>9.0f} {batch['ms']:>13.1f} {batch['queries']:>9.0f}"
                )
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()

"""Duplicate guard: how right it is, and what a checked creation costs.

1. The labelled evaluation set (``event_lead_followup/tests/data/
   duplicate_guard_pairs.csv``, also asserted by the addon's test
   ``test_duplicate_guard_evaluation``): each pair created for real, a
   client of one advisor and a new partner by another. Prints the recall
   (strong duplicates blocked), the weak duplicates warned, the false-block
   rate (distinct companies blocked) and the distinct ones warned, per
   pattern when something is off, and again at other similarity thresholds.

2. Cost. Fills the database with --size companies (--first-size first, then
   up to --size), each indexed by the guard, and at each size measures, on
   the same records:

   - a *plain* creation: ``res.partner.create`` one client at a time, the
     guard waived in the server (``waivers.GUARD``): Odoo's create, our
     fields and the keys stored;
   - a *checked* creation: the same records created by a Sales advisor, the
     guard on (claims on the strong keys, one lookup, grading, keys stored);
   - a lookup alone (``_find_duplicates``) of existing names, and of a batch
     of 1,000 rows (an import), with its SQL plan: one query on the key index.

   Companies are inserted in SQL, 10,000 a statement, with every NOT NULL
   column Odoo has on ``res_partner`` filled with its field's default (so
   that it works with Sales and Invoicing installed, whose columns such as
   ``autopost_bills`` are required), then indexed by the guard's own code.

Prints figures, asserts nothing. Everything runs in one transaction that is
rolled back: the database is left as it was.

    .venv/bin/python tests/benchmarks/bench_duplicate_guard.py -c .local/odoo.conf -d <db>
        [--size 100000] [--first-size 10000] [--checks 200] [--skip-cost] [--skip-evaluation]
"""

import argparse
import collections
import random
import statistics
import time

SYLLABLES_RU = ["ва", "ге", "ди", "ко", "лу", "ма", "не", "ро", "са", "ти", "фу", "ха", "це", "чи", "шо", "ю", "ля"]
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


# ---------------------------------------------------------------------------
# 1. evaluation set
# ---------------------------------------------------------------------------


def run_evaluation(env):
    from odoo.tests import new_test_user

    from odoo.addons.event_lead_followup.tests.test_duplicate_guard_evaluation import evaluate, load_pairs

    rows = load_pairs()
    env.company.country_id = env.ref("base.ru")
    group = "event_lead_followup.group_event_lead_advisor"
    advisor = new_test_user(env, "bench_eval_anna", group, name="Bench Anna")
    owner = new_test_user(env, "bench_eval_boris", group, name="Bench Boris")
    print(f"\n1. evaluation set: {len(rows)} labelled pairs")
    by_label = collections.Counter(row["expected"] for row in rows)
    print("   " + ", ".join(f"{count} {label}" for label, count in sorted(by_label.items())))
    company = env.company
    default_threshold = company.event_lead_guard_similarity
    for threshold in sorted({default_threshold, 70, 90}):
        company.event_lead_guard_similarity = threshold
        start = time.perf_counter()
        outcomes = evaluate(env, advisor, owner, rows)
        seconds = time.perf_counter() - start
        counts = collections.Counter(zip((row["expected"] for row in rows), outcomes, strict=True))
        strong, weak, distinct = by_label["strong"], by_label["weak"], by_label["distinct"]
        flag = " (default)" if threshold == default_threshold else ""
        print(f"\n   similarity threshold {threshold}%{flag}, {seconds:.1f} s for {len(rows)} pairs")
        print(f"   recall (strong duplicates blocked)       {counts['strong', 'blocked'] / strong:7.1%}")
        print(f"   strong duplicates only warned            {counts['strong', 'warned'] / strong:7.1%}")
        print(f"   weak duplicates warned (not blocked)     {counts['weak', 'warned'] / weak:7.1%}")
        print(f"   weak duplicates blocked                  {counts['weak', 'blocked'] / weak:7.1%}")
        print(f"   false-block rate (distinct blocked)      {counts['distinct', 'blocked'] / distinct:7.1%}")
        print(f"   distinct companies warned                {counts['distinct', 'warned'] / distinct:7.1%}")
        off = [
            (row, outcome)
            for row, outcome in zip(rows, outcomes, strict=True)
            if (row["expected"], outcome)
            not in {("strong", "blocked"), ("weak", "warned"), ("distinct", "created"), ("distinct", "warned")}
        ]
        for row, outcome in off:
            print(f"     {row['expected']} -> {outcome}: {row['pattern']}: {row['existing_name']} / {row['new_name']}")
    company.event_lead_guard_similarity = default_threshold


# ---------------------------------------------------------------------------
# 2. cost
# ---------------------------------------------------------------------------


def required_defaults(env):
    """{column: value} for every NOT NULL column of res_partner the insert
    below does not write, from the ORM field's default (any app installed)."""
    from odoo.tools import SQL

    env.cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'res_partner' "
            "AND is_nullable = 'NO' AND column_default IS NULL"
        )
    )
    columns = {row[0] for row in env.cr.fetchall()} - set(INSERTED)
    Partner = env["res.partner"]
    defaults = Partner.default_get(list(columns & set(Partner._fields)))
    result = {}
    for column in sorted(columns):
        field = Partner._fields.get(column)
        value = defaults.get(column)
        if value is None and field is not None:
            value = {"boolean": False, "integer": 0, "float": 0.0, "monetary": 0.0}.get(field.type, "")
        result[column] = field.convert_to_column(value, Partner) if field is not None else value
    return result


INSERTED = (
    "id",
    "name",
    "complete_name",
    "is_company",
    "active",
    "type",
    "email",
    "phone",
    "vat",
    "website",
    "user_id",
    "partner_share",
    "lang",
    "create_uid",
    "write_uid",
    "create_date",
    "write_date",
)


def insert_partners(env, start, stop, owner_ids, rng):
    """Insert companies [start, stop) in SQL (10,000 a statement), then index them."""
    from odoo.tools import SQL

    cr = env.cr
    defaults = required_defaults(env)
    constant_columns = SQL(", ").join(SQL.identifier(column) for column in defaults)
    constant_values = SQL(", ").join(SQL("%s", value) for value in defaults.values())
    guard = env["event.lead.duplicate.guard"]
    for chunk_start in range(start, stop, 10000):
        indexes = range(chunk_start, min(chunk_start + 10000, stop))
        names = [company_name(rng, i) for i in indexes]
        cr.execute(
            SQL(
                """
                INSERT INTO res_partner (name, complete_name, is_company, active, type, email, phone, vat,
                                         website, user_id, partner_share, lang,
                                         create_uid, write_uid, create_date, write_date%s)
                SELECT n, n, TRUE, TRUE, 'contact', e, p, v, w, u, TRUE, 'en_US', 1, 1,
                       now() at time zone 'utc', now() at time zone 'utc'%s
                  FROM unnest(%s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[], %s::int[])
                       AS t(n, e, p, v, w, u)
                RETURNING id
                """,
                SQL(", %s", constant_columns) if defaults else SQL(""),
                SQL(", %s", constant_values) if defaults else SQL(""),
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
        partners = env["res.partner"].browse(ids)
        env["event.lead.partner.key"]._replace_keys(guard._keys_of_partners(partners), created=True)
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
    """A new client like no other (no match of any kind: the cost of the check itself)."""
    rng = random.Random(f"{tag}-{i}")
    word = "".join(rng.choice(SYLLABLES_RU) for _ in range(4)).capitalize()
    other = "".join(rng.choice(SYLLABLES_EN) for _ in range(3)).capitalize()
    return {
        "name": f"ООО «{word} {other}»",
        "is_company": True,
        "email": f"hello@newclient-{tag}-{i}.example",
        "phone": f"+7 812 {i:03d}-{tag:02d}-00",
        "vat": f"78{tag:02d}{i:06d}",
    }


def lookup_plan(env, names):
    """The SQL plan of the guard's lookup of one name: its scans."""
    from odoo.tools import SQL

    from odoo.addons.event_lead_followup.tools import duplicate_keys

    keys = duplicate_keys.lookup_keys(duplicate_keys.partner_keys(name=names[0], is_company=True))
    query = env["event.lead.partner.key"]._lookup_query(keys, env.companies.ids)
    env.cr.execute(SQL("EXPLAIN %s", query))
    return [line for (line,) in env.cr.fetchall() if "Scan" in line]


def bench_at_size(env, advisor, size, checks, rng):
    from odoo.addons.event_lead_followup.tools import waivers

    Partner = env["res.partner"]
    as_advisor = Partner.with_user(advisor)
    Guard = env["event.lead.duplicate.guard"].with_user(advisor)

    def plain_create(vals):
        with waivers.waive(waivers.GUARD):
            return as_advisor.create(vals)

    # warm caches (public domains, rules, views of the ORM)
    with env.cr.savepoint() as warm:
        for i in range(5):
            as_advisor.create(new_client_vals(size % 97, 900000 + i))
        warm.rollback()
    env.invalidate_all()
    results = []
    # alternate plain and checked runs, twice each: a busy machine's noise falls on both
    runs = {"plain": [], "checked": []}
    for _round in range(2):
        for kind, create in (("plain", plain_create), ("checked", as_advisor.create)):
            with env.cr.savepoint() as savepoint:
                runs[kind].append(measure(env, kind, lambda i, create=create: create(new_client_vals(1, i)), checks))
                savepoint.rollback()
            env.invalidate_all()
    for kind, label in (("plain", "plain create (guard waived)"), ("checked", "checked create (guard on)")):
        results.append(
            {
                "label": label,
                "ms": min(run["ms"] for run in runs[kind]),
                "queries": min(run["queries"] for run in runs[kind]),
            }
        )
    sample = Partner.search([("is_company", "=", True), ("email", "=like", "info@firm%")], limit=checks)
    names = sample.mapped("name")
    results.append(
        measure(
            env,
            "lookup of an existing name",
            lambda i: Guard._find_duplicates([{"name": names[i % len(names)], "is_company": True}]),
            checks,
        )
    )
    batch = [
        {"name": company_name(rng, size + i), "is_company": True, "email": f"x@firm{i}.example"} for i in range(1000)
    ]
    results.append(measure(env, "lookup of a 1,000-row import", lambda i: Guard._find_duplicates(batch), 5))
    return results, lookup_plan(env, names)


def run_cost(env, args, rng):
    from odoo.tests import new_test_user

    group = "event_lead_followup.group_event_lead_advisor"
    advisors = [new_test_user(env, f"bench_adv{i}", group, name=f"Bench Advisor {i}") for i in range(5)]
    base = env["res.partner"].search_count([])
    print(f"\n2. cost: {base} partners in the database before the benchmark")
    print("   NOT NULL columns filled from their defaults: " + (", ".join(required_defaults(env)) or "none"))
    rows = []
    filled = 0
    for size in sorted({args.first_size, args.size}):
        start = time.perf_counter()
        insert_partners(env, filled, size, [a.id for a in advisors], rng)
        fill_s = time.perf_counter() - start
        filled = size
        keys = env["event.lead.partner.key"].search_count([])
        print(f"\n   {size:,} companies inserted and indexed in {fill_s:.1f} s ({keys:,} keys stored)")
        results, plan = bench_at_size(env, advisors[0], size, args.checks, rng)
        plain, checked = results[0], results[1]
        for result in results:
            print(f"   {result['label']:<32} {result['ms']:8.2f} ms  {result['queries']:6.1f} queries")
        print(
            f"   checked / plain: {checked['ms'] / plain['ms']:.2f}x time, "
            f"+{checked['queries'] - plain['queries']:.0f} queries per creation"
        )
        print("   plan of the lookup: " + "; ".join(line.strip() for line in plan))
        rows.append((size, plain, checked, results[2], results[3]))
    print("\n   summary (median per creation, best of two alternated runs)")
    print(
        f"   {'partners':>10} {'plain ms':>9} {'checked ms':>11} {'ratio':>6} {'plain q':>8} {'checked q':>10} "
        f"{'lookup ms':>10} {'lookup q':>9} {'import 1k ms':>13} {'import q':>9}"
    )
    for size, plain, checked, lookup, batch in rows:
        print(
            f"   {size:>10,} {plain['ms']:>9.2f} {checked['ms']:>11.2f} {checked['ms'] / plain['ms']:>6.2f} "
            f"{plain['queries']:>8.0f} {checked['queries']:>10.0f} {lookup['ms']:>10.2f} "
            f"{lookup['queries']:>9.0f} {batch['ms']:>13.1f} {batch['queries']:>9.0f}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help="database with event_lead_followup installed")
    parser.add_argument("--size", type=int, default=100000, help="partners in the database at the end (100,000)")
    parser.add_argument("--first-size", type=int, default=10000, help="first measured size (10,000)")
    parser.add_argument("--checks", type=int, default=200, help="creations measured at each size (200)")
    parser.add_argument("--skip-evaluation", action="store_true", help="only measure the cost")
    parser.add_argument("--skip-cost", action="store_true", help="only run the evaluation set")
    args = parser.parse_args()

    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    rng = random.Random(42)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True, "mail_create_nolog": True})
        try:
            print(f"database {args.database}")
            if not args.skip_evaluation:
                with cr.savepoint() as savepoint:
                    run_evaluation(env)
                    savepoint.rollback()
                env.invalidate_all()
            if not args.skip_cost:
                run_cost(env, args, rng)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()

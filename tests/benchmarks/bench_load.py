"""Many users at once: advisors and operators over HTTP against a running Odoo server.

N simulated users, each a real Odoo user of our roles (half Sales advisors,
``event_lead_followup.group_event_lead_advisor``, half telemarketing
operators, ``group_event_lead_operator``) with its own HTTP session
(``requests.Session``, ``/web/session/authenticate``), one thread each, call
the server the way the web client does (``/web/dataset/call_kw/...`` and
``/web/dataset/call_button/...``), back to back (the server's capacity), or
with a pause before each action (``--think``: what a user reads, types or
says on the phone before the next click, drawn between 0 and twice the
given mean):

- **create**: an advisor creates a client company from the partner form
  (``res.partner.web_save``): the duplicate guard checks it (key claims,
  lookup, grading, keys stored). Names are unique made-up company names,
  no INN, e-mail or phone;
- **result**: "Record a contact" on a client, result "Other result" with a
  note: the dialog's ``onchange`` (defaults from the client), its
  ``web_save`` and its *Save* button (``action_confirm``: the result is
  recorded, told on the client). Advisors record on the client they just
  created; operators on a few shared unowned clients (the pool), so that
  several of them write to the same client at the same moment;
- **report**: the "Contacts per person" pivot as its action opens it:
  ``formatted_read_grouping_sets`` on ``event.lead.contact.report``, this
  month, by person, with the action's measures;
- **login** is timed too, but is not one of the actions.

Advisors go create -> result -> report, operators result -> report, until
each has made --actions actions or --duration seconds have passed. For each
N of --users it prints, per action: count, errors (HTTP errors and JSON-RPC
errors, each counted, the distinct messages printed), throughput (successful
actions per second of the phase), p50 and p95 latency; then a lost-write
check (the partners and results the successful calls made, counted in the
database) and, with --server-log, the deadlocks and serialization failures
the server logged during the phase (Odoo retries a request that hits a
serialization failure: it costs time, not an error). At the end: the N at
which the p95 of an action first crosses 1 s, or "not crossed".

The script does not start the server. Start one on the database in prefork
mode (``WORKERS=4 setup/run.sh``, or odoo-bin ``--workers=4
--max-cron-threads=0``), then:

    .venv/bin/python tests/benchmarks/bench_load.py -c .local/odoo.conf -d <db> [http://127.0.0.1:8069]
        [--users 5,20,50] [--actions 10] [--think 0] [--duration 120] [--pool 10] [--server-log FILE] [--keep]

Unlike the other benchmarks it writes for real: the users (logins
``load_<run>_<n>``, password ``<login>-pw``) and the pool clients are
created through the ORM (-c/-d) and committed before the phases, and the
server commits what the users do. At the end everything is deleted (the
results, the clients the users created, the pool, the users and their
partners) unless --keep. Prints figures, asserts nothing.

Logging in is slow by design (Odoo hashes passwords with at least 600,000 PBKDF2
rounds): it is timed apart and done before the actions start. A server
without a proxy in front drops connections when more users than its listen
queue holds (8 per worker in prefork mode) call at once: the script prints
the machine's listen queue overflows of each phase (Linux).

The figures in the README ("Deployment at scale") were taken with 4
workers on a quiet 2-core machine, back to back and with --think 5 and 1.
"""

import argparse
import collections
import concurrent.futures
import datetime
import itertools
import os
import random
import statistics
import threading
import time
import uuid

import requests

ACTIONS = ("create", "result", "report")
ADVISOR = "event_lead_followup.group_event_lead_advisor"
OPERATOR = "event_lead_followup.group_event_lead_operator"
SYLLABLES = ["ва", "ге", "ди", "ко", "лу", "ма", "не", "ро", "са", "ти", "фу", "ха", "це", "чи", "шо", "ю", "ля"]
REPORT_MEASURES = [
    "contact_count:sum",
    "positive_count:sum",
    "effectiveness:avg",
    "postponement_count:sum",
    "postponed_days:sum",
    "postponements_per_client:avg",
    "planned_count:sum",
    "overdue_count:sum",
    "__count",
]
WIZARD = "event.lead.contact.result.wizard"
WIZARD_SPEC = {
    "activity_id": {"fields": {"display_name": {}}},
    "res_model": {},
    "res_id": {},
    "commercial_partner_id": {"fields": {"display_name": {}}},
    "partner_id": {"fields": {"display_name": {}}},
    "lead_id": {"fields": {"display_name": {}}},
    "activity_type_id": {"fields": {"display_name": {}}},
    "direction": {},
    "source_id": {"fields": {"display_name": {}}},
    "event_id": {"fields": {"display_name": {}}},
    "result_type": {},
    "note": {},
}


def company_name(rng, run, user_index, i):
    """A made-up company name no other name of the run resembles."""
    word = "".join(rng.choice(SYLLABLES) for _ in range(4)).capitalize()
    other = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
    return f"ООО «{word} {other} {run}{user_index:03d}{i:03d}»"


# ---------------------------------------------------------------------------
# the database side: users, pool, counts, cleanup (ORM, committed)
# ---------------------------------------------------------------------------


def open_registry(config_file, database):
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", config_file, "-d", database])
    return Registry(database)


def superuser_env(cr):
    from odoo import SUPERUSER_ID, api

    return api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True, "tracking_disable": True})


def create_users(registry, run, count, pool_size):
    """``count`` users (even: advisor, odd: operator) and ``pool_size``
    unowned clients, committed."""
    from odoo.tests import new_test_user

    with registry.cursor() as cr:
        env = superuser_env(cr)
        users = []
        for index in range(count):
            role = "advisor" if index % 2 == 0 else "operator"
            login = f"load_{run}_{index}"
            user = new_test_user(
                env,
                login,
                ADVISOR if role == "advisor" else OPERATOR,
                name=f"Load {run} {role} {index}",
                password=f"{login}-pw",
                email=f"{login}@example.com",
            )
            users.append({"index": index, "role": role, "login": login, "password": f"{login}-pw", "id": user.id})
        rng = random.Random(f"pool-{run}")
        pool = env["res.partner"].create(
            [{"name": company_name(rng, run, 999, i), "is_company": True} for i in range(pool_size)]
        )
        cr.commit()
        return users, pool.ids


def count_writes(registry, user_ids, partner_ids):
    """(partners of ``partner_ids`` found, companies the users created, results of the users)."""
    with registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM res_partner WHERE id = ANY(%s)", [list(partner_ids)])
        found = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM res_partner WHERE is_company AND create_uid = ANY(%s)", [list(user_ids)])
        companies = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM event_lead_contact_result WHERE user_id = ANY(%s)", [list(user_ids)])
        results = cr.fetchone()[0]
        return found, companies, results


def cleanup(registry, users, pool_ids):
    user_ids = [user["id"] for user in users]
    with registry.cursor() as cr:
        env = superuser_env(cr)
        results = env["event.lead.contact.result"].search([("user_id", "in", user_ids)])
        Partner = env["res.partner"].with_context(active_test=False)
        clients = Partner.search([("create_uid", "in", user_ids)]) | Partner.browse(pool_ids)
        records = env["res.users"].browse(user_ids)
        own_partners = records.partner_id
        results.unlink()
        clients.unlink()
        records.unlink()
        own_partners.unlink()
        cr.commit()
        print(f"\ncleaned up: {len(results)} results, {len(clients)} clients, {len(records)} users and their partners")


# ---------------------------------------------------------------------------
# the HTTP side: one web client session per user
# ---------------------------------------------------------------------------


class RpcError(Exception):
    pass


class WebClient:
    """One user's browser: a session cookie and the JSON-RPC calls of the web client."""

    def __init__(self, url, database, login, password, timeout):
        self.url = url.rstrip("/")
        self.database = database
        self.login_name = login
        self.password = password
        self.timeout = timeout
        self.session = requests.Session()
        self.ids = itertools.count(1)
        self.context = {}

    def rpc(self, path, params):
        try:
            response = self.session.post(
                self.url + path,
                json={"jsonrpc": "2.0", "method": "call", "id": next(self.ids), "params": params},
                timeout=self.timeout,
            )
        except requests.RequestException as error:
            raise RpcError(f"{type(error).__name__}: {error}") from error
        if response.status_code != 200:
            raise RpcError(f"HTTP {response.status_code} on {path}")
        try:
            body = response.json()
        except ValueError as error:
            raise RpcError(f"not JSON-RPC on {path}: {response.text[:200]}") from error
        if "error" in body:
            data = body["error"].get("data") or {}
            raise RpcError(f"{data.get('name', 'error')}: {data.get('message') or body['error'].get('message')}")
        return body["result"]

    def login(self):
        info = self.rpc(
            "/web/session/authenticate",
            {"db": self.database, "login": self.login_name, "password": self.password},
        )
        if not info.get("uid"):
            raise RpcError(f"login refused for {self.login_name}")
        self.context = dict(info["user_context"], allowed_company_ids=[info["user_companies"]["current_company"]])

    def call_kw(self, model, method, args, kwargs=None, context=None, route="call_kw"):
        kwargs = dict(kwargs or {}, context={**self.context, **(context or {})})
        return self.rpc(
            f"/web/dataset/{route}/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )


def create_client(client, name):
    """The partner form's Save on a new company."""
    records = client.call_kw(
        "res.partner",
        "web_save",
        [[], {"name": name, "is_company": True}],
        {"specification": {"display_name": {}, "user_id": {"fields": {"display_name": {}}}}},
    )
    return records[0]["id"]


def record_result(client, partner_id, note):
    """Record a contact on a client, as the "Record a contact" dialog does: defaults, Save."""
    context = {"active_model": "res.partner", "active_id": partner_id, "active_ids": [partner_id]}
    defaults = client.call_kw(WIZARD, "onchange", [[], {}, [], WIZARD_SPEC], context=context)["value"]
    values = {"direction": defaults.get("direction") or "outgoing", "result_type": "other", "note": note}
    for name in ("partner_id", "lead_id", "event_id", "activity_type_id"):
        if defaults.get(name):
            values[name] = defaults[name]["id"]
    wizard_id = client.call_kw(WIZARD, "web_save", [[], values], {"specification": {}}, context=context)[0]["id"]
    client.call_kw(WIZARD, "action_confirm", [[wizard_id]], context=context, route="call_button")


def open_report(client):
    """The "Contacts per person" pivot: this month, by person."""
    today = datetime.date.today()
    first = today.replace(day=1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return client.call_kw(
        "event.lead.contact.report",
        "formatted_read_grouping_sets",
        [],
        {
            "domain": ["&", ["date", ">=", first.isoformat()], ["date", "<=", last.isoformat()]],
            "grouping_sets": [[], ["user_id"]],
            "aggregates": REPORT_MEASURES,
        },
        context={"pivot_row_groupby": ["user_id"], "pivot_column_groupby": []},
    )


# ---------------------------------------------------------------------------
# one phase: N users at once
# ---------------------------------------------------------------------------


def simulate(user, client, run, pool_ids, args, barrier, clock):
    """One user's session; returns its samples (action, ok, ms, error) and the clients it created."""
    samples, created = [], []
    rng = random.Random(f"{run}-{user['index']}")

    def timed(action, fn):
        start = time.perf_counter()
        try:
            value = fn()
        except Exception as error:  # noqa: BLE001 - every failure is counted and printed
            message = str(error) if isinstance(error, RpcError) else f"{type(error).__name__}: {error}"
            samples.append((action, False, (time.perf_counter() - start) * 1000, message))
            return None
        samples.append((action, True, (time.perf_counter() - start) * 1000, None))
        return value if value is not None else True

    logged_in = timed("login", client.login)
    barrier.wait()
    if not logged_in:
        return samples, created
    deadline = clock["start"] + args.duration
    cycle = ACTIONS if user["role"] == "advisor" else ACTIONS[1:]
    for i in range(args.actions):
        if args.think:
            # the user reads, types or phones before the next click: a pause
            # drawn between 0 and twice --think (mean --think), so that the
            # users' clicks do not come in step
            time.sleep(rng.uniform(0, 2 * args.think))
        if time.monotonic() > deadline:
            break
        action = cycle[i % len(cycle)]
        if action == "create":
            name = company_name(rng, run, user["index"], i)
            partner_id = timed("create", lambda name=name: create_client(client, name))
            if partner_id:
                created.append(partner_id)
        elif action == "result":
            if user["role"] == "advisor" and created:
                partner_id = created[-1]
            else:
                partner_id = pool_ids[(user["index"] + i) % len(pool_ids)]
            note = f"Load {run}: call {i} of {user['login']}"
            timed("result", lambda partner_id=partner_id, note=note: record_result(client, partner_id, note))
        else:
            timed("report", lambda: open_report(client))
    return samples, created


def percentile(values, fraction):
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def log_events(path, offset):
    """What the server logged after ``offset``: the requests Odoo ran again
    after a concurrency failure (by PostgreSQL error code), the requests that
    failed for good after their last try, and the ERROR lines (Odoo also logs
    each retried failure as an ERROR "bad query", counted apart)."""
    if not path or not os.path.exists(path):
        return None
    counts = collections.Counter()
    with open(path, encoding="utf-8", errors="replace") as log:
        log.seek(offset)
        for line in log:
            if "odoo.service.model:" in line and ("tries left" in line or "maximum number of tries" in line):
                code = line.split("odoo.service.model:", 1)[1].split(",", 1)[0].strip()
                counts["retry " + code] += 1
                if "maximum number of tries" in line:
                    counts["gave up"] += 1
            elif " ERROR " in line:
                counts["bad query" if "odoo.sql_db: bad query" in line else "error"] += 1
    return counts


def listen_overflows():
    """This machine's count of connections dropped because a listening
    socket's queue was full (Linux ``TcpExt ListenOverflows``); None elsewhere."""
    try:
        with open("/proc/net/netstat", encoding="ascii") as netstat:
            lines = netstat.read().splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2], strict=False):
        if names.startswith("TcpExt:"):
            return dict(zip(names.split()[1:], map(int, values.split()[1:]), strict=False)).get("ListenOverflows")
    return None


def run_phase(registry, run, users, pool_ids, args, n):
    phase_users = users[:n]
    clients = [WebClient(args.url, args.database, u["login"], u["password"], args.timeout) for u in phase_users]
    user_ids = [u["id"] for u in phase_users]
    _found, companies_before, results_before = count_writes(registry, user_ids, [])
    log_offset = os.path.getsize(args.server_log) if args.server_log and os.path.exists(args.server_log) else 0
    overflows_before = listen_overflows()
    clock = {}
    barrier = threading.Barrier(n, action=lambda: clock.update(start=time.monotonic()))
    with concurrent.futures.ThreadPoolExecutor(max_workers=n) as executor:
        futures = [
            executor.submit(simulate, user, client, run, pool_ids, args, barrier, clock)
            for user, client in zip(phase_users, clients, strict=True)
        ]
        outcomes = [future.result() for future in futures]
    seconds = time.monotonic() - clock["start"]
    overflows = listen_overflows()
    samples = [sample for user_samples, _created in outcomes for sample in user_samples]
    created = [partner_id for _samples, user_created in outcomes for partner_id in user_created]
    advisors = sum(1 for u in phase_users if u["role"] == "advisor")
    print(f"\nN = {n} users ({advisors} advisors, {n - advisors} operators), {seconds:.1f} s of actions")
    print(f"   {'action':<8} {'count':>6} {'errors':>7} {'actions/s':>10} {'p50 ms':>8} {'p95 ms':>8}")
    rows = {}
    for action in ("login", *ACTIONS):
        mine = [s for s in samples if s[0] == action]
        ok = sorted(ms for _a, success, ms, _e in mine if success)
        errors = [e for _a, success, _ms, e in mine if not success]
        rate = f"{len(ok) / seconds:.2f}" if action != "login" and seconds else "-"
        p50, p95 = percentile(ok, 0.5), percentile(ok, 0.95)
        rows[action] = {"count": len(mine), "errors": errors, "p95": p95}
        print(f"   {action:<8} {len(mine):>6} {len(errors):>7} {rate:>10} {p50:>8.0f} {p95:>8.0f}")
    done = [s for s in samples if s[0] != "login"]
    ok_all = sorted(ms for _a, success, ms, _e in done if success)
    print(
        f"   {'all':<8} {len(done):>6} {sum(1 for s in done if not s[1]):>7} {len(ok_all) / seconds:>10.2f} "
        f"{percentile(ok_all, 0.5):>8.0f} {percentile(ok_all, 0.95):>8.0f}"
    )
    for action, row in rows.items():
        for message, count in collections.Counter(row["errors"]).most_common():
            print(f"   error {action} x{count}: {message[:300]}")
    partners_found, companies_after, results_after = count_writes(registry, user_ids, created)
    ok_results = sum(1 for s in samples if s[0] == "result" and s[1])
    companies_made, results_made = companies_after - companies_before, results_after - results_before
    exact = partners_found == len(created) == companies_made and results_made == ok_results
    print(
        f"   writes: {len(created)} successful creates, {partners_found} of their clients in the database, "
        f"{companies_made} companies created by the users; {ok_results} successful recordings, "
        f"{results_made} results in the database" + ("" if exact else "  <-- LOST OR EXTRA WRITES")
    )
    if overflows is not None and overflows_before is not None:
        print(
            f"   listen queue overflows on this machine during the phase: {overflows - overflows_before} "
            "(connections the kernel dropped: Odoo's prefork socket queues 8 per worker)"
        )
    events = log_events(args.server_log, log_offset)
    if events is not None:
        retries = ", ".join(f"{count} {key[6:]}" for key, count in sorted(events.items()) if key.startswith("retry "))
        print(
            f"   server log: requests retried after a concurrency failure: {retries or 'none'}; "
            f"failed after the last try: {events['gave up']}; "
            f"ERROR lines: {events['error']} (+{events['bad query']} 'bad query' of the retried ones)"
        )
    return {action: row["p95"] for action, row in rows.items() if action != "login" and row["count"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8069", help="the running Odoo server")
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file (to create the users)")
    parser.add_argument("-d", "--database", required=True, help="database the server serves, addons installed")
    parser.add_argument("--users", default="5,20,50", help="numbers of simultaneous users, one phase each (5,20,50)")
    parser.add_argument("--actions", type=int, default=10, help="actions per user and phase (10)")
    parser.add_argument("--duration", type=float, default=120, help="at most this many seconds per phase (120)")
    parser.add_argument(
        "--think",
        type=float,
        default=0,
        help="mean pause of a user before each action, seconds (0: back to back, the server's capacity)",
    )
    parser.add_argument("--timeout", type=float, default=120, help="HTTP timeout of one call, seconds (120)")
    parser.add_argument("--pool", type=int, default=10, help="unowned clients the operators share (10)")
    parser.add_argument("--server-log", help="the server's log file: count deadlocks and serialization failures")
    parser.add_argument("--keep", action="store_true", help="keep the users and what they created")
    args = parser.parse_args()
    sizes = [int(n) for n in args.users.split(",") if n.strip()]

    # the server is up
    requests.post(args.url.rstrip("/") + "/web/webclient/version_info", json={}, timeout=10).raise_for_status()
    registry = open_registry(args.config, args.database)
    run = uuid.uuid4().hex[:6]
    users, pool_ids = create_users(registry, run, max(sizes), args.pool)
    print(f"database {args.database} on {args.url}, run {run}: {len(users)} users, {len(pool_ids)} pool clients")
    pace = f"a pause of {args.think:g} s on average before each" if args.think else "back to back, no pause"
    print(f"{args.actions} actions per user ({pace}), at most {args.duration:.0f} s per phase")
    crossed = None
    try:
        for n in sizes:
            p95 = run_phase(registry, run, users, pool_ids, args, n)
            over = [action for action, ms in p95.items() if ms > 1000]
            if over and crossed is None:
                crossed = (n, over)
    finally:
        if args.keep:
            print(f"\nkept: users load_{run}_*, their clients and results, {len(pool_ids)} pool clients")
        else:
            cleanup(registry, users, pool_ids)
    if crossed:
        print(f"\np95 first above 1 s at N = {crossed[0]} ({', '.join(crossed[1])})")
    else:
        print(f"\np95 above 1 s: not crossed (up to N = {max(sizes)})")


if __name__ == "__main__":
    main()

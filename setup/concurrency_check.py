"""Two Odoo processes on the same data at the same moment (issue 18).

On a database with our addons installed, commits an ended event of --size
participants and a running tag campaign of --size clients whose letters are
due today, then starts two real OS processes per scenario, each with its own
Odoo registry and database connection:

- event: the hourly planning job, run as Odoo's cron runner runs it
  (``ir.cron`` ``method_direct_trigger``: the job's own cursor, its
  ``_commit_progress`` batches), and the organiser's *Plan follow-ups*
  button --delay seconds later, as the organiser, through Odoo's HTTP retry
  on serialization failures (``odoo.service.model.retrying``, what a click
  in the web client goes through);
- campaign: the nightly sending job and an editor's *Plan now*, the same way;
- stale clients: the nightly stale-client job over the advisor's clients
  nobody worked on for 200 days, started --delay seconds after the advisor
  began recording contact results on every third of them, one click at a
  time (each its own transaction through Odoo's HTTP retry).

Then checks what users would notice: every participant followed up exactly
once (one activity per registration, none left unplanned), the button's
notification true (the number it says it planned is the number of follow-ups
created by its user), every letter queued or skipped exactly once (one
mailing trace per letter, none due left after the job's next run, which
sends what the button planned while the job was sending), and neither
process logged an error, a deadlock or a failed job; every result the advisor
recorded is there, the clients it was recorded on are not flagged stale, every
other forgotten client is, once, in one digest. The data stays in the database: run it
on a throw-away copy (``setup/test.sh`` runs it on a copy of its test
database).

    .venv/bin/python setup/concurrency_check.py -c .local/odoo.conf -d <copy> [--size 1500] [--delay 1]

Prints ``CONCURRENCY OK`` and exits 0 when everything holds.
"""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
from datetime import timedelta

# the SQL helpers the benchmarks share
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "benchmarks"))

MARK = "el_concurrency_"
# the side started --delay seconds after the other: the buttons after their
# job; the stale-client job after the advisor has begun clicking
LATER = {"event-button", "campaign-button", "stale-job"}
BAD_LOG = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) |deadlock detected|Traceback", re.MULTILINE)


def open_env(config, database, *extra):
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config as odoo_config

    odoo_config.parse_config(["-c", config, "-d", database, "--log-level=info", *extra])
    registry = Registry(database)
    cr = registry.cursor()
    return api.Environment(cr, SUPERUSER_ID, {})


# ----------------------------------------------------------------- the data


def build(env, size):
    """Commit an ended event and a due campaign; returns their ids."""
    ref = env.ref
    now = env.cr.now()
    operators = env["res.users"].create(
        [
            {
                "name": f"Concurrency operator {index}",
                "login": f"{MARK}operator_{index}",
                "group_ids": [(6, 0, ref("event_lead_followup.group_event_lead_operator").ids)],
            }
            for index in range(2)
        ]
    )
    organiser = env["res.users"].create(
        {
            "name": "Concurrency organiser",
            "login": f"{MARK}organiser",
            "group_ids": [
                (6, 0, (ref("event_lead_followup.group_event_lead_advisor") | ref("event.group_event_user")).ids)
            ],
        }
    )
    advisor = env["res.users"].create(
        {
            "name": "Concurrency advisor",
            "login": f"{MARK}advisor",
            "email": "advisor@concurrency.example.com",
            "group_ids": [(6, 0, ref("event_lead_followup.group_event_lead_advisor").ids)],
        }
    )
    marketing = env["res.users"].create(
        {
            "name": "Concurrency marketing",
            "login": f"{MARK}marketing",
            "email": "marketing@concurrency.example.com",
            "group_ids": [(6, 0, ref("event_lead_followup.group_event_lead_marketing").ids)],
        }
    )
    event = env["event.event"].create(
        {
            "name": "Concurrency exhibition",
            "date_begin": now - timedelta(days=1, hours=8),
            "date_end": now - timedelta(days=1),
            "user_id": organiser.id,
            "event_lead_operator_ids": [(6, 0, operators.ids)],
            # no confirmation e-mails with tickets: not what is checked, and their PDFs would take minutes
            "event_mail_ids": [(5, 0, 0)],
        }
    )
    tag = env["res.partner.category"].create({"name": "Concurrency tag"})
    partners = insert_partners(env, size, tag, advisor)
    attended = int(size * 0.45)
    env["event.registration"].with_context(event_lead_rule_skip=True).create(
        [
            {"event_id": event.id, "partner_id": partner.id, "state": "done" if index < attended else "open"}
            for index, partner in enumerate(partners)
        ]
    )
    today = now.date()
    occurrence = today + timedelta(days=5)
    rule = env["event.lead.date.rule"].create(
        {
            "name": "Concurrency day",
            "kind": "fixed",
            "month": str(occurrence.month),
            "day": occurrence.day,
            "lead_days": 7,
        }
    )
    campaign = env["event.lead.campaign"].create(
        {
            "name": "Concurrency campaign",
            "tag_id": tag.id,
            "date_rule_id": rule.id,
            "template_id": ref("event_lead_tags.mail_template_8_march").id,
            "user_id": marketing.id,
            "state": "running",
        }
    )
    env.cr.commit()
    return {
        "event": event.id,
        "organiser": organiser.id,
        "marketing": marketing.id,
        "advisor": advisor.id,
        "campaign": campaign.id,
        "size": size,
    }


def insert_partners(env, size, tag, advisor):
    """The clients, inserted in SQL (``benchlib.insert_partners``: the ORM's
    create of a client, with the duplicate guard's keys, would take most of
    the run), all with ``tag``. Half are the advisor's (told instead of
    called, letters in their name), half nobody's (called by the operators,
    letters from the company)."""
    from benchlib import insert_partners as insert

    from odoo.tools import SQL

    partners = insert(
        env,
        [f"Concurrency participant {index}" for index in range(size)],
        [f"p{index}@concurrency{index}.example.com" for index in range(size)],
        [advisor.id if index % 2 else None for index in range(size)],
    )
    env.cr.execute(
        SQL(
            "INSERT INTO res_partner_res_partner_category_rel (partner_id, category_id) SELECT unnest(%s::int[]), %s",
            partners.ids,
            tag.id,
        )
    )
    return partners


# ------------------------------------------------------------ the processes


def child(args):
    """One side of a scenario, in its own process: ready, wait, act, report."""
    env = open_env(args.config, args.database, f"--logfile={args.logfile}")
    ids = json.loads(args.ids)
    go = args.go
    print("READY", flush=True)
    while not os.path.exists(go):
        time.sleep(0.005)
    if args.role in LATER:
        time.sleep(args.delay)
    result = {"role": args.role}
    started = time.perf_counter()
    try:
        if args.role in ("event-job", "campaign-job", "stale-job"):
            xmlid = {
                "event-job": "event_lead_followup.ir_cron_event_lead_plan_followups",
                "campaign-job": "event_lead_tags.ir_cron_event_lead_campaign_send",
                "stale-job": "event_lead_followup.ir_cron_flag_stale_clients",
            }[args.role]
            cron = env.ref(xmlid)
            cron.method_direct_trigger()  # raises when the job logged an error
            env.cr.commit()
        else:
            from odoo.service.model import retrying

            if args.role == "stale-advisor":
                result["message"] = record_results(env, ids, retrying)
            elif args.role == "event-button":
                record = env["event.event"].with_user(ids["organiser"]).browse(ids["event"])
                result["message"] = retrying(record.action_event_lead_plan_followups, record.env)["params"]["message"]
            else:
                record = env["event.lead.campaign"].with_user(ids["marketing"]).browse(ids["campaign"])
                result["message"] = retrying(record.action_plan_now, record.env)["params"]["message"]
        result["ok"] = True
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        env.cr.rollback()
        result.update(ok=False, error=f"{type(exc).__name__}: {exc} {exc.__cause__ or ''}")
    result["seconds"] = round(time.perf_counter() - started, 1)
    env.cr.close()
    print("RESULT " + json.dumps(result), flush=True)


def forget_clients(env, ids):
    """The advisor's clients, nobody worked on them for 200 days (committed)."""
    from odoo.tools import SQL

    env.cr.execute(
        SQL(
            """UPDATE res_partner
                  SET create_date = now() - interval '200 days', event_lead_owner_since = now() - interval '200 days',
                      event_lead_last_interaction = now() - interval '200 days', event_lead_is_stale = FALSE
                WHERE user_id = %s AND name LIKE 'Concurrency participant %%'
            RETURNING id""",
            ids["advisor"],
        )
    )
    forgotten = sorted(row[0] for row in env.cr.fetchall())
    env.cr.commit()
    return {**ids, "forgotten": forgotten, "contacted": forgotten[::3]}


def record_results(env, ids, retrying):
    """The advisor's clicks: a contact result on each client of ``contacted``."""
    Result = env["event.lead.contact.result"].with_user(ids["advisor"])
    for partner_id in ids["contacted"]:
        client = Result.env["res.partner"].browse(partner_id)
        retrying(
            lambda client=client: Result._record({"result_type": "other", "note": "Called back"}, record=client),
            Result.env,
        )
        env.cr.commit()
    return f"recorded {len(ids['contacted'])} results"


def run_pair(args, ids, roles, workdir):
    """Start both processes, release them together, return their results."""
    go = os.path.join(workdir, f"go_{roles[0]}_{os.getpid()}")
    procs = []
    for role in roles:
        logfile = os.path.join(workdir, f"{role}.log")
        cmd = [sys.executable, __file__, "-c", args.config, "-d", args.database, "--role", role]
        cmd += ["--ids", json.dumps(ids), "--go", go, "--logfile", logfile, "--delay", str(args.delay)]
        procs.append(
            (role, logfile, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        )
    for role, _logfile, proc in procs:
        line = proc.stdout.readline()
        while line and not line.startswith("READY"):
            line = proc.stdout.readline()
        if not line:
            sys.exit(f"{role}: the process ended before it was ready")
    pathlib.Path(go).touch()
    results, problems = [], []
    for role, logfile, proc in procs:
        out, _err = proc.communicate(timeout=args.timeout)
        found = [json.loads(line[7:]) for line in out.splitlines() if line.startswith("RESULT ")]
        result = found[0] if found else {"role": role, "ok": False, "error": f"no result: {out[-2000:]}"}
        log = pathlib.Path(logfile).read_text() if os.path.exists(logfile) else ""
        bad = [line for line in log.splitlines() if BAD_LOG.search(line)]
        if bad or BAD_LOG.search(out):
            shown = [line[:300] for line in bad[:5]] + [out[-300:]] * bool(BAD_LOG.search(out))
            problems.append(f"{role}: its log holds errors: " + " | ".join(shown))
        if not result.get("ok"):
            problems.append(f"{role}: {result.get('error')}")
        results.append(result)
        # a click or a batch that met a row the other process changed since it began, run again
        retries = log.count("SERIALIZATION_FAILURE") + log.count("run again on fresh data")
        print(f"  {role}: {result.get('seconds')}s, run again {retries} times. {result.get('message', '')}")
    return results, problems


def check_event(env, ids, results):
    problems = []
    event = env["event.event"].browse(ids["event"])
    registrations = event.registration_ids
    env.cr.execute(
        """SELECT event_lead_registration_id, count(*) FROM mail_activity
            WHERE event_lead_event_id = %s GROUP BY 1 HAVING count(*) > 1""",
        [event.id],
    )
    twice = env.cr.fetchall()
    if twice:
        problems.append(f"event: {len(twice)} participants followed up more than once")
    unplanned = registrations.filtered(lambda registration: not registration.event_lead_followup_kind)
    if unplanned:
        problems.append(f"event: {len(unplanned)} participants left unplanned")
    expected = registrations.filtered(lambda r: r.event_lead_followup_kind not in ("none", "no_interest"))
    env.cr.execute(
        "SELECT count(DISTINCT event_lead_registration_id), count(*) FILTER (WHERE create_uid = %s) "
        "FROM mail_activity WHERE event_lead_event_id = %s",
        [ids["organiser"], event.id],
    )
    with_activity, by_button = env.cr.fetchone()
    if with_activity < len(expected):
        problems.append(f"event: {len(expected) - with_activity} participants without their follow-up")
    if event.event_lead_followup_state != "done":
        problems.append(f"event: its follow-up state is {event.event_lead_followup_state}, not done")
    message = next(result.get("message", "") for result in results if result["role"] == "event-button")
    said = re.search(r"planned for (\d+) participants", message)
    if (int(said.group(1)) if said else 0) != by_button:
        problems.append(f"event: the button said «{message}» but planned {by_button}")
    print(f"  event: {len(registrations)} participants, {with_activity} follow-ups ({by_button} by the button)")
    return problems


def check_campaign(env, ids, results):
    problems = []
    Letter = env["event.lead.campaign.letter"]
    # letters planned by the button while the job was sending go out with the job's next run, as every night
    due = Letter._count_due(env.cr.now().date())
    if due:
        env.ref("event_lead_tags.ir_cron_event_lead_campaign_send").method_direct_trigger()
        env.cr.commit()
        print(f"  {due} letters planned by the button while the job ran: sent by the job's next run")
    letters = Letter.search([("campaign_id", "=", ids["campaign"])])
    if len(letters) != ids["size"]:
        problems.append(f"campaign: {len(letters)} letters for {ids['size']} clients")
    left = letters.filtered(lambda letter: letter.state == "planned")
    if left:
        problems.append(f"campaign: {len(left)} due letters not sent")
    traces = {letter: len(letter.trace_ids) for letter in letters}
    if any(count > 1 for count in traces.values()):
        problems.append(f"campaign: {sum(count > 1 for count in traces.values())} letters sent more than once")
    queued = letters.filtered(lambda letter: letter.state == "queued")
    if any(traces[letter] != 1 for letter in queued):
        problems.append("campaign: a queued letter without its e-mail")
    by_button = len(letters.filtered(lambda letter: letter.create_uid.id == ids["marketing"]))
    message = next(result.get("message", "") for result in results if result["role"] == "campaign-button")
    said = re.search(r"(\d+) new letters planned", message)
    if (int(said.group(1)) if said else 0) != by_button:
        problems.append(f"campaign: the button said «{message}» but planned {by_button}")
    states = {state: len(group) for state, group in letters.grouped("state").items()}
    print(f"  campaign: {len(letters)} letters {states} ({by_button} planned by the button)")
    return problems


def check_stale(env, ids, results):
    problems = []
    env.cr.execute(
        "SELECT count(*) FROM event_lead_contact_result WHERE user_id = %s AND commercial_partner_id = ANY(%s)",
        [ids["advisor"], ids["contacted"]],
    )
    recorded = env.cr.fetchone()[0]
    if recorded != len(ids["contacted"]):
        problems.append(f"stale: {recorded} results in the database, the advisor recorded {len(ids['contacted'])}")
    Partner = env["res.partner"].with_context(active_test=False)
    contacted = Partner.browse(ids["contacted"])
    forgotten = Partner.browse(ids["forgotten"]) - contacted
    if stale := contacted.filtered("event_lead_is_stale"):
        problems.append(f"stale: {len(stale)} clients flagged stale right after the advisor's contact")
    if fresh := forgotten.filtered(lambda partner: not partner.event_lead_is_stale):
        problems.append(f"stale: {len(fresh)} forgotten clients not flagged")
    env.cr.execute(
        """SELECT partner_id FROM event_lead_stale_digest_partner_rel rel
             JOIN event_lead_stale_digest d ON d.id = rel.digest_id
            WHERE partner_id = ANY(%s) AND d.date = CURRENT_DATE
         GROUP BY partner_id HAVING count(*) > 1""",
        [forgotten.ids],
    )
    if twice := env.cr.fetchall():
        problems.append(f"stale: {len(twice)} clients in more than one digest")
    print(
        f"  stale: {len(forgotten) + len(contacted)} forgotten clients, {len(forgotten)} flagged, "
        f"{recorded} contacted by the advisor meanwhile and not flagged"
    )
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--size", type=int, default=1500, help="participants and clients (default 1500)")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between the job and the button")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--logdir", help="where the processes' Odoo logs go (default: a temporary directory)")
    parser.add_argument("--role", help=argparse.SUPPRESS)
    parser.add_argument("--ids", help=argparse.SUPPRESS)
    parser.add_argument("--go", help=argparse.SUPPRESS)
    parser.add_argument("--logfile", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role:
        return child(args)

    env = open_env(args.config, args.database, "--log-level=warn")
    start = time.perf_counter()
    ids = build(env, args.size)
    print(
        f"built an ended event of {args.size} participants and a campaign of {args.size} clients "
        f"in {time.perf_counter() - start:.1f}s"
    )
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.logdir or tmp
        os.makedirs(workdir, exist_ok=True)
        scenarios = (
            (("event-job", "event-button"), check_event),
            (("campaign-job", "campaign-button"), check_campaign),
            (("stale-job", "stale-advisor"), check_stale),
        )
        for roles, check in scenarios:
            start = time.perf_counter()
            if check is check_stale:
                ids = forget_clients(env, ids)
            later = next(role for role in roles if role in LATER)
            print(f"{roles[0]} and {roles[1]} in two processes ({later} {args.delay}s later):")
            results, found = run_pair(args, ids, roles, workdir)
            env.invalidate_all()
            env.cr.rollback()
            found += check(env, ids, results)
            print(f"  {time.perf_counter() - start:.1f}s")
            problems += found
    env.cr.close()
    for problem in problems:
        print("PROBLEM: " + problem)
    if problems:
        return 1
    print("CONCURRENCY OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Event follow-up: planning the follow-ups of a large event after it ends.

Builds an event with --size registrations (55% did not come; of those who
came, a third filled the questionnaire with interest, a third without, a
third filled none), each with its own contact, and two telemarketing
operators (built first, not measured). Then measures, in the same run:

- ours: the planning of every follow-up as the organiser's button and the
  hourly job do it (batches of 1000 registrations: coordination with sales,
  load balancing, deadlines, notes with the answers, one ``create`` of the
  activities per batch, the registrations marked, the funnel recomputed);
- Odoo: a plain batched ``mail.activity.create`` of the same activities
  (same partners, types, purposes, notes with the answers, deadlines,
  context), assigned to two other users so that both runs subscribe their
  assignees as followers: what Odoo itself costs to store what the
  planning decided.

Prints seconds, SQL queries, queries per 1,000 registrations, the
ours/Odoo ratio and the peak memory of the process. Everything runs in one transaction that is rolled back.

    .venv/bin/python tests/benchmarks/bench_event_followup.py -c .local/odoo.conf -d <db> [--size 10000]

With ``--as-cron`` it runs both sides as a job does, which is how a large
event is planned: the event is built and **committed**, then each side runs
in a fresh process, as in a cron worker: ours is the hourly planning job
itself (``_cron_event_lead_plan_followups``: batches of 1,000
registrations, each committed, which empties Odoo's cache), Odoo's the same
plain ``mail.activity.create`` in batches of 1,000, each committed. Each
process's memory is sampled every half second and printed along the run
(time, activities created, RSS), with its peak: memory that stays flat from
batch to batch is bounded whatever the size of the event. It writes for real: run it on a copy of a database
that you drop afterwards.

    .venv/bin/python tests/benchmarks/bench_event_followup.py -c .local/odoo.conf -d <copy> --size 100000 --as-cron
"""

import argparse
import json
import resource
import subprocess
import sys
import threading
import time
from datetime import timedelta

from benchlib import insert_partners, main, measure_with_result

from odoo.tools import SQL


def build(env, size):
    ref = env.ref
    operator_group = ref("event_lead_followup.group_event_lead_operator")
    users = env["res.users"].create(
        [
            {
                "name": f"Bench operator {index}",
                "login": f"bench_operator_{index}",
                "group_ids": [(6, 0, operator_group.ids)],
            }
            for index in range(4)
        ]
    )
    now = env.cr.now()
    event = env["event.event"].create(
        {
            "name": "Bench exhibition",
            "date_begin": now - timedelta(days=1, hours=8),
            "date_end": now - timedelta(days=1),
            "event_lead_operator_ids": [(6, 0, users[:2].ids)],
            # no confirmation e-mails with tickets: a PDF per registration is not what is measured
            "event_mail_ids": [(5, 0, 0)],
        }
    )
    question = env["event.question"].create(
        {
            "title": "Interested?",
            "question_type": "simple_choice",
            "event_lead_role": "interest",
            "event_ids": [(4, event.id)],
            "answer_ids": [
                (0, 0, {"name": "Yes", "event_lead_meaning": "yes"}),
                (0, 0, {"name": "No", "event_lead_meaning": "no"}),
            ],
        }
    )
    yes, no = question.answer_ids
    # in SQL: the ORM's create of a contact, with the duplicate guard's keys, would take most of the run
    partners = insert_partners(
        env,
        [f"Bench participant {index}" for index in range(size)],
        [f"p{index}@bench{index}.example" for index in range(size)],
        [None] * size,
    )
    attended = int(size * 0.45)
    registrations = (
        env["event.registration"]
        .with_context(event_lead_rule_skip=True)
        .create(
            [
                {"event_id": event.id, "partner_id": partner.id, "state": "done" if index < attended else "open"}
                for index, partner in enumerate(partners)
            ]
        )
    )
    answers = []
    for index, registration in enumerate(registrations[:attended]):
        if index % 3 == 0:
            answers.append({"registration_id": registration.id, "question_id": question.id, "value_answer_id": yes.id})
        elif index % 3 == 1:
            answers.append({"registration_id": registration.id, "question_id": question.id, "value_answer_id": no.id})
    env["event.registration.answer"].create(answers)
    env.flush_all()
    return event, registrations, users


def rss_mb():
    """The resident memory of this process now, in MB (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


class MemoryTrace:
    """Samples the process's RSS every ``period`` seconds in a thread while
    the main thread works, with ``progress()`` (a count read elsewhere)."""

    def __init__(self, progress, period=0.5):
        self.progress, self.period = progress, period
        self.samples, self._stop = [], threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        start = time.perf_counter()
        while not self._stop.is_set():
            self.samples.append((time.perf_counter() - start, self.progress(), rss_mb()))
            self._stop.wait(self.period)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.samples.append((self.samples[-1][0] if self.samples else 0, self.progress(), rss_mb()))

    def report(self, label, points=10):
        step = max(len(self.samples) // points, 1)
        shown = self.samples[::step] + self.samples[-1:]
        print(f"  {label}: memory along the run (seconds, activities created, RSS)")
        print("    " + "  ".join(f"{t:5.0f}s {n:6d} {mb:5.0f}MB" for t, n, mb in shown))
        t_peak, n_peak, mb_peak = max(self.samples, key=lambda sample: sample[2])
        print(
            f"    peak {mb_peak:.0f} MB at {t_peak:.0f}s ({n_peak} activities created), "
            f"at start {self.samples[0][2]:.0f} MB, at the end {self.samples[-1][2]:.0f} MB"
        )


def run_as_cron(env, size, args):
    """Build and commit the event here, then run each side in a fresh
    process, as a cron worker would: the memory this process took to build
    100,000 registrations is not theirs."""
    start = time.perf_counter()
    event, _registrations, _users = build(env, size)
    env.cr.commit()
    print(
        f"Event follow-up as a job, {size} registrations (45% attended) built and committed in "
        f"{time.perf_counter() - start:.1f}s"
    )
    figures = {}
    for side in ("job", "baseline"):
        command = [sys.executable, __file__, "-c", args.config, "-d", args.database, "--size", str(size)]
        child = subprocess.run(
            [*command, "--side", side, "--event", str(event.id)], capture_output=True, text=True, check=True
        )
        lines = child.stdout.splitlines()
        print("\n".join(lines[:-1]))
        figures[side] = json.loads(lines[-1])
    job, base = figures["job"], figures["baseline"]
    print(f"  registrations planned: {job['planned']}, activities: {job['count']}")
    print_ratio(
        "plan follow-ups (job) vs batched activity create",
        size,
        job["seconds"],
        job["queries"],
        base["seconds"],
        base["queries"],
    )
    print("  the data is committed: drop this database copy")


def run_side(env, size, args):
    """One side of --as-cron, in its own process: prints its memory along
    the run, then its figures as JSON on the last line."""
    registry, event = env.registry, env["event.event"].browse(args.event)

    def count_activities(column, value):
        def progress():
            # a second connection (the main thread's cursor is busy): counts what the job committed
            with registry.cursor() as cr:
                cr.execute(SQL("SELECT count(*) FROM mail_activity WHERE %s IN %s", SQL.identifier(column), value))
                return cr.fetchone()[0]

        return progress

    if args.side == "job":
        with MemoryTrace(count_activities("event_lead_event_id", (event.id,))) as trace:
            seconds, queries, _none = measure_with_result(env, env["event.event"]._cron_event_lead_plan_followups)
        trace.report("ours (the planning job)")
        planned = env["event.registration"].search_count(
            [("event_id", "=", event.id), ("event_lead_followup_kind", "!=", False)]
        )
        count = env["mail.activity"].search_count([("event_lead_event_id", "=", event.id)])
        print(json.dumps({"seconds": seconds, "queries": queries, "planned": planned, "count": count}))
        return
    users = env["res.users"].search([("login", "in", ["bench_operator_2", "bench_operator_3"])], order="login")
    activities = env["mail.activity"].search([("event_lead_event_id", "=", event.id)])
    values = baseline_values(activities, users)
    env.invalidate_all()

    def baseline():
        for first in range(0, len(values), 1000):
            env["mail.activity"].with_context(mail_activity_quick_update=True).create(values[first : first + 1000])
            env.cr.commit()

    with MemoryTrace(count_activities("user_id", tuple(users.ids))) as trace:
        seconds, queries, _none = measure_with_result(env, baseline)
    trace.report("Odoo (batched create)")
    print(json.dumps({"seconds": seconds, "queries": queries}))


def baseline_values(activities, users):
    """Odoo's side: the same activities as ours (partner, type, purpose,
    note, deadline) as plain values, given to two other users."""
    model_id = activities.env["ir.model"]._get_id("res.partner")
    return [
        {
            "res_model_id": model_id,
            "res_id": activity.res_id,
            "activity_type_id": activity.activity_type_id.id,
            "summary": activity.summary,
            "note": activity.note,
            "user_id": users[index % 2].id,
            "date_deadline": activity.date_deadline,
        }
        for index, activity in enumerate(activities)
    ]


def print_ratio(label, size, t_ours, q_ours, t_base, q_base):
    print(
        f"{label:<46} ours {t_ours:7.2f} s {q_ours:7d} q"
        f" | Odoo {t_base:7.2f} s {q_base:7d} q"
        f" | ratio {t_ours / t_base:5.2f}x time {q_ours / max(q_base, 1):5.2f}x queries"
    )
    print(
        f"{'per 1,000 registrations':<46} ours {1000 * t_ours / size:7.2f} s {1000 * q_ours / size:7.1f} q"
        f" | Odoo {1000 * t_base / size:7.2f} s {1000 * q_base / size:7.1f} q"
    )


def run(env, size, args):
    if args.side:
        return run_side(env, size, args)
    if args.as_cron:
        return run_as_cron(env, size, args)
    start = time.perf_counter()
    event, registrations, users = build(env, size)
    print(f"Event follow-up, {size} registrations (45% attended) built in {time.perf_counter() - start:.1f}s")

    def ours():
        planned = 0
        while done := event._event_lead_plan_batch():
            planned += done
        event._event_lead_finish_planning()
        return planned

    t_ours, q_ours, planned = measure_with_result(env, ours)
    activities = env["mail.activity"].search([("event_lead_event_id", "=", event.id)])
    count = len(activities)
    values = baseline_values(activities, users[2:])

    def baseline():
        return env["mail.activity"].with_context(mail_activity_quick_update=True).create(values)

    t_base, q_base, _created = measure_with_result(env, baseline)
    kinds = {kind: len(group) for kind, group in registrations.grouped("event_lead_followup_kind").items()}
    print(f"  registrations planned: {planned}, activities: {count}, by category: {kinds}")
    print_ratio("plan follow-ups vs plain activity create", size, t_ours, q_ours, t_base, q_base)
    funnel = (event.event_lead_registered_count, event.event_lead_attended_count, event.event_lead_no_show_count)
    print(f"  funnel: registered {funnel[0]}, attended {funnel[1]}, did not come {funnel[2]}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of the process (RSS): {peak:.0f} MB")


def options(parser):
    parser.add_argument(
        "--as-cron", action="store_true", help="run both sides as a job, each batch committed (writes for real)"
    )
    # internal: one side of --as-cron, in the process it starts
    parser.add_argument("--side", choices=("job", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--event", type=int, help=argparse.SUPPRESS)


if __name__ == "__main__":
    main(
        __doc__,
        run,
        size=10000,
        size_help="number of registrations",
        context={"mail_create_nolog": True},
        options=options,
    )

"""One way to write a scheduled job of the Event Leads addons.

A job works through a domain in batches: each batch takes its rows with row
locks that skip what another process holds (``locks.try_lock``), handles
them, and takes them out of the domain in the same transaction (a flag, a
date moved, a reminder written), so that a run stopped half-way resumes where
it stopped and a second run does nothing. ``run`` is the loop around such a
batch: it commits each batch with its progress (``ir.cron._commit_progress``:
Odoo calls the job again while records remain and the time is up), runs a
batch that met rows changed by another process again on fresh data
(``locks.run_batch``), and empties the cache between batches so a long run
stays small in memory.

The size of the batches is one setting for every job, the system parameter
``event_lead_followup.job_batch_size`` (Settings > Technical > System
Parameters); unset, each job uses its own default (500 records; 1,000
participants for the follow-up planning, measured in
``tests/benchmarks/bench_event_followup.py``).
"""

import functools

from . import locks

BATCH_SIZE_PARAM = "event_lead_followup.job_batch_size"
DEFAULT_BATCH_SIZE = 500


def batch_size(env, default=DEFAULT_BATCH_SIZE):
    """The number of records a job handles in one committed batch."""
    # sudo: read a technical setting
    value = env["ir.config_parameter"].sudo().get_param(BATCH_SIZE_PARAM)
    try:
        return max(int(value), 1) if value else default
    except ValueError:
        return default


def run(env, batch, remaining, *args):
    """Call ``batch(*args)`` (it returns how many records it handled) until
    ``remaining()`` says none is left, each batch committed with its progress.
    Stops after a batch that handled nothing (the rest is held by another
    process: its work) and when Odoo's runner says the job's time is up (it
    calls the job again). Returns False when stopped for time, else True."""
    Cron = env["ir.cron"]
    Cron._commit_progress(remaining=remaining())
    while True:
        done = locks.run_batch(env, batch, *args) or 0
        left = remaining() if done else 0
        if not Cron._commit_progress(done, remaining=left):
            return False
        if not left:
            return True
        # committed: keep the cache of a long run small
        env.invalidate_all()


def run_for_companies(env, batch, remaining):
    """``run`` for each active company in turn: ``batch(company, size)`` and
    ``remaining(company)``, for the jobs whose rules are the company's (its
    period, its notice). Returns False when stopped for time, else True."""
    size = batch_size(env)
    for company in env["res.company"].search([("active", "=", True)]):
        if not run(env, batch, functools.partial(remaining, company), company, size):
            return False
    return True

"""Row locks of our jobs, between several Odoo processes.

Odoo runs each transaction in REPEATABLE READ: a transaction sees the
database as it was at its first query. Locking a row that another
transaction changed and committed since then fails with a serialization
error, even with ``SKIP LOCKED``. Odoo's HTTP layer answers it by running
the whole request again on a fresh snapshot; a scheduled job has no such
retry, so the batch of a job that meets it is run again here, after the
batch boundary's commit, instead of failing the job.
"""

import logging

from psycopg2.errors import SerializationFailure

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def try_lock(records, allow_referencing=False):
    """``records.try_lock_for_update()`` for rows another process may have
    changed since this transaction began: PostgreSQL then refuses the lock
    with a serialization failure, which is expected here and answered by a
    retry on fresh data (Odoo's HTTP layer for a user's click,
    ``run_batch`` for a job), so it is not logged as a bad query. Returns
    the records whose row this transaction now holds."""
    ids = tuple(records.ids)
    if not ids:
        return records
    lock = SQL("FOR NO KEY UPDATE SKIP LOCKED" if allow_referencing else "FOR UPDATE SKIP LOCKED")
    table = SQL.identifier(records._table)
    records.env.cr.execute(SQL("SELECT id FROM %s WHERE id IN %s %s", table, ids, lock), log_exceptions=False)
    locked = {row[0] for row in records.env.cr.fetchall()}
    return records.browse(id_ for id_ in records._ids if id_ in locked)


# attempts of one batch that meets rows changed since its snapshot
BATCH_TRIES = 3


def run_batch(env, batch, *args):
    """Run ``batch(*args)`` of a scheduled job in a savepoint; when it meets
    a row another process changed since this transaction's snapshot, roll
    the batch back, end the transaction (``_commit_progress``: call it at a
    batch boundary only, where everything before is committed) and run it
    again on a fresh snapshot. Raises the error on the last attempt."""
    for attempt in range(1, BATCH_TRIES + 1):
        try:
            with env.cr.savepoint():
                return batch(*args)
        except SerializationFailure:
            if attempt == BATCH_TRIES:
                raise
            _logger.info("%s met rows changed by another process: run again on fresh data", batch.__qualname__)
            env["ir.cron"]._commit_progress()
            env.invalidate_all()
    return None

"""Rules that our own server code may waive for the length of a call.

Odoo hands the context a JSON-RPC caller sends to every method it calls, so a
rule that a context key switches off is switched off for anybody who sets the
key. A waiver here is a variable of the Python process (``contextvars``): only
code running in the server can set it, for the duration of a ``with`` block,
and it never leaves the thread (or task) that set it. Each waiver is set by a
private method, or by a public one that checks the caller's group first; the
list of places is in ``readme/SECURITY.md``.

    with waivers.waive(waivers.GUARD):
        partners = Partner.create(vals_list)
"""

import contextlib
import contextvars

# the duplicate guard of clients (res.partner create/write)
GUARD = "guard"
# a Sales manager's "Create anyway" over a match with another advisor's client
GUARD_OVERRIDE = "guard_override"
# the deal-status policy: mandatory statuses, their facts, the won checks
STATUS_POLICY = "status_policy"
# writing the bonus owner of a deal
BONUS_OWNER = "bonus_owner"
# closing a contact that needs a formal result: its result was just recorded
RESULT_RECORDED = "result_recorded"
# planning a call on a client a salesperson works with: the planner checked it
COORDINATION = "coordination"
# following a client one may not edit: the assignee of an activity on it
FOLLOW = "follow"

_WAIVED = contextvars.ContextVar("event_lead_waived_rules", default=frozenset())


@contextlib.contextmanager
def waive(*rules):
    """Waive ``rules`` inside the ``with`` block (nested blocks add up)."""
    token = _WAIVED.set(_WAIVED.get() | frozenset(rules))
    try:
        yield
    finally:
        _WAIVED.reset(token)


def is_waived(rule):
    return rule in _WAIVED.get()

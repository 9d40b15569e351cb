"""The duplicate guard on the labelled evaluation set (``data/duplicate_guard_pairs.csv``).

Each row is a client Boris owns and a partner Anna creates, labelled
``strong`` (the same client, written another way or with a cheat: must be
blocked), ``weak`` (possibly the same client: created, shown as a possible
duplicate, Boris told) or ``distinct`` (another company that looks alike:
never blocked, possibly warned). ``tests/benchmarks/bench_duplicate_guard.py``
prints the figures on the same set.
"""

import csv
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import EventLeadCommon

PAIRS = Path(__file__).parent / "data" / "duplicate_guard_pairs.csv"


def load_pairs():
    with PAIRS.open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def partner_vals(row, prefix, env):
    """The values of the existing (``existing``) or new (``new``) partner of a row."""
    vals = {"name": row[f"{prefix}_name"]}
    vals["is_company"] = prefix == "existing" or row["new_type"] == "company"
    for field in ("vat", "email", "phone", "website"):
        if row[f"{prefix}_{field}"]:
            vals[field] = row[f"{prefix}_{field}"]
    if row[f"{prefix}_country"]:
        vals["country_id"] = env.ref(f"base.{row[prefix + '_country']}").id
    return vals


def evaluate(env, advisor, owner, rows):
    """Create each pair in a savepoint rolled back afterwards; returns, per
    row, what happened to the new partner: ``blocked``, ``warned`` (created,
    the owner told) or ``created``."""
    Partner = env["res.partner"]
    outcomes = []
    for row in rows:
        with env.cr.savepoint() as savepoint:
            existing = Partner.create(dict(partner_vals(row, "existing", env), user_id=owner.id))
            try:
                Partner.with_user(advisor).create(partner_vals(row, "new", env))
            except UserError:
                outcomes.append("blocked")
            else:
                notified = env["mail.message"].search_count(
                    [
                        ("model", "=", "res.partner"),
                        ("res_id", "=", existing.id),
                        ("message_type", "=", "user_notification"),
                        ("partner_ids", "in", owner.partner_id.ids),
                        ("author_id", "=", advisor.partner_id.id),
                    ]
                )
                outcomes.append("warned" if notified else "created")
            savepoint.rollback()
    return outcomes


@tagged("post_install", "-at_install")
class TestGuardEvaluation(EventLeadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a Russian company (phones written 8 (495)... are Russian numbers); no other client
        cls.env.company.country_id = cls.env.ref("base.ru")

    def test_labelled_pairs(self):
        """Every strong duplicate blocked, every weak one warned, no distinct pair blocked."""
        rows = load_pairs()
        self.assertGreaterEqual(len(rows), 300)
        self.assertEqual({row["expected"] for row in rows}, {"strong", "weak", "distinct"})
        outcomes = evaluate(self.env, self.user_advisor, self.user_advisor2, rows)
        wrong = [
            f"{row['expected']} -> {outcome}: {row['pattern']}: {row['existing_name']!r} / {row['new_name']!r}"
            for row, outcome in zip(rows, outcomes, strict=True)
            if (row["expected"], outcome)
            not in {("strong", "blocked"), ("weak", "warned"), ("distinct", "created"), ("distinct", "warned")}
        ]
        self.assertFalse(wrong, "\n".join(wrong))

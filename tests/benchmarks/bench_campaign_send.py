"""Prepare and queue one tag campaign: owners x clients letters.

The scale the specification names: 100 advisors, 400 clients each, 4 tags per client; one
campaign (one tag) gives 40,000 letters. Measured, in one transaction rolled
back at the end:

  ours      plan the letters (``_plan_letters``), then queue them in cron
            batches (``_lock_due`` + ``_queue``: skip checks, rendering per
            language, owner's From/signature, tracked links, one
            ``mail.mail`` create per batch with its mailing traces);
  baseline  Odoo's own batched rendering of the same template for the same
            clients (``mail.template._generate_template``, subject and body);
  composer  (unless --no-composer) Odoo's mass-mail composer sending the same
            template to the same clients with a mailing (render, blacklist,
            mail.mail and traces): what Email Marketing does for one list.

Usage (from the repository root):
  .venv/bin/python tests/benchmarks/bench_campaign_send.py -c .local/odoo.conf -d <db> [--owners 100] [--size 400]
"""

import argparse
import logging
import sys
import time
from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

SEND_DAY = date(2027, 7, 27)
PREVIEW_DAY = date(2027, 7, 20)
OTHER_TAGS = (
    "res_partner_category_holiday_8_march",
    "res_partner_category_holiday_23_february",
    "res_partner_category_ny_month_09",
    "res_partner_category_ny_month_10",
    "res_partner_category_sector_trade",
    "res_partner_category_sector_finance",
)


class Meter:
    def __init__(self, env, label):
        self.env, self.label = env, label

    def __enter__(self):
        self.env.flush_all()
        self.queries = self.env.cr.sql_log_count
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.env.flush_all()
        self.seconds = time.perf_counter() - self.start
        self.queries = self.env.cr.sql_log_count - self.queries
        return False


def populate(env, owners, size):
    """Owners, their clients (companies with an e-mail) and 4 tags each."""
    ref = env.ref
    tag = env["res.partner.category"].create({"name": "Benchmark tag"})
    others = [ref(f"event_lead_tags.{xml_id}").id for xml_id in OTHER_TAGS]
    users = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"Advisor {i}",
                    "login": f"bench_advisor_{i}",
                    "email": f"advisor{i}@bench.example.com",
                    "signature": f"<p>Advisor {i}<br/>+7 495 000-{i:04d}</p>",
                }
                for i in range(owners)
            ]
        )
    )
    Partner = env["res.partner"].with_context(mail_create_nolog=True, tracking_disable=True)
    partner_ids = []
    for n, user in enumerate(users):
        vals_list = [
            {
                "name": f"Client {n}-{i}",
                "is_company": True,
                "email": f"client{n}.{i}@bench.example.com",
                "lang": "ru_RU" if i % 3 else "en_US",
                "user_id": user.id,
                "category_id": [(6, 0, [tag.id, *(others[(i + k) % len(others)] for k in range(3))])],
            }
            for i in range(size)
        ]
        partner_ids += Partner.create(vals_list).ids
        env.flush_all()
        env.invalidate_all()
    rule = env["event.lead.date.rule"].create(
        {"name": "Benchmark day", "kind": "fixed", "month": "8", "day": 10, "lead_days": 14}
    )
    campaign = env["event.lead.campaign"].create(
        {
            "name": "Benchmark campaign",
            "tag_id": tag.id,
            "date_rule_id": rule.id,
            "template_id": ref("event_lead_tags.mail_template_professional_holiday").id,
            "offer_url": "https://shop.example.com/offers/benchmark",
            "state": "running",
        }
    )
    return campaign, partner_ids


def run_ours(env, campaign, batch):
    with Meter(env, "plan") as plan:
        planned = campaign._plan_letters(PREVIEW_DAY)
    env.invalidate_all()
    Letter = env["event.lead.campaign.letter"]
    mails = 0
    with Meter(env, "queue") as queue:
        while True:
            letters = Letter._lock_due(SEND_DAY, batch)
            if not letters:
                break
            mails += len(letters._queue(SEND_DAY))
            env.flush_all()
            env.invalidate_all()
    return planned, mails, plan, queue


def run_baseline(env, campaign, partner_ids):
    template = campaign.template_id.with_context(**campaign._get_render_context(2027, "ru_RU"))
    with Meter(env, "render") as render:
        rendered = template._generate_template(partner_ids, ["subject", "body_html"])
    assert len(rendered) == len(partner_ids)
    return render


def run_composer(env, campaign, partner_ids):
    composer = (
        env["mail.compose.message"]
        .with_context(active_ids=partner_ids, default_composition_mode="mass_mail")
        .create(
            {
                "composition_mode": "mass_mail",
                "model": "res.partner",
                "template_id": campaign.template_id.id,
                "mass_mailing_name": "Benchmark composer",
                "auto_delete": True,
            }
        )
    )
    with Meter(env, "composer") as meter:
        composer._action_send_mail(auto_commit=False)
    return meter


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--owners", type=int, default=100, help="advisors (default 100)")
    parser.add_argument("--size", type=int, default=400, help="clients per advisor (default 400)")
    parser.add_argument("--batch", type=int, default=500, help="letters per cron batch (default 500)")
    parser.add_argument("--no-composer", action="store_true", help="skip the mass-mail composer comparison")
    args = parser.parse_args(argv)
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    logging.getLogger("odoo.addons.mass_mailing").setLevel(logging.WARNING)
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        try:
            env["res.lang"]._activate_lang("ru_RU")
            env["ir.module.module"]._load_module_terms(["event_lead_followup", "event_lead_tags"], ["ru_RU"])
            start = time.perf_counter()
            campaign, partner_ids = populate(env, args.owners, args.size)
            print(
                f"data: {args.owners} owners x {args.size} clients = {len(partner_ids)} clients, 4 tags each "
                f"({time.perf_counter() - start:.1f} s to create)"
            )
            env.invalidate_all()
            baseline = run_baseline(env, campaign, partner_ids)
            env.invalidate_all()
            planned, mails, plan, queue = run_ours(env, campaign, args.batch)
            ours_s, ours_q = plan.seconds + queue.seconds, plan.queries + queue.queries
            print(f"ours: plan {planned} letters      {plan.seconds:8.2f} s {plan.queries:7d} queries")
            print(
                f"ours: queue {mails} e-mails      {queue.seconds:8.2f} s {queue.queries:7d} queries "
                f"(batches of {args.batch})"
            )
            print(
                f"ours: total                      {ours_s:8.2f} s {ours_q:7d} queries "
                f"({1000 * ours_s / max(mails, 1):.2f} ms per letter)"
            )
            print(f"baseline: _generate_template     {baseline.seconds:8.2f} s {baseline.queries:7d} queries")
            print(
                f"ratio ours / baseline rendering: time {ours_s / baseline.seconds:.2f}, "
                f"queries {ours_q / max(baseline.queries, 1):.2f}"
            )
            if not args.no_composer:
                env.invalidate_all()
                composer = run_composer(env, campaign, partner_ids)
                print(f"composer: mass mail + traces     {composer.seconds:8.2f} s {composer.queries:7d} queries")
                print(
                    f"ratio ours / mass-mail composer: time {ours_s / composer.seconds:.2f}, "
                    f"queries {ours_q / max(composer.queries, 1):.2f}"
                )
        finally:
            cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

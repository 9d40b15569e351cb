from datetime import date, timedelta

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestTwoWorkers(TransactionCase):
    """Two cron workers at the same moment, each with its own database
    connection (``registry.cursor()`` outside registry test mode), on data
    committed for this test and deleted after it."""

    DAY = date(2027, 7, 27)

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            tag = env["res.partner.category"].create({"name": "Concurrency test tag"})
            rule = env["event.lead.date.rule"].create(
                {"name": "Concurrency day", "kind": "fixed", "month": "8", "day": 10, "lead_days": 14}
            )
            campaign = env["event.lead.campaign"].create(
                {
                    "name": "Concurrency campaign",
                    "tag_id": tag.id,
                    "date_rule_id": rule.id,
                    "template_id": env.ref("event_lead_tags.mail_template_8_march").id,
                    "state": "running",
                }
            )
            owner = env["res.users"].create(
                {"name": "Concurrency owner", "login": "el_concurrency_owner", "email": "owner@concurrency.example.com"}
            )
            company = env["res.partner"].create({"name": "Concurrency client", "is_company": True, "user_id": owner.id})
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Concurrency contact {i}",
                        "parent_id": company.id,
                        "email": f"cc{i}@concurrency.example.com",
                        "category_id": [(6, 0, tag.ids)],
                    }
                    for i in range(6)
                ]
            )
            campaign._plan_letters(self.DAY - timedelta(days=3))
            self.ids = {
                "tag": tag.id,
                "rule": rule.id,
                "campaign": campaign.id,
                "partners": (company | partners).ids,
                "mailing": campaign.mailing_ids.id,
                "utm_source": campaign.mailing_ids.source_id.id,
                "utm": campaign.utm_campaign_id.id,
                "owner": owner.id,
                "owner_partner": owner.partner_id.id,
            }
        self.addCleanup(self._delete_committed_data)

    def _delete_committed_data(self):
        ids = self.ids
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["mail.mail"].search([("mailing_id", "=", ids["mailing"])]).unlink()
            env["mail.message"].search([("model", "=", "res.partner"), ("res_id", "in", ids["partners"])]).unlink()
            # letters and their mailing are kept by business rules: remove them directly
            cr.execute(SQL("DELETE FROM event_lead_campaign_letter WHERE campaign_id = %s", ids["campaign"]))
            cr.execute(SQL("DELETE FROM mailing_mailing WHERE id = %s", ids["mailing"]))
            env["event.lead.campaign"].browse(ids["campaign"]).unlink()
            env["utm.source"].browse(ids["utm_source"]).unlink()
            env["utm.campaign"].browse(ids["utm"]).unlink()
            env["res.partner"].browse(ids["partners"]).unlink()
            env["res.users"].browse(ids["owner"]).unlink()
            env["res.partner"].browse(ids["owner_partner"]).unlink()
            env["event.lead.date.rule"].browse(ids["rule"]).unlink()
            env["res.partner.category"].browse(ids["tag"]).unlink()

    def test_two_workers_never_take_the_same_letter(self):
        """Worker 1 holds a batch (not committed yet); worker 2, running at
        the same time, takes only the other letters (SKIP LOCKED). Both
        commit: every letter has exactly one e-mail."""
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            worker1 = api.Environment(cr1, SUPERUSER_ID, {})["event.lead.campaign.letter"]
            worker2 = api.Environment(cr2, SUPERUSER_ID, {})["event.lead.campaign.letter"]
            batch1 = worker1._lock_due(self.DAY, 4)
            batch2 = worker2._lock_due(self.DAY, 4)
            self.assertEqual(len(batch1), 4)
            self.assertEqual(len(batch2), 2)
            self.assertFalse(set(batch1.ids) & set(batch2.ids))
            self.assertFalse(worker2._lock_due(self.DAY, 4) - batch2, "nothing else free for worker 2")
            mails2 = batch2._queue(self.DAY)
            cr2.commit()
            mails1 = batch1._queue(self.DAY)
            cr1.commit()
            self.assertEqual(len(mails1) + len(mails2), 6, batch1.mapped("skip_reason") + batch2.mapped("skip_reason"))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            letters = env["event.lead.campaign.letter"].search([("campaign_id", "=", self.ids["campaign"])])
            self.assertEqual(len(letters), 6)
            self.assertEqual(set(letters.mapped("state")), {"queued"})
            self.assertEqual(sorted(len(letter.trace_ids) for letter in letters), [1] * 6)
            self.assertFalse(
                env["event.lead.campaign.letter"]
                ._lock_due(self.DAY, 10)
                .filtered(lambda letter: letter.campaign_id.id == self.ids["campaign"])
            )

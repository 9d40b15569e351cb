from datetime import timedelta

import psycopg2

from odoo.tests import tagged
from odoo.tools import mute_logger

from .deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestOverdueOriginalReminders(EventLeadDealCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.t_contract = cls.env.ref("event_lead_followup.document_type_contract")
        cls.t_act = cls.env.ref("event_lead_followup.document_type_act")
        cls.t_manual = cls.env.ref("event_lead_followup.document_type_marketing_manual")
        cls.reminder_type = cls.env.ref("event_lead_followup.mail_activity_type_original")

    def setUp(self):
        super().setUp()
        self.lead = self._walk(self._lead(), self.stage_negotiation, self.stage_contract)
        self.docs = self.lead.event_lead_document_ids
        self.contract = self.docs.filtered(lambda doc: doc.document_type_id == self.t_contract)
        self.act = self.docs.filtered(lambda doc: doc.document_type_id == self.t_act)
        self.manual = self.docs.filtered(lambda doc: doc.document_type_id == self.t_manual)
        long_ago = self.today - timedelta(days=45)
        (self.contract | self.act | self.manual).write({"state": "sent", "date_sent": long_ago})

    def _reminders(self):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search([("event_lead_document_id", "in", self.docs.ids)])
        )

    def _run_cron(self):
        cron = self.env.ref("event_lead_followup.ir_cron_event_lead_remind_overdue_originals")
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()

    def test_one_reminder_per_overdue_original(self):
        self._run_cron()
        reminders = self._reminders()
        self.assertEqual(reminders.event_lead_document_id, self.contract | self.act, "the manual needs no original")
        self.assertEqual(reminders.user_id, self.user_advisor, "the deal owner is reminded")
        self.assertEqual(set(reminders.mapped("res_model")), {"crm.lead"})
        self.assertEqual(set(reminders.mapped("res_id")), {self.lead.id})
        self.assertEqual(reminders.activity_type_id, self.reminder_type)
        self.assertEqual(set(reminders.mapped("date_deadline")), {self.today})
        self.assertIn("Original overdue: Contract", reminders.mapped("summary"))
        self.assertEqual((self.contract | self.act).mapped("original_reminder_date"), [self.today] * 2)
        # the next day's run sends nothing more
        self._run_cron()
        self.assertEqual(self._reminders(), reminders)

    def test_reminders_in_the_owners_language(self):
        """The job runs in English; the Russian advisor reads a Russian
        reminder, the English administrator an English one, dates written
        each reader's way."""
        admin = self._russian_reader(self.user_advisor)
        acme = self.env["res.partner"].create({"name": "Acme Exhibitions", "is_company": True, "user_id": admin.id})
        admins_lead = self.env["crm.lead"].create(
            {
                "name": "Stand 12 m²",
                "type": "opportunity",
                "partner_id": acme.id,
                "user_id": admin.id,
                "team_id": self.sales_team.id,
            }
        )
        self._walk(admins_lead, self.stage_negotiation, self.stage_contract)
        admins_contract = admins_lead.event_lead_document_ids.filtered(
            lambda doc: doc.document_type_id == self.t_contract
        )
        sent = self.today - timedelta(days=45)
        admins_contract.write({"state": "sent", "date_sent": sent})
        job = self.env["event.lead.document"].with_user(self.env.ref("base.user_root")).with_context(lang="en_US")
        job.browse((self.contract | admins_contract).ids)._remind_overdue_originals()
        russian = self._reminders().filtered(lambda act: act.event_lead_document_id == self.contract)
        self.assertEqual(russian.summary, "Просрочен оригинал: Договор")
        self.assertIn(f"Отправлен {sent.strftime('%d.%m.%Y')}", str(russian.note))
        self.assertIn(f"Клиент: {self.client.display_name}.", str(russian.note))
        english = self.env["mail.activity"].search([("event_lead_document_id", "=", admins_contract.id)])
        self.assertEqual(english.user_id, admin)
        self.assertEqual(english.summary, "Original overdue: Contract")
        self.assertIn(f"Sent on {sent.strftime('%m/%d/%Y')}", str(english.note))
        self.assertIn("Client: Acme Exhibitions.", str(english.note))

    def test_nothing_before_the_due_date(self):
        self.contract.date_sent = self.today - timedelta(days=self.t_contract.original_due_days)
        self.assertEqual(self.contract.due_date, self.today)
        self.docs._remind_overdue_originals()
        self.assertEqual(self._reminders().event_lead_document_id, self.act)

    def test_original_received_closes_the_reminder(self):
        reminders = self.docs._remind_overdue_originals()
        self.contract.with_user(self.user_accountant).state = "original"
        contract_reminder = reminders.filtered(lambda act: act.event_lead_document_id == self.contract)
        self.assertFalse(contract_reminder.active, "done")
        self.assertTrue((reminders - contract_reminder).active)
        # a document whose original came in is not reminded again
        self.docs._remind_overdue_originals()
        self.assertEqual(self._reminders(), reminders)

    def test_second_reminder_impossible_in_database(self):
        self.docs._remind_overdue_originals()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.env["mail.activity"].create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                    "res_id": self.lead.id,
                    "user_id": self.user_advisor.id,
                    "event_lead_document_id": self.contract.id,
                }
            )

    def test_batches(self):
        """The cron works in bounded batches: every overdue original of many deals is reminded once."""
        leads = self.lead
        for index in range(4):
            leads |= self._walk(self._lead(name=f"Deal {index}"), self.stage_negotiation, self.stage_contract)
        overdue = leads.event_lead_document_ids.filtered(lambda doc: doc.document_type_id == self.t_contract)
        overdue.write({"state": "sent", "date_sent": self.today - timedelta(days=60)})
        self.env["ir.config_parameter"].sudo().set_param("event_lead_followup.job_batch_size", 2)
        self._run_cron()
        reminders = self.env["mail.activity"].search(
            [("event_lead_document_id", "in", leads.event_lead_document_ids.ids)]
        )
        self.assertEqual(len(reminders), len(overdue) + 1, "one per overdue contract, plus the act of the first deal")
        self.assertEqual(len(reminders.event_lead_document_id), len(reminders))

import datetime

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .ownership_common import OwnershipCommon


@tagged("post_install", "-at_install")
class TestLastInteraction(OwnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.long_ago = fields.Datetime.now() - datetime.timedelta(days=200)
        cls.deal = cls.env["crm.lead"].create(
            {
                "name": "Toyota: подарки",
                "type": "opportunity",
                "partner_id": cls.toyota_contact.id,
                "user_id": cls.user_advisor2.id,
            }
        )

    def setUp(self):
        super().setUp()
        (self.toyota | self.toyota_contact).write({"event_lead_last_interaction": self.long_ago})

    def assertTouched(self, partner):
        self.assertGreater(partner.event_lead_last_interaction, self.long_ago)

    def test_note_on_the_client(self):
        self.toyota.with_user(self.user_advisor2).message_post(
            body="Созвонились", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertTouched(self.toyota)

    def test_email_on_a_contact_touches_the_client(self):
        self.toyota_contact.with_user(self.user_advisor2).message_post(
            body="Письмо с каталогом", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertTouched(self.toyota)

    def test_done_activity_on_a_deal(self):
        # a to-do: calls and meetings are closed through their result (see test_contact_result)
        activity = self.deal.activity_schedule("mail.mail_activity_data_todo", user_id=self.user_advisor2.id)
        self.assertEqual(self.toyota.event_lead_last_interaction, self.long_ago, "planning is not working")
        activity.with_user(self.user_advisor2).action_feedback(feedback="Договорились о встрече")
        self.assertTouched(self.toyota)

    def test_call_result_on_a_deal(self):
        """A call closed with its formal result is real work on the client."""
        call = self.deal.activity_schedule("mail.mail_activity_data_call", user_id=self.user_advisor2.id)
        action = call.with_user(self.user_advisor2).action_done()
        self.assertEqual(self.toyota.event_lead_last_interaction, self.long_ago, "asking for the result is not work")
        form = Form(
            self.env["event.lead.contact.result.wizard"].with_user(self.user_advisor2).with_context(**action["context"])
        )
        form.result_type = "other"
        form.note = "Обсудили каталог, перезвонят"
        form.save()._record()
        self.assertFalse(call.exists() and call.active, "the call is done")
        self.assertTouched(self.toyota)

    def test_system_messages_do_not_count(self):
        self.toyota.with_user(self.user_manager).write({"comment": "правка", "phone": "+7 495 000 00 01"})
        self.toyota._message_log(body="Системная запись")
        self.toyota.message_post(body="Рассылка", message_type="email_outgoing")
        self.assertEqual(self.toyota.event_lead_last_interaction, self.long_ago)


@tagged("post_install", "-at_install")
class TestStaleClients(OwnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.long_ago = fields.Datetime.now() - datetime.timedelta(days=120)
        cls.olga_client = Partner.create({"name": "Клиент Ольги", "is_company": True, "user_id": cls.user_operator.id})
        cls.fresh = Partner.create({"name": "Свежий клиент", "is_company": True, "user_id": cls.user_advisor.id})
        # Olga has no team: her digest goes to the head of sales
        cls.team.member_ids = [(3, cls.user_operator.id)]
        cls.head = cls.env["res.users"].create({"name": "Head of Sales", "login": "el_head"})
        cls.env.company.event_lead_head_user_id = cls.head
        old = cls.toyota | cls.romashka | cls.unowned | cls.pooled | cls.olga_client
        old.write({"event_lead_last_interaction": cls.long_ago, "event_lead_owner_since": cls.long_ago})

    def _run(self):
        return self.env["event.lead.stale.digest"]._flag_stale_batch(self.env.company)

    def _digest(self, manager):
        return self.env["event.lead.stale.digest"].search([("manager_id", "=", manager.id)])

    def test_flags_and_one_digest_per_manager(self):
        self._run()
        self.assertTrue(self.toyota.event_lead_is_stale)
        self.assertTrue(self.romashka.event_lead_is_stale)
        self.assertFalse(self.fresh.event_lead_is_stale, "worked recently")
        self.assertFalse(self.unowned.event_lead_is_stale, "nobody to blame")
        self.assertFalse(self.pooled.event_lead_is_stale, "the pool is never stale")
        digest = self._digest(self.user_manager)
        self.assertEqual(digest.partner_ids, self.toyota | self.romashka)
        self.assertEqual(len(digest.activity_ids), 1, "one digest activity, not one per client")
        self.assertEqual(digest.activity_ids.user_id, self.user_manager)
        self.assertEqual(self._digest(self.head).partner_ids, self.olga_client)

    def test_rerun_is_idempotent_and_extends_the_digest(self):
        self._run()
        self.assertEqual(self._run(), 0, "nothing new")
        self.fresh.write({"event_lead_last_interaction": self.long_ago, "event_lead_owner_since": self.long_ago})
        self._run()
        digest = self._digest(self.user_manager)
        self.assertEqual(len(digest), 1)
        self.assertIn(self.fresh, digest.partner_ids)
        self.assertEqual(len(digest.activity_ids), 1)

    def test_threshold_is_a_company_setting(self):
        self.env.company.event_lead_stale_days = 150
        self._run()
        self.assertFalse(self.toyota.event_lead_is_stale)

    def test_new_owner_gets_time(self):
        self.toyota.with_user(self.user_manager).write({"user_id": self.user_advisor.id})
        self._run()
        self.assertFalse(self.toyota.event_lead_is_stale)

    def test_note_clears_the_flag(self):
        self._run()
        self.toyota.with_user(self.user_advisor2).message_post(
            body="Позвонил", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(self.toyota.event_lead_is_stale)

    def test_cron(self):
        cron = self.env.ref("event_lead_followup.ir_cron_flag_stale_clients")
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.assertTrue(self.toyota.event_lead_is_stale)
        self.assertEqual(len(self._digest(self.user_manager).activity_ids), 1)

    def test_digest_in_the_managers_language(self):
        """The job runs in English; the Russian team leader reads a Russian
        digest, the English head of sales an English one."""
        self._russian_reader(self.user_manager)
        self.head.lang = "en_US"
        self.env["event.lead.stale.digest"].with_context(lang="en_US")._flag_stale_batch(self.env.company)
        russian = self._digest(self.user_manager).activity_ids
        self.assertEqual(russian.summary, "Разобрать клиентов, с которыми не работали")
        self.assertIn("Откройте сводку", str(russian.note))
        english = self._digest(self.head).activity_ids
        self.assertEqual(english.summary, "Review the clients nobody worked on")
        self.assertIn("Open the digest", str(english.note))
        today = fields.Date.context_today(self.head)
        digest = self._digest(self.user_manager)
        self.assertIn(today.strftime("%d.%m.%Y"), digest.with_context(lang="ru_RU").name)
        self.assertIn(today.strftime("%m/%d/%Y"), digest.with_context(lang="en_US").name)

    def test_manager_reassigns_to_marketing_or_advisor(self):
        self._run()
        digest = self._digest(self.user_manager).with_user(self.user_manager)
        action = digest.action_reassign()
        wizard = (
            self.env["event.lead.reassign.wizard"]
            .with_user(self.user_manager)
            .with_context(**action["context"])
            .create({"mode": "marketing", "reason": "не работали 4 месяца"})
        )
        wizard.action_apply()
        for client in (self.toyota, self.romashka):
            self.assertFalse(client.user_id)
            self.assertTrue(client.event_lead_marketing_queue)
            self.assertFalse(client.event_lead_is_stale)
        queue = (
            self.env["res.partner"].with_user(self.user_marketing).search([("event_lead_marketing_queue", "=", True)])
        )
        self.assertIn(self.toyota, queue)
        # marketing hands a warmed-up client back to an advisor, not the others
        with self.assertRaises(AccessError):
            self.env["event.lead.reassign.wizard"].with_user(self.user_marketing).with_context(
                active_model="res.partner", active_ids=self.fresh.ids
            ).create({"mode": "user", "user_id": self.user_advisor2.id, "reason": "хочу"}).action_apply()
        self.env["event.lead.reassign.wizard"].with_user(self.user_marketing).with_context(
            active_model="res.partner", active_ids=self.toyota.ids
        ).create({"mode": "user", "user_id": self.user_advisor.id, "reason": "снова интересуются"}).action_apply()
        self.assertEqual(self.toyota.user_id, self.user_advisor)
        self.assertFalse(self.toyota.event_lead_marketing_queue)

    def test_advisor_cannot_send_to_marketing(self):
        wizard = (
            self.env["event.lead.reassign.wizard"]
            .with_user(self.user_advisor)
            .with_context(active_model="res.partner", active_ids=self.romashka.ids)
            .create({"mode": "marketing", "reason": "пусть маркетинг"})
        )
        with self.assertRaises(AccessError):
            wizard.action_apply()

    def test_digest_visibility(self):
        self._run()
        digest = self._digest(self.user_manager)
        self.assertEqual(digest.with_user(self.user_manager).partner_count, 2)
        for user in (self.user_advisor, self.user_operator, self.user_marketing):
            with self.assertRaises(AccessError):
                digest.with_user(user).read(["partner_ids"])


@tagged("post_install", "-at_install")
class TestPoolAndCleanUp(OwnershipCommon):
    def _handover(self, user, partners, **vals):
        return (
            self.env["event.lead.reassign.wizard"]
            .with_user(user)
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create({"reason": "чистка базы", **vals})
            .action_apply()
        )

    def test_pool_leaves_working_lists_keeps_mailings(self):
        client = self.romashka
        self._handover(self.user_advisor, client, mode="pool")
        self.assertEqual(client.user_id, self.pool_user)
        Partner = self.env["res.partner"].with_user(self.user_manager)
        working = Partner.search([("event_lead_in_pool", "=", False), ("event_lead_marketing_queue", "=", False)])
        self.assertNotIn(client, working)
        self.assertIn(client, Partner.search([("event_lead_in_pool", "=", True)]))
        self.assertTrue(client.active)
        self.assertFalse(client.is_blacklisted, "catalogue mailings still reach it")

    def test_archive_with_contacts(self):
        contact = self.env["res.partner"].create({"name": "Сотрудник", "parent_id": self.romashka.id})
        self._handover(self.user_advisor, self.romashka, mode="archive")
        self.assertFalse(self.romashka.active)
        self.assertFalse(contact.active)
        self.assertIn("чистка базы", self._messages_text(self.romashka))

    def test_bulk_to_a_newcomer(self):
        second = self.env["res.partner"].create(
            {"name": "Второй клиент Анны", "is_company": True, "user_id": self.user_advisor.id}
        )
        newcomer = self.env["res.users"].create(
            {
                "name": "Новичок",
                "login": "el_newcomer",
                "group_ids": [(4, self.env.ref("event_lead_followup.group_event_lead_advisor").id)],
            }
        )
        self._handover(self.user_advisor, self.romashka | second, mode="user", user_id=newcomer.id)
        self.assertEqual((self.romashka | second).user_id, newcomer)

    def test_clients_list_opens_oldest_interaction_first(self):
        action = self.env.ref("event_lead_followup.res_partner_action_event_lead_clients")
        list_view = action.view_ids.filtered(lambda v: v.view_mode == "list").view_id
        self.assertIn('default_order="event_lead_last_interaction asc', list_view.arch)
        self.assertIn("search_default_filter_event_lead_working", action.context)

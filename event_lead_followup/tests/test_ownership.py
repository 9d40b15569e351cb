from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .ownership_common import OwnershipCommon


@tagged("post_install", "-at_install")
class TestOwner(OwnershipCommon):
    def test_company_owner_is_its_contacts_owner(self):
        """Changing the owner of a company changes it for its people, and the change is tracked."""
        self.assertEqual(self.toyota_contact.user_id, self.user_advisor2)
        # tracking skips records created in the same transaction: end the "creation" one
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.toyota.with_user(self.user_manager).write({"user_id": self.user_advisor.id})
        self.assertEqual(self.toyota_contact.user_id, self.user_advisor)
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "=", self.toyota.id),
                ("field_id.name", "=", "user_id"),
            ]
        )
        self.assertTrue(tracking, "who and when: Odoo's tracking of the owner")
        self.assertEqual(tracking[0].mail_message_id.author_id, self.user_manager.partner_id)

    def test_contact_follows_its_company(self):
        """A contact moved to another company takes that company's owner."""
        person = self.env["res.partner"].create({"firstname": "Ирина", "lastname": "Кузнецова"})
        self.assertFalse(person.user_id)
        person.parent_id = self.romashka
        self.assertEqual(person.user_id, self.user_advisor)
        person.parent_id = self.toyota
        self.assertEqual(person.user_id, self.user_advisor2)

    def test_handover_to_a_newcomer_with_reason(self):
        """Anna gives her client to Boris in bulk: open deals and activities follow, the reason is kept."""
        lead = self.env["crm.lead"].create(
            {
                "name": "Ромашка: календари",
                "type": "opportunity",
                "partner_id": self.romashka.id,
                "user_id": self.user_advisor.id,
            }
        )
        activity = self.romashka.activity_schedule("mail.mail_activity_data_todo", user_id=self.user_advisor.id)
        wizard = (
            self.env["event.lead.reassign.wizard"]
            .with_user(self.user_advisor)
            .with_context(active_model="res.partner", active_ids=self.romashka.ids)
            .create({"mode": "user", "user_id": self.user_advisor2.id, "reason": "мне не интересно"})
        )
        wizard.action_apply()
        self.assertEqual(self.romashka.user_id, self.user_advisor2)
        self.assertEqual(lead.user_id, self.user_advisor2)
        self.assertEqual(activity.user_id, self.user_advisor2)
        self.assertIn("мне не интересно", self._messages_text(self.romashka))

    def test_cannot_hand_over_someone_elses_client(self):
        wizard = (
            self.env["event.lead.reassign.wizard"]
            .with_user(self.user_advisor)
            .with_context(active_model="res.partner", active_ids=self.toyota.ids)
            .create({"mode": "pool", "reason": "хочу"})
        )
        with self.assertRaises(AccessError):
            wizard.action_apply()
        self.assertEqual(self.toyota.user_id, self.user_advisor2)

    def test_take_unowned_and_pool_clients(self):
        self.unowned.with_user(self.user_advisor).action_event_lead_take()
        self.assertEqual(self.unowned.user_id, self.user_advisor)
        self.pooled.with_user(self.user_advisor).action_event_lead_take()
        self.assertEqual(self.pooled.user_id, self.user_advisor)
        with self.assertRaises(UserError):
            self.toyota.with_user(self.user_advisor).action_event_lead_take()

    def test_ownership_seen_by_each_user(self):
        self.assertEqual(self.toyota.with_user(self.user_advisor2).event_lead_ownership, "mine")
        self.assertEqual(self.toyota.with_user(self.user_advisor).event_lead_ownership, "other")
        self.assertEqual(self.toyota_contact.with_user(self.user_advisor).event_lead_ownership, "other")
        self.assertEqual(self.unowned.with_user(self.user_advisor).event_lead_ownership, "unowned")
        self.assertEqual(self.pooled.with_user(self.user_advisor).event_lead_ownership, "pool")


@tagged("post_install", "-at_install")
class TestBonusOwner(OwnershipCommon):
    def _won_lead(self, partner, user):
        lead = (
            self.env["crm.lead"]
            .with_user(user)
            .create(
                {
                    "name": "Сделка",
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "expected_revenue": 1000,
                }
            )
        )
        return self._win_deal(lead, user)

    def test_owner_at_win_is_credited(self):
        """Anna closes a deal with Boris's client: Boris gets the bonus, and keeps it."""
        lead = self._won_lead(self.toyota_contact, self.user_advisor)
        self.assertEqual(lead.event_lead_bonus_user_id, self.user_advisor2)
        self.toyota.with_user(self.user_manager).write({"user_id": self.user_advisor.id})
        self.assertEqual(lead.event_lead_bonus_user_id, self.user_advisor2, "later owner changes do not move it")

    def test_pool_client_credits_nobody(self):
        lead = self._won_lead(self.pooled, self.user_advisor)
        self.assertFalse(lead.event_lead_bonus_user_id)

    def test_only_managers_correct_with_reason(self):
        lead = self._won_lead(self.toyota, self.user_advisor)
        with self.assertRaises(UserError):
            lead.with_user(self.user_advisor).write({"event_lead_bonus_user_id": self.user_advisor.id})
        with self.assertRaises(UserError):
            self.env["event.lead.bonus.owner.wizard"].with_user(self.user_advisor).create(
                {"lead_ids": lead.ids, "user_id": self.user_advisor.id, "reason": "я продала"}
            ).action_apply()
        self.env["event.lead.bonus.owner.wizard"].with_user(self.user_manager).with_context(
            active_model="crm.lead", active_ids=lead.ids
        ).create({"user_id": self.user_advisor.id, "reason": "договорились на планёрке"}).action_apply()
        self.assertEqual(lead.event_lead_bonus_user_id, self.user_advisor)
        self.assertIn("договорились на планёрке", self._messages_text(lead))


@tagged("post_install", "-at_install")
class TestClientAccess(OwnershipCommon):
    def test_advisor_edits_only_own_unowned_and_pool_clients(self):
        for user in (self.user_advisor, self.user_operator):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.toyota.with_user(user).write({"phone": "+7 000 000 00 00"})
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.toyota_contact.with_user(user).write({"function": "Директор"})
            self.unowned.with_user(user).write({"comment": "звонил"})
            self.pooled.with_user(user).write({"comment": "звонил"})
        self.romashka.with_user(self.user_advisor).write({"comment": "мой клиент"})
        with self.assertRaises(AccessError):
            self.romashka.with_user(self.user_operator).write({"comment": "не мой"})

    def test_manager_edits_all(self):
        self.toyota.with_user(self.user_manager).write({"comment": "проверено"})
        self.romashka.with_user(self.user_manager).write({"comment": "проверено"})
        self.assertIn("проверено", self.toyota.comment)
        self.assertIn("проверено", self.romashka.comment)

    def test_everyone_reads_the_owner(self):
        for user in (self.user_operator, self.user_accountant, self.user_marketing):
            self.assertEqual(self.toyota.with_user(user).user_id.name, "Boris Advisor")

    def test_own_user_contact_stays_editable(self):
        """Users edit their own contact (preferences) even if it were someone's client."""
        self.user_advisor.partner_id.user_id = self.user_advisor2
        self.user_advisor.with_user(self.user_advisor).write({"signature": "Анна"})
        self.user_advisor.partner_id.with_user(self.user_advisor).write({"phone": "+7 999 000 00 01"})
        self.assertEqual(self.user_advisor.partner_id.phone, "+7 999 000 00 01")
        self.assertIn("Анна", self.user_advisor.signature)

    def test_portal_users_do_not_post_on_clients(self):
        portal = new_test_user(self.env, "el_portal", "base.group_portal", name="Portal Oleg")
        portal.partner_id.parent_id = self.toyota
        self.assertEqual(self.toyota.with_user(portal).name, "Тойота (Toyota)")
        with self.assertRaises(AccessError):
            self.toyota.with_user(portal).message_post(body="Hi", message_type="comment")

    def test_odoo_side_effects_still_work(self):
        """Notes, activities, registrations and deals on someone else's client;
        writing to the client itself is its owner's."""
        toyota = self.toyota.with_user(self.user_operator)
        toyota.message_post(body="Звонил, просят каталог", message_type="comment", subtype_xmlid="mail.mt_note")
        with self.assertRaisesRegex(AccessError, "Owner of Тойота \\(Toyota\\): Boris Advisor"):
            toyota.message_post(
                body="Отправляю каталог",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.toyota_contact.ids,
            )
        self.toyota.with_user(self.user_advisor2).message_post(
            body="Отправляю каталог",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.toyota_contact.ids,
        )
        toyota.activity_schedule("mail.mail_activity_data_call", user_id=self.user_operator.id)
        event = self.env["event.event"].create(
            {"name": "Выставка", "date_begin": "2030-03-01 09:00:00", "date_end": "2030-03-02 18:00:00"}
        )
        registration = (
            self.env["event.registration"]
            .with_user(self.user_operator)
            .create({"event_id": event.id, "partner_id": self.toyota_contact.id})
        )
        self.assertEqual(registration.email, "oleg@toyota.ru")
        # a contact met at the event is added under Toyota, which stays Boris's;
        # an address of its own would become Toyota's (Odoo's first contact): refused
        Partner = self.env["res.partner"].with_user(self.user_operator)
        with self.assertRaisesRegex(UserError, "Leave out: Street"):
            Partner.create(
                {"firstname": "Анна", "lastname": "Новая", "parent_id": self.toyota.id, "street": "Тверская, 1"}
            )
        self.assertFalse(self.toyota.street)
        contact = Partner.create({"firstname": "Анна", "lastname": "Новая", "parent_id": self.toyota.id})
        self.assertEqual(contact.user_id, self.user_advisor2)
        self.assertEqual(contact.create_uid, self.user_operator)
        # a lead converted onto Boris's existing client
        lead = (
            self.env["crm.lead"]
            .with_user(self.user_advisor)
            .create(
                {
                    "name": "Заявка с выставки",
                    "type": "lead",
                    "email_from": "oleg@toyota.ru",
                    "user_id": self.user_advisor.id,
                }
            )
        )
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_user(self.user_advisor)
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
            .create({"name": "convert", "action": "exist", "partner_id": self.toyota_contact.id, "lead_id": lead.id})
        )
        wizard.action_apply()
        self.assertEqual(lead.partner_id, self.toyota_contact)
        self.assertEqual(lead.event_lead_client_id, self.toyota)
        # correcting the e-mail on the deal does not touch Boris's contact
        lead.with_user(self.user_advisor).write({"email_from": "o.petrov@toyota.ru", "phone": "+7 900 000 00 00"})
        self.assertEqual(lead.email_from, "o.petrov@toyota.ru")
        self.assertEqual(self.toyota_contact.email, "oleg@toyota.ru")


@tagged("post_install", "-at_install")
class TestOwnershipMenus(OwnershipCommon):
    def test_menus_per_role(self):
        prefix = "event_lead_followup."
        expected = {
            "event_lead_partner_check_menu": {"operator", "advisor", "manager"},
            "event_lead_transfer_request_menu": {"operator", "advisor", "manager"},
            "event_lead_stale_digest_menu": {"advisor", "manager"},
            "res_partner_menu_event_lead_marketing": {"manager", "marketing"},
            "event_lead_special_date_menu": {"operator", "advisor", "manager", "accountant", "marketing"},
            "event_lead_public_domain_menu": {"manager"},
        }
        users = {
            "operator": self.user_operator,
            "advisor": self.user_advisor,
            "manager": self.user_manager,
            "accountant": self.user_accountant,
            "marketing": self.user_marketing,
        }
        for role, user in users.items():
            visible = self._visible_menus(user)
            for menu, roles in expected.items():
                self.assertEqual(prefix + menu in visible, role in roles, f"{menu} for {role}")

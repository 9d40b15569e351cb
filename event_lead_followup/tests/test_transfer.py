from markupsafe import Markup

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .ownership_common import OwnershipCommon


@tagged("post_install", "-at_install")
class TestTransferRequest(OwnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"]
        cls.open_deal = Lead.create(
            {
                "name": "Toyota: ежедневники",
                "type": "opportunity",
                "partner_id": cls.toyota_contact.id,
                "user_id": cls.user_advisor2.id,
            }
        )
        cls.others_deal = Lead.create(
            {
                "name": "Toyota: сувениры",
                "type": "opportunity",
                "partner_id": cls.toyota.id,
                "user_id": cls.user_manager.id,
            }
        )
        cls.won_deal = Lead.create(
            {
                "name": "Toyota: календари",
                "type": "opportunity",
                "partner_id": cls.toyota.id,
                "user_id": cls.user_advisor2.id,
            }
        )
        cls._win_deal(cls.won_deal)
        cls.call = cls.toyota_contact.activity_schedule("mail.mail_activity_data_call", user_id=cls.user_advisor2.id)
        cls.deal_call = cls.open_deal.activity_schedule("mail.mail_activity_data_call", user_id=cls.user_advisor2.id)

    def _request(self, user=None, partner=None, reason="Работаю с ними по выставке"):
        return (
            self.env["event.lead.transfer.request"]
            .with_user(user or self.user_advisor)
            .create({"partner_id": (partner or self.toyota).id, "reason": reason})
        )

    def test_request_notifies_the_owner(self):
        request = self._request(partner=self.toyota_contact)
        self.assertEqual(request.partner_id, self.toyota, "a contact's request is for its company")
        self.assertEqual(request.owner_id, self.user_advisor2)
        self.assertEqual(request.activity_ids.user_id, self.user_advisor2)
        self.assertEqual(
            request.activity_ids.activity_type_id,
            self.env.ref("event_lead_followup.mail_activity_type_transfer_request"),
        )

    def test_each_reads_in_their_language(self):
        """The English-speaking requester asks the Russian owner: the owner's
        task is Russian; the owner answers in Russian, the requester's notice
        is English."""
        self._russian_reader(self.user_advisor2)
        self.user_advisor.lang = "en_US"
        request = self._request()
        self.assertEqual(request.activity_ids.summary, "Anna Advisor просит передать клиента Тойота (Toyota)")
        request.with_user(self.user_advisor2).with_context(lang="ru_RU").action_accept()
        notice = request.message_ids.filtered(lambda message: self.user_advisor.partner_id in message.partner_ids)
        self.assertEqual(
            notice.body, Markup("<p>Тойота (Toyota) handed over. By: Boris Advisor. New owner: Anna Advisor.</p>")
        )

    def test_reason_is_required(self):
        for reason in (False, "  "):
            with self.assertRaises(ValidationError):
                self._request(reason=reason)

    def test_accept_moves_client_deals_and_activities(self):
        request = self._request()
        with self.assertRaises(AccessError):
            request.with_user(self.user_advisor).action_accept()
        request.with_user(self.user_advisor2).action_accept()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(self.toyota.user_id, self.user_advisor)
        self.assertEqual(self.toyota_contact.user_id, self.user_advisor)
        self.assertEqual(self.open_deal.user_id, self.user_advisor)
        self.assertEqual(self.call.user_id, self.user_advisor)
        self.assertEqual(self.deal_call.user_id, self.user_advisor)
        self.assertEqual(self.others_deal.user_id, self.user_manager, "another salesperson keeps their deal")
        self.assertEqual(self.won_deal.user_id, self.user_advisor2, "won deals are history")
        self.assertEqual(self.won_deal.event_lead_bonus_user_id, self.user_advisor2)
        self.assertFalse(request.activity_ids, "the owner's to-do is gone")
        self.assertIn("Работаю с ними по выставке", self._messages_text(self.toyota))
        self.assertIn(self.user_advisor.partner_id, request.message_ids.partner_ids, "the requester is told")

    def test_refuse_keeps_the_client(self):
        request = self._request()
        request.with_user(self.user_advisor2).write({"answer": "Сам веду переговоры"})
        request.with_user(self.user_advisor2).action_refuse()
        self.assertEqual(request.state, "refused")
        self.assertEqual(self.toyota.user_id, self.user_advisor2)
        self.assertIn("Сам веду переговоры", self._messages_text(request))

    def test_manager_answers_and_requester_cancels(self):
        self._request().with_user(self.user_manager).action_accept()
        self.assertEqual(self.toyota.user_id, self.user_advisor)
        request = self._request(user=self.user_advisor2)
        with self.assertRaises(AccessError):
            request.with_user(self.user_operator).action_cancel()
        request.with_user(self.user_advisor2).action_cancel()
        self.assertEqual(request.state, "cancelled")

    def test_visible_to_both_sides_and_managers(self):
        request = self._request()
        for user in (self.user_advisor, self.user_advisor2, self.user_manager):
            self.assertEqual(request.with_user(user).reason, "Работаю с ними по выставке")
        with self.assertRaises(AccessError):
            request.with_user(self.user_operator).read(["reason"])
        for user in (self.user_accountant, self.user_marketing):
            with self.assertRaises(AccessError):
                request.with_user(user).read(["reason"])
        self.assertFalse(self.env["event.lead.transfer.request"].with_user(self.user_operator).search([]))

    def test_state_only_through_buttons(self):
        request = self._request()
        with self.assertRaises(AccessError):
            request.with_user(self.user_advisor).write({"state": "accepted"})

    def test_nonsense_requests(self):
        with self.assertRaises(UserError):
            self._request(partner=self.romashka)  # already Anna's
        with self.assertRaises(UserError):
            self._request(partner=self.unowned)  # take it instead
        with self.assertRaises(UserError):
            self._request(partner=self.pooled)
        self._request()
        with self.assertRaises(UserError):
            self._request()

    def test_outdated_request(self):
        request = self._request()
        self.toyota.with_user(self.user_manager).write({"user_id": self.user_manager.id})
        with self.assertRaises(UserError):
            request.with_user(self.user_manager).action_accept()

    def test_button_on_the_client(self):
        action = self.toyota_contact.with_user(self.user_advisor).action_event_lead_request_transfer()
        self.assertEqual(action["context"]["default_partner_id"], self.toyota.id)

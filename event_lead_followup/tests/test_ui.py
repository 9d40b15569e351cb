from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .ownership_common import OwnershipCommon


@tagged("post_install", "-at_install")
class TestOwnershipUi(HttpCase, OwnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.romashka.event_lead_readiness = "4"

    def test_clients_list_and_card(self):
        self.start_tour(
            "/odoo/action-event_lead_followup.res_partner_action_event_lead_clients",
            "event_lead_ownership_clients",
            login="el_advisor",
        )

    def test_request_transfer_from_the_card(self):
        self.start_tour(f"/odoo/res.partner/{self.toyota.id}", "event_lead_ownership_transfer", login="el_advisor")
        request = self.env["event.lead.transfer.request"].search([("partner_id", "=", self.toyota.id)])
        self.assertEqual(request.requester_id, self.user_advisor)
        self.assertEqual(request.reason, "Работаю с ними по выставке")

    def test_blocked_duplicate_then_transfer_request(self):
        """One flow: the advisor creates TOYOTA, is blocked with Boris's name,
        checks it with "New client", and asks Boris for the client."""
        clients = self.env["res.partner"].search_count([])
        with mute_logger("odoo.http"):  # the blocked save is a UserError, logged by the RPC
            self.start_tour(
                "/odoo/action-event_lead_followup.res_partner_action_event_lead_clients",
                "event_lead_ownership_check",
                login="el_advisor",
            )
        self.assertEqual(self.env["res.partner"].search_count([]), clients, "no duplicate client was created")
        request = self.env["event.lead.transfer.request"].search([("partner_id", "=", self.toyota.id)])
        self.assertEqual(request.requester_id, self.user_advisor)
        self.assertEqual(request.owner_id, self.user_advisor2)
        self.assertEqual(request.reason, "Они были у нас на стенде, договорились о встрече")
        self.assertEqual(self.toyota.user_id, self.user_advisor2, "the client stays Boris's until he answers")

    def test_manager_accepts_a_transfer(self):
        self.env["event.lead.transfer.request"].with_user(self.user_advisor).create(
            {"partner_id": self.toyota.id, "reason": "Работаю с ними по выставке"}
        )
        self.start_tour(
            "/odoo/action-event_lead_followup.event_lead_transfer_request_action",
            "event_lead_ownership_manager_transfer",
            login="el_manager",
        )
        self.assertEqual(self.toyota.user_id, self.user_advisor)

    def test_manager_reassigns_stale_clients(self):
        old = self.toyota | self.romashka
        old.write({"event_lead_last_interaction": "2020-01-01", "event_lead_owner_since": "2020-01-01"})
        self.env["event.lead.stale.digest"]._flag_stale_batch(self.env.company)
        self.start_tour(
            "/odoo/action-event_lead_followup.event_lead_stale_digest_action",
            "event_lead_ownership_manager_digest",
            login="el_manager",
        )
        self.assertTrue(all(old.mapped("event_lead_marketing_queue")))

    def test_manager_corrects_the_bonus_owner(self):
        lead = self.env["crm.lead"].create(
            {"name": "Toyota: подарки", "type": "opportunity", "partner_id": self.toyota.id, "team_id": self.team.id}
        )
        self._win_deal(lead)
        self.start_tour(f"/odoo/crm.lead/{lead.id}", "event_lead_ownership_bonus", login="el_manager")
        self.assertEqual(lead.event_lead_bonus_user_id, self.user_advisor)

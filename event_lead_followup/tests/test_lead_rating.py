from odoo.tests import tagged
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from .deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestLeadRatingAndMorningReview(EventLeadDealCommon):
    def _win(self, lead):
        self._walk(lead, self.stage_negotiation, self.stage_contract)
        self._send_key_documents(lead)
        lead.action_set_won()
        return lead

    def test_lead_rating_weighs_value_and_repeat_purchases(self):
        lead = self._lead(expected_revenue=1000000, stage=self.stage_negotiation)
        self.assertEqual(lead.event_lead_rating, 200000, "1 000 000 × 20%")
        self._win(self._lead(name="Первая покупка", expected_revenue=500000))
        self.assertEqual(self.client.event_lead_won_count, 1)
        self.assertEqual(lead.event_lead_rating, 250000, "a client who bought once: +25%")
        for index in range(5):
            self._win(self._lead(name=f"Покупка {index}", expected_revenue=10))
        self.assertEqual(lead.event_lead_rating, 400000, "at most twice the value")

    def test_client_rating(self):
        self._lead(expected_revenue=1000000, stage=self.stage_negotiation)
        self.assertEqual(self.client.event_lead_rating, 200000)
        self._win(self._lead(name="Выиграна", expected_revenue=300000))
        self.assertEqual(self.client.event_lead_won_revenue, 300000)
        self.assertEqual(self.client.event_lead_rating, 500000)
        self.assertEqual(self.contact.event_lead_rating, 0, "the rating is the company's")
        lost = self._lead(name="Проиграна", expected_revenue=700000, stage=self.stage_negotiation)
        self.assertEqual(self.client.event_lead_rating, 640000)
        lost.action_set_lost()
        self.assertEqual(self.client.event_lead_rating, 500000)
        # clients sort by it
        self.other_client.invalidate_recordset()
        ranked = self.env["res.partner"].search(
            [("id", "in", (self.client | self.other_client).ids)], order="event_lead_rating desc"
        )
        self.assertEqual(ranked[0], self.client)

    def test_morning_review_deals(self):
        """My open deals, largest first or nearest deadline first."""
        small = self._lead(name="Малая", expected_revenue=100, date_deadline=self.today)
        big = self._lead(name="Крупная", expected_revenue=10000)
        self._lead(user=self.user_advisor2, partner=self.other_client, name="Чужая", expected_revenue=99999)
        won = self._win(self._lead(name="Выигранная", expected_revenue=50000))
        for xml_id, expected in (
            ("event_lead_followup.crm_lead_action_event_lead_my_deals_largest", big | small),
            ("event_lead_followup.crm_lead_action_event_lead_my_deals_nearest", small | big),
        ):
            leads = self._open_list(xml_id, self.user_advisor)
            self.assertEqual(leads, expected, xml_id)
            self.assertNotIn(won, leads)

    def test_morning_review_clients(self):
        """My clients, the one untouched the longest first."""
        newer = self.env["res.partner"].create(
            {"name": "ООО «Новый клиент»", "is_company": True, "user_id": self.user_advisor.id}
        )
        self.env.cr.execute(
            SQL("UPDATE res_partner SET write_date = now() - interval '30 days' WHERE id = %s", self.client.id)
        )
        self.env["res.partner"].invalidate_model(["write_date"])
        clients = self._open_list(
            "event_lead_followup.res_partner_action_event_lead_my_clients_oldest", self.user_advisor
        )
        self.assertEqual(clients[:2], self.client | newer)
        self.assertNotIn(self.other_client, clients)
        self.assertNotIn(self.contact, clients, "contact persons are not clients of their own")

    def _open_list(self, xml_id, user):
        """The records an action's list shows to ``user``, in the list's order."""
        action = self.env.ref(xml_id)
        model = self.env[action.res_model].with_user(user)
        arch = model.get_views([(action.view_id.id, "list")])["views"]["list"]["arch"]
        order = arch.split('default_order="')[1].split('"')[0]
        return model.search(safe_eval(action.domain, {"uid": user.id}), order=order)

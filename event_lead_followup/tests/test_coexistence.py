"""Installed into a live Odoo: the deal statuses are one team's rules, not
every team's; history comes in through a manager's path; Odoo's Merge
Contacts keeps working with the duplicate guard."""

from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestTeamsKeepTheirPipeline(EventLeadDealCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.retail = cls.env["crm.team"].create({"name": "Розница"})
        cls.odoo_new = cls.env.ref("crm.stage_lead1")
        cls.odoo_won = cls.env.ref("crm.stage_lead4")

    def test_second_team_moves_straight_to_won_while_ours_cannot(self):
        retail_deal = self.env["crm.lead"].create(
            {"name": "Витрина", "type": "opportunity", "team_id": self.retail.id, "partner_id": self.contact.id}
        )
        self.assertEqual(retail_deal.stage_id, self.odoo_new, "Odoo's pipeline")
        retail_deal.write({"stage_id": self.odoo_won.id})
        self.assertEqual(retail_deal.won_status, "won")
        self.assertFalse(retail_deal.event_lead_passed_stage_ids)
        self.assertFalse(retail_deal.event_lead_document_ids)
        self.assertFalse(retail_deal.event_lead_bonus_user_id)
        direct = self.env["crm.lead"].create(
            {"name": "Сразу", "type": "opportunity", "team_id": self.retail.id, "stage_id": self.odoo_won.id}
        )
        self.assertEqual(direct.won_status, "won")
        # our team: the same moves are refused
        ours = self._lead()
        with self.assertRaisesRegex(UserError, "«Negotiation», «Contract approval»"):
            ours.write({"stage_id": self.stage_won.id})
        with self.assertRaisesRegex(UserError, "«Negotiation»"):
            self._lead(stage=self.stage_won, name="Сразу наш")

    def test_predictive_scoring_untouched_for_another_team(self):
        """Odoo's daily scoring rewrites the probability of the other team's
        deals as in Odoo, and leaves our statuses' fixed probabilities."""
        self.env["ir.config_parameter"].sudo().set_param("crm.pls_start_date", "2000-01-01")
        self.env["ir.config_parameter"].sudo().set_param("crm.pls_fields", "phone_state,email_state")
        Lead = self.env["crm.lead"]
        for index in range(4):
            Lead.create({"name": f"W{index}", "type": "opportunity", "team_id": self.retail.id}).action_set_won()
            Lead.create({"name": f"L{index}", "type": "opportunity", "team_id": self.retail.id}).action_set_lost()
        retail_deal = Lead.create({"name": "Открытая", "type": "opportunity", "team_id": self.retail.id})
        ours = self._walk(self._lead(), self.stage_negotiation)
        (retail_deal | ours).write({"automated_probability": 20})
        (retail_deal | ours).write({"probability": 20})
        Lead.sudo()._cron_update_automated_probabilities()
        (retail_deal | ours).invalidate_recordset()
        self.assertNotEqual(retail_deal.probability, 20, "PLS scored the other team's deal")
        self.assertEqual(retail_deal.probability, retail_deal.automated_probability)
        self.assertEqual(ours.probability, 20, "our status keeps its probability")

    def test_other_apps_stages_are_not_mandatory(self):
        stage = self.env["crm.stage"].create({"name": "Проверка юристом", "sequence": 2})
        self.assertFalse(stage.event_lead_mandatory)
        self.assertFalse(stage.event_lead_status)
        lead = self._lead()
        self._walk(lead, self.stage_negotiation, self.stage_contract)
        self._send_key_documents(lead)
        lead.action_set_won()
        self.assertEqual(lead.won_status, "won")


@tagged("post_install", "-at_install")
class TestPastDeals(EventLeadDealCommon):
    def _import(self, user, rows):
        fields = ["name", "partner_id", "outcome", "date_closed", "expected_revenue", "team_id"]
        return self.env["event.lead.past.deal"].with_user(user).load(fields, rows)

    def test_manager_imports_three_won_deals(self):
        rows = [
            [f"Стенд {year}", self.client.name, "won", f"{year}-10-15", "250000", self.sales_team.name]
            for year in (2021, 2022, 2023)
        ]
        result = self._import(self.user_manager, rows)
        self.assertFalse(result["messages"], result["messages"])
        past = self.env["event.lead.past.deal"].browse(result["ids"])
        deals = past.lead_id
        self.assertEqual(len(deals), 3)
        self.assertEqual(set(deals.mapped("won_status")), {"won"})
        self.assertEqual(deals.stage_id, self.stage_won)
        self.assertEqual(sorted(deals.mapped("date_closed")), [datetime(year, 10, 15) for year in (2021, 2022, 2023)])
        self.assertEqual(deals.event_lead_bonus_user_id, self.user_advisor, "the client's owner")
        self.assertEqual(set(deals.mapped("event_lead_offer_state")), {"chosen"})
        for deal in deals:
            self.assertLessEqual(self.stage_negotiation | self.stage_contract, deal.event_lead_passed_stage_ids)
        self.assertFalse(deals.event_lead_document_ids, "their documents were handled at the time")
        self.assertIn("Past deal brought in by Maria Manager", deals[0].message_ids[0].body)
        self.assertEqual(self.client.event_lead_won_count, 3)

    def test_lost_deal_and_advisors(self):
        reason = self.env.ref("event_lead_followup.crm_lost_reason_no_budget")
        past = (
            self.env["event.lead.past.deal"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "Реклама 2020",
                    "partner_id": self.client.id,
                    "outcome": "lost",
                    "date_closed": "2020-03-01",
                    "lost_reason_id": reason.id,
                }
            )
        )
        self.assertRecordValues(past.lead_id, [{"won_status": "lost", "active": False, "lost_reason_id": reason.id}])
        with self.assertRaises(AccessError):
            self.env["event.lead.past.deal"].with_user(self.user_advisor).create(
                {"name": "x", "partner_id": self.client.id, "outcome": "won", "date_closed": "2020-03-01"}
            )
        with self.assertRaises(AccessError):
            past.with_user(self.user_advisor)._create_leads()


@tagged("post_install", "-at_install")
class TestMergeContacts(EventLeadDealCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_manager.group_ids |= cls.env.ref("base.group_partner_manager")
        Partner = cls.env["res.partner"]
        cls.romashka_twin = Partner.create(
            {
                "name": "Ромашка ООО (старая карточка)",
                "is_company": True,
                "user_id": cls.user_advisor.id,
                "website": "https://romashka-old.example",
                "phone": "+7 495 700-00-01",
            }
        )
        cls.vasilek_twin = Partner.create(
            {"name": "Василёк-Центр", "is_company": True, "user_id": cls.user_advisor2.id, "vat": "7707083893"}
        )

    def _merge(self, partners, survivor):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.user_manager)
            .create({"partner_ids": [(6, 0, partners.ids)], "dst_partner_id": survivor.id})
        )
        wizard.action_merge()

    def _keys(self, partner):
        return self.env["event.lead.partner.key"]._get_keys(partner.ids).get(partner.id, set())

    def test_merge_two_clients_of_one_owner(self):
        twin_keys = self._keys(self.romashka_twin)
        self.assertTrue(twin_keys)
        self._merge(self.client | self.romashka_twin, self.client)
        self.assertFalse(self.romashka_twin.exists())
        self.assertLessEqual(twin_keys, self._keys(self.client), "the survivor keeps the union of the keys")
        rows = self.env["event.lead.partner.key"].search([("partner_id", "=", self.romashka_twin.id)])
        self.assertFalse(rows)
        self.assertEqual(self.client.user_id, self.user_advisor)
        # the old card's phone still finds the client; no duplicate warning on it
        [matches] = self.env["res.partner"]._event_lead_find_duplicates([{"phone": "+7 495 700-00-01"}])
        self.assertEqual([m["client_id"] for m in matches], [self.client.id])
        self.assertFalse(self.client.event_lead_duplicate_info)

    def test_merge_clients_of_two_owners_the_manager_decides(self):
        self._merge(self.other_client | self.vasilek_twin, self.vasilek_twin)
        self.assertFalse(self.other_client.exists())
        self.assertEqual(self.vasilek_twin.user_id, self.user_advisor2)
        self.assertTrue(any(key.startswith("v:") for key in self._keys(self.vasilek_twin)), "its INN still guards")

    def test_advisor_cannot_merge_a_colleagues_client(self):
        self.user_advisor.group_ids |= self.env.ref("base.group_partner_manager")
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.user_advisor)
            .create({"partner_ids": [(6, 0, (self.client | self.other_client).ids)], "dst_partner_id": self.client.id})
        )
        with self.assertRaises(AccessError):
            wizard.action_merge()
        self.assertTrue(self.other_client.exists())

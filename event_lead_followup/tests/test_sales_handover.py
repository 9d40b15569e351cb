from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .funnel_common import EventFunnelCommon


@tagged("post_install", "-at_install")
class TestSalesHandover(EventFunnelCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registration = cls._register(cls._participants(1, "Заинтересован"), state="done")
        cls._answer(cls.registration, cls.yes, cls.consent_yes, text="Автоматизация склада")
        cls.event.action_event_lead_plan_followups()
        cls.call = cls.registration.event_lead_followup_activity_ids
        cls.operator = cls.registration.event_lead_followup_user_id

    def _hand_over(self, registrations, user=None, **values):
        action = registrations.with_user(user or self.operator).action_event_lead_hand_over()
        wizard = Form(self.env[action["res_model"]].with_user(user or self.operator).with_context(**action["context"]))
        for name, value in values.items():
            setattr(wizard, name, value)
        return wizard.save().action_hand_over()

    def test_unowned_client_goes_to_the_chosen_salesperson(self):
        self.assertEqual(self.call.user_id, self.operator)
        self.assertIn(self.operator, self.user_operator | self.user_operator2)
        self._hand_over(self.registration, user_id=self.user_advisor, note="Бюджет есть, решение в мае")
        lead = self.registration.event_lead_handover_lead_id
        self.assertTrue(lead)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.user_id, self.user_advisor)
        self.assertEqual(lead.stage_id, self.env.ref("event_lead_followup.crm_stage_need"))
        self.assertAlmostEqual(lead.probability, 3.0)
        self.assertEqual(lead.event_id, self.event)
        self.assertEqual(lead.partner_id, self.registration.partner_id)
        self.assertIn(self.registration, lead.registration_ids)
        description = str(lead.description)
        self.assertIn("Автоматизация склада", description)
        self.assertIn("Бюджет есть, решение в мае", description)
        # the client now belongs to the salesperson, and the funnel says so
        self.assertEqual(self.registration.event_lead_client_id.user_id, self.user_advisor)
        self.assertEqual(self.registration.event_lead_funnel_stage, "handed_over")
        self.assertEqual(self.event.event_lead_handed_over_count, 1)
        # the operator's pre-qualification call ends with that result
        self.assertFalse(self.call.active)
        result = self.env["event.lead.contact.result"].search([("activity_id", "=", self.call.id)])
        self.assertEqual(result.user_id, self.operator)
        self.assertEqual(result.event_id, self.event)
        self.assertEqual(result.lead_id, lead, "the result links the deal")
        self.assertIn("Handed over to sales: Anna Advisor", result.note)
        self.assertNotIn(lead.name, result.note, "results name no deal: their readers may not read it")
        # recorded as any result is: the call's feedback starts with the result, the client is told,
        # the deal (which the hand-over describes itself) is not told twice
        self.assertEqual(self.call.feedback.splitlines()[0], result._summary())
        client_notes = self.registration.event_lead_client_id.message_ids.mapped("body")
        self.assertTrue(any("Handed over to sales: Anna Advisor" in body for body in client_notes))
        self.assertFalse(any("Contact result:" in body for body in lead.message_ids.mapped("body")))

    def test_open_opportunity_is_updated_not_duplicated(self):
        client = self.registration.event_lead_client_id
        client.user_id = self.user_advisor2
        deal = self.env["crm.lead"].create(
            {"name": "Текущая сделка", "type": "opportunity", "partner_id": client.id, "user_id": self.user_advisor2.id}
        )
        colleague = self._register(self._participants(1, "Коллега", company=client))
        self._hand_over(self.registration | colleague, user=self.user_manager)
        self.assertEqual(self.registration.event_lead_handover_lead_id, deal)
        self.assertEqual(colleague.event_lead_handover_lead_id, deal)
        self.assertEqual(self.env["crm.lead"].search_count([("event_lead_client_id", "=", client.id)]), 1)
        self.assertEqual(deal.user_id, self.user_advisor2, "the owner keeps the deal")
        self.assertIn(colleague, deal.registration_ids)
        self.assertIn("Автоматизация склада", str(deal.message_ids[:1].body))

    def test_salesperson_needed_for_an_unowned_client(self):
        with self.assertRaisesRegex(UserError, "choose the salesperson"):
            self.env["event.lead.sales.handover.wizard"].with_user(self.operator).create(
                {"registration_ids": [(6, 0, self.registration.ids)]}
            ).action_hand_over()

    def test_twice_is_refused(self):
        self._hand_over(self.registration, user_id=self.user_advisor)
        with self.assertRaises(UserError):
            self.env["event.lead.sales.handover.wizard"].with_user(self.user_manager).create(
                {"registration_ids": [(6, 0, self.registration.ids)], "user_id": self.user_advisor.id}
            ).action_hand_over()

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestDocumentPackage(EventLeadDealCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.exhibitor = ref("event_lead_followup.deal_type_exhibitor")
        cls.services = ref("event_lead_followup.deal_type_services")
        cls.t_application = ref("event_lead_followup.document_type_application")
        cls.t_contract = ref("event_lead_followup.document_type_contract")
        cls.t_act = ref("event_lead_followup.document_type_act")
        cls.t_vat = ref("event_lead_followup.document_type_vat_invoice")
        cls.t_upd = ref("event_lead_followup.document_type_upd")
        cls.t_manual = ref("event_lead_followup.document_type_marketing_manual")

    def _contract_stage_lead(self, **values):
        return self._walk(self._lead(**values), self.stage_negotiation, self.stage_contract)

    def _doc(self, lead, doc_type):
        return lead.event_lead_document_ids.filtered(lambda doc: doc.document_type_id == doc_type)

    def test_package_created_at_contract_approval(self):
        """A deal reaching Contract approval gets the package of its type (the default type if none)."""
        lead = self._walk(self._lead(), self.stage_negotiation)
        self.assertFalse(lead.event_lead_document_ids)
        self._walk(lead, self.stage_contract)
        self.assertEqual(lead.event_lead_deal_type_id, self.exhibitor)
        self.assertEqual(lead.event_lead_document_ids.document_type_id, self.exhibitor.document_type_ids)
        self.assertEqual(set(lead.event_lead_document_ids.mapped("state")), {"to_prepare"})
        self.assertEqual(lead.event_lead_document_ids.responsible_id, self.user_advisor)
        self.assertEqual(lead.event_lead_document_ids.partner_id, self.client)
        self.assertEqual(lead.event_lead_document_todo_count, len(self.exhibitor.document_type_ids))
        # moving back and forth does not duplicate it
        self._walk(lead, self.stage_negotiation, self.stage_contract)
        self.assertEqual(len(lead.event_lead_document_ids), len(self.exhibitor.document_type_ids))

    def test_deal_type_decides_the_package(self):
        lead = self._contract_stage_lead(event_lead_deal_type_id=self.services.id)
        self.assertEqual(lead.event_lead_document_ids.document_type_id, self.services.document_type_ids)
        self.assertNotIn(self.t_application, lead.event_lead_document_ids.document_type_id)
        # a richer type adds what is missing, keeps what exists
        contract = self._doc(lead, self.t_contract)
        contract.state = "sent"
        lead.event_lead_deal_type_id = self.exhibitor
        self.assertEqual(lead.event_lead_document_ids.document_type_id, self.exhibitor.document_type_ids)
        self.assertEqual(self._doc(lead, self.t_contract), contract)
        self.assertEqual(contract.state, "sent")

    def test_states_dates_and_overdue(self):
        lead = self._contract_stage_lead()
        act = self._doc(lead, self.t_act)
        manual = self._doc(lead, self.t_manual)
        act.write({"state": "prepared", "number": "А-15", "amount": 50000})
        self.assertEqual(act.display_name, "Act of services rendered no. А-15")
        self.assertFalse(act.date_sent)
        act.state = "sent"
        self.assertEqual(act.date_sent, self.today)
        self.assertEqual(act.due_date, self.today + timedelta(days=self.t_act.original_due_days))
        self.assertFalse(act.is_done, "the signed original is still expected")
        manual.state = "sent"
        self.assertTrue(manual.is_done, "a manual needs no original")
        # sent long ago: the original is overdue
        act.date_sent = self.today - timedelta(days=40)
        self.assertTrue(act.is_overdue)
        Document = self.env["event.lead.document"]
        self.assertIn(act, Document.search([("is_overdue", "=", True)]))
        self.assertNotIn(manual, Document.search([("is_overdue", "=", True)]))
        act.state = "scan"
        self.assertTrue(act.is_overdue, "a scan is not the original")
        act.state = "original"
        self.assertEqual(act.date_original, self.today)
        self.assertTrue(act.is_done)
        self.assertFalse(act.is_overdue)
        self.assertNotIn(act, Document.search([("is_overdue", "=", True)]))
        self.assertIn(act, Document.search([("is_overdue", "=", False), ("lead_id", "=", lead.id)]))

    def test_upd_replaces_act_and_vat_invoice(self):
        lead = self._contract_stage_lead()
        act, vat = self._doc(lead, self.t_act), self._doc(lead, self.t_vat)
        upd = self.env["event.lead.document"].create({"lead_id": lead.id, "document_type_id": self.t_upd.id})
        self.assertEqual((act | vat).mapped("state"), ["not_needed", "not_needed"])
        self.assertEqual(upd.state, "to_prepare")
        # a document already under way is not touched
        lead2 = self._contract_stage_lead(name="Второй стенд")
        act2 = self._doc(lead2, self.t_act)
        act2.state = "sent"
        self.env["event.lead.document"].create({"lead_id": lead2.id, "document_type_id": self.t_upd.id})
        self.assertEqual(act2.state, "sent")
        self.assertEqual(self._doc(lead2, self.t_vat).state, "not_needed")

    def test_won_guard(self):
        """A deal is won only once its application and contract are at least sent."""
        lead = self._contract_stage_lead()
        with self.assertRaisesRegex(UserError, "Application for participation is «To prepare»"):
            lead.action_set_won()
        self._doc(lead, self.t_application).state = "sent"
        self._doc(lead, self.t_contract).state = "prepared"
        with self.assertRaisesRegex(UserError, "Contract is «Prepared», it must be at least «Sent»"):
            lead.action_set_won()
        self.assertEqual(lead.won_status, "pending")
        self._doc(lead, self.t_contract).state = "scan"
        lead.action_set_won()
        self.assertEqual(lead.won_status, "won")

    def test_won_guard_ignores_documents_not_needed(self):
        lead = self._contract_stage_lead()
        self._doc(lead, self.t_application).state = "not_needed"
        self._doc(lead, self.t_contract).state = "sent"
        lead.action_set_won()
        self.assertEqual(lead.won_status, "won")

    def test_won_guard_can_be_switched_off(self):
        self.env.company.event_lead_won_document_check = False
        lead = self._contract_stage_lead()
        lead.action_set_won()
        self.assertEqual(lead.won_status, "won")

    def test_won_guard_configured_per_document_type(self):
        self.t_application.won_min_state = False
        self.t_act.won_min_state = "original"
        lead = self._contract_stage_lead()
        self._doc(lead, self.t_contract).state = "sent"
        with self.assertRaisesRegex(UserError, "Act of services rendered"):
            lead.action_set_won()
        self._doc(lead, self.t_act).state = "original"
        lead.action_set_won()
        self.assertEqual(lead.won_status, "won")

    def test_package_on_demand(self):
        """ "Create the document package" works at any status."""
        lead = self._lead(event_lead_deal_type_id=self.services.id)
        action = lead.action_event_lead_document_package()
        self.assertEqual(action["res_model"], "event.lead.document")
        self.assertEqual(len(lead.event_lead_document_ids), len(self.services.document_type_ids))

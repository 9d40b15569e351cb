from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.event_lead_followup.tests.deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestAccountDocuments(EventLeadDealCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.t_invoice = cls.env.ref("event_lead_followup.document_type_invoice")
        cls.lead = cls._walk(cls._lead(), cls.stage_negotiation, cls.stage_contract)
        cls.doc = cls.lead.event_lead_document_ids.filtered(lambda doc: doc.document_type_id == cls.t_invoice)
        cls.invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.client.id,
                "invoice_date": cls.today,
                "invoice_line_ids": [(0, 0, {"name": "Стенд 24 м²", "quantity": 1, "price_unit": 240000})],
            }
        )

    def test_document_follows_its_invoice(self):
        self.doc.account_move_id = self.invoice
        self.assertEqual(self.doc.amount, self.invoice.amount_total)
        self.assertEqual(self.doc.state, "to_prepare", "a draft invoice is not ready")
        self.invoice.action_post()
        self.assertEqual(self.doc.state, "prepared")
        self.assertEqual(self.doc.number, self.invoice.name)
        self.assertEqual(self.doc.date, self.today)
        self.assertEqual(self.invoice.event_lead_document_count, 1)
        self.assertEqual(
            self.env["event.lead.document"].search(self.invoice.action_event_lead_documents()["domain"]), self.doc
        )

    def test_linking_a_posted_invoice(self):
        self.invoice.action_post()
        self.doc.with_user(self.user_accountant).account_move_id = self.invoice
        self.assertEqual(self.doc.state, "prepared")
        self.assertEqual(self.doc.number, self.invoice.name)

    def test_manual_values_stay_without_invoice(self):
        self.doc.write({"number": "С-15", "amount": 1000})
        self.assertEqual((self.doc.number, self.doc.amount), ("С-15", 1000))

    def test_accountant_works_in_invoicing(self):
        self.assertTrue(self.user_accountant.has_group("account.group_account_invoice"))
        self.assertEqual(self.invoice.with_user(self.user_accountant).amount_total, self.invoice.amount_total)

    def test_invoice_of_another_client_is_refused(self):
        """A document takes the number and total of its deal's client's
        invoices only: another client's invoice is refused, nothing copied."""
        other = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.other_client.id,
                "invoice_date": self.today,
                "invoice_line_ids": [(0, 0, {"name": "Чужой счёт", "quantity": 1, "price_unit": 999000})],
            }
        )
        other.action_post()
        with self.assertRaises(ValidationError) as caught:
            self.doc.with_user(self.user_advisor).account_move_id = other
        self.assertIn("one of ООО «Ромашка», the client of the deal", str(caught.exception))
        self.assertFalse(self.doc.account_move_id)
        self.assertNotEqual(self.doc.amount, other.amount_total)

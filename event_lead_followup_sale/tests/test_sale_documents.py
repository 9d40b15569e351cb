from odoo.tests import Form, tagged

from odoo.addons.event_lead_followup.tests.deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestSaleDocuments(EventLeadDealCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "Стенд 24 м²", "list_price": 240000})

    def _order(self, lead):
        return self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "opportunity_id": lead.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1})],
            }
        )

    def test_confirmed_order_carries_the_package(self):
        lead = self._walk(self._lead(), self.stage_negotiation)
        order = self._order(lead)
        self.assertFalse(lead.event_lead_document_ids)
        order.action_confirm()
        self.assertTrue(lead.event_lead_document_ids, "confirming the order creates the package")
        self.assertEqual(lead.event_lead_document_ids.sale_order_id, order)
        self.assertEqual(order.event_lead_document_count, len(lead.event_lead_document_ids))
        action = order.action_event_lead_documents()
        self.assertEqual(self.env["event.lead.document"].search(action["domain"]), lead.event_lead_document_ids)

    def test_second_order_keeps_the_first_links(self):
        lead = self._walk(self._lead(), self.stage_negotiation, self.stage_contract)
        first = self._order(lead)
        first.action_confirm()
        second = self._order(lead)
        second.action_confirm()
        self.assertEqual(lead.event_lead_document_ids.sale_order_id, first)
        self.assertEqual(second.event_lead_document_count, 0)

    def test_sale_result_links_the_order(self):
        lead = self._walk(self._lead(), self.stage_negotiation)
        order = self._order(lead)
        form = Form(
            self.env["event.lead.contact.result.wizard"]
            .with_user(self.user_advisor)
            .with_context(active_model="res.partner", active_id=self.contact.id)
        )
        form.result_type = "sale"
        form.sale_order_id = order
        result = form.save()._record()
        self.assertEqual(result.sale_order_id, order)
        self.assertEqual(result.lead_id, lead, "the order's opportunity")
        self.assertNotIn(order.name, result._summary(), "the client's readers may not read its orders")

    def test_accountant_sees_the_order_of_a_document(self):
        lead = self._walk(self._lead(), self.stage_negotiation)
        order = self._order(lead)
        order.action_confirm()
        doc = lead.event_lead_document_ids[:1].with_user(self.user_accountant)
        self.assertEqual(doc.sale_order_id.display_name, order.name)

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import EventLeadCommon


@tagged("post_install", "-at_install")
class TestDocumentTour(HttpCase, EventLeadCommon):
    """The accountant marks a signed original received."""

    def test_accountant_marks_an_original_received(self):
        client = self.env["res.partner"].create(
            {"name": "ООО «Связь-Сервис»", "is_company": True, "user_id": self.user_advisor.id}
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Стенд на «Связи»",
                "type": "opportunity",
                "partner_id": client.id,
                "user_id": self.user_advisor.id,
                "expected_revenue": 240000,
            }
        )
        today = fields.Date.context_today(lead)
        contract, act = self.env["event.lead.document"].create(
            [
                {
                    "lead_id": lead.id,
                    "document_type_id": self.env.ref("event_lead_followup.document_type_contract").id,
                    "state": "sent",
                    "date_sent": today - timedelta(days=10),
                },
                {
                    "lead_id": lead.id,
                    "document_type_id": self.env.ref("event_lead_followup.document_type_act").id,
                    "state": "to_prepare",
                },
            ]
        )
        self.assertFalse(contract.is_done)

        self.start_tour("/odoo", "event_lead_document_original", login="el_accountant")

        self.assertEqual(contract.state, "original")
        self.assertEqual(contract.date_original, today)
        self.assertTrue(contract.is_done)
        self.assertEqual(act.state, "to_prepare", "the other documents of the package are untouched")

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestDealAccess(EventLeadDealCommon):
    """Who reads and edits deals, documents and contact results."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls._walk(cls._lead(), cls.stage_negotiation, cls.stage_contract)
        cls.other_lead = cls._walk(
            cls._lead(user=cls.user_advisor2, partner=cls.other_client, name="Чужая сделка"),
            cls.stage_negotiation,
            cls.stage_contract,
        )
        cls.doc = cls.lead.event_lead_document_ids[:1]
        cls.other_doc = cls.other_lead.event_lead_document_ids[:1]

    def test_accountant_reads_deals_and_clients(self):
        lead = self.lead.with_user(self.user_accountant)
        self.assertEqual(lead.name, "Стенд 24 м²")
        self.assertEqual(lead.partner_id.commercial_partner_id.name, "ООО «Ромашка»")
        # the deal form opens: every field it shows is readable
        fields = lead.get_views([(False, "form")])["models"]["crm.lead"]["fields"]
        self.assertIn("event_lead_document_ids", fields)
        lead.web_read({name: {} for name in fields})
        with self.assertRaises(AccessError):
            lead.write({"expected_revenue": 1})
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.user_accountant).create({"name": "Нельзя"})

    def test_accountant_edits_every_document(self):
        Document = self.env["event.lead.document"].with_user(self.user_accountant)
        docs = Document.search([("lead_id", "in", (self.lead | self.other_lead).ids)])
        self.assertEqual(docs, self.lead.event_lead_document_ids | self.other_lead.event_lead_document_ids)
        (self.doc | self.other_doc).with_user(self.user_accountant).write({"state": "original", "number": "42"})
        self.assertEqual((self.doc | self.other_doc).mapped("state"), ["original", "original"])
        with self.assertRaises(AccessError):
            self.doc.with_user(self.user_accountant).unlink()

    def test_advisor_edits_documents_of_own_deals_only(self):
        self.doc.with_user(self.user_advisor).state = "prepared"
        self.assertEqual(self.doc.state, "prepared")
        Document = self.env["event.lead.document"].with_user(self.user_advisor)
        self.assertNotIn(self.other_doc, Document.search([]))
        with self.assertRaises(AccessError):
            self.other_doc.with_user(self.user_advisor).write({"state": "sent"})
        with self.assertRaises(AccessError):
            Document.create({"lead_id": self.other_lead.id, "document_type_id": self.doc.document_type_id.id})

    def test_operator_reads_only(self):
        operator_lead = self._walk(
            self._lead(user=self.user_operator, name="Сделка оператора"), self.stage_negotiation, self.stage_contract
        )
        doc = operator_lead.event_lead_document_ids[:1].with_user(self.user_operator)
        self.assertTrue(doc.state)
        with self.assertRaises(AccessError):
            doc.write({"state": "sent"})
        with self.assertRaises(AccessError):
            self.doc.with_user(self.user_operator).read(["state"])

    def test_manager_edits_all(self):
        (self.doc | self.other_doc).with_user(self.user_manager).write({"state": "sent"})
        self.other_doc.with_user(self.user_manager).unlink()
        self.assertFalse(self.other_doc.exists())

    def test_marketing_sees_no_documents_nor_results(self):
        with self.assertRaises(AccessError):
            self.env["event.lead.document"].with_user(self.user_marketing).search([])
        with self.assertRaises(AccessError):
            self.env["event.lead.contact.result"].with_user(self.user_marketing).search([])
        with self.assertRaises(AccessError):
            self.env["event.lead.contact.result"].with_user(self.user_accountant).search([])

    def test_results_are_edited_by_their_author(self):
        Result = self.env["event.lead.contact.result"]
        mine = Result.with_user(self.user_operator).create(
            {"commercial_partner_id": self.client.id, "result_type": "other", "note": "Перезвонить"}
        )
        self.assertEqual(mine.user_id, self.user_operator)
        mine.note = "Перезвонить в понедельник"
        theirs = Result.with_user(self.user_advisor).create(
            {"commercial_partner_id": self.client.id, "result_type": "other", "note": "Встреча"}
        )
        # everyone in sales reads the client's history ...
        self.assertIn(theirs, Result.with_user(self.user_operator).search([]))
        # ... but edits only their own
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_operator).write({"note": "Изменено"})
        with self.assertRaises(AccessError):
            Result.with_user(self.user_operator).create(
                {
                    "commercial_partner_id": self.client.id,
                    "result_type": "other",
                    "note": "От чужого имени",
                    "user_id": self.user_advisor.id,
                }
            )
        with self.assertRaises(AccessError):
            mine.with_user(self.user_operator).unlink()
        theirs.with_user(self.user_manager).write({"note": "Исправлено менеджером"})
        theirs.with_user(self.user_manager).unlink()

    def test_document_types_are_configured_by_managers_and_accountants(self):
        doc_type = self.doc.document_type_id
        doc_type.with_user(self.user_accountant).original_due_days = 15
        doc_type.with_user(self.user_manager).original_due_days = 20
        with self.assertRaises(AccessError):
            doc_type.with_user(self.user_advisor).original_due_days = 5
        with self.assertRaises(AccessError):
            self.env["event.lead.postpone.reason"].with_user(self.user_advisor).create({"name": "Нельзя"})
        self.env["event.lead.postpone.reason"].with_user(self.user_manager).create({"name": "Можно"})

    def test_documents_menu(self):
        menu = "event_lead_followup.event_lead_document_menu"
        self.assertIn(menu, self._visible_menus(self.user_accountant))
        self.assertIn(menu, self._visible_menus(self.user_advisor))
        self.assertNotIn(menu, self._visible_menus(self.user_marketing))
        config = "event_lead_followup.event_lead_document_type_menu"
        self.assertIn(config, self._visible_menus(self.user_accountant))
        self.assertNotIn(config, self._visible_menus(self.user_advisor))

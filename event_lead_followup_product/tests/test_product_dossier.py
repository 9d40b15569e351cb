from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.event_lead_followup.tests.common import EventLeadCommon


@tagged("post_install", "-at_install")
class TestProductDossier(EventLeadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["product.template"].create({"name": "Корпоративный календарь 2027"})
        cls.rival = cls.env["res.partner"].create({"name": "Лютик", "is_company": True, "is_competitor": True})
        cls.supplier = cls.env["res.partner"].create({"name": "Типография Север", "is_company": True})
        Entry = cls.env["event.lead.dossier.entry"]
        cls.ours = Entry.create(
            {
                "kind": "product",
                "product_tmpl_id": cls.calendar.id,
                "subject": "Sold out at the Moscow fair",
            }
        )
        cls.analogue = Entry.create(
            {
                "kind": "product",
                "product_tmpl_id": cls.calendar.id,
                "product_relation": "analogue",
                "analogue_name": "Календарь «Лютик Премиум»",
                "partner_id": cls.rival.id,
                "subject": "15% cheaper than ours",
            }
        )
        cls.substitute = Entry.create(
            {
                "kind": "product",
                "product_tmpl_id": cls.calendar.id,
                "product_relation": "substitute",
                "analogue_name": "Электронные открытки",
                "partner_id": cls.supplier.id,
                "subject": "Clients switch to e-cards for budget reasons",
            }
        )

    def test_product_dossier_from_the_product(self):
        self.assertEqual(self.calendar.dossier_entry_count, 3)
        action = self.calendar.action_open_dossier()
        self.assertEqual(len(self.env["event.lead.dossier.entry"].search(action["domain"])), 3)
        self.assertEqual(action["context"]["default_kind"], "product")

    def test_competitor_analogue_is_restricted(self):
        """An analogue made by a competitor is competitor intelligence."""
        seen = (
            self.env["event.lead.dossier.entry"]
            .with_user(self.user_operator)
            .search([("product_tmpl_id", "=", self.calendar.id)])
        )
        self.assertEqual(seen, self.ours | self.substitute)
        seen = (
            self.env["event.lead.dossier.entry"]
            .with_user(self.user_manager)
            .search([("product_tmpl_id", "=", self.calendar.id)])
        )
        self.assertEqual(seen, self.ours | self.substitute | self.analogue)

    def test_product_entry_needs_its_facts(self):
        Entry = self.env["event.lead.dossier.entry"]
        with self.assertRaises(ValidationError):
            Entry.create({"kind": "product", "subject": "No product"})
        with self.assertRaises(ValidationError):
            Entry.create(
                {
                    "kind": "product",
                    "product_tmpl_id": self.calendar.id,
                    "product_relation": "analogue",
                    "subject": "Analogue without a name",
                }
            )

    def test_dossier_from_a_variant(self):
        """The variant form (product.product) has the Dossier button too."""
        variant = self.calendar.product_variant_id
        self.assertEqual(variant.dossier_entry_count, 3)
        action = variant.action_open_dossier()
        self.assertEqual(action["domain"], [("product_tmpl_id", "=", self.calendar.id)])

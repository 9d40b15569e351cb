from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import EventLeadCommon


@tagged("post_install", "-at_install")
class TestDossier(EventLeadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.client = Partner.create({"name": "Ромашка", "is_company": True})
        cls.rival = Partner.create({"name": "Лютик", "is_company": True, "is_competitor": True})
        cls.rival_ceo = Partner.create({"firstname": "Пётр", "lastname": "Лютиков", "parent_id": cls.rival.id})
        Entry = cls.env["event.lead.dossier.entry"]
        cls.client_entry = Entry.create(
            {
                "partner_id": cls.client.id,
                "subject": "Opened a branch in Kazan",
                "topic": "state",
                "date": date(2026, 3, 1),
                "body": "<p>New warehouse near the airport</p>",
            }
        )
        cls.rival_old = Entry.create(
            {
                "partner_id": cls.rival.id,
                "subject": "Price list 2026",
                "topic": "offer",
                "date": date(2026, 1, 10),
            }
        )
        cls.rival_new = Entry.create(
            {
                "partner_id": cls.rival.id,
                "subject": "Lost the Gazprom tender",
                "topic": "client",
                "date": date(2026, 5, 20),
            }
        )
        cls.rival_person = Entry.create(
            {
                "kind": "person",
                "partner_id": cls.rival_ceo.id,
                "subject": "Moves to Moscow office",
                "topic": "staff",
                "date": date(2026, 4, 2),
            }
        )

    def _entries_seen_by(self, user):
        return self.env["event.lead.dossier.entry"].with_user(user).search([])

    def test_operator_reads_clients_not_competitors(self):
        seen = self._entries_seen_by(self.user_operator)
        self.assertIn(self.client_entry, seen)
        self.assertNotIn(self.rival_new, seen)
        self.assertNotIn(self.rival_person, seen, "the people of a competitor are restricted too")
        with self.assertRaises(AccessError):
            self.rival_new.with_user(self.user_operator).read(["subject"])

    def test_granted_operator_reads_competitors(self):
        self.user_operator.group_ids = [
            Command.link(self.env.ref("event_lead_followup.group_event_lead_dossier_competitor").id)
        ]
        seen = self._entries_seen_by(self.user_operator)
        self.assertIn(self.rival_new, seen)
        self.assertIn(self.rival_person, seen)

    def test_managers_and_marketing_read_competitors(self):
        for user in (self.user_manager, self.user_marketing):
            seen = self._entries_seen_by(user)
            self.assertIn(self.rival_new, seen, user.name)
            self.assertIn(self.rival_person, seen, user.name)

    def test_accountant_has_no_dossiers(self):
        with self.assertRaises(AccessError):
            self._entries_seen_by(self.user_accountant)

    def test_flagging_a_competitor_hides_its_dossier(self):
        """A client that turns out to be a competitor: its entries leave the operators' view."""
        self.assertIn(self.client_entry, self._entries_seen_by(self.user_operator))
        self.client.is_competitor = True
        self.assertNotIn(self.client_entry, self._entries_seen_by(self.user_operator))
        self.assertIn(self.client_entry, self._entries_seen_by(self.user_manager))

    def test_author_edits_own_entry_only(self):
        entry = (
            self.env["event.lead.dossier.entry"]
            .with_user(self.user_advisor)
            .create({"partner_id": self.client.id, "subject": "Met their buyer at the fair"})
        )
        entry.subject = "Met their chief buyer at the fair"
        with self.assertRaises(AccessError):
            self.client_entry.with_user(self.user_advisor).write({"subject": "Rewritten"})
        self.client_entry.with_user(self.user_manager).write({"subject": "Opened a branch in Kazan (confirmed)"})

    def test_latest_news_per_competitor(self):
        """Managers read the newest entry of each competitor, with how many there are."""
        Latest = self.env["event.lead.dossier.latest"].with_user(self.user_manager)
        rows = Latest.search([("commercial_partner_id", "=", self.rival.id)])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows.entry_id, self.rival_new)
        self.assertEqual(rows.entry_count, 3)
        self.assertFalse(Latest.search([("commercial_partner_id", "=", self.client.id)]), "clients are not listed")
        self.assertFalse(self.env["event.lead.dossier.latest"].with_user(self.user_advisor).search([]))

    def test_dossier_from_the_partner(self):
        """The partner form counts the company's entries and those of its people."""
        self.assertEqual(self.rival.dossier_entry_count, 3)
        self.assertEqual(self.rival_ceo.dossier_entry_count, 3)
        action = self.rival_ceo.action_open_dossier()
        self.assertEqual(self.env["event.lead.dossier.entry"].search(action["domain"]).ids.__len__(), 3)
        self.assertEqual(action["context"]["default_kind"], "person")

    def test_search_in_text(self):
        Entry = self.env["event.lead.dossier.entry"].with_user(self.user_operator)
        found = Entry.search(["|", ("subject", "ilike", "warehouse"), ("body", "ilike", "warehouse")])
        self.assertEqual(found, self.client_entry)

    def test_kind_must_match_partner(self):
        with self.assertRaises(ValidationError):
            self.env["event.lead.dossier.entry"].create(
                {"kind": "person", "partner_id": self.client.id, "subject": "Wrong kind"}
            )
        with self.assertRaises(ValidationError):
            self.env["event.lead.dossier.entry"].create(
                {"kind": "company", "partner_id": self.rival_ceo.id, "subject": "Wrong kind"}
            )

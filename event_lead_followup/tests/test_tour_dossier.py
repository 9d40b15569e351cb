from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDossierTour(HttpCase):
    def test_advisor_files_a_dossier_entry(self):
        """An advisor records market news about a client from the Market menu."""
        advisor = new_test_user(
            self.env, "el_tour_advisor", "event_lead_followup.group_event_lead_advisor", name="Anna Tour"
        )
        client = self.env["res.partner"].create({"name": "Romashka Tour", "is_company": True})
        self.start_tour("/odoo", "event_lead_dossier_tour", login="el_tour_advisor")
        entry = self.env["event.lead.dossier.entry"].search([("partner_id", "=", client.id)])
        self.assertEqual(entry.subject, "Romashka opens a branch in Kazan")
        self.assertEqual(entry.user_id, advisor)
        self.assertEqual(entry.kind, "company")

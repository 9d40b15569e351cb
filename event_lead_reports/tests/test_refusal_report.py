from odoo.tests import tagged

from .common import EventLeadReportsCommon


@tagged("post_install", "-at_install")
class TestRefusalReport(EventLeadReportsCommon):
    def test_reasons_across_contacts_and_lost_deals(self):
        groups = self._groups(
            "event.lead.refusal.report",
            [("commercial_partner_id", "in", (self.alfa | self.beta | self.gamma | self.delta).ids)],
            ["lost_reason_id"],
            ["refusal_count:sum", "contact_refusal_count:sum", "lost_deal_count:sum", "lost_revenue:sum"],
        )
        self.assertEqual(
            groups[self.reason_budget.name],
            {
                "refusal_count:sum": 1,
                "contact_refusal_count:sum": 1,
                "lost_deal_count:sum": 0,
                "lost_revenue:sum": 0.0,
            },
        )
        self.assertEqual(
            groups[self.reason_competitor.name],
            {
                "refusal_count:sum": 1,
                "contact_refusal_count:sum": 0,
                "lost_deal_count:sum": 1,
                "lost_revenue:sum": 50000.0,
            },
        )

    def test_refusal_rows_keep_their_origin(self):
        rows = self.env["event.lead.refusal.report"].search(
            [("commercial_partner_id", "in", (self.gamma | self.beta).ids)]
        )
        self.assertEqual(
            sorted((row.origin, row.user_id.name, row.event_id.name or "") for row in rows),
            [
                ("lost_deal", "Boris Advisor", ""),
                ("refused_participation", "Anna Advisor", "СтройЭкспо"),
            ],
        )
        lost = rows.filtered(lambda row: row.origin == "lost_deal")
        self.assertEqual(lost.lead_id, self.lead_lost)
        self.assertEqual(lost.team_id, self.team_key)

from odoo.tests import tagged

from .common import APRIL, MARCH, EventLeadReportsCommon

MEASURES = [
    "credited_revenue:sum",
    "credited_count:sum",
    "closed_revenue:sum",
    "closed_count:sum",
    "credited_from_others:sum",
    "closed_for_others:sum",
]


@tagged("post_install", "-at_install")
class TestBonusReport(EventLeadReportsCommon):
    def test_credited_to_owners_vs_closed(self):
        march = self._groups("event.lead.bonus.report", self._month(MARCH), ["user_id"], MEASURES)
        self.assertEqual(
            march["Anna Advisor"],
            {
                "credited_revenue:sum": 120000.0,
                "credited_count:sum": 1,
                "closed_revenue:sum": 0.0,
                "closed_count:sum": 0,
                "credited_from_others:sum": 120000.0,
                "closed_for_others:sum": 0.0,
            },
        )
        self.assertEqual(
            march["Boris Advisor"],
            {
                "credited_revenue:sum": 150000.0,
                "credited_count:sum": 1,
                "closed_revenue:sum": 270000.0,
                "closed_count:sum": 2,
                "credited_from_others:sum": 0.0,
                "closed_for_others:sum": 120000.0,
            },
        )
        april = self._groups("event.lead.bonus.report", self._month(APRIL), ["user_id"], MEASURES[:4])
        self.assertEqual(
            april,
            {
                "Anna Advisor": {
                    "credited_revenue:sum": 60000.0,
                    "credited_count:sum": 1,
                    "closed_revenue:sum": 60000.0,
                    "closed_count:sum": 1,
                }
            },
        )

    def test_corrected_bonus_owner_moves_the_credit(self):
        """A manager's correction of the bonus owner is what the report credits."""
        self.lead_alfa.with_user(self.user_manager)._event_lead_correct_bonus_user(self.user_advisor2, "Agreed")
        march = self._groups("event.lead.bonus.report", self._month(MARCH), ["user_id"], ["credited_revenue:sum"])
        self.assertEqual(march["Boris Advisor"]["credited_revenue:sum"], 270000.0)
        self.assertNotIn("Anna Advisor", march)

from psycopg2.errors import CheckViolation, UniqueViolation

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import APRIL, MARCH, EventLeadReportsCommon

MEASURES = ["planned_amount:sum", "actual_amount:sum", "achievement:avg", "won_count:sum"]


@tagged("post_install", "-at_install")
class TestPlanReport(EventLeadReportsCommon):
    def test_plan_vs_actual_per_person(self):
        """Actual is credited to the client's owner: the Альфа deal Boris
        closed counts for Anna."""
        march = self._groups("event.lead.plan.report", self._month(MARCH), ["user_id"], MEASURES)
        self.assertEqual(
            march["Anna Advisor"],
            {
                "planned_amount:sum": 300000.0,
                "actual_amount:sum": 120000.0,
                "achievement:avg": 40.0,
                "won_count:sum": 1,
            },
        )
        self.assertEqual(
            march["Boris Advisor"],
            {
                "planned_amount:sum": 200000.0,
                "actual_amount:sum": 150000.0,
                "achievement:avg": 75.0,
                "won_count:sum": 1,
            },
        )
        april = self._groups("event.lead.plan.report", self._month(APRIL), ["user_id"], MEASURES)
        self.assertEqual(
            april["Anna Advisor"],
            {
                "planned_amount:sum": 100000.0,
                "actual_amount:sum": 60000.0,
                "achievement:avg": 60.0,
                "won_count:sum": 1,
            },
        )

    def test_plan_vs_actual_per_team(self):
        """A team's achievement is its total actual over its total plan."""
        domain = self._month(MARCH) + [("row_kind", "!=", "team_target")]
        groups = self._groups("event.lead.plan.report", domain, ["team_id"], MEASURES[:3])
        self.assertEqual(
            groups["Events"],
            {"planned_amount:sum": 300000.0, "actual_amount:sum": 120000.0, "achievement:avg": 40.0},
        )
        self.assertEqual(
            groups["Key accounts"],
            {"planned_amount:sum": 200000.0, "actual_amount:sum": 150000.0, "achievement:avg": 75.0},
        )
        [total] = self.env["event.lead.plan.report"].formatted_read_group(domain, [], MEASURES[:3])
        self.assertEqual(total["achievement:avg"], 54.0, "270,000 of 500,000, not the mean of 40 % and 75 %")

    def test_sales_team_target(self):
        """With Odoo's Sales app, a team's monthly invoicing target is shown
        for every month of the report."""
        if "invoiced_target" not in self.env["crm.team"]._fields:
            self.skipTest("Odoo's Sales app is not installed: teams have no target")
        self.team_events.invoiced_target = 250000
        groups = self._groups(
            "event.lead.plan.report",
            self._month(MARCH),
            ["team_id"],
            ["team_target:sum", "actual_amount:sum", "team_achievement:avg"],
        )
        self.assertEqual(
            groups["Events"],
            {"team_target:sum": 250000.0, "actual_amount:sum": 120000.0, "team_achievement:avg": 48.0},
        )
        self.assertEqual(groups["Key accounts"]["team_target:sum"], 0.0)

    def test_one_plan_per_person_and_month(self):
        plan = self.env["event.lead.sales.plan"].search([("user_id", "=", self.user_advisor.id), ("date", "=", MARCH)])
        self.assertEqual(plan.team_id, self.team_events, "the person's team by default")
        self.assertEqual(plan.display_name, "Anna Advisor, March 2025")
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation), self.cr.savepoint():
            self.env["event.lead.sales.plan"].create(
                {"user_id": self.user_advisor.id, "year": 2025, "month": "3", "amount": 1}
            )
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation), self.cr.savepoint():
            plan.amount = -5
            plan.flush_recordset()

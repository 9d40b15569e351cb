from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import EventLeadReportsCommon

PERSONAL_REPORTS = (
    "event.lead.contact.report",
    "event.lead.refusal.report",
    "event.lead.plan.report",
    "event.lead.bonus.report",
    "event.lead.schiffman.report",
    "event.lead.call.report",
)


@tagged("post_install", "-at_install")
class TestReportsAccess(EventLeadReportsCommon):
    def _people(self, model, user):
        rows = self.env[model].with_user(user).search([])
        return set(rows.mapped("user_id.name"))

    def test_advisors_see_their_own_rows(self):
        for model in PERSONAL_REPORTS:
            for user in (self.user_advisor, self.user_advisor2):
                people = self._people(model, user)
                self.assertLessEqual(people, {user.name}, f"{model} for {user.name}")
        self.assertEqual(self._people("event.lead.contact.report", self.user_advisor), {"Anna Advisor"})
        groups = self._groups(
            "event.lead.contact.report",
            [("row_kind", "=", "held")] + self._month(self.results[0].date.replace(day=1)),
            [],
            ["contact_count:sum"],
            user=self.user_advisor,
        )
        self.assertEqual(groups, {(): {"contact_count:sum": 6}}, "Anna's six contacts of March, not Boris's")

    def test_operator_sees_own_contacts_and_calls_only(self):
        self.assertEqual(self._people("event.lead.call.report", self.user_operator), {"Olga Operator"})
        self.assertEqual(self._people("event.lead.contact.report", self.user_operator), {"Olga Operator"})
        for model in ("event.lead.plan.report", "event.lead.bonus.report", "event.lead.schiffman.report"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.user_operator).search([])

    def test_managers_see_everyone(self):
        people = self._people("event.lead.contact.report", self.user_manager)
        self.assertLessEqual({"Anna Advisor", "Boris Advisor", "Olga Operator"}, people)
        self.assertLessEqual(
            {"Anna Advisor", "Boris Advisor"}, self._people("event.lead.bonus.report", self.user_manager)
        )

    def test_accountants_read_the_document_report_only(self):
        for model in PERSONAL_REPORTS:
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.user_accountant).search([])
        documents = self.env["event.lead.document.report"].with_user(self.user_accountant).search([])
        self.assertEqual(len(documents), self.env["event.lead.document"].search_count([]))

    def test_marketing_reads_no_report(self):
        for model in (*PERSONAL_REPORTS, "event.lead.document.report", "event.lead.sales.plan"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.user_marketing).search([])

    def test_plans_are_set_by_managers(self):
        Plan = self.env["event.lead.sales.plan"]
        own = Plan.with_user(self.user_advisor).search([])
        self.assertEqual(own.user_id, self.user_advisor, "Anna reads her own plans")
        self.assertEqual(len(own), 2)
        with self.assertRaises(AccessError):
            Plan.with_user(self.user_advisor).create(
                {"user_id": self.user_advisor.id, "year": 2025, "month": "5", "amount": 1}
            )
        with self.assertRaises(AccessError):
            own[0].with_user(self.user_advisor).amount = 1000000

    def test_menus(self):
        manager = self._visible_menus(self.user_manager)
        self.assertLessEqual(
            {
                "event_lead_reports.event_lead_reports_menu_dashboard",
                "event_lead_reports.event_lead_reports_menu_contacts",
                "event_lead_reports.event_lead_reports_menu_schiffman",
                "event_lead_reports.event_lead_reports_menu_sales_plans",
            },
            manager,
        )
        advisor = self._visible_menus(self.user_advisor)
        self.assertIn("event_lead_reports.event_lead_reports_menu_my_schiffman", advisor)
        self.assertNotIn("event_lead_reports.event_lead_reports_menu_dashboard", advisor)
        operator = self._visible_menus(self.user_operator)
        self.assertIn("event_lead_reports.event_lead_reports_menu_my_contacts", operator)
        self.assertNotIn("event_lead_reports.event_lead_reports_menu_my_bonus", operator)
        accountant = self._visible_menus(self.user_accountant)
        self.assertIn("event_lead_reports.event_lead_reports_menu_document_status", accountant)
        self.assertNotIn("event_lead_reports.event_lead_reports_menu_my", accountant)
        self.assertNotIn("event_lead_reports.event_lead_reports_menu_contacts", accountant)

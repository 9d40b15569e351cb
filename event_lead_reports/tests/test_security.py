from odoo.tests import tagged

from odoo.addons.event_lead_followup.tests.common import EventLeadCommon


@tagged("post_install", "-at_install")
class TestReportsSecurity(EventLeadCommon):
    def test_reporting_menu_is_for_managers(self):
        """Managers find the reports in the app; advisors and operators do not."""
        pipeline = "event_lead_reports.event_lead_reports_menu_pipeline"
        reporting = "event_lead_followup.event_lead_menu_reporting"
        manager_menus = self._visible_menus(self.user_manager)
        self.assertIn(pipeline, manager_menus)
        self.assertIn(reporting, manager_menus)
        for user in (self.user_operator, self.user_advisor, self.user_accountant):
            menus = self._visible_menus(user)
            self.assertNotIn(pipeline, menus, user.name)
            self.assertNotIn(reporting, menus, user.name)

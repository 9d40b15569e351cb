from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import EventLeadCommon


@tagged("post_install", "-at_install")
class TestSecurityGroups(EventLeadCommon):
    def test_role_chain(self):
        """Manager implies advisor implies operator; each gets Odoo's sales rights."""
        manager, advisor, operator = self.user_manager, self.user_advisor, self.user_operator
        self.assertTrue(manager.has_group("event_lead_followup.group_event_lead_advisor"))
        self.assertTrue(manager.has_group("event_lead_followup.group_event_lead_operator"))
        self.assertTrue(manager.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertTrue(advisor.has_group("event_lead_followup.group_event_lead_operator"))
        self.assertFalse(advisor.has_group("event_lead_followup.group_event_lead_manager"))
        self.assertFalse(advisor.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertTrue(operator.has_group("sales_team.group_sale_salesman"))
        self.assertTrue(operator.has_group("event.group_event_registration_desk"))
        self.assertFalse(operator.has_group("event_lead_followup.group_event_lead_advisor"))

    def test_privileges_are_ordered(self):
        """The user form shows the sales roles as one ordered selection."""
        groups = self.env.ref("event_lead_followup.res_groups_privilege_event_leads").group_ids
        self.assertEqual(
            groups.sorted("sequence").mapped(lambda g: g.get_external_id()[g.id]),
            [
                "event_lead_followup.group_event_lead_operator",
                "event_lead_followup.group_event_lead_advisor",
                "event_lead_followup.group_event_lead_manager",
            ],
        )

    def test_accountant_and_marketing_are_not_sales(self):
        """Accountant and marketing get no sales pipeline of their own."""
        for user in (self.user_accountant, self.user_marketing):
            self.assertFalse(user.has_group("sales_team.group_sale_salesman"))
            with self.assertRaises(AccessError):
                self.env["crm.lead"].with_user(user).create({"name": "Not allowed"})

    def test_operator_cannot_configure_stages(self):
        """Pipeline stages are configuration: an operator reads them, never edits."""
        stage = self.env["crm.stage"].create({"name": "Stage for test"})
        self.assertEqual(stage.with_user(self.user_operator).name, "Stage for test")
        with self.assertRaises(AccessError):
            stage.with_user(self.user_operator).write({"name": "Renamed"})

    def test_menus_per_role(self):
        """Every role finds the app; configuration is for managers only."""
        clients = "event_lead_followup.res_partner_menu_event_lead_clients"
        for user in (
            self.user_operator,
            self.user_advisor,
            self.user_manager,
            self.user_accountant,
            self.user_marketing,
        ):
            self.assertIn(clients, self._visible_menus(user), user.name)
        outsider = self.env["res.users"].create(
            {
                "name": "Internal user without a role",
                "login": "el_outsider",
                "group_ids": [Command.set(self.env.ref("base.group_user").ids)],
            }
        )
        self.assertNotIn(clients, self._visible_menus(outsider))

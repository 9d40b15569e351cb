from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EventLeadTagsCommon


@tagged("post_install", "-at_install")
class TestCampaignAccess(EventLeadTagsCommon):
    def test_advisor_sees_and_controls_own_letters_only(self):
        self._plan()
        Letter = self.env["event.lead.campaign.letter"].with_user(self.user_advisor)
        self.assertEqual(Letter.search([("campaign_id", "=", self.campaign.id)]).partner_id, self.oleg | self.unknown)
        with self.assertRaises(AccessError):
            self._letter(self.john).with_user(self.user_advisor).read(["state"])
        own = self._letter(self.oleg).with_user(self.user_advisor)
        own.action_exclude()
        self.assertEqual(own.state, "excluded")
        own.action_include()
        with self.assertRaises(AccessError):
            own.write({"send_date": date(2027, 7, 1)})
        with self.assertRaises(UserError):
            own.write({"state": "sent"})
        with self.assertRaises(AccessError):
            own.unlink()

    def test_sent_letters_cannot_change(self):
        self._plan()
        self._send()
        letter = self._letter(self.oleg)
        with self.assertRaises(UserError):
            letter.with_user(self.user_advisor).action_customize()
        with self.assertRaises(UserError):
            letter.with_user(self.user_marketing).write({"state": "planned"})
        with self.assertRaises(UserError):
            letter.with_user(self.user_marketing).unlink()

    def test_former_owner_keeps_what_they_sent(self):
        """After a transfer, the new owner sees all letters of the client,
        the former one those they sent, not the upcoming ones."""
        self._plan()
        self._send()
        self.campaign._plan_letters(date(2028, 7, 20))
        self.company_anna.user_id = self.user_advisor2
        anna = self.env["event.lead.campaign.letter"].with_user(self.user_advisor).search([])
        self.assertEqual(set(anna.mapped("year")), {2027})
        boris = self.env["event.lead.campaign.letter"].with_user(self.user_advisor2).search([])
        self.assertEqual(len(boris), 6)

    def test_other_roles(self):
        """Operators and accountants see no letters; managers and marketing
        see all; only marketing manages campaigns."""
        self._plan()
        for user in (self.user_operator, self.user_accountant):
            with self.assertRaises(AccessError):
                self.env["event.lead.campaign.letter"].with_user(user).search([])
        for user in (self.user_manager, self.user_marketing):
            letters = (
                self.env["event.lead.campaign.letter"].with_user(user).search([("campaign_id", "=", self.campaign.id)])
            )
            self.assertEqual(len(letters), 3)
        with self.assertRaises(AccessError):
            self.env["event.lead.campaign.letter"].with_user(self.user_manager).create(
                {
                    "campaign_id": self.campaign.id,
                    "partner_id": self.untagged.id,
                    "year": 2027,
                    "occurrence_date": date(2027, 8, 10),
                    "send_date": date(2027, 7, 27),
                }
            )
        vals = {
            "name": "Chemists",
            "tag_id": self.tag_parent.id,
            "date_rule_id": self.rule.id,
            "template_id": self.template.id,
        }
        for user in (self.user_advisor, self.user_manager, self.user_accountant):
            with self.assertRaises(AccessError):
                self.env["event.lead.campaign"].with_user(user).create(vals)
        campaign = self.env["event.lead.campaign"].with_user(self.user_marketing).create(vals)
        campaign.action_start()
        self.assertEqual(campaign.state, "running")
        self.env["event.lead.campaign"].with_user(self.user_advisor).browse(self.campaign.id).read(["name"])
        with self.assertRaises(AccessError):
            self.env["event.lead.campaign"].with_user(self.user_accountant).browse(self.campaign.id).read(["name"])
        tag = self.env["res.partner.category"].with_user(self.user_marketing).create({"name": "Chemical plants"})
        self.assertTrue(tag)

    def test_marketing_statistics_per_campaign(self):
        """Marketing reads, per campaign, planned / sent / skipped with reason / bounced / clicked."""
        self._client("Nomail", "X", self.company_anna, False, "ru_RU")
        self._plan()
        self._send()
        self._letter(self.unknown).trace_ids.set_sent()
        campaign = self.campaign.with_user(self.user_marketing)
        campaign.invalidate_recordset()
        self.assertEqual(campaign.stats_year, 2027)
        self.assertEqual(
            (campaign.letter_queued_count, campaign.letter_sent_count, campaign.letter_skipped_count),
            (2, 1, 1),
        )
        groups = (
            self.env["event.lead.campaign.letter"]
            .with_user(self.user_marketing)
            ._read_group(
                [("campaign_id", "=", self.campaign.id), ("state", "=", "skipped")], ["skip_reason"], ["__count"]
            )
        )
        self.assertEqual(groups, [("no_email", 1)])
        action = campaign.with_context(letter_state="skipped").action_view_letters()
        self.assertEqual(len(self.env["event.lead.campaign.letter"].search(action["domain"])), 1)

    def test_menus_per_role(self):
        advisor = self._visible_menus(self.user_advisor)
        self.assertIn("event_lead_tags.event_lead_campaign_letter_menu_my", advisor)
        self.assertIn("event_lead_tags.res_partner_menu_event_lead_hot", advisor)
        self.assertNotIn("event_lead_tags.event_lead_campaign_menu", advisor)
        marketing = self._visible_menus(self.user_marketing)
        self.assertIn("event_lead_tags.event_lead_campaign_menu", marketing)
        self.assertIn("event_lead_tags.event_lead_date_rule_menu", marketing)
        self.assertIn(
            "event_lead_tags.event_lead_campaign_letter_menu_analysis", self._visible_menus(self.user_manager)
        )
        for user in (self.user_accountant, self.user_operator):
            self.assertNotIn("event_lead_tags.event_lead_tags_menu_campaigns", self._visible_menus(user))

    def test_planning_is_for_who_may_edit_the_campaign(self):
        """Planning runs as superuser: an operator or an advisor cannot start it."""
        for user in (self.user_operator, self.user_advisor):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.campaign.with_user(user).action_plan_now()
        self.assertFalse(self._letters())
        action = self.campaign.with_user(self.user_marketing).action_plan_now()
        self.assertEqual(action["params"]["type"], "info")

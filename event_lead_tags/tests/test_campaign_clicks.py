from datetime import date

from odoo.tests import HttpCase, tagged

from .common import EventLeadTagsCommon


@tagged("post_install", "-at_install")
class TestClicksAndUnsubscribe(EventLeadTagsCommon, HttpCase):
    """Through the real HTTP routes a client uses from the e-mail."""

    def setUp(self):
        super().setUp()
        self._plan()
        self.mails = self._send()
        self.letter = self._letter(self.oleg)
        self.trace = self.letter.trace_ids
        self.tracker = self.env["link.tracker"].search([("mass_mailing_id", "=", self.letter.mailing_id.id)])

    def _activities(self, partner):
        return self.env["mail.activity"].search([("res_model", "=", "res.partner"), ("res_id", "=", partner.id)])

    def test_click_gives_owner_one_call_task(self):
        """A click on the offer: one call task for the owner with the campaign
        and the link, and the client in the owner's hot list; a second click
        changes nothing."""
        self.assertEqual(len(self.tracker), 1)
        url = f"{self.tracker.short_url}/m/{self.trace.id}"
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response.headers["Location"].startswith("https://shop.example.com/offers/road"))
        activity = self._activities(self.oleg)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_advisor)
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertIn("Road Builders' Day", activity.summary)
        self.assertIn("shop.example.com/offers/road", str(activity.note))
        self.assertTrue(self.letter.clicked)
        self.assertIn("shop.example.com/offers/road", self.letter.click_url)

        self.url_open(url, allow_redirects=False)
        self.assertEqual(len(self._activities(self.oleg)), 1, "one task, however many clicks")
        self.assertEqual(len(self.trace.links_click_ids), 2, "Odoo still counts every click")

        hot = (
            self.env["res.partner"]
            .with_user(self.user_advisor)
            .search(
                [
                    ("event_lead_click_date", ">=", "today -30d"),
                    ("commercial_partner_id.user_id", "=", self.user_advisor.id),
                ]
            )
        )
        self.assertEqual(hot, self.oleg)
        self.campaign.invalidate_recordset()
        self.assertEqual(self.campaign.letter_clicked_count, 1)

    def test_click_of_departed_owner_goes_to_campaign_responsible(self):
        self.user_advisor.action_archive()
        self.url_open(f"{self.tracker.short_url}/m/{self.trace.id}", allow_redirects=False)
        self.assertEqual(self._activities(self.oleg).user_id, self.user_marketing)

    def test_open_alone_does_nothing(self):
        """Opening the e-mail (tracking pixel, privacy pre-fetch) creates no task."""
        mail = self.mails.filtered(lambda m: m.res_id == self.oleg.id)
        token = mail._generate_mail_recipient_token(mail.id)
        response = self.url_open(f"/mail/track/{mail.id}/{token}/blank.gif")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.trace.trace_status, "open")
        self.assertFalse(self._activities(self.oleg))
        self.assertFalse(self.letter.clicked)

    def test_unsubscribe_respected(self):
        """The List-Unsubscribe one-click link blacklists the address: next
        year's letter is skipped."""
        mailing = self.letter.mailing_id
        url = mailing._get_unsubscribe_oneclick_url(self.oleg.email_normalized, self.oleg.id)
        response = self.url_open(url, method="POST")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self.oleg.is_blacklisted)
        self.campaign._plan_letters(date(2028, 7, 25))
        next_year = self._letters(self.oleg).filtered(lambda letter: letter.year == 2028)
        self.assertEqual(next_year.problem, "Blacklisted or unsubscribed")
        next_year._queue(date(2028, 7, 27))
        self.assertEqual((next_year.state, next_year.skip_reason), ("skipped", "blacklisted"))

import re
from datetime import date, datetime, timedelta

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
        # delivered an hour ago: mail scanners have done their pre-fetching
        (self.mails.mailing_trace_ids).write({"sent_datetime": datetime.now() - timedelta(hours=1)})
        self.url = self._link_in_mail(self.oleg)

    def _link_in_mail(self, partner):
        """The offer's link as it is in the e-mail sent to ``partner``."""
        mail = self.mails.filtered(lambda m: m.res_id == partner.id)
        body = mail._prepare_outgoing_body()
        match = re.search(rf'href="({re.escape(self.tracker.short_url)}/m/[^"]+)"', body)
        return match.group(1)

    def _activities(self, partner):
        return self.env["mail.activity"].search([("res_model", "=", "res.partner"), ("res_id", "=", partner.id)])

    def test_click_gives_owner_one_call_task(self):
        """A click on the offer: one call task for the owner with the campaign
        and the link, and the client in the owner's hot list; a second click
        changes nothing."""
        self.assertEqual(len(self.tracker), 1)
        url = self.url
        self.assertRegex(url, rf"/m/{self.trace.id}/\w+$", "the letter's link is signed")
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
        self.url_open(self.url, allow_redirects=False)
        self.assertEqual(self._activities(self.oleg).user_id, self.user_marketing)

    def test_forged_clicks_count_for_no_letter(self):
        """Anybody can call a tracked URL with any trace id: without the
        letter's signature, or with the signature of another letter, the click
        is Odoo's click of the link and nothing else."""
        john_trace = self._letter(self.john).trace_ids
        forged = [
            f"{self.tracker.short_url}/m/{self.trace.id}",
            f"{self.tracker.short_url}/m/{john_trace.id}",
            self.url.replace(f"/m/{self.trace.id}/", f"/m/{john_trace.id}/"),
            self.url[:-3] + "abc",
        ]
        for url in forged:
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertEqual(response.status_code, 301, "the visitor still reaches the offer")
        self.assertFalse(self._activities(self.oleg) | self._activities(self.john))
        self.assertFalse((self.letter | self._letter(self.john)).filtered("clicked"))
        self.assertNotEqual(self.trace.trace_status, "click")
        self.assertEqual(len(self.tracker.link_click_ids), len(forged), "each request recorded as a click")

    def test_mail_scanner_prefetch_gives_no_task(self):
        """A security gateway opening every link right at delivery, or asking
        with HEAD, is recorded but gives no call task; the client's own click
        later does."""
        self.trace.sent_datetime = datetime.now()
        self.url_open(self.url, allow_redirects=False)
        self.trace.sent_datetime = datetime.now() - timedelta(hours=1)
        self.url_open(self.url, allow_redirects=False, method="HEAD")
        self.assertFalse(self._activities(self.oleg))
        self.assertFalse(self.letter.clicked)
        self.assertEqual(len(self.trace.links_click_ids), 2, "both recorded")
        self.url_open(self.url, allow_redirects=False)
        self.assertEqual(len(self._activities(self.oleg)), 1)
        self.assertTrue(self.letter.clicked)

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

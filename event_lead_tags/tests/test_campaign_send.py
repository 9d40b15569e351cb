from datetime import date, timedelta
from email import message_from_string
from email.header import decode_header, make_header

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import MockSmtplibCase

from .common import EventLeadTagsCommon


def _header(message, name):
    return str(make_header(decode_header(message[name] or "")))


@tagged("post_install", "-at_install")
class TestCampaignPlanning(EventLeadTagsCommon):
    def test_letters_planned_in_preview_window(self):
        """Letters exist from preview_days before the send date, one per
        tagged client (sub-tags included), in the owner's name."""
        self.assertEqual(self._plan(self.SEND_DAY - timedelta(days=15)), 0, "before the preview window")
        self.assertEqual(self._plan(), 3)
        letters = self._letters()
        self.assertEqual(letters.partner_id, self.oleg | self.unknown | self.john)
        self.assertEqual(set(letters.mapped("state")), {"planned"})
        self.assertEqual(set(letters.mapped("send_date")), {self.SEND_DAY})
        self.assertEqual(set(letters.mapped("occurrence_date")), {date(2027, 8, 10)})
        self.assertEqual(set(letters.mapped("year")), {2027})
        self.assertEqual(self._letter(self.oleg).user_id, self.user_advisor)
        self.assertEqual(self._letter(self.john).user_id, self.user_advisor2)
        self.assertEqual(self.campaign.letter_planned_count, 3)

    def test_planning_twice_creates_nothing_more(self):
        self._plan()
        letters = self._letters()
        self.assertEqual(self._plan(), 0)
        self.assertEqual(self._plan(self.PREVIEW_DAY + timedelta(days=2)), 0)
        self.assertEqual(self._letters(), letters)

    def test_new_client_and_owner_transfer_before_sending(self):
        """Planned letters follow the client's owner and newly tagged clients."""
        self._plan()
        self.company_anna.user_id = self.user_advisor2
        late = self._client("Pavel", "Late", self.company_boris, "pavel@mostotrest.example.com", "ru_RU")
        self.assertEqual(self._plan(self.PREVIEW_DAY + timedelta(days=1)), 1)
        self.assertEqual(self._letter(self.oleg).user_id, self.user_advisor2)
        self.assertTrue(self._letter(late))

    def test_date_rule_change_moves_planned_letters(self):
        self._plan()
        self.rule.lead_days = 10
        self.campaign._plan_letters(self.PREVIEW_DAY + timedelta(days=1))
        self.assertEqual(set(self._letters().mapped("send_date")), {date(2027, 7, 31)})

    def test_unique_letter_per_client_and_year(self):
        """The database refuses a second letter for the same client and year."""
        self._plan()
        letter = self._letter(self.oleg)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            letter.copy()
            self.env.flush_all()

    def test_draft_campaign_plans_nothing(self):
        self.campaign.action_stop()
        self.assertEqual(self._plan(), 0)

    def test_one_running_campaign_per_tag(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.campaign.copy({"state": "running"})
            self.env.flush_all()


@tagged("post_install", "-at_install")
class TestCampaignSending(EventLeadTagsCommon, MockSmtplibCase):
    def _sent_emails(self, mails):
        with self.mock_smtplib_connection():
            mails.send()
        return {tuple(email["smtp_to_list"]): message_from_string(email["message"]) for email in self.emails}

    def test_letter_from_owner_in_client_language(self):
        """From and Reply-To are the owner; first-name greeting in the
        client's language, neutral when the first name is unknown; the
        owner's signature; no mailing layout; logged in the chatter."""
        self._plan()
        mails = self._send()
        self.assertEqual(len(mails), 3)
        oleg_mail = mails.filtered(lambda m: m.res_id == self.oleg.id)
        self.assertEqual(oleg_mail.email_from, self.user_advisor.email_formatted)
        self.assertEqual(oleg_mail.reply_to, self.user_advisor.email_formatted)
        self.assertEqual(oleg_mail.author_id, self.user_advisor.partner_id)
        self.assertIn("Здравствуйте, Олег!", oleg_mail.body_html)
        self.assertIn("Anna Advisor<br>+7 495 000-00-01", oleg_mail.body_html)
        self.assertIn("10 августа", oleg_mail.body_html)
        self.assertNotIn("Петров", oleg_mail.body_html)
        self.assertNotIn("o_mail_wrapper", oleg_mail.body_html, "no mass mailing layout")
        unknown_mail = mails.filtered(lambda m: m.res_id == self.unknown.id)
        self.assertIn("Здравствуйте!", unknown_mail.body_html)
        self.assertNotIn("Кондрашов", unknown_mail.body_html)
        john_mail = mails.filtered(lambda m: m.res_id == self.john.id)
        self.assertIn("Hello, John!", john_mail.body_html)
        self.assertEqual(john_mail.email_from, self.user_advisor2.email_formatted)
        # the client's history keeps the letter, with its original links
        message = self.oleg.message_ids.filtered(lambda m: m.message_type == "email_outgoing")
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.user_advisor.partner_id)
        self.assertIn("https://shop.example.com/offers/road", message.body)

        emails = self._sent_emails(mails)
        sent = emails[("oleg@dorstroy.example.com",)]
        self.assertIn("anna.advisor@example.com", sent["From"])
        self.assertIn("anna.advisor@example.com", sent["Reply-To"])
        self.assertIn("/unsubscribe_oneclick", _header(sent, "List-Unsubscribe").replace("\r\n ", ""))
        self.assertEqual(set(self._letters().mapped("state")), {"sent"})

    def test_links_tracked_per_letter(self):
        """Offer links go through the link tracker; when sent, each link
        names the letter's trace so that a click maps to the letter."""
        self._plan()
        mails = self._send()
        oleg_mail = mails.filtered(lambda m: m.res_id == self.oleg.id)
        self.assertNotIn("shop.example.com", oleg_mail.body_html)
        tracker = self.env["link.tracker"].search([("url", "like", "shop.example.com/offers/road")])
        self.assertEqual(len(tracker), 1, "one tracker for all letters of the year")
        self.assertEqual(tracker.mass_mailing_id, self._letter(self.oleg).mailing_id)
        self.assertIn(tracker.short_url, oleg_mail.body_html)
        trace = self._letter(self.oleg).trace_ids
        body = oleg_mail._prepare_outgoing_body()
        self.assertIn(f"{tracker.short_url}/m/{trace.id}", body)

    def test_links_found_as_odoo_mailing_finds_them(self):
        """A letter's links are found as Odoo's mailing finds them: a link to
        the company's own site (relative) is tracked as a full address; an
        e-mail address and the unsubscribe line are kept; one tracker per
        address, whatever the text of the link."""
        self._plan()
        letter = self._letter(self.oleg)
        letter.write(
            {
                "is_customized": True,
                "subject": "For you",
                "body_html": '<p>See <a href="/shop/road">our road shop</a>, write to '
                '<a href="mailto:anna.advisor@example.com">Anna</a> or open '
                '<a href="https://shop.example.com/offers/road?utm_x=1&amp;size=2">the offer</a>.</p>',
            }
        )
        mails = self._send()
        body = mails.filtered(lambda m: m.res_id == self.oleg.id).body_html
        trackers = self.env["link.tracker"].search([("mass_mailing_id", "=", letter.mailing_id.id)])
        shop = trackers.filtered(lambda t: t.url == f"{letter.mailing_id.get_base_url()}/shop/road")
        self.assertEqual(len(shop), 1)
        self.assertIn(shop.short_url, body)
        self.assertNotIn('href="/shop/road"', body)
        self.assertIn('href="mailto:anna.advisor@example.com"', body)
        self.assertIn("/unsubscribe_from_list", body)
        self.assertFalse(trackers.filtered(lambda t: "mailto:" in t.url or "unsubscribe" in t.url))
        offer = trackers.filtered(lambda t: t.url == "https://shop.example.com/offers/road?utm_x=1&size=2")
        self.assertEqual(len(offer), 1, "the other letters' link, with another text: one tracker")
        self.assertIn(offer.short_url, body)

    def test_departed_owner_sends_from_company(self):
        """An archived owner never sends: the company does, with its signature."""
        self._plan()
        self.user_advisor.action_archive()
        mails = self._send()
        oleg_mail = mails.filtered(lambda m: m.res_id == self.oleg.id)
        self.assertEqual(oleg_mail.email_from, self.env.company.email_formatted)
        self.assertEqual(oleg_mail.author_id, self.env.company.partner_id)
        self.assertNotIn("anna.advisor", oleg_mail.body_html + (oleg_mail.reply_to or ""))
        self.assertIn(self.env.company.name, oleg_mail.body_html)
        john_mail = mails.filtered(lambda m: m.res_id == self.john.id)
        self.assertEqual(john_mail.email_from, self.user_advisor2.email_formatted)

    def test_pool_owner_sends_catalogue(self):
        """Clients handed to the pool owner get the letter from the pool owner."""
        pool = self.env["res.users"].create(
            {"name": "Василий Тупин", "login": "el_pool_i6", "email": "tupin@company.example.com"}
        )
        self.env.company.event_lead_pool_user_id = pool
        self.company_boris.user_id = pool
        self._plan()
        mails = self._send()
        self.assertEqual(mails.filtered(lambda m: m.res_id == self.john.id).email_from, pool.email_formatted)

    def test_skip_reasons(self):
        """Clients without e-mail, blacklisted, without consent, untagged or
        archived are skipped with their reason, and counted."""
        nomail = self._client("Nomail", "X", self.company_anna, False, "ru_RU")
        self.env["mail.blacklist"]._add("john@mostotrest.example.com")
        refused = self._client("Refused", "X", self.company_anna, "refused@dorstroy.example.com", "ru_RU")
        refused.event_lead_campaign_consent = "refused"
        company_refused = self.env["res.partner"].create(
            {
                "name": "No Ads Ltd",
                "is_company": True,
                "user_id": self.user_advisor.id,
                "event_lead_campaign_consent": "refused",
            }
        )
        employee = self._client("Emp", "Loyee", company_refused, "emp@noads.example.com", "ru_RU")
        dropped = self._client("Dropped", "Tag", self.company_anna, "dropped@dorstroy.example.com", "ru_RU")
        gone = self._client("Gone", "Away", self.company_anna, "gone@dorstroy.example.com", "ru_RU")
        twin = self._client("Twin", "Address", self.company_anna, "oleg@dorstroy.example.com", "ru_RU")
        self._plan()
        self.assertEqual(self._letter(nomail).problem, "No valid e-mail", "the owner is warned before sending")
        dropped.category_id = False
        gone.action_archive()
        self._send()
        expected = {
            nomail: "no_email",
            self.john: "blacklisted",
            refused: "no_consent",
            employee: "no_consent",
            dropped: "no_tag",
            gone: "archived",
            twin: "duplicate",
        }
        for partner, reason in expected.items():
            letter = self._letter(partner)
            self.assertEqual((letter.state, letter.skip_reason), ("skipped", reason), partner.name)
        self.assertEqual(self._letter(self.oleg).state, "queued")
        self.campaign.invalidate_recordset()
        self.assertEqual(self.campaign.letter_skipped_count, 7)
        self.assertEqual(self.campaign.letter_queued_count, 2)

    def test_consent_required_setting(self):
        """With recorded consent required, only clients who gave it get letters."""
        self.env.company.event_lead_campaign_consent_required = True
        self.oleg.event_lead_campaign_consent = "given"
        self._plan()
        self._send()
        self.assertEqual(self._letter(self.oleg).state, "queued")
        self.assertEqual(self._letter(self.unknown).skip_reason, "no_consent")

    def test_too_late(self):
        """A letter not sent by the holiday is skipped, not sent late."""
        self._plan()
        self._send(date(2027, 8, 11))
        self.assertEqual(set(self._letters().mapped("skip_reason")), {"too_late"})

    def test_excluded_and_adapted_letters(self):
        """The owner excludes a client or adapts the text for one client."""
        self._plan()
        self._letter(self.unknown).with_user(self.user_advisor).action_exclude()
        letter = self._letter(self.oleg).with_user(self.user_advisor)
        self.assertIn("Здравствуйте, Олег!", letter.preview_body)
        letter.action_customize()
        self.assertIn("Здравствуйте, Олег!", letter.body_html)
        letter.body_html = "<p>Олег, как договорились на выставке, присылаю предложение.</p>"
        mails = self._send()
        self.assertEqual(mails.mapped("res_id"), [self.oleg.id, self.john.id])
        self.assertIn("как договорились на выставке", mails[0].body_html)
        self.assertIn("Anna Advisor", mails[0].body_html, "the signature is kept")
        self.assertEqual(self._letter(self.unknown).state, "excluded")

    def test_russian_template(self):
        """Shipped templates read in Russian for Russian-speaking clients."""
        self._plan()
        mails = self._send()
        oleg_mail = mails.filtered(lambda m: m.res_id == self.oleg.id)
        self.assertIn("идеи подарков", oleg_mail.subject)
        self.assertIn("Отписаться", oleg_mail.body_html)
        john_mail = mails.filtered(lambda m: m.res_id == self.john.id)
        self.assertIn("gift ideas", john_mail.subject)

    def test_catalogue_attached(self):
        catalogue = self.env["ir.attachment"].create(
            {
                "name": "catalogue-2027.pdf",
                "raw": b"%PDF-1.4 catalogue",
                "res_model": "event.lead.campaign",
                "res_id": self.campaign.id,
            }
        )
        self.campaign.attachment_ids = catalogue
        self._plan()
        mails = self._send()
        self.assertEqual(mails.attachment_ids, catalogue)
        self.assertIn("каталог", mails.filtered(lambda m: m.res_id == self.oleg.id).body_html.lower())

    def test_bounce_shows_on_letter(self):
        """Odoo's bounce handling marks the trace; the letter shows it."""
        self._plan()
        self._send()
        letter = self._letter(self.oleg)
        self.env["mailing.trace"].set_bounced(domain=[("message_id", "=", letter.trace_ids.message_id)])
        self.assertEqual(letter.state, "bounced")
        self.campaign.invalidate_recordset()
        self.assertEqual(self.campaign.letter_bounced_count, 1)

    def test_campaign_mailing_never_sends_by_itself(self):
        self._plan()
        mailing = self._letter(self.oleg).mailing_id
        self.assertEqual(mailing.event_lead_campaign_id, self.campaign)
        with self.assertRaises(UserError):
            mailing.action_launch()
        with self.assertRaises(UserError):
            mailing.action_send_mail()


@tagged("post_install", "-at_install")
class TestExactlyOnce(EventLeadTagsCommon):
    def test_send_twice(self):
        """The cron batch run twice sends nothing the second time."""
        self._plan()
        first = self._send()
        self.assertEqual(len(first), 3)
        self.assertFalse(self._send())
        self.assertFalse(self.campaign._plan_letters(self.SEND_DAY))
        self.assertEqual(len(self._letters().trace_ids), 3)

    def test_second_email_for_a_letter_impossible(self):
        """The letter's trace is unique: a second e-mail cannot be stored."""
        self._plan()
        self._send()
        letter = self._letter(self.oleg)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["mailing.trace"].create(
                {"model": "res.partner", "res_id": self.oleg.id, "event_lead_letter_id": letter.id}
            )
            self.env.flush_all()

    def test_tag_removed_and_added_again(self):
        """Removing and re-adding the tag within the year gives no second letter."""
        self._plan()
        self._send()
        self.oleg.category_id = False
        self.campaign._plan_letters(self.SEND_DAY + timedelta(days=1))
        self.oleg.category_id = self.tag
        self.campaign._plan_letters(self.SEND_DAY + timedelta(days=2))
        self.assertFalse(self._send(self.SEND_DAY + timedelta(days=2)))
        self.assertEqual(len(self._letter(self.oleg)), 1)
        self.assertEqual(len(self._letter(self.oleg).trace_ids), 1)

    def test_next_year_gets_a_new_letter(self):
        self._plan()
        self._send()
        self.assertEqual(self.campaign._plan_letters(date(2028, 7, 25)), 3)
        self.assertEqual(len(self._letters()), 6)

    def _crash_template(self):
        """A template that fails for clients whose reference is BOOM."""
        return self.template.copy(
            {"body_html": '<p><t t-out="object.greeting"/></p><p t-if="object.ref == \'BOOM\'" t-out="1 / 0"/>'}
        )

    def test_cron_crash_half_way_then_resume(self):
        """The real cron, batches of 2: a crash in the second batch keeps the
        first batch queued and the rest planned; the next run queues the
        rest, nobody twice."""
        self.campaign.template_id = self._crash_template()
        extra = self._client("Extra", "Client", self.company_anna, "extra@dorstroy.example.com", "ru_RU")
        (self.john | extra).ref = "BOOM"  # the second batch cannot be rendered at all
        self._plan()
        letters = self._letters().sorted("id")
        self.assertEqual(letters.partner_id.ids, (self.oleg | self.unknown | self.john | extra).ids)
        self.env["ir.config_parameter"].set_param("event_lead_followup.job_batch_size", 2)
        self.env["event.lead.campaign"].search([("id", "!=", self.campaign.id)]).action_stop()
        cron = self.env.ref("event_lead_tags.ir_cron_event_lead_campaign_send")
        with (
            freeze_time(self.SEND_DAY),
            self.enter_registry_test_mode(),
            mute_logger("odoo.addons.base.models.ir_cron"),
        ):
            cron.method_direct_trigger()
        self.assertEqual(letters.mapped("state"), ["queued", "queued", "planned", "planned"])
        (self.john | extra).ref = False
        with freeze_time(self.SEND_DAY), self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.assertEqual(set(letters.mapped("state")), {"queued"})
        for letter in letters:
            self.assertEqual(len(letter.trace_ids), 1, letter.partner_id.name)
        self.assertEqual(
            self.env["mail.mail"].search_count([("mailing_id", "=", letters.mailing_id.id)]), 4, "one e-mail each"
        )

    def test_template_error_for_one_client(self):
        """A template failing on one client's data skips that letter only."""
        self.campaign.template_id = self._crash_template()
        self.unknown.ref = "BOOM"
        self._plan()
        mails = self._send()
        self.assertEqual(len(mails), 2)
        self.assertEqual(self._letter(self.unknown).skip_reason, "template_error")

    def test_queue_queries_do_not_grow_with_letters(self):
        """Queueing is batched: 30 letters cost the same queries as 6."""
        more = self.env["res.partner"].create(
            [
                {
                    "name": f"Client {i}",
                    "parent_id": self.company_anna.id,
                    "email": f"c{i}@dorstroy.example.com",
                    "category_id": [(6, 0, self.tag.ids)],
                }
                for i in range(24)
            ]
        )
        self._plan()
        self.env.flush_all()
        self.env.invalidate_all()
        Letter = self.env["event.lead.campaign.letter"]

        def queries_for(letters):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            letters._queue(self.SEND_DAY)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        small = Letter.browse(self._letters(more[:6]).ids)
        large = Letter.browse(self._letters(more[6:]).ids)
        self.assertEqual(len(large), 18)
        queries_small = queries_for(small)
        queries_large = queries_for(large)
        self.assertLessEqual(queries_large, queries_small + 2, (queries_small, queries_large))

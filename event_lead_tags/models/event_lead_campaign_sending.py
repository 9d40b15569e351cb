import logging
from collections import defaultdict
from datetime import timedelta

import lxml.html
from markupsafe import Markup

from odoo import api, models, tools
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.mail import URL_SKIP_PROTOCOL_REGEX, is_html_empty

from odoo.addons.link_tracker.tools.html import find_links_with_urls_and_labels

from .event_lead_campaign import LATE_DAYS

_logger = logging.getLogger(__name__)

# routes of Odoo's mailing its links leave untracked (mass_mailing's _convert_links)
UNTRACKED_ROUTES = ["/unsubscribe_from_list", "/view", "/cards/"]


class EventLeadCampaignSending(models.AbstractModel):
    """How campaign letters go out: the engine the letters inherit.

    Which letters are due and who may still get them (consent, blacklist,
    e-mail, late letters), their texts in the client's language with the
    owner's signature and the company's footer, the sender (the client's
    owner, else the campaign's), the ``mail.mail`` of each letter with its
    ``mailing.trace`` in the cycle's mailing, and its links tracked with
    Odoo's link finder and signed per letter. The nightly job
    (``event.lead.campaign._cron_send_letters``) calls ``_lock_and_queue``
    in batches. The letter itself (``event.lead.campaign.letter``) holds the
    data, the owner's actions and what a click means.
    """

    _name = "event.lead.campaign.sending"
    _description = "Sending of campaign letters"

    def _group_by_cycle(self):
        groups = defaultdict(lambda: self.browse())
        for letter in self.filtered("campaign_id"):
            groups[letter.campaign_id, letter.year] |= letter
        return groups

    def _get_texts(self):
        """{letter id: (subject, body, lang)}: the owner's text when adapted,
        the template rendered for the client otherwise."""
        result = {}
        for (campaign, year), letters in self._group_by_cycle().items():
            to_render = letters.filtered(lambda letter: not letter.is_customized)
            rendered = campaign._render_texts(year, to_render.partner_id.ids) if to_render else {}
            for letter in letters:
                if letter.is_customized:
                    lang = letter.partner_id.lang or self.env.lang
                    result[letter.id] = (letter.subject or "", letter.body_html or Markup(), lang)
                else:
                    result[letter.id] = rendered[letter.partner_id.id]
        return result

    def _get_senders(self):
        """{letter id: sender}: the client's current owner, or the company
        when the owner has left (archived user) or has no e-mail. Never a
        departed employee's address."""
        result = {}
        for letter in self:
            # sudo: the owner's address and signature, the letter's sender
            owner = letter.partner_id.commercial_partner_id.user_id.sudo()
            if owner and owner.active and owner.email_normalized:
                signature = owner.signature if not tools.is_html_empty(owner.signature) else Markup("%s") % owner.name
                result[letter.id] = {
                    "user": owner,
                    "author": owner.partner_id,
                    "email_from": owner.email_formatted,
                    "signature": signature,
                }
                continue
            # sudo: the company's address, the sender when the owner has left
            company = letter.campaign_id.company_id.sudo()
            lines = [company.name, company.phone, company.email]
            result[letter.id] = {
                "user": owner,
                "author": company.partner_id,
                "email_from": company.email_formatted,
                "signature": Markup("<br/>").join(line for line in lines if line),
            }
        return result

    def _compose_body(self, body, sender, footer=None):
        """The personal letter: text, the sender's signature and, in the
        e-mail, one small unsubscribe line; no mailing layout."""
        return Markup(
            '<div style="font-size: 14px;">{body}<div class="o_signature">{signature}</div>{footer}</div>'
        ).format(body=body, signature=sender["signature"], footer=footer or "")

    @api.model
    def _get_footers(self, langs, base_url):
        """The unsubscribe line in each language, rendered once per batch."""
        Campaign = self.env["event.lead.campaign"]
        return {lang: Campaign._get_unsubscribe_line(lang, base_url) for lang in langs}

    def _get_skip_reasons(self, today, check_late=True):
        """{letter id: reason} for the letters that cannot go out now."""
        if not self:
            return {}
        reasons = {}
        required = {company.id: company.event_lead_campaign_consent_required for company in self.company_id}
        emails = {letter.partner_id.email_normalized for letter in self} - {False}
        # sudo: the blacklist
        blacklisted = set(self.env["mail.blacklist"].sudo().search([("email", "in", list(emails))]).mapped("email"))
        tag_trees = {
            # sudo: the tags under the campaign's tag
            tag: set(self.env["res.partner.category"].sudo().search([("id", "child_of", tag.id)]).ids)
            for tag in self.campaign_id.tag_id
        }
        senders = self._get_senders()
        seen = self._get_reached_emails()
        for letter in self.sorted("id"):
            partner = letter.partner_id
            consent = {partner.event_lead_campaign_consent, partner.commercial_partner_id.event_lead_campaign_consent}
            key = (letter.campaign_id.id, letter.year, partner.email_normalized)
            if not partner.active:
                reason = "archived"
            elif not tag_trees[letter.campaign_id.tag_id] & set(partner.category_id.ids):
                reason = "no_tag"
            elif not partner.email_normalized:
                reason = "no_email"
            elif partner.email_normalized in blacklisted:
                reason = "blacklisted"
            elif "refused" in consent or (
                required[letter.company_id.id] and partner.event_lead_campaign_consent != "given"
            ):
                reason = "no_consent"
            elif key in seen:
                reason = "duplicate"
            elif not senders[letter.id]["email_from"]:
                reason = "no_sender"
            elif check_late and today > max(letter.occurrence_date, letter.send_date + timedelta(days=LATE_DAYS)):
                reason = "too_late"
            else:
                seen.add(key)
                continue
            reasons[letter.id] = reason
        return reasons

    def _get_reached_emails(self):
        """(campaign, year, e-mail) already queued or sent by other letters:
        two contacts sharing one address get one letter."""
        emails = list({letter.partner_id.email_normalized for letter in self} - {False})
        if not emails:
            return set()
        # sudo: which addresses received the campaign this year, whoever owns them
        others = self.sudo().search(
            [
                ("campaign_id", "in", self.campaign_id.ids),
                ("year", "in", list(set(self.mapped("year")))),
                ("state", "in", ("queued", "sent", "bounced", "failed")),
                ("partner_id.email_normalized", "in", emails),
                ("id", "not in", self.ids),
            ]
        )
        return {(other.campaign_id.id, other.year, other.partner_id.email_normalized) for other in others}

    @api.model
    def _get_due_domain(self, today):
        return (
            Domain("state", "=", "planned")
            & Domain("send_date", "<=", today)
            & Domain("campaign_id.state", "=", "running")
        )

    @api.model
    def _count_due(self, today):
        # sudo: count the due letters for the job
        return self.sudo().search_count(self._get_due_domain(today))

    @api.model
    def _lock_due(self, today, limit):
        """Due letters that no other worker holds, locked until commit
        (``FOR UPDATE SKIP LOCKED``): two workers never take the same letter."""
        # sudo: the job locks the due letters
        query = self.sudo()._search(self._get_due_domain(today), order="id", limit=limit)
        rows = self.env.execute_query(
            SQL("%s FOR UPDATE OF %s SKIP LOCKED", query.select(), SQL.identifier(self._table))
        )
        # sudo: the job locks the due letters
        return self.sudo().browse(row[0] for row in rows)

    @api.model
    def _lock_and_queue(self, today, limit):
        """One batch of the job: the due letters no other worker holds,
        queued. Returns them."""
        letters = self._lock_due(today, limit)
        if letters:
            letters._queue(today)
        return letters

    def _queue(self, today):
        """Skip what cannot go out (with the reason), and create the e-mails
        of the others in one batch: rendered per client and language, from
        the owner, logged in the client's chatter, links tracked, each with
        its mailing trace. Returns the e-mails."""
        # sudo: the job queues the locked letters
        letters = self.sudo().filtered(lambda letter: letter.state == "planned")
        reasons = letters._get_skip_reasons(today)
        by_reason = defaultdict(list)
        for letter_id, reason in reasons.items():
            by_reason[reason].append(letter_id)
        for reason, letter_ids in by_reason.items():
            letters.browse(letter_ids).write({"state": "skipped", "skip_reason": reason})
        sendable = letters.filtered(lambda letter: letter.id not in reasons)
        vals_list = []
        for (campaign, _year), group in sendable._group_by_cycle().items():
            texts, failed = group._get_texts_or_failures()
            if failed:
                failed.write({"state": "skipped", "skip_reason": "template_error"})
                sendable -= failed
            vals_list += (group - failed)._prepare_mail_values(campaign, texts)
        # sudo: the job queues the letters' e-mails, with values built here
        mails = self.env["mail.mail"].sudo().create(vals_list)
        # the letter records who it went out from
        sendable._follow_owner()
        return mails

    def _get_texts_or_failures(self):
        """Texts of letters of one campaign and year, and the letters whose
        text cannot be rendered. When the template fails for every letter it
        is broken: the error stops the batch (nothing is sent, the job retries
        after the template is fixed). When it fails for a few clients only
        (their data), those letters are skipped and the others go out."""
        try:
            return self._get_texts(), self.browse()
        except UserError:
            texts, failed = {}, self.browse()
            for letter in self:
                try:
                    texts.update(letter._get_texts())
                except UserError:
                    failed |= letter
            if failed == self:
                raise  # the template is broken: the original error
            _logger.info("Campaign letters %s skipped: their template cannot be rendered", failed.ids)
            return texts, failed

    def _prepare_mail_values(self, campaign, texts):
        """mail.mail values of letters of one campaign and year."""
        mailing = self.mailing_id[:1] or campaign._get_mailing(self[:1].year)
        base_url = mailing.get_base_url()
        senders = self._get_senders()
        footers = self._get_footers({lang for _subject, _body, lang in texts.values()}, base_url)
        bodies, history = {}, {}
        for letter in self:
            _subject, body, lang = texts[letter.id]
            bodies[letter.id] = letter._compose_body(body, senders[letter.id], footers[lang])
            history[letter.id] = letter._compose_body(body, senders[letter.id])
        tracked = self._track_links(bodies, mailing, base_url)
        attachments = [(4, attachment.id) for attachment in campaign.attachment_ids]
        Message = self.env["mail.message"]
        vals_list = []
        for letter in self:
            partner = letter.partner_id
            sender = senders[letter.id]
            subject = texts[letter.id][0]
            values = {
                "model": "res.partner",
                "res_id": partner.id,
                "record_company_id": campaign.company_id.id,
            }
            message_id = Message._get_message_id(values)
            values.update(
                {
                    "message_type": "email_outgoing",
                    "subtype_id": False,
                    "author_id": sender["author"].id,
                    "email_from": sender["email_from"],
                    "reply_to": sender["email_from"],
                    "subject": subject,
                    # the client's history shows the letter with its original links:
                    # an advisor opening them is not counted as a client's click
                    "body": history[letter.id],
                    "body_html": tracked[letter.id],
                    "recipient_ids": [(4, partner.id)],
                    "attachment_ids": attachments,
                    "auto_delete": True,
                    "is_notification": True,
                    "mail_server_id": campaign.template_id.mail_server_id.id,
                    "mailing_id": mailing.id,
                    "message_id": message_id,
                    "references": message_id,
                    "mailing_trace_ids": [
                        (
                            0,
                            0,
                            {
                                "email": partner.email_normalized,
                                "mass_mailing_id": mailing.id,
                                "message_id": message_id,
                                "model": "res.partner",
                                "res_id": partner.id,
                                "event_lead_letter_id": letter.id,
                            },
                        )
                    ],
                }
            )
            vals_list.append(values)
        return vals_list

    @api.model
    def _track_links(self, bodies, mailing, base_url):
        """Replace the links of the bodies by tracked links of the mailing,
        found as Odoo's mailing finds them (``mail.render.mixin._shorten_links``:
        Odoo's link finder, relative links made absolute; ``mailto:``/``tel:``,
        links already tracked and the routes Odoo's mailing leaves alone are
        kept), for all the letters of a batch at once: the trackers of all
        their links are found or created in one call. Odoo's mailing adds the
        letter's trace to each link when the e-mail goes out, so that a click
        names the letter."""
        trees, links = {}, []
        for letter_id, body in bodies.items():
            if is_html_empty(body):
                continue
            tree = lxml.html.fromstring(body)
            nodes, urls_and_labels = find_links_with_urls_and_labels(
                tree,
                base_url,
                skip_regex=rf"^{URL_SKIP_PROTOCOL_REGEX}",
                skip_prefix=f"{base_url}/r/",
                skip_list=UNTRACKED_ROUTES,
            )
            if nodes:
                trees[letter_id] = tree
                links += zip(nodes, urls_and_labels, strict=True)
        if not links:
            return dict(bodies)
        link_vals = mailing._get_link_tracker_values()
        trackers = (
            self.env["link.tracker"]
            # sudo: the mailing's tracked links of the letters
            .sudo()
            # one tracker per address for the year's letters, whatever the language of a link's text
            # (no label), named by its address (no fetching of each page for a title)
            .search_or_create([dict(link_vals, url=link["url"], title=link["url"]) for _node, link in links])
        )
        for (node, _link), tracker in zip(links, trackers, strict=True):
            node.set("href", tracker.short_url)
        tracked = dict(bodies)
        for letter_id, tree in trees.items():
            tracked[letter_id] = Markup(lxml.html.tostring(tree, encoding="unicode"))
        return tracked

    def _link_signature(self, trace_id, code):
        """The signature of the link ``code`` in the e-mail of ``trace_id``."""
        return tools.hmac(self.env(su=True), "event_lead_tags-letter-link", f"{trace_id}:{code}")[:24]

    def _is_link_signature(self, trace, code, signature):
        """A click names this letter when its link carries the signature of
        the letter's trace and of a link of the letter's mailing."""
        self.ensure_one()
        # sudo: find the tracked link of a code
        tracker = self.env["link.tracker.code"].sudo().search([("code", "=", code)], limit=1).link_id
        return (
            trace.event_lead_letter_id == self
            and tracker.mass_mailing_id == trace.mass_mailing_id
            and tools.consteq(signature, self._link_signature(trace.id, code))
        )

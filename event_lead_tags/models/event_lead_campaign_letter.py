import logging
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.event_lead_followup.tools import readers

_logger = logging.getLogger(__name__)

# mailing.trace status -> letter state, once the letter has an e-mail
TRACE_STATES = {
    "outgoing": "queued",
    "process": "queued",
    "pending": "sent",
    "sent": "sent",
    "open": "sent",
    "reply": "sent",
    "bounce": "bounced",
    "error": "failed",
    "cancel": "failed",
}
PENDING_STATES = ("planned", "excluded")
# what an owner may change on a letter that has not gone out yet
OWNER_FIELDS = {"state", "is_customized", "subject", "body_html"}


class EventLeadCampaignLetter(models.Model):
    """One letter of a campaign to one client for one year.

    The (campaign, client, year) unique index makes a second letter
    impossible whatever the cron does; the e-mail of a letter carries its
    mailing trace, unique per letter too. How letters go out is the sending
    engine they inherit (``event.lead.campaign.sending``).
    """

    _name = "event.lead.campaign.letter"
    _inherit = ["event.lead.campaign.sending"]
    _description = "Campaign letter"
    _order = "send_date desc, id desc"
    _rec_name = "partner_id"

    campaign_id = fields.Many2one("event.lead.campaign", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Client", required=True, ondelete="cascade", index=True)
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id", string="Client company")
    email = fields.Char(related="partner_id.email")
    year = fields.Integer(required=True, help="Year of the holiday the letter is for.")
    occurrence_date = fields.Date(string="Holiday date", required=True)
    send_date = fields.Date(string="Send date", required=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        index=True,
        help="The client's owner: the letter goes out in their name (from the company when they have left).",
    )
    mailing_id = fields.Many2one("mailing.mailing", readonly=True, ondelete="restrict")
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("excluded", "Excluded"),
            ("skipped", "Skipped"),
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("bounced", "Bounced"),
            ("failed", "Failed"),
        ],
        compute="_compute_state",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        help="Planned: goes out on the send date. Excluded: the owner took the client out. Skipped: "
        "not sendable on the send date (see the reason). Queued, Sent, Bounced, Failed: the e-mail's "
        "delivery, as Odoo's mail queue and bounce handling report it.",
    )
    skip_reason = fields.Selection(
        string="Skip reason",
        selection=[
            ("no_email", "No valid e-mail"),
            ("blacklisted", "Blacklisted or unsubscribed"),
            ("no_consent", "No consent"),
            ("no_tag", "Tag removed"),
            ("archived", "Client archived"),
            ("duplicate", "Same e-mail already received it"),
            ("no_sender", "No sender address"),
            ("template_error", "Template error for this client"),
            ("too_late", "Too late"),
        ],
        readonly=True,
    )
    problem = fields.Char(
        string="Will be skipped",
        compute="_compute_problem",
        help="Why the letter would be skipped if it went out now: fix it before the send date.",
    )
    is_customized = fields.Boolean(string="Text adapted", help="The owner adapted the text for this client.")
    subject = fields.Char(help="Subject adapted by the owner; the template's otherwise.")
    body_html = fields.Html(string="Text", sanitize="email_outgoing", help="Text adapted by the owner.")
    preview_subject = fields.Char(string="Subject preview", compute="_compute_preview")
    preview_body = fields.Html(string="Preview", compute="_compute_preview", sanitize=False)
    trace_ids = fields.One2many("mailing.trace", "event_lead_letter_id", string="E-mail statistics")
    mail_message_id = fields.Many2one("mail.message", string="Message", compute="_compute_mail_message_id")
    click_date = fields.Datetime(string="Clicked on", readonly=True, copy=False)
    click_url = fields.Char(string="Clicked link", readonly=True, copy=False)
    clicked = fields.Boolean(compute="_compute_clicked", store=True, precompute=True, index=True)

    _one_letter_per_client_and_year = models.UniqueIndex(
        "(campaign_id, partner_id, year)",
        "A client gets one letter per campaign and year.",
    )
    _due_index = models.Index("(send_date, id) WHERE state = 'planned'")

    @api.depends("trace_ids.trace_status")
    def _compute_state(self):
        for letter in self:
            trace = letter.trace_ids[:1]
            if trace:
                letter.state = TRACE_STATES.get(trace.trace_status, "queued")
            elif not letter.state:
                letter.state = "planned"

    @api.depends("click_date")
    def _compute_clicked(self):
        for letter in self:
            letter.clicked = bool(letter.click_date)

    @api.depends_context("date")
    def _compute_problem(self):
        pending = self.filtered(lambda letter: letter.state in PENDING_STATES)
        # sudo: why a letter would be skipped (blacklist, consent), whoever may read those
        reasons = pending.sudo()._get_skip_reasons(fields.Date.context_today(self), check_late=False)
        labels = dict(self._fields["skip_reason"]._description_selection(self.env))
        for letter in self:
            reason = reasons.get(letter.id)
            letter.problem = labels[reason] if reason else False

    @api.depends("partner_id", "campaign_id", "year", "is_customized", "subject", "body_html")
    def _compute_preview(self):
        """What the client will read (links are tracked only when sent)."""
        for (campaign, _year), letters in self._group_by_cycle().items():
            texts = letters._get_texts()
            senders = letters._get_senders()
            footers = self._get_footers({lang for _subject, _body, lang in texts.values()}, campaign.get_base_url())
            for letter in letters:
                subject, body, lang = texts[letter.id]
                letter.preview_subject = subject
                letter.preview_body = letter._compose_body(body, senders[letter.id], footers[lang])
        (self - self.filtered("campaign_id")).update({"preview_subject": False, "preview_body": False})

    def _compute_mail_message_id(self):
        # sudo: the letter's trace
        traces = self.sudo().trace_ids.filtered("message_id")
        # sudo: the message the letter left in the client's history
        messages = self.env["mail.message"].sudo().search([("message_id", "in", traces.mapped("message_id"))])
        by_message_id = {message.message_id: message for message in messages}
        for letter in self:
            # sudo: the letter's trace
            trace = letter.sudo().trace_ids[:1]
            letter.mail_message_id = by_message_id.get(trace.message_id, False) if trace else False

    # ------------------------------------------------------------------- CRUD

    def write(self, vals):
        self._check_owner_write(vals)
        return super().write(vals)

    def _check_owner_write(self, vals):
        """A letter can be changed only before it goes out; an owner only
        excludes or includes it and adapts its text."""
        if self.env.su:
            return
        if any(letter.state not in PENDING_STATES for letter in self):
            raise UserError(self.env._("Only planned or excluded letters can be changed."))
        if vals.get("state") and vals["state"] not in PENDING_STATES:
            raise UserError(self.env._("A letter is only planned or excluded by hand; the rest happens on sending."))
        user = self.env.user
        if user.has_group("event_lead_followup.group_event_lead_manager") or user.has_group(
            "event_lead_followup.group_event_lead_marketing"
        ):
            return
        if set(vals) - OWNER_FIELDS:
            raise AccessError(self.env._("You can only exclude a letter or adapt its text."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(letter.state not in PENDING_STATES for letter in self):
            raise UserError(self.env._("A letter that was processed is kept: it proves what the client received."))

    # ---------------------------------------------------------------- actions

    def action_exclude(self):
        self.filtered(lambda letter: letter.state == "planned").write({"state": "excluded"})
        return True

    def action_include(self):
        self.filtered(lambda letter: letter.state == "excluded").write({"state": "planned"})
        return True

    def action_customize(self):
        """Start from the template's text for this client."""
        for letter in self:
            subject, body, _lang = letter._get_texts()[letter.id]
            letter.write({"is_customized": True, "subject": subject, "body_html": body})
        return True

    def action_reset_text(self):
        self.write({"is_customized": False, "subject": False, "body_html": False})
        return True

    def action_open_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }

    def _follow_owner(self):
        """Each letter is its client's owner's: the letters whose client
        changed owner take the new one (one write per owner)."""
        by_owner = defaultdict(list)
        for letter in self:
            owner = letter.partner_id.commercial_partner_id.user_id
            if owner != letter.user_id:
                by_owner[owner.id].append(letter.id)
        for owner_id, letter_ids in by_owner.items():
            self.browse(letter_ids).write({"user_id": owner_id})

    # ------------------------------------------------------------------ clicks

    def _register_click(self, click):
        """First click on a link of the letter: the owner gets one call task
        and the client enters the owner's hot list. Later clicks, and opens,
        change nothing. The conditional update makes two simultaneous
        clicks create one task."""
        self.ensure_one()
        now = fields.Datetime.now()
        claimed = self.env.execute_query(
            SQL(
                "UPDATE %s SET click_date = %s WHERE id = %s AND click_date IS NULL RETURNING id",
                SQL.identifier(self._table),
                now,
                self.id,
            )
        )
        self.invalidate_recordset(["click_date"])
        if not claimed:
            return False
        # sudo: a click of the letter's signed link (checked by the controller) marks it clicked and tells the owner
        letter = self.sudo()
        url = click.link_id.url
        letter.write({"click_date": now, "click_url": url})
        partner = letter.partner_id
        partner.event_lead_click_date = now
        owner = partner.commercial_partner_id.user_id
        if not (owner and owner.active):
            owner = letter.campaign_id.user_id
        owner_env = readers.reader_env(letter.env, owner)
        campaign_name = letter.campaign_id.with_env(owner_env).name
        partner.with_env(owner_env).activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.context_today(letter),
            summary=owner_env._("Client clicked your offer: %(campaign)s", campaign=campaign_name),
            note=Markup("<p>%s</p>")
            % owner_env._(
                "%(client)s opened the link %(link)s of your letter “%(campaign)s” (%(year)s). "
                "Call while the interest is fresh.",
                client=partner.display_name,
                link=url,
                campaign=campaign_name,
                year=letter.year,
            ),
            user_id=owner.id,
        )
        return True

from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import format_date

from odoo.addons.event_lead_followup.tools import actions, jobs, locks

from .ir_qweb import QwebCompileCache

# A letter planned in time but not sent by then (server down, campaign
# started late) still goes out until the holiday itself, and at least this
# many days after its send date; later it is skipped as too late.
LATE_DAYS = 7
# letters of one campaign created per ORM call when planning
PLAN_BATCH = 5000


class EventLeadCampaign(models.Model):
    """Once a year, every client carrying the tag gets one letter from its
    owner, on the date rule's date minus its lead time."""

    _name = "event.lead.campaign"
    _description = "Annual tag campaign"
    _inherit = "mail.thread"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    state = fields.Selection(
        [("draft", "Not started"), ("running", "Running")],
        default="draft",
        required=True,
        tracking=True,
        help="Only running campaigns plan and send letters. Review the template and the offer "
        "before starting a shipped campaign.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
        help="Marketing contact of the campaign. Gets the click follow-ups of clients whose owner has left.",
    )
    tag_id = fields.Many2one(
        "res.partner.category",
        string="Client tag",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        help="Clients carrying this tag (or one of its sub-tags) receive the letter.",
    )
    date_rule_id = fields.Many2one(
        "event.lead.date.rule",
        string="Yearly date",
        required=True,
        ondelete="restrict",
        tracking=True,
        help="The holiday or purchase date the letter prepares for; letters go out its lead time before.",
    )
    lead_days = fields.Integer(related="date_rule_id.lead_days")
    template_id = fields.Many2one(
        "mail.template",
        string="Letter template",
        required=True,
        ondelete="restrict",
        domain=[("model", "=", "res.partner")],
        tracking=True,
        help="Rendered for each client in the client's language. Besides object (the client) and "
        "object.greeting, it can use ctx.get('holiday'), ctx.get('holiday_date'), ctx.get('year'), "
        "ctx.get('offer_url') and ctx.get('catalogue'). The owner's signature and the unsubscribe "
        "line are added below it.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "event_lead_campaign_attachment_rel",
        "campaign_id",
        "attachment_id",
        string="Catalogue",
        help="Files attached to every letter, such as this year's catalogue.",
    )
    offer_url = fields.Char(
        string="Offer link",
        help="The page of this year's special offer. Every link of a letter is tracked: a click "
        "gives the owner a call task.",
    )
    preview_days = fields.Integer(
        string="Preview days",
        default=14,
        required=True,
        help="Owners see their letters this many days before they go out, and can exclude a "
        "client or adapt the text for one client.",
    )
    utm_campaign_id = fields.Many2one("utm.campaign", string="UTM campaign", readonly=True, copy=False)
    mailing_ids = fields.One2many("mailing.mailing", "event_lead_campaign_id", string="Mailings")
    letter_ids = fields.One2many("event.lead.campaign.letter", "campaign_id", string="Letters")
    last_plan_date = fields.Date(
        string="Last planned on",
        readonly=True,
        copy=False,
        help="Day the letters were last planned; planning runs once a day and resumes where it stopped.",
    )
    next_date = fields.Date(string="Next date", compute="_compute_next_dates")
    next_send_date = fields.Date(string="Next sending", compute="_compute_next_dates")
    stats_year = fields.Integer(string="Year", compute="_compute_letter_stats")
    letter_planned_count = fields.Integer(string="Planned", compute="_compute_letter_stats")
    letter_excluded_count = fields.Integer(string="Excluded", compute="_compute_letter_stats")
    letter_queued_count = fields.Integer(string="Queued", compute="_compute_letter_stats")
    letter_sent_count = fields.Integer(string="Sent", compute="_compute_letter_stats")
    letter_skipped_count = fields.Integer(string="Skipped", compute="_compute_letter_stats")
    letter_bounced_count = fields.Integer(string="Bounced", compute="_compute_letter_stats")
    letter_failed_count = fields.Integer(string="Failed", compute="_compute_letter_stats")
    letter_clicked_count = fields.Integer(string="Clicked", compute="_compute_letter_stats")

    _one_running_campaign_per_tag = models.UniqueIndex(
        "(tag_id, company_id) WHERE active AND state = 'running'",
        "A client tag drives one running campaign: clients get one letter per tag and year.",
    )
    _preview_days_range = models.Constraint(
        "CHECK(preview_days BETWEEN 0 AND 90)", "Owners see their letters 0 to 90 days in advance."
    )

    @api.depends("date_rule_id.kind", "date_rule_id.lead_days", "date_rule_id.month", "date_rule_id.day")
    @api.depends_context("date")
    def _compute_next_dates(self):
        today = fields.Date.context_today(self)
        for campaign in self:
            cycle = campaign._get_next_cycle(today) if campaign.date_rule_id else None
            campaign.next_date = cycle and cycle[1]
            campaign.next_send_date = cycle and cycle[2]

    def _compute_letter_stats(self):
        """Letters of the latest year of each campaign, per state, in one query."""
        Letter = self.env["event.lead.campaign.letter"]
        groups = Letter._read_group([("campaign_id", "in", self.ids)], ["campaign_id", "year", "state"], ["__count"])
        clicks = Letter._read_group(
            [("campaign_id", "in", self.ids), ("clicked", "=", True)], ["campaign_id", "year"], ["__count"]
        )
        latest = {}
        for campaign, year, _state, _count in groups:
            latest[campaign] = max(latest.get(campaign, 0), year)
        counts = defaultdict(int)
        for campaign, year, state, count in groups:
            if year == latest[campaign]:
                counts[campaign, state] += count
        clicked = {campaign: count for campaign, year, count in clicks if year == latest.get(campaign)}
        for campaign in self:
            campaign.stats_year = latest.get(campaign, 0)
            for state in ("planned", "excluded", "queued", "sent", "skipped", "bounced", "failed"):
                campaign[f"letter_{state}_count"] = counts[campaign, state]
            campaign.letter_clicked_count = clicked.get(campaign, 0)

    def write(self, vals):
        if {"tag_id", "date_rule_id", "preview_days", "company_id", "state", "active"} & set(vals):
            # the audience or the dates changed: plan again today
            vals = dict(vals, last_plan_date=False)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent_letters(self):
        if (
            self.env["event.lead.campaign.letter"]
            # sudo: letters of the campaign, whoever may read them
            .sudo()
            .search_count([("campaign_id", "in", self.ids), ("state", "not in", ("planned", "excluded"))], limit=1)
        ):
            raise UserError(self.env._("A campaign that has sent letters cannot be deleted: archive it instead."))

    # ------------------------------------------------------------------ dates

    def _get_cycle(self, year):
        """(year, holiday date, send date) of the letters of ``year``."""
        self.ensure_one()
        occurrence = self.date_rule_id.date_for_year(year)
        return year, occurrence, occurrence - timedelta(days=self.date_rule_id.lead_days)

    def _get_next_cycle(self, today):
        """The next cycle whose send date is today or later."""
        self.ensure_one()
        for year in (today.year, today.year + 1, today.year + 2):
            cycle = self._get_cycle(year)
            if cycle[2] >= today:
                return cycle
        return None

    def _get_open_cycles(self, today):
        """Cycles whose letters exist by ``today``: from ``preview_days``
        before the send date until it is too late to send them."""
        self.ensure_one()
        cycles = []
        for year in (today.year - 1, today.year, today.year + 1):
            year, occurrence, send_date = self._get_cycle(year)
            deadline = max(occurrence, send_date + timedelta(days=LATE_DAYS))
            if send_date - timedelta(days=self.preview_days) <= today <= deadline:
                cycles.append((year, occurrence, send_date))
        return cycles

    # --------------------------------------------------------------- planning

    def _get_recipient_domain(self):
        """Clients who get the letter: they carry the tag or a sub-tag."""
        self.ensure_one()
        return Domain("category_id", "child_of", self.tag_id.id) & Domain(
            "company_id", "in", [False, self.company_id.id]
        )

    def _ensure_utm_campaign(self):
        for campaign in self.filtered(lambda c: not c.utm_campaign_id):
            # sudo: the campaign's UTM campaign, named after it
            campaign.utm_campaign_id = self.env["utm.campaign"].sudo().create({"title": campaign.name})

    def _get_mailing(self, year):
        """The mailing that holds this year's statistics, bounces, clicks and
        unsubscribe links (created on first use, one per campaign and year)."""
        self.ensure_one()
        # sudo: the campaign's yearly mailing, which holds the traces (never sent by itself)
        Mailing = self.env["mailing.mailing"].sudo().with_context(active_test=False)
        mailing = Mailing.search([("event_lead_campaign_id", "=", self.id), ("event_lead_year", "=", year)])
        if mailing:
            return mailing
        self._ensure_utm_campaign()
        company = self.company_id
        return Mailing.create(
            {
                "name": f"{self.name} {year}",
                "subject": f"{self.name} {year}",
                "event_lead_campaign_id": self.id,
                "event_lead_year": year,
                "campaign_id": self.utm_campaign_id.id,
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                # nobody is ever selected by the mailing itself: letters are
                # sent by the campaign, one per client, in the owner's name
                "mailing_domain": "[('id', 'in', [])]",
                "email_from": company.email_formatted or self.user_id.email_formatted or company.name,
                "user_id": self.user_id.id,
                "state": "done",
                "sent_date": fields.Datetime.now(),
                "keep_archives": True,
            }
        )

    def _plan_letters(self, today=None):
        """Create the letters of the open cycles that do not exist yet.

        Idempotent: one search for what exists, one create per batch for
        what is missing, the (campaign, client, year) unique index for the
        rest. Planned letters follow their client's current owner and the
        rule's current dates. Returns the number of letters created.
        """
        today = today or fields.Date.context_today(self)
        # sudo: planning runs for the campaign's clients, started by its editors (checked) or the job
        Letter = self.env["event.lead.campaign.letter"].sudo()
        created = 0
        # sudo: planning runs for the campaign's clients, started by its editors (checked) or the job
        for campaign in self.sudo()._lock_for_planning():
            if campaign.state != "running" or not campaign.active:
                continue
            for year, occurrence, send_date in campaign._get_open_cycles(today):
                mailing = campaign._get_mailing(year)
                # sudo: the clients carrying the campaign's tag, whoever owns them
                partners = self.env["res.partner"].sudo().search(campaign._get_recipient_domain(), order="id")
                existing = Letter.search_fetch(
                    [("campaign_id", "=", campaign.id), ("year", "=", year)],
                    ["partner_id", "state", "user_id", "send_date"],
                )
                known = set(existing.partner_id.ids)
                owners = {partner.id: partner.commercial_partner_id.user_id.id for partner in partners}
                vals_list = [
                    {
                        "campaign_id": campaign.id,
                        "partner_id": partner_id,
                        "year": year,
                        "occurrence_date": occurrence,
                        "send_date": send_date,
                        "user_id": owners[partner_id],
                        "mailing_id": mailing.id,
                    }
                    for partner_id in partners.ids
                    if partner_id not in known
                ]
                for start in range(0, len(vals_list), PLAN_BATCH):
                    Letter.create(vals_list[start : start + PLAN_BATCH])
                created += len(vals_list)
                campaign._refresh_planned(existing, occurrence, send_date)
            campaign.last_plan_date = today
        return created

    def _lock_for_planning(self):
        """The campaigns of ``self`` this transaction may plan: their row is
        locked until commit (``FOR NO KEY UPDATE SKIP LOCKED``). One process
        plans a campaign at a time (the nightly job, a second job on another
        server, an editor's *Plan now*), so two never create the same letters;
        the others are being planned by another process right now."""
        return locks.try_lock(self, allow_referencing=True)

    def _refresh_planned(self, letters, occurrence, send_date):
        """Planned letters follow date changes and ownership transfers. Only
        the letters this transaction could lock are changed: those the job is
        sending right now (``_lock_due``) are left to it."""
        pending = locks.try_lock(letters.filtered(lambda letter: letter.state in ("planned", "excluded")))
        moved = pending.filtered(lambda letter: letter.send_date != send_date)
        if moved:
            moved.write({"send_date": send_date, "occurrence_date": occurrence})
        pending._follow_owner()

    # -------------------------------------------------------------- rendering

    def _get_render_context(self, year, lang):
        """Values a template reads with ctx.get(...), in the client's language."""
        self.ensure_one()
        campaign = self.with_context(lang=lang)
        occurrence = self.date_rule_id.date_for_year(year)
        return {
            "holiday": campaign.date_rule_id.name,
            "holiday_date": format_date(campaign.env, occurrence, lang_code=lang, date_format="d MMMM"),
            "year": year,
            "offer_url": self.offer_url or False,
            "catalogue": bool(self.attachment_ids),
        }

    def _render_texts(self, year, partner_ids):
        """Subject and body of the template for each client, each in the
        client's language: {partner_id: (subject, body, lang)}. Odoo's
        batched rendering (one pass per language)."""
        self.ensure_one()
        # sudo: render the campaign's template for its clients
        template = self.template_id.sudo()
        result = {}
        for lang, (tpl, ids) in template._classify_per_lang(partner_ids).items():
            lang = lang or self.env.lang or "en_US"
            tpl = tpl.with_context(**self._get_render_context(year, lang), event_lead_qweb_cache=QwebCompileCache())
            subjects = tpl._render_field("subject", ids)
            bodies = tpl._render_field("body_html", ids)
            for partner_id in ids:
                result[partner_id] = (subjects[partner_id], bodies[partner_id], lang)
        return result

    @api.model
    def _get_unsubscribe_line(self, lang, base_url):
        """The last line of every letter, in the client's language. Odoo's
        mailing replaces the generic link by the client's own one."""
        env = self.with_context(lang=lang).env
        return Markup(
            '<p style="font-size: 12px; color: #888888; margin-top: 24px;">{text} <a href="{url}" '
            'style="color: #888888;">{label}</a></p>'
        ).format(
            text=env._("You receive this letter as our client."),
            url=f"{base_url}/unsubscribe_from_list",
            label=env._("Unsubscribe"),
        )

    # ---------------------------------------------------------------- actions

    def action_start(self):
        for campaign in self:
            if not campaign.template_id:
                raise UserError(self.env._("Choose a letter template first."))
        self.write({"state": "running"})
        self._plan_letters()
        return True

    def action_stop(self):
        self.write({"state": "draft"})
        return True

    def action_plan_now(self):
        """Plan the letters of the open cycle now instead of waiting for the night."""
        # planning runs as superuser: only those who may change the campaign start it
        self.check_access("write")
        # sudo: which of the campaigns another process is planning right now
        campaigns = self.sudo()._lock_for_planning()
        created = campaigns._plan_letters()
        messages = [self.env._("%(count)s new letters planned.", count=created)] if campaigns else []
        if busy := self - campaigns:
            messages.append(
                self.env._(
                    "The letters of %(campaigns)s are being planned right now by another process (the "
                    "nightly job or a colleague): they appear within minutes.",
                    campaigns=", ".join(f"«{name}»" for name in busy.mapped("name")),
                )
            )
        message = " ".join(messages)
        return actions.notification(message, "info")

    def action_view_letters(self):
        """This year's letters of the campaign, of one state (context
        ``letter_state``), the clicked ones (``letter_clicked``) or all."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_tags.event_lead_campaign_letter_action")
        domain = Domain("campaign_id", "=", self.id)
        if self.stats_year:
            domain &= Domain("year", "=", self.stats_year)
        context = {"search_default_group_state": 1}
        if state := self.env.context.get("letter_state"):
            domain &= Domain("state", "=", state)
            context = {"search_default_group_skip_reason": 1} if state == "skipped" else {}
        elif self.env.context.get("letter_clicked"):
            domain &= Domain("clicked", "=", True)
            context = {}
        action["domain"] = list(domain)
        action["context"] = context
        return action

    def action_view_mailings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("mass_mailing.mailing_mailing_action_mail")
        action["domain"] = [("event_lead_campaign_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------- cron

    @api.model
    def _cron_send_letters(self):
        """Daily: plan the letters of the open cycles, then queue the due
        letters in batches. Each batch commits its letters and their e-mails
        together, so a crash loses nothing and sends nothing twice; the
        runner calls again while letters remain."""
        Cron = self.env["ir.cron"]
        # sudo: the job sends the due letters
        Letter = self.env["event.lead.campaign.letter"].sudo()
        today = fields.Date.context_today(self)
        # sudo: the job sends the due letters
        campaigns = self.sudo().search(
            [
                ("state", "=", "running"),
                "|",
                ("last_plan_date", "=", False),
                ("last_plan_date", "<", today),
            ]
        )
        Cron._commit_progress(remaining=len(campaigns) + Letter._count_due(today))
        for campaign in campaigns:
            # a campaign another process plans right now is left to it
            locks.run_batch(self.env, campaign._plan_letters, today)
            if not Cron._commit_progress(1):
                return
        size = jobs.batch_size(self.env)
        jobs.run(self.env, lambda: len(Letter._lock_and_queue(today, size)), lambda: Letter._count_due(today))

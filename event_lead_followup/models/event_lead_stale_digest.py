import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL, format_date

from ..tools import jobs, locks, readers


class EventLeadStaleDigest(models.Model):
    """The clients of one manager's advisors found not worked on one day.

    The daily stale-client job (here: ``_cron_flag_stale_clients``) flags
    the clients of advisors nobody worked on for the company's period and
    gives each manager one digest (and one activity) a day, whatever the
    number of clients, instead of one activity per client. A client is
    worked on again (its flag cleared) by ``_touch_clients``.
    """

    _name = "event.lead.stale.digest"
    _description = "Digest of clients not worked"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name")
    manager_id = fields.Many2one("res.users", required=True, index=True, readonly=True)
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    company_id = fields.Many2one("res.company", required=True, readonly=True, default=lambda self: self.env.company)
    partner_ids = fields.Many2many(
        "res.partner",
        "event_lead_stale_digest_partner_rel",
        "digest_id",
        "partner_id",
        string="Clients",
        readonly=True,
    )
    partner_count = fields.Integer(string="Number of clients", compute="_compute_partner_count")

    _manager_date_unique = models.UniqueIndex(
        "(manager_id, date, company_id)",
        "A manager gets one digest of clients not worked a day.",
    )

    @api.depends("manager_id", "date")
    @api.depends_context("lang")
    def _compute_name(self):
        for digest in self:
            digest.name = self.env._(
                "Clients not worked, %(date)s, %(manager)s",
                date=format_date(self.env, digest.date),
                manager=digest.manager_id.name,
            )

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        for digest in self:
            digest.partner_count = len(digest.partner_ids)

    # ------------------------------------------------------------------------
    # the daily stale-client job
    # ------------------------------------------------------------------------

    @api.model
    def _stale_clients_domain(self, company):
        """The clients of ``company``'s advisors not worked for too long."""
        threshold = fields.Datetime.now() - datetime.timedelta(days=company.event_lead_stale_days or 90)
        domain = Domain(
            [
                ("active", "=", True),
                ("event_lead_is_stale", "=", False),
                ("user_id", "!=", False),
                ("user_id.company_id", "=", company.id),
                "|",
                ("is_company", "=", True),
                ("parent_id", "=", False),
                "|",
                ("event_lead_last_interaction", "<", threshold),
                "&",
                ("event_lead_last_interaction", "=", False),
                ("create_date", "<", threshold),
                "|",
                ("event_lead_owner_since", "=", False),
                ("event_lead_owner_since", "<", threshold),
            ]
        )
        if company.event_lead_pool_user_id:
            domain &= Domain("user_id", "!=", company.event_lead_pool_user_id.id)
        return domain

    @api.model
    def _cron_flag_stale_clients(self):
        """Daily: flag the clients nobody worked on, one digest per manager.

        Thin: batches of ``_flag_stale_batch`` run by
        ``tools/jobs.run``; flagged clients leave the domain, so a run that
        stops half-way resumes where it stopped and a second run does nothing.
        """
        Partner = self.env["res.partner"]
        jobs.run_for_companies(
            self.env, self._flag_stale_batch, lambda company: Partner.search_count(self._stale_clients_domain(company))
        )

    @api.model
    def _flag_stale_batch(self, company, limit=jobs.DEFAULT_BATCH_SIZE):
        """Flag up to ``limit`` stale clients of ``company`` and add them to
        today's digest of their owner's manager. Returns how many were flagged."""
        clients = self.env["res.partner"].search(self._stale_clients_domain(company), limit=limit, order="id")
        # the flag is not a key: a colleague may still link a result, an
        # activity or a message to a client the job holds
        clients = locks.try_lock(clients, allow_referencing=True)
        if not clients:
            return 0
        today = fields.Date.context_today(self)
        clients.write({"event_lead_is_stale": True, "event_lead_stale_since": today})
        self._add_clients(clients, company, today)
        return len(clients)

    @api.model
    def _manager_of(self, owners, company):
        """{owner: manager}: the leader of the owner's sales team, else the
        company's head of sales; owners with neither are left out."""
        head = company.event_lead_head_user_id
        result = {}
        for owner in owners:
            manager = owner.sale_team_id.user_id or head
            if manager:
                result[owner] = manager
        return result

    @api.model
    def _add_clients(self, clients, company, day):
        """Add ``clients`` (just flagged) to the digests of ``day``: one per
        manager, created with its activity the first time, extended afterwards."""
        managers = self._manager_of(clients.user_id, company)
        by_manager = {}
        for client in clients:
            if manager := managers.get(client.user_id):
                by_manager.setdefault(manager, self.env["res.partner"])
                by_manager[manager] |= client
        if not by_manager:
            return self
        digests = (
            # sudo: the job files clients in each manager's digest, with values built here
            self.sudo()
            .search(
                [("date", "=", day), ("company_id", "=", company.id), ("manager_id", "in", [m.id for m in by_manager])]
            )
            .grouped("manager_id")
        )
        activity_type = self.env.ref("event_lead_followup.mail_activity_type_stale_clients")
        # sudo: the job files clients in each manager's digest
        result = self.sudo()
        for manager, partners in by_manager.items():
            digest = digests.get(manager)
            if digest:
                digest.partner_ids = [fields.Command.link(partner.id) for partner in partners]
            else:
                # sudo: the job creates each manager's digest, with values built here
                digest = self.sudo().create(
                    {
                        "manager_id": manager.id,
                        "date": day,
                        "company_id": company.id,
                        "partner_ids": [fields.Command.set(partners.ids)],
                    }
                )
                # written for the manager, in the manager's language
                env = readers.reader_env(self.env, manager)
                digest.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=manager.id,
                    date_deadline=day,
                    summary=env._("Review the clients nobody worked on"),
                    note=Markup("<p>%s</p>")
                    % env._(
                        "These clients have no note, call, e-mail or completed activity for too long. "
                        "Open the digest to reassign them to another advisor or to marketing."
                    ),
                )
            result |= digest
        return result

    # ------------------------------------------------------------------------
    # a client worked on again
    # ------------------------------------------------------------------------

    @api.model
    def _touch_clients(self, partner_ids=(), lead_ids=()):
        """A note, a call, an e-mail or a done activity happened on these
        partners or opportunities: their clients were worked now. One UPDATE."""
        if not partner_ids and not lead_ids:
            return
        self.env["res.partner"].flush_model(
            [
                "commercial_partner_id",
                "event_lead_last_interaction",
                "event_lead_is_stale",
                "event_lead_stale_since",
            ]
        )
        self.env["crm.lead"].flush_model(["partner_id"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner
                   SET event_lead_last_interaction = %(now)s,
                       event_lead_is_stale = FALSE,
                       event_lead_stale_since = NULL
                 WHERE id IN (
                        SELECT unnest(ARRAY[id, commercial_partner_id])
                          FROM res_partner
                         WHERE id = ANY(%(partners)s)
                        UNION
                        SELECT unnest(ARRAY[p.id, p.commercial_partner_id])
                          FROM crm_lead l
                          JOIN res_partner p ON p.id = l.partner_id
                         WHERE l.id = ANY(%(leads)s))
                   AND event_lead_last_interaction IS DISTINCT FROM %(now)s
                """,
                now=self.env.cr.now(),
                partners=list(partner_ids),
                leads=list(lead_ids),
            ),
            # a client the stale-client job flagged since this transaction
            # began: PostgreSQL refuses the update (serialization failure) and
            # Odoo runs the click again on fresh data, which clears the flag;
            # expected, so not logged as a bad query (see tools/locks.py)
            log_exceptions=False,
        )
        self.env["res.partner"].invalidate_model(
            ["event_lead_last_interaction", "event_lead_is_stale", "event_lead_stale_since"]
        )

    def action_reassign(self):
        """Open the hand-over wizard on the clients of the digest."""
        self.ensure_one()
        return self.partner_ids.action_event_lead_handover()

import logging

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import jobs

_logger = logging.getLogger(__name__)

# id of the last partner the re-index job has indexed; absent: nothing to do
REINDEX_PARAM = "event_lead_followup.guard_reindex_after_id"
# partners indexed per committed batch, unless the jobs' batch size is set (tools/jobs.py)
REINDEX_BATCH_SIZE = 2000
# candidates looked up per weak key (a common word is in many names)
WEAK_KEY_LIMIT = 20


class EventLeadPartnerKey(models.Model):
    """One normalised key of one contact (see ``tools/duplicate_keys.py``).

    The duplicate guard (``event.lead.duplicate.guard``) looks keys up with
    one indexed query instead of scanning partners. Rows are written and
    read in SQL by the guard, under the superuser: no role reads them
    directly. When the rules that make keys change (a public domain added
    or removed, a new version of the rules), ``_schedule_reindex`` has a
    batched job compute every partner's keys again.
    """

    _name = "event.lead.partner.key"
    _description = "Duplicate guard key"
    _log_access = False
    _rec_name = "key"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    key = fields.Char(required=True, help="Kind and normalised value, e.g. 'p:74951234567'.")

    _key_partner_unique = models.UniqueIndex("(key, partner_id)")

    @api.model
    def _get_keys(self, partner_ids):
        """{partner id: set of keys} as stored now."""
        if not partner_ids:
            return {}
        self.env.cr.execute(
            SQL(
                "SELECT partner_id, array_agg(key) FROM event_lead_partner_key WHERE partner_id = ANY(%s) "
                "GROUP BY partner_id",
                list(partner_ids),
            )
        )
        return {partner_id: set(keys) for partner_id, keys in self.env.cr.fetchall()}

    @api.model
    def _replace_keys(self, keys_by_partner, created=False):
        """Store exactly these keys for these partners (two statements; one
        for partners just ``created``, which have none yet)."""
        partner_ids = list(keys_by_partner)
        if not partner_ids:
            return
        if not created:
            self.env.cr.execute(SQL("DELETE FROM event_lead_partner_key WHERE partner_id = ANY(%s)", partner_ids))
        pairs = [(partner_id, key) for partner_id, keys in keys_by_partner.items() for key in keys]
        if pairs:
            self.env.cr.execute(
                SQL(
                    "INSERT INTO event_lead_partner_key (partner_id, key) "
                    "SELECT * FROM unnest(%s::int[], %s::varchar[]) ON CONFLICT DO NOTHING",
                    [pair[0] for pair in pairs],
                    [pair[1] for pair in pairs],
                )
            )

    @api.model
    def _lookup(self, keys, company_ids):
        """Every active client holding one of ``keys``, with its owner's name.

        One query on the key index. Partners of internal users are not
        clients; clients of companies the user does not work in are ignored.
        One row per key and client (``DISTINCT ON``), so a big client with
        many contacts on one domain costs one row; a weak key (a word, a
        skeleton) brings at most ``WEAK_KEY_LIMIT`` candidates.
        """
        self.env["res.partner"].flush_model(
            [
                "name",
                "complete_name",
                "active",
                "commercial_partner_id",
                "user_id",
                "company_id",
                "partner_share",
                "vat",
            ]
        )
        self.env["res.users"].flush_model(["partner_id"])
        self.env.cr.execute(self._lookup_query(keys, company_ids))
        return [
            {
                "key": key,
                "partner_id": partner_id,
                "partner_name": partner_name,
                "client_id": client_id,
                "client_name": client_name,
                "owner_id": owner_id,
                "owner_name": owner_name,
                "client_vat": client_vat,
            }
            for (
                key,
                partner_id,
                partner_name,
                client_id,
                client_name,
                owner_id,
                owner_name,
                client_vat,
            ) in self.env.cr.fetchall()
        ]

    @api.model
    def _lookup_query(self, keys, company_ids):
        """The SQL of ``_lookup`` (the benchmark prints its plan)."""
        # the keys found first (MATERIALIZED): the partners are then joined
        # on their primary key, whatever the planner's statistics say (a big
        # import in one transaction must not turn the join around)
        return SQL(
            """
                WITH found AS MATERIALIZED (
                    SELECT k.key, k.partner_id
                      FROM unnest(%(keys)s::varchar[]) AS wanted(key)
                CROSS JOIN LATERAL (
                            SELECT key, partner_id
                              FROM event_lead_partner_key
                             WHERE key = wanted.key
                             LIMIT CASE WHEN left(wanted.key, 1) IN %(weak)s THEN %(weak_limit)s END
                           ) k
                )
                SELECT DISTINCT ON (k.key, client.id)
                       k.key, p.id, p.name, client.id, client.complete_name, client.user_id, owner.name, client.vat
                  FROM found k
                  JOIN res_partner p ON p.id = k.partner_id
                  JOIN res_partner client ON client.id = p.commercial_partner_id
             LEFT JOIN res_users u ON u.id = client.user_id
             LEFT JOIN res_partner owner ON owner.id = u.partner_id
                 WHERE p.active AND client.active
                   AND p.partner_share IS NOT FALSE
                   AND (client.company_id IS NULL OR client.company_id = ANY(%(companies)s))
              ORDER BY k.key, client.id, p.id
            """,
            keys=list(keys),
            weak=("t", "s", "x"),
            weak_limit=WEAK_KEY_LIMIT,
            companies=list(company_ids),
        )

    # ------------------------------------------------------------------------
    # re-index job
    # ------------------------------------------------------------------------

    @api.model
    def _schedule_reindex(self):
        """Have the job compute every partner's keys again (after a change of
        the public domains or of the rules); it starts at once, in batches."""
        # sudo: the job's watermark is a system parameter, not a user's value
        self.env["ir.config_parameter"].sudo().set_param(REINDEX_PARAM, "0")
        cron = self.env.ref("event_lead_followup.ir_cron_guard_reindex", raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()  # sudo: a manager editing the domains may not run crons

    @api.model
    def _reindex_batch(self, limit=REINDEX_BATCH_SIZE):
        """Index the next ``limit`` partners after the watermark, move the
        watermark past them (in the same transaction). Returns (indexed,
        remaining); the watermark is removed when every partner is done."""
        # sudo: the watermark is a system parameter, and the job indexes every
        # partner (readable or not), whoever runs it; it writes keys only
        Param = self.env["ir.config_parameter"].sudo()
        after = Param.get_param(REINDEX_PARAM)
        if not after:
            return 0, 0
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        partners = Partner.search([("id", ">", int(after))], order="id", limit=limit)
        if partners:
            keys = self.env["event.lead.duplicate.guard"]._keys_of_partners(partners)
            self._replace_keys(keys)
            partners.invalidate_recordset()
        remaining = Partner.search_count([("id", ">", partners[-1].id)]) if partners else 0
        if remaining:
            Param.set_param(REINDEX_PARAM, str(partners[-1].id))
        else:
            Param.set_param(REINDEX_PARAM, False)
        return len(partners), remaining

    @api.model
    def _reindex_remaining(self):
        """How many partners the re-index has still to index."""
        # sudo: see _reindex_batch
        after = self.env["ir.config_parameter"].sudo().get_param(REINDEX_PARAM)
        if not after:
            return 0
        return self.env["res.partner"].sudo().with_context(active_test=False).search_count([("id", ">", int(after))])

    @api.model
    def _cron_reindex(self):
        """Re-index job: thin, batches of ``_reindex_batch`` run by
        ``tools/jobs.run``; a run stopped half-way resumes at the watermark."""
        size = jobs.batch_size(self.env, REINDEX_BATCH_SIZE)
        jobs.run(self.env, lambda: self._reindex_batch(size)[0], self._reindex_remaining)

    @api.model
    def _reindex_all(self):
        """Index every partner now, in batches, without committing (install,
        upgrade)."""
        self.env["ir.config_parameter"].sudo().set_param(REINDEX_PARAM, "0")  # sudo: see _reindex_batch
        total = 0
        while True:
            done, remaining = self._reindex_batch(limit=5000)
            total += done
            if not remaining:
                break
        _logger.info("duplicate guard: %s partners indexed", total)
        return total

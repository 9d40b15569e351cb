from odoo import api, fields, models
from odoo.tools import SQL


class EventLeadPartnerKey(models.Model):
    """One normalised key of one contact (see ``tools/duplicate_keys.py``).

    The duplicate guard looks keys up with one indexed query instead of
    scanning partners. Rows are written and read in SQL by the partner code,
    under the superuser: no role reads them directly.
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
    def _replace_keys(self, keys_by_partner):
        """Store exactly these keys for these partners (two statements)."""
        partner_ids = list(keys_by_partner)
        if not partner_ids:
            return
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
        many contacts on one domain costs one row.
        """
        self.env["res.partner"].flush_model(
            ["name", "complete_name", "active", "commercial_partner_id", "user_id", "company_id", "partner_share"]
        )
        self.env["res.users"].flush_model(["partner_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (k.key, client.id)
                       k.key, p.id, p.name, client.id, client.complete_name, client.user_id, owner.name
                  FROM event_lead_partner_key k
                  JOIN res_partner p ON p.id = k.partner_id
                  JOIN res_partner client ON client.id = p.commercial_partner_id
             LEFT JOIN res_users u ON u.id = client.user_id
             LEFT JOIN res_partner owner ON owner.id = u.partner_id
                 WHERE k.key = ANY(%(keys)s)
                   AND p.active AND client.active
                   AND p.partner_share IS NOT FALSE
                   AND (client.company_id IS NULL OR client.company_id = ANY(%(companies)s))
              ORDER BY k.key, client.id, p.id
                """,
                keys=list(keys),
                companies=list(company_ids),
            )
        )
        return [
            {
                "key": key,
                "partner_id": partner_id,
                "partner_name": partner_name,
                "client_id": client_id,
                "client_name": client_name,
                "owner_id": owner_id,
                "owner_name": owner_name,
            }
            for key, partner_id, partner_name, client_id, client_name, owner_id, owner_name in self.env.cr.fetchall()
        ]

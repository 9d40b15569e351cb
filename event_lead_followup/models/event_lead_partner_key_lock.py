from odoo import api, fields, models
from odoo.tools import SQL


class EventLeadPartnerKeyLock(models.Model):
    """A strong key being checked: the row lock that serialises two checks
    of the same client.

    The guard upserts the strong keys of a check before looking them up, in
    sorted order. A second transaction checking the same key waits for the
    first one's row lock; when the first commits, Odoo's REPEATABLE READ
    transactions make the second fail with a serialization error, and Odoo
    replays the request: its lookup then sees the winner and names it. (An
    advisory lock alone would not do: the loser's snapshot, taken before the
    lock, would not see the winner's keys.)
    """

    _name = "event.lead.partner.key.lock"
    _description = "Duplicate guard lock"
    _log_access = False
    _rec_name = "key"

    key = fields.Char(required=True)

    _key_unique = models.UniqueIndex("(key)")

    @api.model
    def _acquire(self, keys):
        keys = sorted(set(keys))
        if not keys:
            return
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO event_lead_partner_key_lock (key)
                SELECT key FROM unnest(%s::varchar[]) AS wanted(key) ORDER BY key
                    ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
                """,
                keys,
            )
        )

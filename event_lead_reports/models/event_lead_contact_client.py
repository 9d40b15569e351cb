from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.event_lead_followup.models.event_lead_contact_result import RESULT_TYPES

# a change of one of these fields of a contact result changes its client's row
COUNTED_FIELDS = {"commercial_partner_id", "date", "result_type"}


class EventLeadContactClient(models.Model):
    """The held contacts of each client, summed up: what the Schiffman board
    reads instead of every contact result (``event.lead.schiffman.report``).

    One row per client with contact results, computed again from the
    client's results (by index) in the transaction that creates, changes or
    deletes one of them, so the board is right at any moment, right after a
    result is recorded too. Odoo's Merge Contacts moves the results of the
    merged contacts onto the survivor in SQL: its row is computed again
    then (``base.partner.merge.automatic.wizard``).
    """

    _name = "event.lead.contact.client"
    _description = "Held contacts per client"
    _log_access = False
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Client", required=True, readonly=True, ondelete="cascade")
    contact_count = fields.Integer(string="Contacts held", readonly=True)
    first_interest = fields.Date(
        string="First interest", readonly=True, help="The first result showing the client's interest."
    )
    held_since_interest = fields.Integer(
        string="Contacts since the first interest", readonly=True, help="That contact included."
    )
    last_contact = fields.Date(readonly=True)
    last_result = fields.Selection(RESULT_TYPES, readonly=True, help="Of the last contact held.")

    _partner_uniq = models.UniqueIndex("(partner_id)")

    def init(self):
        # at install and at each upgrade of the addon: the results of before
        self._refresh()

    @api.model
    def _refresh(self, partner_ids=None):
        """Compute again the rows of ``partner_ids`` (every client when None)
        from their contact results: two queries for the batch, each row
        written in place (an upsert) so that two transactions meeting on one
        client are serialised by PostgreSQL and retried by Odoo."""
        if partner_ids is not None and not partner_ids:
            return
        self.env["event.lead.contact.result"].flush_model()
        if partner_ids is None:
            scope = SQL("TRUE")
            self.env.cr.execute(SQL("DELETE FROM event_lead_contact_client"))
        else:
            ids = sorted(set(partner_ids))
            scope = SQL("r.commercial_partner_id = ANY(%s)", ids)
            # clients left without any result
            self.env.cr.execute(
                SQL(
                    """
                    DELETE FROM event_lead_contact_client c
                     WHERE c.partner_id = ANY(%s)
                       AND NOT EXISTS (SELECT 1 FROM event_lead_contact_result r
                                        WHERE r.commercial_partner_id = c.partner_id)
                    """,
                    ids,
                )
            )
        interest = tuple(self.env["event.lead.schiffman.report"]._interest_results())
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO event_lead_contact_client (partner_id, contact_count, first_interest,
                                                       held_since_interest, last_contact, last_result)
                SELECT r.commercial_partner_id,
                       COUNT(*),
                       f.first_interest,
                       COUNT(*) FILTER (WHERE r.date >= f.first_interest),
                       MAX(r.date),
                       (ARRAY_AGG(r.result_type ORDER BY r.date DESC, r.id DESC))[1]
                  FROM event_lead_contact_result r
                  JOIN (SELECT r.commercial_partner_id,
                               MIN(r.date) FILTER (WHERE r.result_type IN %(interest)s) AS first_interest
                          FROM event_lead_contact_result r
                         WHERE %(scope)s
                      GROUP BY r.commercial_partner_id) f ON f.commercial_partner_id = r.commercial_partner_id
                 WHERE %(scope)s
              GROUP BY r.commercial_partner_id, f.first_interest
                -- two first results of one client at the same moment: the later
                -- transaction gets a serialization failure (retried), not a duplicate
                ON CONFLICT (partner_id) DO UPDATE
                   SET contact_count = EXCLUDED.contact_count,
                       first_interest = EXCLUDED.first_interest,
                       held_since_interest = EXCLUDED.held_since_interest,
                       last_contact = EXCLUDED.last_contact,
                       last_result = EXCLUDED.last_result
                """,
                interest=interest,
                scope=scope,
            )
        )
        if partner_ids is None:
            # the planner's statistics of the refilled table, before the first report opens
            self.env.cr.execute(SQL("ANALYZE event_lead_contact_client"))
        self.invalidate_model()

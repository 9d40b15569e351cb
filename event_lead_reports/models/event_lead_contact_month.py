from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.event_lead_followup.models.event_lead_contact_result import DIRECTIONS, RESULT_TYPES

# the columns a month row is keyed by, as in event_lead_contact_result
KEY_COLUMNS = (
    "user_id",
    "team_id",
    "event_id",
    "activity_type_id",
    "result_type",
    "direction",
    "lost_reason_id",
    "company_id",
)
# a change of one of these fields of a contact result moves it to another row
COUNTED_FIELDS = {"date", "postponed_days", *KEY_COLUMNS}


class EventLeadContactMonth(models.Model):
    """The held contacts counted per month: what the *Contacts per person*
    report reads instead of every contact result when it is grouped and
    filtered by month or coarser (see ``event.lead.contact.report``).

    Kept in the transaction that creates, changes or deletes contact results
    (``event.lead.contact.result``), by adding rows: +n for the contacts a
    transaction adds to a key, −n for those it takes away. Adding never waits
    for another transaction (two advisors recording at the same moment touch
    no common row); the nightly job folds the rows of each key into one. The
    figures are therefore exact at any moment, right after a result is
    recorded too. Many2one columns are deleted or emptied with the record they
    point to, as the results' own are.
    """

    _name = "event.lead.contact.month"
    _description = "Held contacts per month"
    _log_access = False
    _order = "date desc, id desc"

    date = fields.Date(string="Month", required=True, readonly=True, help="First day of the month.")
    user_id = fields.Many2one("res.users", string="Held by", readonly=True, ondelete="cascade", index=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True, ondelete="set null")
    event_id = fields.Many2one("event.event", readonly=True, ondelete="set null")
    activity_type_id = fields.Many2one("mail.activity.type", string="Contact type", readonly=True, ondelete="set null")
    result_type = fields.Selection(RESULT_TYPES, string="Result", readonly=True)
    direction = fields.Selection(DIRECTIONS, readonly=True)
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Refusal reason", readonly=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", readonly=True, ondelete="cascade")
    contact_count = fields.Integer(string="Held contacts", readonly=True)
    postponed_days = fields.Integer(string="Days postponed", readonly=True)

    _date_user_idx = models.Index("(date, user_id)")

    def _add(self, results, sign):
        """Add (``sign`` 1) or take away (−1) the ``results`` as they are
        in the database now: one query for the batch."""
        if not results:
            return
        results.flush_recordset()
        self.env.cr.execute(self._insert(SQL("r.id = ANY(%s)", list(results.ids)), sign))

    def _insert(self, where, sign=1):
        keys = SQL(", ").join(SQL.identifier(column) for column in KEY_COLUMNS)
        r_keys = SQL(", ").join(SQL.identifier("r", column) for column in KEY_COLUMNS)
        return SQL(
            """
            INSERT INTO event_lead_contact_month (date, %(keys)s, contact_count, postponed_days)
            SELECT date_trunc('month', r.date)::date, %(r_keys)s, %(sign)s * COUNT(*),
                   %(sign)s * COALESCE(SUM(r.postponed_days) FILTER (WHERE r.result_type = 'postponed'), 0)
              FROM event_lead_contact_result r
             WHERE %(where)s
          GROUP BY date_trunc('month', r.date), %(r_keys)s
            """,
            keys=keys,
            r_keys=r_keys,
            sign=sign,
            where=where,
        )

    @api.model
    def _rebuild(self):
        """Count every contact result again (install, upgrade, benchmarks)."""
        self.env["event.lead.contact.result"].flush_model()
        self.env.cr.execute(SQL("DELETE FROM event_lead_contact_month"))
        self.env.cr.execute(self._insert(SQL("TRUE")))
        # the planner's statistics of the refilled table, before the first report opens
        self.env.cr.execute(SQL("ANALYZE event_lead_contact_month"))
        self.invalidate_model()

    def init(self):
        # at install and at each upgrade of the addon: the results of before
        self._rebuild()

    @api.model
    def _cron_fold(self):
        """One row per key: the rows added since the last run folded in,
        keys counting nothing any more removed. Rows added by transactions
        running meanwhile are not seen, so not touched: they are folded next
        time."""
        keys = SQL(", ").join(SQL.identifier(column) for column in ("date", *KEY_COLUMNS))
        self.env.cr.execute(
            SQL(
                """
                WITH folded AS (DELETE FROM event_lead_contact_month RETURNING *)
                INSERT INTO event_lead_contact_month (%(keys)s, contact_count, postponed_days)
                SELECT %(keys)s, SUM(contact_count), SUM(postponed_days)
                  FROM folded
              GROUP BY %(keys)s
                HAVING SUM(contact_count) <> 0
                """,
                keys=keys,
            )
        )
        self.invalidate_model()

import contextlib

import psycopg2

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.event_lead_followup.models.event_lead_contact_result import REFUSALS

from ..models.res_company import DEFAULT_QUIET_DAYS

# the keys sort like the columns: pivots and graphs order groups by key
SCHIFFMAN_STAGES = [
    ("0_prospect", "All prospects"),
    ("1_interested", "Interested"),
    ("2_contact_1", "Contact 1"),
    ("3_contact_2", "Contact 2"),
    ("4_contact_3", "Contact 3"),
    ("5_result", "Result"),
]
SCHIFFMAN_RESULTS = [
    ("contract", "Contract"),
    ("purchase", "Purchase"),
    ("prospect", "In perspective"),
    ("lost", "Lost"),
]
# results that show the client's interest: asked for information or a
# manual, accepted an invitation (to a meeting, a stand), bought
INTEREST_RESULTS = ("invitation_sent", "manual_sent", "sale")


class EventLeadSchiffmanReport(models.Model):
    """The Schiffman scheme of prospecting: each client in one of six columns.

    All prospects (no interest shown yet) → Interested (a positive result:
    asked for information or a manual, accepted an invitation; or an
    opportunity was opened) → Contact 1, 2, 3 (contacts held since the
    interest) → Result: Contract (an open deal at a status that carries the
    document package, i.e. Contract approval), Purchase (a won deal), Lost
    (lost deals or a last result that is a refusal, and no open deal), In
    perspective (more than three contacts since the interest, no decision).
    Computed from the data, never entered: the board moves when results are
    recorded and deals change status. It reads two summaries per client kept
    by the transactions that change their data: its contact results
    (``event.lead.contact.client``) and its deals (``res.partner``'s
    ``_compute_event_lead_deals``), not every result and deal of the database.
    """

    _name = "event.lead.schiffman.report"
    _description = "Schiffman board"
    _auto = False
    _order = "days_quiet desc, id"
    _rec_name = "partner_id"
    _depends = {
        "event.lead.contact.result": ["commercial_partner_id", "date", "result_type"],
        "event.lead.contact.client": [
            "partner_id",
            "contact_count",
            "first_interest",
            "held_since_interest",
            "last_contact",
            "last_result",
        ],
        "res.partner": [
            "active",
            "commercial_partner_id",
            "is_competitor",
            "user_id",
            "company_id",
            "event_lead_deal_count",
            "event_lead_won_count",
            "event_lead_lost_count",
            "event_lead_open_deal_count",
            "event_lead_open_revenue",
            "event_lead_contract_open",
            "event_lead_first_opportunity_date",
        ],
        "res.users": ["sale_team_id", "company_id", "partner_id"],
        "res.company": ["partner_id", "event_lead_pool_user_id", "event_lead_schiffman_quiet_days"],
    }

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Owner", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    stage = fields.Selection(SCHIFFMAN_STAGES, string="Column", readonly=True, group_expand=True)
    result = fields.Selection(SCHIFFMAN_RESULTS, readonly=True)
    client_count = fields.Integer(string="Clients", readonly=True, aggregator="sum")
    contact_count = fields.Integer(string="Contacts held", readonly=True, aggregator="sum")
    contacts_since_interest = fields.Integer(string="Contacts since interest", readonly=True, aggregator="sum")
    interest_date = fields.Date(string="Interested since", readonly=True)
    last_contact_date = fields.Date(string="Last contact", readonly=True)
    date = fields.Date(
        string="Last touch",
        readonly=True,
        help="The last contact held, or the day the interest was shown if later.",
    )
    days_quiet = fields.Integer(string="Days quiet", readonly=True, aggregator="max")
    is_quiet = fields.Boolean(
        string="Quiet",
        readonly=True,
        help="Interest shown, no decision, and no contact for longer than the company's reminder period.",
    )
    open_deal_count = fields.Integer(string="Open deals", readonly=True, aggregator="sum")
    open_revenue = fields.Float(string="Expected revenue", readonly=True, aggregator="sum")
    won_count = fields.Integer(string="Won deals", readonly=True, aggregator="sum")

    @api.model
    def _interest_results(self):
        return INTEREST_RESULTS

    @property
    def _table_query(self):
        tz = self.env.context.get("tz") or "UTC"
        today = fields.Date.context_today(self)
        return SQL(
            """
            WITH res AS (
                SELECT s.partner_id,
                       s.contact_count,
                       s.first_interest AS first_positive,
                       s.held_since_interest,
                       s.last_contact,
                       s.last_result
                  FROM event_lead_contact_client s
            ),
            clients AS (
                SELECT p.id,
                       p.user_id,
                       -- The client's company: the partner's own, else its owner's. Taken from
                       -- the joined company row, not given as COALESCE(p.company_id,
                       -- u.company_id): the multi-company record rule filters on this column
                       -- (company_id IN (...) OR company_id IS NULL), and on that expression,
                       -- which it has no statistics for, PostgreSQL estimated one client in a
                       -- hundred, then chose nested loops into the client summaries and a
                       -- sort of every client to group them, a cost that grew with the
                       -- database. On res_company.id the filter is estimated from the
                       -- table's statistics; the left join keeps every client (the foreign
                       -- keys make co.id equal to the COALESCE, or NULL when both are NULL).
                       co.id AS company_id,
                       co.event_lead_schiffman_quiet_days AS quiet_days,
                       u.sale_team_id AS team_id,
                       COALESCE(res.contact_count, 0)::int AS contact_count,
                       res.first_positive,
                       COALESCE(res.held_since_interest, 0) AS held_since_positive,
                       res.last_contact,
                       res.last_result,
                       -- the client's deals, summed up on the client by the transaction that
                       -- changes a deal (res.partner._compute_event_lead_deals): the board does
                       -- not group every deal of the database each time it opens
                       LEAST(res.first_positive,
                             (p.event_lead_first_opportunity_date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date)
                           AS interest_date,
                       COALESCE(p.event_lead_won_count, 0) AS won_count,
                       COALESCE(p.event_lead_lost_count, 0) AS lost_count,
                       COALESCE(p.event_lead_open_deal_count, 0) AS open_count,
                       COALESCE(p.event_lead_contract_open, FALSE) AS contract_open,
                       COALESCE(p.event_lead_open_revenue, 0.0) AS open_revenue
                  FROM res_partner p
             LEFT JOIN res_users u ON u.id = p.user_id
             LEFT JOIN res_company co ON co.id = COALESCE(p.company_id, u.company_id)
             LEFT JOIN res ON res.partner_id = p.id
                 WHERE p.active
                   -- a commercial entity (Odoo's rule for commercial_partner_id; the planner
                   -- estimates this, not a comparison of two columns)
                   AND (p.is_company OR p.parent_id IS NULL)
                   AND p.is_competitor IS NOT TRUE
                   AND (p.user_id IS NOT NULL OR res.partner_id IS NOT NULL OR p.event_lead_deal_count > 0)
                   AND NOT EXISTS (SELECT 1 FROM res_company c
                                    WHERE c.partner_id = p.id OR c.event_lead_pool_user_id = p.user_id)
                   AND NOT EXISTS (SELECT 1 FROM res_users iu WHERE iu.partner_id = p.id)
            ),
            staged AS (
                SELECT c.*,
                       GREATEST(
                           CASE
                               WHEN c.interest_date IS NULL THEN 0
                               WHEN c.interest_date = c.first_positive THEN c.held_since_positive - 1
                               -- an opportunity opened before any positive result: the contacts since then
                               ELSE since_opportunity.held
                           END, 0) AS since_interest,
                       (c.open_count = 0 AND (c.lost_count > 0 OR c.last_result IN %(refusals)s)) AS is_lost,
                       GREATEST(c.last_contact, c.interest_date) AS last_touch
                  FROM clients c
             -- one count per client where it is needed (not one copy of a sub-select in
             -- each column that uses since_interest); the planner drops the join when
             -- no asked column needs it (the pivot by person and month)
             LEFT JOIN LATERAL (SELECT COUNT(*)::int AS held FROM event_lead_contact_result r
                                 WHERE c.interest_date IS DISTINCT FROM c.first_positive
                                   AND r.commercial_partner_id = c.id AND r.date >= c.interest_date
                               ) since_opportunity ON TRUE
            ),
            classified AS (
                SELECT s.*,
                       CASE
                           WHEN s.contract_open THEN 'contract'
                           WHEN s.won_count > 0 THEN 'purchase'
                           WHEN s.is_lost THEN 'lost'
                           WHEN s.interest_date IS NOT NULL AND s.since_interest > 3 THEN 'prospect'
                       END AS result
                  FROM staged s
            )
            SELECT c.id,
                   c.id AS partner_id,
                   c.user_id,
                   c.team_id,
                   c.company_id,
                   CASE
                       WHEN c.result IS NOT NULL THEN '5_result'
                       WHEN c.interest_date IS NULL THEN '0_prospect'
                       WHEN c.since_interest = 0 THEN '1_interested'
                       ELSE (c.since_interest + 1) || '_contact_' || c.since_interest
                   END AS stage,
                   c.result,
                   1 AS client_count,
                   c.contact_count,
                   c.since_interest AS contacts_since_interest,
                   c.interest_date,
                   c.last_contact AS last_contact_date,
                   c.last_touch AS date,
                   COALESCE(%(today)s - c.last_touch, 0) AS days_quiet,
                   (c.interest_date IS NOT NULL
                    AND (c.result IS NULL OR c.result = 'prospect')
                    AND %(today)s - c.last_touch > COALESCE(c.quiet_days, %(default_days)s))
                       AS is_quiet,
                   c.open_count AS open_deal_count,
                   c.open_revenue,
                   c.won_count
              FROM classified c
            """,
            interest=tuple(self._interest_results()),
            refusals=REFUSALS,
            tz=tz,
            today=today,
            default_days=DEFAULT_QUIET_DAYS,
        )

    def _without_jit(self, method, *args, **kwargs):
        """Call ``method`` with PostgreSQL's JIT compilation off, then put the
        setting back as it was.

        The board's columns need, for each client, the contacts since its
        interest (a count by index, run only for the clients whose interest
        began with an opportunity). PostgreSQL prices that count for every
        client: on a whole board (100,000 clients) the query is priced above
        ``jit_above_cost`` and ``jit_optimize_above_cost`` and compiling it
        took 1 to 2 seconds for a query that runs in well under one. Only the
        compilation is switched off, for this query: the plan, the rows and the
        record rules are the same.
        """
        cr = self.env.cr
        cr.execute(SQL("SELECT current_setting('jit'), set_config('jit', 'off', true)"))
        previous = cr.fetchone()[0]
        try:
            return method(*args, **kwargs)
        finally:
            if not cr.closed:
                # a failed query aborts the transaction: its rollback takes the setting back
                with contextlib.suppress(psycopg2.errors.InFailedSqlTransaction):
                    cr.execute(SQL("SELECT set_config('jit', %s, true)", previous), log_exceptions=False)

    @api.model
    def _read_group(self, *args, **kwargs):
        return self._without_jit(super()._read_group, *args, **kwargs)

    @api.model
    def search_fetch(self, *args, **kwargs):
        return self._without_jit(super().search_fetch, *args, **kwargs)

    def action_open_client(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

from odoo import fields, models
from odoo.tools import SQL


class EventLeadBonusReport(models.Model):
    """Bonus per owner: the won revenue credited to each person as the
    client's owner (the bonus owner of the deal) next to the revenue each
    person closed as the deal's salesperson.

    Each won deal gives two rows: one for its bonus owner (credited) and one
    for its salesperson (closed); when they are the same person, that person
    has both.
    """

    _name = "event.lead.bonus.report"
    _description = "Bonus per owner"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "lead_id"
    _depends = {
        "crm.lead": [
            "won_status",
            "date_closed",
            "event_lead_bonus_user_id",
            "user_id",
            "team_id",
            "event_lead_client_id",
            "company_id",
            "expected_revenue",
        ],
    }

    row_kind = fields.Selection([("credited", "Credited"), ("closed", "Closed")], string="Row", readonly=True)
    date = fields.Date(string="Won on", readonly=True)
    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Won deal", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    bonus_user_id = fields.Many2one("res.users", string="Bonus owner", readonly=True)
    closer_id = fields.Many2one("res.users", string="Closed by", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    credited_revenue = fields.Float(
        string="Credited revenue",
        readonly=True,
        aggregator="sum",
        help="Won revenue of the person's clients: the bonus base.",
    )
    credited_count = fields.Integer(string="Credited deals", readonly=True, aggregator="sum")
    closed_revenue = fields.Float(
        string="Closed revenue", readonly=True, aggregator="sum", help="Won revenue of the deals the person closed."
    )
    closed_count = fields.Integer(string="Closed deals", readonly=True, aggregator="sum")
    amount = fields.Float(
        readonly=True, aggregator="sum", help="The credited or closed revenue of the line (the graph compares them)."
    )
    credited_from_others = fields.Float(
        string="Credited, closed by others",
        readonly=True,
        aggregator="sum",
        help="Credited revenue of deals someone else closed with the person's clients.",
    )
    closed_for_others = fields.Float(
        string="Closed for other owners",
        readonly=True,
        aggregator="sum",
        help="Revenue the person closed with clients owned by someone else (or by nobody).",
    )

    @property
    def _table_query(self):
        tz = self.env.context.get("tz") or "UTC"
        return SQL(
            """
            WITH won AS (
                SELECT l.id,
                       (l.date_closed AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS date,
                       l.user_id,
                       l.event_lead_bonus_user_id AS bonus_user_id,
                       l.team_id,
                       l.event_lead_client_id,
                       l.company_id,
                       COALESCE(l.expected_revenue, 0.0) AS amount,
                       l.event_lead_bonus_user_id IS DISTINCT FROM l.user_id AS crossed
                  FROM crm_lead l
                 WHERE l.won_status = 'won'
            )
            SELECT 2 * w.id AS id,
                   'credited' AS row_kind,
                   w.date,
                   w.bonus_user_id AS user_id,
                   w.team_id,
                   w.id AS lead_id,
                   w.event_lead_client_id AS commercial_partner_id,
                   w.bonus_user_id,
                   w.user_id AS closer_id,
                   w.company_id,
                   w.amount AS credited_revenue,
                   1 AS credited_count,
                   0.0 AS closed_revenue,
                   0 AS closed_count,
                   CASE WHEN w.crossed THEN w.amount ELSE 0.0 END AS credited_from_others,
                   0.0 AS closed_for_others,
                   w.amount
              FROM won w
             WHERE w.bonus_user_id IS NOT NULL
            UNION ALL
            SELECT 2 * w.id + 1 AS id,
                   'closed' AS row_kind,
                   w.date,
                   w.user_id,
                   w.team_id,
                   w.id AS lead_id,
                   w.event_lead_client_id AS commercial_partner_id,
                   w.bonus_user_id,
                   w.user_id AS closer_id,
                   w.company_id,
                   0.0 AS credited_revenue,
                   0 AS credited_count,
                   w.amount AS closed_revenue,
                   1 AS closed_count,
                   0.0 AS credited_from_others,
                   CASE WHEN w.crossed THEN w.amount ELSE 0.0 END AS closed_for_others,
                   w.amount
              FROM won w
             WHERE w.user_id IS NOT NULL
            """,
            tz=tz,
        )

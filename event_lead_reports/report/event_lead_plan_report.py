from odoo import api, fields, models
from odoo.tools import SQL


class EventLeadPlanReport(models.Model):
    """Planned vs actual sales per person and sales team, per month.

    Planned: the monthly plans of the people (``event.lead.sales.plan``);
    a team's plan is the sum of its people's. Where Odoo's Sales app is
    installed, a team's monthly invoicing target is shown too, as its own
    measure (Odoo keeps one standing target per team, so it applies to every
    month). Actual: the expected revenue of the deals won that month,
    credited to the bonus owner (the client's owner when the deal was won,
    whoever closed it), or to the salesperson when the deal has no bonus
    owner, and to the sales team of that person.
    """

    _name = "event.lead.plan.report"
    _inherit = ["event.lead.report.ratio.mixin"]
    _description = "Planned vs actual sales"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "user_id"
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
        "event.lead.sales.plan": ["date", "user_id", "team_id", "company_id", "amount"],
        "res.users": ["sale_team_id"],
        "crm.team": ["active", "company_id"],
    }
    _ratio_measures = {
        "achievement": ("actual_amount", "planned_amount", "sum", 100),
        "team_achievement": ("actual_amount", "team_target", "sum", 100),
    }

    row_kind = fields.Selection(
        [("plan", "Plan"), ("won", "Won deal"), ("team_target", "Team target")], string="Row", readonly=True
    )
    date = fields.Date(string="Month", readonly=True)
    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Won deal", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    planned_amount = fields.Float(string="Planned", readonly=True, aggregator="sum")
    actual_amount = fields.Float(string="Actual", readonly=True, aggregator="sum")
    won_count = fields.Integer(string="Won deals", readonly=True, aggregator="sum")
    amount = fields.Float(
        readonly=True,
        aggregator="sum",
        help="The planned, won or target amount of the line: grouped by row, the graph shows plan vs actual.",
    )
    achievement = fields.Float(
        string="Achievement (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Actual over planned, in %, computed on the totals of each line of the report.",
    )
    team_target = fields.Float(
        string="Team target",
        readonly=True,
        aggregator="sum",
        help="The sales team's monthly invoicing target of Odoo's Sales app (zero without it).",
    )
    team_achievement = fields.Float(
        string="Team target achievement (%)", readonly=True, aggregator="avg", digits=(16, 2)
    )

    @api.model
    def _team_target_sql(self):
        """Monthly team-target rows, where Odoo's Sales app gives teams one."""
        if "invoiced_target" not in self.env["crm.team"]._fields:
            return SQL("")
        return SQL(
            """
            UNION ALL
            SELECT 3 * (t.id * 100000 + (EXTRACT(YEAR FROM m.date) * 12 + EXTRACT(MONTH FROM m.date))::int) + 2 AS id,
                   'team_target' AS row_kind,
                   m.date,
                   NULL AS user_id,
                   t.id AS team_id,
                   NULL AS lead_id,
                   NULL AS commercial_partner_id,
                   t.company_id,
                   0.0 AS planned_amount,
                   0.0 AS actual_amount,
                   0 AS won_count,
                   0.0 AS achievement,
                   t.invoiced_target AS team_target,
                   0.0 AS team_achievement,
                   t.invoiced_target AS amount
              FROM crm_team t
              JOIN months m ON TRUE
             WHERE t.active AND t.invoiced_target > 0
            """,
            to_flush=self.env["crm.team"]._fields["invoiced_target"],
        )

    @property
    def _table_query(self):
        tz = self.env.context.get("tz") or "UTC"
        today = fields.Date.context_today(self)
        return SQL(
            """
            WITH won AS (
                SELECT l.id,
                       date_trunc('month', l.date_closed AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS date,
                       COALESCE(l.event_lead_bonus_user_id, l.user_id) AS user_id,
                       COALESCE(cu.sale_team_id, l.team_id) AS team_id,
                       l.event_lead_client_id,
                       l.company_id,
                       COALESCE(l.expected_revenue, 0.0) AS amount
                  FROM crm_lead l
             LEFT JOIN res_users cu ON cu.id = COALESCE(l.event_lead_bonus_user_id, l.user_id)
                 WHERE l.won_status = 'won' AND l.date_closed IS NOT NULL
            ),
            months AS (
                SELECT DISTINCT date FROM won
                 UNION
                SELECT date FROM event_lead_sales_plan
                 UNION
                SELECT date_trunc('month', %(today)s::date)::date
            )
            SELECT 3 * p.id AS id,
                   'plan' AS row_kind,
                   p.date,
                   p.user_id,
                   p.team_id,
                   NULL AS lead_id,
                   NULL AS commercial_partner_id,
                   p.company_id,
                   p.amount AS planned_amount,
                   0.0 AS actual_amount,
                   0 AS won_count,
                   0.0 AS achievement,
                   0.0 AS team_target,
                   0.0 AS team_achievement,
                   p.amount
              FROM event_lead_sales_plan p
            UNION ALL
            SELECT 3 * w.id + 1 AS id,
                   'won' AS row_kind,
                   w.date,
                   w.user_id,
                   w.team_id,
                   w.id AS lead_id,
                   w.event_lead_client_id AS commercial_partner_id,
                   w.company_id,
                   0.0 AS planned_amount,
                   w.amount AS actual_amount,
                   1 AS won_count,
                   0.0 AS achievement,
                   0.0 AS team_target,
                   0.0 AS team_achievement,
                   w.amount
              FROM won w
            %(team_targets)s
            """,
            tz=tz,
            today=today,
            team_targets=self._team_target_sql(),
        )

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.event_lead_followup.models.event_lead_contact_result import REFUSALS


class EventLeadRefusalReport(models.Model):
    """Why clients say no: refusals recorded as contact results and lost
    opportunities, on the same list of reasons (``crm.lost.reason``)."""

    _name = "event.lead.refusal.report"
    _description = "Refusal reasons"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "lost_reason_id"
    _depends = {
        "event.lead.contact.result": [
            "date",
            "result_type",
            "lost_reason_id",
            "user_id",
            "team_id",
            "event_id",
            "commercial_partner_id",
            "lead_id",
            "company_id",
        ],
        "crm.lead": [
            "won_status",
            "write_date",
            "lost_reason_id",
            "user_id",
            "team_id",
            "event_id",
            "event_lead_client_id",
            "company_id",
            "expected_revenue",
        ],
    }

    origin = fields.Selection(
        [
            ("refused_participation", "Refused to participate"),
            ("refused_visit", "Refused to visit"),
            ("lost_deal", "Lost opportunity"),
        ],
        string="Refusal",
        readonly=True,
    )
    date = fields.Date(
        readonly=True,
        help="Refusals: the day of the contact. Lost opportunities: the day they were last changed "
        "(Odoo keeps no date of loss).",
    )
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Reason", readonly=True)
    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    event_id = fields.Many2one("event.event", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    refusal_count = fields.Integer(string="Refusals", readonly=True, aggregator="sum")
    contact_refusal_count = fields.Integer(string="Refused in contacts", readonly=True, aggregator="sum")
    lost_deal_count = fields.Integer(string="Lost opportunities", readonly=True, aggregator="sum")
    lost_revenue = fields.Float(
        string="Lost revenue", readonly=True, aggregator="sum", help="Expected revenue of the lost opportunities."
    )

    @api.model
    def _lost_date_sql(self):
        return SQL("(l.write_date AT TIME ZONE 'UTC' AT TIME ZONE %s)::date", self.env.context.get("tz") or "UTC")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT 2 * r.id AS id,
                   r.result_type AS origin,
                   r.date,
                   r.lost_reason_id,
                   r.user_id,
                   r.team_id,
                   r.event_id,
                   r.commercial_partner_id,
                   r.lead_id,
                   r.company_id,
                   1 AS refusal_count,
                   1 AS contact_refusal_count,
                   0 AS lost_deal_count,
                   0.0 AS lost_revenue
              FROM event_lead_contact_result r
             WHERE r.result_type IN %(refusals)s
            UNION ALL
            SELECT 2 * l.id + 1 AS id,
                   'lost_deal' AS origin,
                   %(lost_date)s AS date,
                   l.lost_reason_id,
                   l.user_id,
                   l.team_id,
                   l.event_id,
                   l.event_lead_client_id AS commercial_partner_id,
                   l.id AS lead_id,
                   l.company_id,
                   1 AS refusal_count,
                   0 AS contact_refusal_count,
                   1 AS lost_deal_count,
                   COALESCE(l.expected_revenue, 0.0) AS lost_revenue
              FROM crm_lead l
             WHERE l.won_status = 'lost'
            """,
            refusals=REFUSALS,
            lost_date=self._lost_date_sql(),
        )

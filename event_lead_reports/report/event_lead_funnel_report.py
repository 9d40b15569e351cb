from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.event_lead_followup.models.event_lead_followup_kind import FOLLOWUP_KINDS
from odoo.addons.event_lead_followup.models.event_registration import FUNNEL_STAGES


class EventLeadFunnelReport(models.Model):
    """The event funnel, one row per person and per deal of each event.

    Three kinds of rows, so that any grouping (event, period, team, person)
    sums and averages correctly:

    - a *participant*: a registration, with its invitation if any;
    - an *invitee* who never registered: an invitation alone;
    - a *deal*: an opportunity attributed to the event (``crm.lead.event_id``).

    Counts are 0/1 columns summed; each conversion is a 0/100 column that is
    empty outside its base (attendance is counted on the registered only), so
    its average is the conversion of whatever group is shown. The no-show
    coverage comes from the contact results recorded with the event.
    """

    _name = "event.lead.funnel.report"
    _description = "Event funnel analysis"
    _auto = False
    _order = "date desc, event_id, id"
    _depends = {
        "event.registration": [
            "event_id",
            "partner_id",
            "event_lead_client_id",
            "event_lead_followup_user_id",
            "company_id",
            "event_lead_funnel_stage",
            "event_lead_followup_kind",
            "state",
            "event_lead_questionnaire_done",
            "active",
        ],
        "event.lead.invitation": ["registration_id", "event_id", "partner_id", "commercial_partner_id", "user_id"],
        "event.lead.contact.result": ["event_id", "partner_id", "date"],
        "event.event": ["date_begin", "date_end", "company_id"],
        "res.partner": ["user_id"],
        "res.users": ["sale_team_id"],
        "crm.lead": [
            "event_id",
            "partner_id",
            "event_lead_client_id",
            "user_id",
            "team_id",
            "company_id",
            "won_status",
            "expected_revenue",
            "active",
        ],
    }
    _rec_name = "partner_id"

    kind = fields.Selection(
        [("participant", "Participant"), ("invitee", "Invitee, not registered"), ("deal", "Deal")],
        readonly=True,
    )
    event_id = fields.Many2one("event.event", readonly=True)
    date = fields.Date(string="Event date", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Person", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        readonly=True,
        help="Who follows the participant up (or owns the client), who invited the invitee, who holds the deal.",
    )
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    funnel_stage = fields.Selection(FUNNEL_STAGES, string="Funnel stage", readonly=True)
    followup_kind = fields.Selection(FOLLOWUP_KINDS, string="Follow-up", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Deal", readonly=True)
    registration_id = fields.Many2one("event.registration", readonly=True)
    invitation_id = fields.Many2one("event.lead.invitation", readonly=True)

    invited_count = fields.Integer(string="Invited", readonly=True, aggregator="sum")
    registered_count = fields.Integer(string="Registered", readonly=True, aggregator="sum")
    uninvited_count = fields.Integer(string="Registered without invitation", readonly=True, aggregator="sum")
    attended_count = fields.Integer(string="Attended", readonly=True, aggregator="sum")
    questionnaire_count = fields.Integer(string="Questionnaires", readonly=True, aggregator="sum")
    interested_count = fields.Integer(string="Interested", readonly=True, aggregator="sum")
    qualified_count = fields.Integer(string="Qualified", readonly=True, aggregator="sum")
    handed_over_count = fields.Integer(string="Handed over", readonly=True, aggregator="sum")
    no_show_count = fields.Integer(string="Did not come", readonly=True, aggregator="sum")
    no_show_contacted_count = fields.Integer(string="No-shows contacted", readonly=True, aggregator="sum")
    lead_count = fields.Integer(string="Deals", readonly=True, aggregator="sum")
    won_count = fields.Integer(string="Deals won", readonly=True, aggregator="sum")
    expected_revenue = fields.Float(string="Expected revenue", readonly=True, aggregator="sum")
    won_revenue = fields.Float(string="Revenue won", readonly=True, aggregator="sum")

    registration_rate = fields.Float(string="Registered / invited (%)", readonly=True, aggregator="avg")
    attendance_rate = fields.Float(string="Attended / registered (%)", readonly=True, aggregator="avg")
    questionnaire_rate = fields.Float(string="Questionnaires / attended (%)", readonly=True, aggregator="avg")
    interest_rate = fields.Float(string="Interested / registered (%)", readonly=True, aggregator="avg")
    qualification_rate = fields.Float(string="Qualified / interested (%)", readonly=True, aggregator="avg")
    handover_rate = fields.Float(string="Handed over / qualified (%)", readonly=True, aggregator="avg")
    no_show_coverage = fields.Float(string="No-shows contacted (%)", readonly=True, aggregator="avg")
    days_to_contact = fields.Float(
        string="Days to contact a no-show",
        readonly=True,
        aggregator="avg",
        help="Days between the end of the event and the first contact result with a no-show.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH participant AS (
                SELECT r.id AS registration_id,
                       r.event_id,
                       r.partner_id,
                       r.event_lead_client_id AS client_id,
                       COALESCE(r.event_lead_followup_user_id, client.user_id) AS user_id,
                       r.company_id,
                       r.event_lead_funnel_stage AS stage,
                       r.event_lead_followup_kind AS followup_kind,
                       i.id IS NOT NULL AS invited,
                       r.state <> 'cancel' AS registered,
                       r.state = 'done' AS attended,
                       r.state <> 'cancel' AND r.event_lead_questionnaire_done AS questionnaire,
                       r.event_lead_funnel_stage IN %(interested)s AS interested,
                       r.event_lead_funnel_stage IN %(qualified)s AS qualified,
                       r.event_lead_funnel_stage = 'handed_over' AS handed_over,
                       r.event_lead_funnel_stage = 'no_show' AS no_show,
                       contact.first_date
                  FROM event_registration r
             LEFT JOIN event_lead_invitation i ON i.registration_id = r.id
             LEFT JOIN res_partner client ON client.id = r.event_lead_client_id
             LEFT JOIN LATERAL (
                        SELECT MIN(c.date) AS first_date
                          FROM event_lead_contact_result c
                         WHERE c.event_id = r.event_id
                           AND c.partner_id = r.partner_id
                           AND r.event_lead_funnel_stage = 'no_show'
                       ) contact ON TRUE
                 WHERE r.active
            )
            SELECT p.registration_id * 3 AS id,
                   'participant' AS kind,
                   p.event_id,
                   e.date_begin::date AS date,
                   p.partner_id,
                   p.client_id AS commercial_partner_id,
                   p.user_id,
                   u.sale_team_id AS team_id,
                   COALESCE(p.company_id, e.company_id) AS company_id,
                   p.stage AS funnel_stage,
                   p.followup_kind,
                   NULL::integer AS lead_id,
                   p.registration_id,
                   NULL::integer AS invitation_id,
                   p.invited::int AS invited_count,
                   p.registered::int AS registered_count,
                   (p.registered AND NOT p.invited)::int AS uninvited_count,
                   p.attended::int AS attended_count,
                   p.questionnaire::int AS questionnaire_count,
                   p.interested::int AS interested_count,
                   p.qualified::int AS qualified_count,
                   p.handed_over::int AS handed_over_count,
                   p.no_show::int AS no_show_count,
                   (p.no_show AND p.first_date IS NOT NULL)::int AS no_show_contacted_count,
                   0 AS lead_count,
                   0 AS won_count,
                   0.0 AS expected_revenue,
                   0.0 AS won_revenue,
                   CASE WHEN p.invited THEN 100.0 END AS registration_rate,
                   CASE WHEN p.registered THEN 100.0 * p.attended::int END AS attendance_rate,
                   CASE WHEN p.attended THEN 100.0 * p.questionnaire::int END AS questionnaire_rate,
                   CASE WHEN p.registered THEN 100.0 * p.interested::int END AS interest_rate,
                   CASE WHEN p.interested THEN 100.0 * p.qualified::int END AS qualification_rate,
                   CASE WHEN p.qualified THEN 100.0 * p.handed_over::int END AS handover_rate,
                   CASE WHEN p.no_show THEN 100.0 * (p.first_date IS NOT NULL)::int END AS no_show_coverage,
                   CASE WHEN p.no_show AND p.first_date IS NOT NULL
                        THEN GREATEST(p.first_date - e.date_end::date, 0) END AS days_to_contact
              FROM participant p
              JOIN event_event e ON e.id = p.event_id
         LEFT JOIN res_users u ON u.id = p.user_id

            UNION ALL

            SELECT i.id * 3 + 1 AS id,
                   'invitee' AS kind,
                   i.event_id,
                   e.date_begin::date AS date,
                   i.partner_id,
                   i.commercial_partner_id,
                   i.user_id,
                   u.sale_team_id AS team_id,
                   e.company_id,
                   NULL AS funnel_stage,
                   NULL AS followup_kind,
                   NULL::integer AS lead_id,
                   NULL::integer AS registration_id,
                   i.id AS invitation_id,
                   1 AS invited_count,
                   0 AS registered_count,
                   0 AS uninvited_count,
                   0 AS attended_count,
                   0 AS questionnaire_count,
                   0 AS interested_count,
                   0 AS qualified_count,
                   0 AS handed_over_count,
                   0 AS no_show_count,
                   0 AS no_show_contacted_count,
                   0 AS lead_count,
                   0 AS won_count,
                   0.0 AS expected_revenue,
                   0.0 AS won_revenue,
                   0.0 AS registration_rate,
                   NULL AS attendance_rate,
                   NULL AS questionnaire_rate,
                   NULL AS interest_rate,
                   NULL AS qualification_rate,
                   NULL AS handover_rate,
                   NULL AS no_show_coverage,
                   NULL AS days_to_contact
              FROM event_lead_invitation i
              JOIN event_event e ON e.id = i.event_id
         LEFT JOIN res_users u ON u.id = i.user_id
             WHERE i.registration_id IS NULL

            UNION ALL

            SELECT l.id * 3 + 2 AS id,
                   'deal' AS kind,
                   l.event_id,
                   e.date_begin::date AS date,
                   l.partner_id,
                   l.event_lead_client_id AS commercial_partner_id,
                   l.user_id,
                   l.team_id,
                   l.company_id,
                   NULL AS funnel_stage,
                   NULL AS followup_kind,
                   l.id AS lead_id,
                   NULL::integer AS registration_id,
                   NULL::integer AS invitation_id,
                   0 AS invited_count,
                   0 AS registered_count,
                   0 AS uninvited_count,
                   0 AS attended_count,
                   0 AS questionnaire_count,
                   0 AS interested_count,
                   0 AS qualified_count,
                   0 AS handed_over_count,
                   0 AS no_show_count,
                   0 AS no_show_contacted_count,
                   1 AS lead_count,
                   (l.won_status = 'won')::int AS won_count,
                   CASE WHEN l.won_status = 'pending' THEN COALESCE(l.expected_revenue, 0) ELSE 0 END
                       AS expected_revenue,
                   CASE WHEN l.won_status = 'won' THEN COALESCE(l.expected_revenue, 0) ELSE 0 END AS won_revenue,
                   NULL AS registration_rate,
                   NULL AS attendance_rate,
                   NULL AS questionnaire_rate,
                   NULL AS interest_rate,
                   NULL AS qualification_rate,
                   NULL AS handover_rate,
                   NULL AS no_show_coverage,
                   NULL AS days_to_contact
              FROM crm_lead l
              JOIN event_event e ON e.id = l.event_id
             WHERE l.event_id IS NOT NULL
               AND (l.active OR l.won_status = 'lost')
            """,
            interested=("interested", "qualified", "handed_over"),
            qualified=("qualified", "handed_over"),
        )

    def action_open_record(self):
        """The registration, invitation or deal behind the row."""
        self.ensure_one()
        model, res_id = {
            "participant": ("event.registration", self.registration_id.id),
            "invitee": ("event.lead.invitation", self.invitation_id.id),
            "deal": ("crm.lead", self.lead_id.id),
        }[self.kind]
        return {"type": "ir.actions.act_window", "res_model": model, "res_id": res_id, "view_mode": "form"}

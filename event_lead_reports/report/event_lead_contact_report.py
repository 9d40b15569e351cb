import contextlib
import contextvars
import datetime

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.event_lead_followup.models.event_lead_contact_result import DIRECTIONS, REFUSALS, RESULT_TYPES

from ..models.event_lead_contact_month import KEY_COLUMNS

# A held contact is positive when it moved the client forward: the client
# accepted an invitation, asked for a manual, or bought. A postponement, a
# refusal or a free-text result is not (the help of the actions says so).
POSITIVE_RESULTS = ("invitation_sent", "manual_sent", "sale")

# Read from the monthly counts (event.lead.contact.month) instead of every
# contact result, for the call being answered: set by _read_group and
# _read_grouping_sets only, never by a caller.
_MONTHLY = contextvars.ContextVar("event_lead_contact_report_monthly", default=False)
# what a month row keeps of a held contact
# (and the event's lead, joined from the event)
MONTHLY_DIMENSIONS = {"row_kind", "event_user_id", *KEY_COLUMNS}
MONTHLY_GRANULARITIES = {"month", "quarter", "year", "month_number", "quarter_number", "year_number"}
# 0 or 1 per held contact, n on a month row: "> 0", "= 0" select the same contacts
UNIT_MEASURES = {"contact_count", "positive_count", "postponement_count", "refusal_count"}
# 0 on every held row, read from the open activities themselves in both forms
PLANNED_MEASURES = {"planned_count", "overdue_count", "overdue_days", "days_late_avg"}
SUMMED_MEASURES = UNIT_MEASURES | PLANNED_MEASURES | {"postponed_days"}


class EventLeadContactReport(models.Model):
    """The work of each person: held contacts and their results, open and
    overdue follow-ups.

    One row per contact result (a held contact) and one per open planned
    contact (an activity on a client or a deal, dated today: it is the
    situation now, not history), so that one pivot shows
    contacts by type, effectiveness, postponements and overdue follow-ups per
    person, per sales team (department) and per event (the event-project
    team: everyone who held or planned a contact about the event).
    """

    _name = "event.lead.contact.report"
    _inherit = ["event.lead.report.ratio.mixin"]
    _description = "Contacts and effectiveness"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "commercial_partner_id"
    _depends = {
        "event.lead.contact.result": [
            "date",
            "user_id",
            "team_id",
            "event_id",
            "commercial_partner_id",
            "lead_id",
            "activity_type_id",
            "result_type",
            "direction",
            "lost_reason_id",
            "company_id",
            "postponed_days",
        ],
        "event.lead.contact.month": ["date", *KEY_COLUMNS, "contact_count", "postponed_days"],
        "event.event": ["user_id"],
        "mail.activity": [
            "active",
            "date_deadline",
            "user_id",
            "res_model",
            "res_id",
            "activity_type_id",
            "event_lead_event_id",
            "event_lead_document_id",
        ],
        "crm.lead": ["team_id", "event_lead_client_id", "company_id"],
        "res.partner": ["commercial_partner_id", "company_id"],
        "res.users": ["sale_team_id", "company_id"],
    }
    _ratio_measures = {
        "effectiveness": ("positive_count", "contact_count", "sum", 100),
        "postponements_per_client": ("postponement_count", "postponed_client_id", "count_distinct", 1),
        "days_late_avg": ("overdue_days", "overdue_count", "sum", 1),
    }

    row_kind = fields.Selection([("held", "Held contact"), ("planned", "Planned contact")], string="Row", readonly=True)
    date = fields.Date(
        readonly=True,
        help="Held contacts: the day of the contact. Open planned contacts are today's situation: dated today.",
    )
    deadline = fields.Date(readonly=True, help="Of an open planned contact.")
    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    event_id = fields.Many2one("event.event", readonly=True)
    event_user_id = fields.Many2one(
        "res.users", string="Event lead", readonly=True, help="The person responsible for the event."
    )
    commercial_partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", string="Contact type", readonly=True)
    result_type = fields.Selection(RESULT_TYPES, string="Result", readonly=True)
    direction = fields.Selection(DIRECTIONS, readonly=True)
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Refusal reason", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    contact_count = fields.Integer(string="Held contacts", readonly=True, aggregator="sum")
    positive_count = fields.Integer(string="Positive results", readonly=True, aggregator="sum")
    effectiveness = fields.Float(
        string="Effectiveness (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Positive results over held contacts, in %. Positive: invitation sent, manual sent, sale. "
        "Postponed, refused and other results are held contacts that are not positive.",
    )
    postponement_count = fields.Integer(string="Postponements", readonly=True, aggregator="sum")
    postponed_days = fields.Integer(string="Days postponed", readonly=True, aggregator="sum")
    postponed_client_id = fields.Many2one("res.partner", string="Postponing client", readonly=True)
    postponements_per_client = fields.Float(
        string="Postponements per client",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Postponements over the number of clients who postponed: how often the contact with one client "
        "was dragged.",
    )
    refusal_count = fields.Integer(string="Refusals", readonly=True, aggregator="sum")
    planned_count = fields.Integer(string="Open planned contacts", readonly=True, aggregator="sum")
    overdue_count = fields.Integer(
        string="Overdue follow-ups",
        readonly=True,
        aggregator="sum",
        help="Open planned contacts whose deadline has passed.",
    )
    overdue_days = fields.Integer(string="Days late", readonly=True, aggregator="sum")
    days_late_avg = fields.Float(
        string="Average days late", readonly=True, aggregator="avg", digits=(16, 1), help="Of the overdue follow-ups."
    )

    @api.model
    def _positive_results(self):
        """The result types counted as positive (hook)."""
        return POSITIVE_RESULTS

    # ------------------------------------------------------------ where the rows come from

    @property
    def _table_query(self):
        today = fields.Date.context_today(self)
        held = self._held_sql(monthly=_MONTHLY.get())
        return SQL(
            """
            %(held)s
            UNION ALL
            SELECT 2 * a.id + 1 AS id,
                   1 AS row_count,
                   'planned' AS row_kind,
                   %(today)s::date AS date,
                   a.date_deadline AS deadline,
                   a.user_id,
                   COALESCE(l.team_id, u.sale_team_id) AS team_id,
                   a.event_lead_event_id AS event_id,
                   ev.user_id AS event_user_id,
                   COALESCE(l.event_lead_client_id, p.commercial_partner_id) AS commercial_partner_id,
                   l.id AS lead_id,
                   a.activity_type_id,
                   NULL AS result_type,
                   NULL AS direction,
                   NULL AS lost_reason_id,
                   COALESCE(l.company_id, p.company_id, u.company_id) AS company_id,
                   0 AS contact_count,
                   0 AS positive_count,
                   0.0 AS effectiveness,
                   0 AS postponement_count,
                   0 AS postponed_days,
                   NULL AS postponed_client_id,
                   0.0 AS postponements_per_client,
                   0 AS refusal_count,
                   1 AS planned_count,
                   (a.date_deadline < %(today)s)::int AS overdue_count,
                   GREATEST(%(today)s - a.date_deadline, 0) AS overdue_days,
                   GREATEST(%(today)s - a.date_deadline, 0)::double precision AS days_late_avg
              FROM mail_activity a
              JOIN res_users u ON u.id = a.user_id
         LEFT JOIN crm_lead l ON a.res_model = 'crm.lead' AND l.id = a.res_id
         LEFT JOIN res_partner p ON a.res_model = 'res.partner' AND p.id = a.res_id
         LEFT JOIN event_event ev ON ev.id = a.event_lead_event_id
             WHERE a.active
               AND a.res_model IN ('crm.lead', 'res.partner')
               AND a.event_lead_document_id IS NULL
            """,
            held=held,
            today=today,
        )

    def _held_sql(self, monthly=False):
        """The held contacts: one row per contact result, or (``monthly``)
        one per month and key of event.lead.contact.month, dated the first
        of its month, without the client and the deal. ``n`` is the number
        of contacts a row stands for."""
        if monthly:
            source = SQL(
                """
                SELECT m.id, m.contact_count AS n, m.date, m.user_id, m.team_id, m.event_id, m.activity_type_id,
                       m.result_type, m.direction, m.lost_reason_id, m.company_id,
                       NULL::int AS commercial_partner_id, NULL::int AS lead_id, m.postponed_days
                  FROM event_lead_contact_month m
                """
            )
        else:
            source = SQL(
                """
                SELECT r.id, 1 AS n, r.date, r.user_id, r.team_id, r.event_id, r.activity_type_id,
                       r.result_type, r.direction, r.lost_reason_id, r.company_id,
                       r.commercial_partner_id, r.lead_id,
                       CASE WHEN r.result_type = 'postponed' THEN COALESCE(r.postponed_days, 0) ELSE 0 END
                           AS postponed_days
                  FROM event_lead_contact_result r
                """
            )
        return SQL(
            """
            SELECT 2 * h.id AS id,
                   h.n AS row_count,
                   'held' AS row_kind,
                   h.date,
                   NULL::date AS deadline,
                   h.user_id,
                   h.team_id,
                   h.event_id,
                   ev.user_id AS event_user_id,
                   h.commercial_partner_id,
                   h.lead_id,
                   h.activity_type_id,
                   h.result_type,
                   h.direction,
                   h.lost_reason_id,
                   h.company_id,
                   h.n AS contact_count,
                   CASE WHEN h.result_type IN %(positive)s THEN h.n ELSE 0 END AS positive_count,
                   CASE WHEN h.result_type IN %(positive)s THEN 100.0 ELSE 0.0 END AS effectiveness,
                   CASE WHEN h.result_type = 'postponed' THEN h.n ELSE 0 END AS postponement_count,
                   h.postponed_days,
                   CASE WHEN h.result_type = 'postponed' THEN h.commercial_partner_id END AS postponed_client_id,
                   (h.result_type = 'postponed')::int::double precision AS postponements_per_client,
                   CASE WHEN h.result_type IN %(refusals)s THEN h.n ELSE 0 END AS refusal_count,
                   0 AS planned_count,
                   0 AS overdue_count,
                   0 AS overdue_days,
                   0.0 AS days_late_avg
              FROM (%(source)s) h
         LEFT JOIN event_event ev ON ev.id = h.event_id
            """,
            source=source,
            positive=tuple(self._positive_results()),
            refusals=REFUSALS,
        )

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        with self._monthly_if_exact(domain, groupby, aggregates, having, order):
            return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)

    @api.model
    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        groupby = {spec for grouping_set in grouping_sets for spec in grouping_set}
        with self._monthly_if_exact(domain, groupby, aggregates, (), order):
            return super()._read_grouping_sets(domain, grouping_sets, aggregates, order)

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec == "__count" and _MONTHLY.get():
            # the contacts a month row stands for
            return SQL("SUM(%s)", SQL.identifier(self._table, "row_count"))
        return super()._read_group_select(aggregate_spec, query)

    @contextlib.contextmanager
    def _monthly_if_exact(self, domain, groupby, aggregates, having, order):
        """Answer from the monthly counts when they give the very figures
        the contact results would: groups and filters by month or coarser,
        on what a month row keeps, of summed measures. Anything else (a
        client, a day or week, the distinct postponing clients) is answered
        from the contact results."""
        monthly = self._monthly_exact(domain, groupby, aggregates, having, order)
        token = _MONTHLY.set(monthly)
        try:
            yield
        finally:
            _MONTHLY.reset(token)

    def _monthly_exact(self, domain, groupby, aggregates, having, order):
        for spec in groupby:
            fname, _sep, granularity = spec.partition(":")
            if fname == "date" and granularity not in MONTHLY_GRANULARITIES:
                return False
            if fname != "date" and (granularity or fname not in MONTHLY_DIMENSIONS):
                return False
        specs = [*aggregates, *(condition.field_expr for condition in Domain(having or []).iter_conditions())]
        if not all(spec == "__count" or self._monthly_aggregate(spec) for spec in specs):
            return False
        known = MONTHLY_DIMENSIONS | SUMMED_MEASURES | {"date", "__count"} | set(self._ratio_measures)
        for term in (order or "").split(","):
            name = term.strip().split(" ")[0].partition(":")[0]
            if name and name not in known:
                return False
        rules = self.env["ir.rule"]._compute_domain(self._name, "read")
        conditions = (Domain(domain or []) & rules).iter_conditions()
        return all(self._monthly_condition(condition) for condition in conditions)

    def _monthly_aggregate(self, spec):
        fname, _sep, function = spec.partition(":")
        ratio = self._ratio_measures.get(fname)
        if ratio:
            numerator, denominator, denominator_aggregate, _factor = ratio
            return (
                function in ("sum", "avg", "min", "max")
                and denominator_aggregate == "sum"
                and {numerator, denominator} <= SUMMED_MEASURES
            )
        return fname in SUMMED_MEASURES and function == "sum"

    def _monthly_condition(self, condition):
        fname = condition.field_expr.split(".")[0]
        operator, value = condition.operator, condition.value
        if fname in MONTHLY_DIMENSIONS or fname in PLANNED_MEASURES:
            return True
        if fname in UNIT_MEASURES:
            return value in (0, False) and operator in ("=", "!=", ">", "<=")
        if fname == "date" and condition.field_expr == "date":
            if value is False and operator in ("=", "!="):
                return True
            try:
                day = fields.Date.to_date(value)
            except (TypeError, ValueError):
                return False
            if not isinstance(day, datetime.date):
                return False
            if operator in (">=", "<"):
                return day.day == 1
            if operator in ("<=", ">"):
                return (day + datetime.timedelta(days=1)).day == 1
        return False

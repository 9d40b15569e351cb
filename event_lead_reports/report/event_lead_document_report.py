from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.event_lead_followup.models.event_lead_document_type import DOCUMENT_STATES


class EventLeadDocumentReport(models.Model):
    """The document package across deals, for accountants: what is still
    missing (not sent yet), what is overdue, which signed originals are
    awaited and which are late, by deal, client and responsible."""

    _name = "event.lead.document.report"
    _description = "Document package status"
    _auto = False
    _order = "due_date, id"
    _rec_name = "document_id"
    _depends = {
        "event.lead.document": [
            "document_type_id",
            "lead_id",
            "partner_id",
            "responsible_id",
            "user_id",
            "state",
            "due_date",
            "date_sent",
            "date_original",
            "company_id",
            "is_done",
            "amount",
        ],
        "crm.lead": ["team_id", "event_id", "won_status"],
        "event.lead.document.type": ["original_required"],
    }

    document_id = fields.Many2one("event.lead.document", readonly=True)
    document_type_id = fields.Many2one("event.lead.document.type", string="Document type", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Deal", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    responsible_id = fields.Many2one("res.users", readonly=True)
    user_id = fields.Many2one("res.users", string="Deal owner", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    event_id = fields.Many2one("event.event", readonly=True)
    state = fields.Selection(DOCUMENT_STATES, readonly=True)
    deal_status = fields.Selection(
        [("open", "Open"), ("won", "Won"), ("lost", "Lost")], string="Deal status", readonly=True
    )
    due_date = fields.Date(readonly=True)
    date_sent = fields.Date(string="Sent on", readonly=True)
    date_original = fields.Date(string="Original received on", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    document_count = fields.Integer(string="Documents", readonly=True, aggregator="sum")
    missing_count = fields.Integer(
        string="Missing", readonly=True, aggregator="sum", help="Documents still to prepare or prepared, not sent."
    )
    overdue_count = fields.Integer(
        string="Overdue",
        readonly=True,
        aggregator="sum",
        help="Documents not complete whose due date has passed (to send, or their original to get back).",
    )
    original_awaited_count = fields.Integer(
        string="Originals awaited",
        readonly=True,
        aggregator="sum",
        help="Documents sent (or signed as a scan) whose signed paper original is expected.",
    )
    original_overdue_count = fields.Integer(
        string="Originals overdue", readonly=True, aggregator="sum", help="Awaited originals past their due date."
    )
    days_overdue = fields.Integer(string="Days overdue", readonly=True, aggregator="max")
    amount = fields.Float(readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        today = fields.Date.context_today(self)
        return SQL(
            """
            SELECT d.id,
                   d.id AS document_id,
                   d.document_type_id,
                   d.lead_id,
                   d.partner_id,
                   d.responsible_id,
                   d.user_id,
                   l.team_id,
                   l.event_id,
                   d.state,
                   CASE l.won_status WHEN 'won' THEN 'won' WHEN 'lost' THEN 'lost' ELSE 'open' END AS deal_status,
                   d.due_date,
                   d.date_sent,
                   d.date_original,
                   d.company_id,
                   1 AS document_count,
                   (d.state IN ('to_prepare', 'prepared'))::int AS missing_count,
                   (d.is_done IS NOT TRUE AND d.due_date < %(today)s)::int AS overdue_count,
                   (t.original_required AND d.state IN ('sent', 'scan'))::int AS original_awaited_count,
                   (t.original_required AND d.state IN ('sent', 'scan') AND d.due_date < %(today)s)::int
                       AS original_overdue_count,
                   CASE WHEN d.is_done IS NOT TRUE AND d.due_date < %(today)s THEN %(today)s - d.due_date ELSE 0 END
                       AS days_overdue,
                   COALESCE(d.amount, 0.0) AS amount
              FROM event_lead_document d
              JOIN crm_lead l ON l.id = d.lead_id
              JOIN event_lead_document_type t ON t.id = d.document_type_id
            """,
            today=today,
        )

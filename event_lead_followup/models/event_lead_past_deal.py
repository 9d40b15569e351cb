from odoo import api, fields, models
from odoo.exceptions import AccessError


class EventLeadPastDeal(models.Model):
    """A won or lost deal of the past, brought in by a Sales manager.

    Companies arrive with years of deals in another CRM. A row here (typed,
    or imported with Odoo's importer) creates the deal in its final status
    with its facts, its closing date and its bonus owner, through the one
    path that may skip the checks of a deal moving today
    (``crm.lead._event_lead_create_history``). The rows stay as the record of
    what was brought in, and by whom.
    """

    _name = "event.lead.past.deal"
    _description = "Past deal brought in"
    _order = "date_closed desc, id desc"

    name = fields.Char(string="Deal", required=True)
    partner_id = fields.Many2one("res.partner", string="Client", required=True, index=True)
    outcome = fields.Selection([("won", "Won"), ("lost", "Lost")], required=True, default="won")
    date_closed = fields.Date(string="Closed on", required=True)
    expected_revenue = fields.Monetary(string="Amount", currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id, required=True)
    user_id = fields.Many2one("res.users", string="Salesperson", domain=[("share", "=", False)])
    team_id = fields.Many2one("crm.team", string="Sales team")
    bonus_user_id = fields.Many2one(
        "res.users",
        string="Bonus owner",
        domain=[("share", "=", False)],
        help="Who was credited with the deal. Empty: the client's owner today.",
    )
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Lost reason")
    lead_id = fields.Many2one("crm.lead", string="Deal created", readonly=True, ondelete="set null")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, required=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su or self.env.user.has_group("event_lead_followup.group_event_lead_manager")):
            raise AccessError(self.env._("Only a Sales manager brings past deals in."))
        records = super().create(vals_list)
        leads = self.env["crm.lead"]._event_lead_create_history([record._lead_values() for record in records])
        for record, lead in zip(records, leads, strict=True):
            record.lead_id = lead
        return records

    def _lead_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "type": "opportunity",
            "partner_id": self.partner_id.id,
            "user_id": self.user_id.id,
            "team_id": self.team_id.id,
            "expected_revenue": self.expected_revenue,
            "company_id": self.company_id.id,
            "won": self.outcome == "won",
            "date_closed": fields.Datetime.to_datetime(self.date_closed),
            "bonus_user_id": self.bonus_user_id.id,
            "lost_reason_id": self.lost_reason_id.id,
        }

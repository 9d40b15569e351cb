from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError

from ..tools import waivers


class EventLeadPastDeal(models.Model):
    """A won or lost deal of the past, brought in by a Sales manager.

    Companies arrive with years of deals in another CRM. A row here (typed,
    or imported with Odoo's importer) creates the deal in its final status
    with its facts, its closing date and its bonus owner, through the one
    path that may skip the checks of a deal moving today (``_create_leads``).
    The rows stay as the record of what was brought in, and by whom.
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
        records = super().create(vals_list)
        records._create_leads()
        return records

    def _create_leads(self):
        """Create the deals of these rows in their final status, with their
        closing date and bonus owner. A won deal of a team that follows the
        deal statuses gets their facts and passes through the mandatory ones;
        no document package is made (its documents were handled at the
        time). Logged on each deal."""
        if not (self.env.su or self.env.user.has_group("event_lead_followup.group_event_lead_manager")):
            raise AccessError(self.env._("Only a Sales manager brings past deals in."))
        Lead = self.env["crm.lead"]
        vals_list = []
        for record in self:
            vals = {
                "name": record.name,
                "type": "opportunity",
                "partner_id": record.partner_id.id,
                "user_id": record.user_id.id,
                "team_id": record.team_id.id,
                "expected_revenue": record.expected_revenue,
                "company_id": record.company_id.id,
            }
            if record.outcome == "won":
                stages = Lead._stage_find(team_id=record.team_id.id, domain=[("is_won", "=", True)], limit=None)
                vals.update(stage_id=stages[:1].id, probability=100)
                if record.team_id.event_lead_follow_statuses:
                    vals.update(event_lead_offer_state="chosen", event_lead_budget_state="invoiced")
            else:
                vals.update(probability=0, active=False, lost_reason_id=record.lost_reason_id.id)
            vals_list.append(vals)
        mandatory = self.env["crm.stage"].search([("event_lead_mandatory", "=", True)])
        with waivers.waive(waivers.STATUS_POLICY):
            leads = Lead.with_context(mail_create_nolog=True).create(vals_list)
            for record, lead in zip(self, leads, strict=True):
                record.lead_id = lead
                lead.date_closed = fields.Datetime.to_datetime(record.date_closed)
                if lead.won_status != "won":
                    continue
                governed = lead._event_lead_governed()
                passed = mandatory._event_lead_applies_to(lead.team_id) if governed else mandatory.browse()
                lead.event_lead_passed_stage_ids = [Command.link(stage.id) for stage in passed]
                if governed:
                    lead._event_lead_write_bonus_user(record.bonus_user_id or lead.event_lead_client_id.user_id)
        leads._message_log_batch(
            bodies=dict.fromkeys(
                leads.ids,
                Markup("<p>%s</p>")
                % self.env._("Past deal brought in by %(user)s (closed before Event Leads).", user=self.env.user.name),
            )
        )
        return leads

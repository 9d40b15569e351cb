from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.event_lead_contact_result import DIRECTIONS, MANUAL_KINDS, RESULT_TYPES
from ..models.event_registration import OUTCOMES


class EventLeadContactResultWizard(models.TransientModel):
    """Record the formal result of a contact with a client.

    Opened by "Mark Done" on a planned contact (an activity whose type needs a
    result) or by "Record a contact" on a client or an opportunity for a
    contact that was not planned. The dialog collects the result; recording
    it (postponing or closing the planned contact, telling the deal and the
    client, moving the event funnel) is ``event.lead.contact.result``'s
    ``_record``, the one way a result is made.
    """

    _name = "event.lead.contact.result.wizard"
    _description = "Record a contact result"

    activity_id = fields.Many2one("mail.activity", string="Planned contact", readonly=True)
    res_model = fields.Char(string="Record model", readonly=True)
    res_id = fields.Integer(string="Record", readonly=True)
    activity_summary = fields.Char(related="activity_id.summary", string="Purpose")
    activity_deadline = fields.Date(related="activity_id.date_deadline", string="Planned for")
    postpone_count = fields.Integer(related="activity_id.event_lead_postpone_count", string="Postponed so far")
    commercial_partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Contact person")
    lead_id = fields.Many2one("crm.lead", string="Opportunity")
    event_id = fields.Many2one("event.event")
    activity_type_id = fields.Many2one("mail.activity.type", string="Contact type")
    direction = fields.Selection(DIRECTIONS, required=True, default="outgoing")
    source_id = fields.Many2one(
        "utm.source",
        string="Heard of us from",
        compute="_compute_source_id",
        store=True,
        readonly=False,
        help="Where the caller learned about the company: counted in the calls-by-source report.",
    )
    result_type = fields.Selection(RESULT_TYPES, string="Result", required=True)
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Refusal reason")
    postpone_reason_id = fields.Many2one("event.lead.postpone.reason", string="Postponement reason")
    postponed_to = fields.Date(string="New date")
    visitor_ids = fields.Many2many("res.partner", string="Invited visitors")
    manual_kind = fields.Selection(MANUAL_KINDS, string="Manual")
    note = fields.Text(string="Notes")
    registration_id = fields.Many2one("event.registration", string="Event participant", readonly=True)
    event_lead_outcome = fields.Selection(
        OUTCOMES,
        string="Outcome for the event",
        help="What this contact found out about the participant: moves them along the event funnel "
        "(a refusal counts as refused by itself).",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        activity = self.env["mail.activity"].browse(values.get("activity_id"))
        if activity:
            res_model, res_id = activity.res_model, activity.res_id
        else:
            res_model = self.env.context.get("active_model")
            res_id = self.env.context.get("active_id")
        if res_model not in self.env["mail.activity"]._event_lead_result_models() or not res_id:
            raise UserError(self.env._("A contact result is recorded on a client or an opportunity."))
        record = self.env[res_model].browse(res_id)
        values.update(self.env["event.lead.contact.result"]._values_from(record, activity))
        values.update(res_model=res_model, res_id=res_id, registration_id=activity.event_lead_registration_id.id)
        return values

    @api.depends("direction")
    def _compute_source_id(self):
        for wizard in self:
            if wizard.direction == "incoming" and not wizard.source_id:
                wizard.source_id = wizard.lead_id.source_id or wizard.commercial_partner_id.event_lead_source_id

    @api.onchange("result_type")
    def _onchange_result_type(self):
        if self.result_type == "invitation_sent" and not self.visitor_ids and self.partner_id:
            self.visitor_ids = self.partner_id

    def _prepare_result_values(self):
        self.ensure_one()
        if not self.commercial_partner_id:
            raise UserError(self.env._("A contact result belongs to a client: this record has none."))
        keep = {
            "postponed": ("postpone_reason_id", "postponed_to"),
            "refused_participation": ("lost_reason_id",),
            "refused_visit": ("lost_reason_id",),
            "invitation_sent": ("visitor_ids",),
            "manual_sent": ("manual_kind",),
        }.get(self.result_type, ())
        values = {
            "user_id": self.env.user.id,
            "commercial_partner_id": self.commercial_partner_id.id,
            "partner_id": self.partner_id.id,
            "lead_id": self.lead_id.id,
            "event_id": self.event_id.id,
            "activity_type_id": self.activity_type_id.id,
            "direction": self.direction,
            "result_type": self.result_type,
            "note": self.note,
        }
        if self.direction == "incoming" and self.source_id:
            values["source_id"] = self.source_id.id
        for name in keep:
            field, value = self._fields[name], self[name]
            if field.type == "many2many":
                value = [Command.set(value.ids)]
            elif field.type == "many2one":
                value = value.id
            values[name] = value
        return values

    def action_confirm(self):
        self._record()
        return {"type": "ir.actions.act_window_close"}

    def action_confirm_schedule_next(self):
        self._record()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Schedule an activity"),
            "res_model": "mail.activity",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_res_model": self.res_model,
                "default_res_id": self.res_id,
                "default_previous_activity_type_id": self.activity_type_id.id,
                "default_event_lead_contact_id": self.partner_id.id,
                "default_event_lead_event_id": self.event_id.id,
            },
        }

    def _record(self):
        """Record the result the user entered: the rules are the result's own."""
        self.ensure_one()
        return self.env["event.lead.contact.result"]._record(
            self._prepare_result_values(),
            activity=self.activity_id,
            record=self.env[self.res_model].browse(self.res_id) if self.res_model else None,
            outcome=self.event_lead_outcome,
        )

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..models.event_lead_contact_result import DIRECTIONS, MANUAL_KINDS, REFUSALS, RESULT_TYPES
from ..models.event_registration import OUTCOMES
from ..tools import waivers


class EventLeadContactResultWizard(models.TransientModel):
    """Record the formal result of a contact with a client.

    Opened by "Mark Done" on a planned contact (an activity whose type needs a
    result) or by "Record a contact" on a client or an opportunity for a
    contact that was not planned. A postponement moves the same planned
    contact to its new date and counts it; any other result closes it.
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
        values.update(self._event_lead_defaults_from(record, activity))
        return values

    @api.model
    def _event_lead_defaults_from(self, record, activity):
        """Client, contact person, opportunity and event of ``record``."""
        lead = record if record._name == "crm.lead" else self.env["crm.lead"]
        partner = record if record._name == "res.partner" else record.partner_id
        client = partner.commercial_partner_id
        if not client:
            raise UserError(
                self.env._("Set the client of «%(deal)s» first: a contact result belongs to a client.", deal=lead.name)
            )
        contact = activity.event_lead_contact_id or (partner if not partner.is_company else partner.browse())
        return {
            "res_model": record._name,
            "res_id": record.id,
            "commercial_partner_id": client.id,
            "partner_id": contact.id,
            "lead_id": lead.id,
            "event_id": (activity.event_lead_event_id or lead.event_id).id,
            "activity_type_id": (
                activity.activity_type_id or self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False)
            ).id,
            "registration_id": activity.event_lead_registration_id.id,
        }

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
            "activity_id": self.activity_id.id,
            "activity_type_id": self.activity_type_id.id,
            "direction": self.direction,
            "result_type": self.result_type,
            "note": self.note,
            "company_id": (self.lead_id.company_id or self.env.company).id,
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
        self._event_lead_record()
        return {"type": "ir.actions.act_window_close"}

    def action_confirm_schedule_next(self):
        self._event_lead_record()
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

    def _event_lead_record(self):
        self.ensure_one()
        if self.activity_id and not self.activity_id.active:
            raise UserError(self.env._("This contact is already closed: its result was recorded."))
        values = self._prepare_result_values()
        Result = self.env["event.lead.contact.result"]
        if self.result_type == "postponed":
            values.update(self._event_lead_postpone(values))
            result = Result.create(values)
            result._event_lead_post_messages()
            return result
        result = Result.create(values)
        told = set()
        if self.activity_id:
            feedback = result._event_lead_summary()
            if self.note:
                feedback = f"{feedback}\n{self.note}"
            with waivers.waive(waivers.RESULT_RECORDED):
                self.activity_id.action_feedback(feedback=feedback)
            told.add((self.activity_id.res_model, self.activity_id.res_id))
        result._event_lead_post_messages(told)
        self._event_lead_apply_outcome()
        return result

    def _event_lead_apply_outcome(self):
        """The outcome of a follow-up moves its participant along the event funnel."""
        outcome = self.event_lead_outcome or ("refused" if self.result_type in REFUSALS else False)
        if not outcome:
            return
        # the participant of the follow-up when there is one; never one the user cannot see
        registration = self.activity_id.event_lead_registration_id or self.registration_id
        registration.check_access("read")
        if not registration and self.event_id and self.partner_id:
            registration = self.env["event.registration"].search(
                [("event_id", "=", self.event_id.id), ("partner_id", "=", self.partner_id.id)], limit=1
            )
        if registration:
            # sudo: the outcome, a value of the selection, on the participant of the user's own follow-up
            registration.sudo().event_lead_outcome = outcome

    def _event_lead_postpone(self, values):
        """Move the planned contact to its new date; a contact that was not
        planned becomes a planned one. Returns the counters of the result."""
        today = fields.Date.context_today(self)
        activity = self.activity_id
        planned = activity.date_deadline or today
        if not self.postponed_to or self.postponed_to <= max(today, planned):
            raise UserError(
                self.env._(
                    "Postpone to a date after %(date)s.",
                    date=format_date(self.env, max(today, planned)),
                )
            )
        days = (self.postponed_to - planned).days
        if not activity:
            activity = self.env["mail.activity"].create(
                {
                    "res_model_id": self.env["ir.model"]._get_id(self.res_model),
                    "res_id": self.res_id,
                    "activity_type_id": self.activity_type_id.id,
                    "user_id": self.env.user.id,
                    "date_deadline": self.postponed_to,
                    "event_lead_contact_id": self.partner_id.id,
                    "event_lead_event_id": self.event_id.id,
                }
            )
        count = activity.event_lead_postpone_count + 1
        activity.write(
            {
                "date_deadline": self.postponed_to,
                "event_lead_postpone_count": count,
                "event_lead_postponed_days": activity.event_lead_postponed_days + days,
            }
        )
        return {
            "activity_id": activity.id,
            "postponed_from": planned,
            "postponed_days": days,
            "postponement_count": count,
        }

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class EventLeadRequestHandoffWizard(models.TransientModel):
    """Pass a client request to another department as a task.

    The task is an activity on the client (or the opportunity) assigned to a
    colleague, or to the leader of a sales team when handed to a team: one
    request is one task with one person accountable, visible to the whole
    team. Whoever handed it follows it in "My hand-offs" until it is done.
    """

    _name = "event.lead.request.handoff.wizard"
    _description = "Hand a client request over"

    res_model = fields.Char(string="Record model", required=True, readonly=True)
    res_id = fields.Integer(string="Record", required=True, readonly=True)
    target = fields.Selection(
        [("user", "A colleague"), ("team", "A sales team")],
        string="Hand to",
        required=True,
        default="user",
    )
    user_id = fields.Many2one("res.users", string="Colleague", domain=[("share", "=", False)])
    team_id = fields.Many2one("crm.team")
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Task type",
        required=True,
        default=lambda self: self.env.ref("event_lead_followup.mail_activity_type_handoff", raise_if_not_found=False),
    )
    summary = fields.Char(string="Purpose", required=True)
    date_deadline = fields.Date(
        string="Deadline", required=True, default=lambda self: fields.Date.context_today(self) + timedelta(days=2)
    )
    contact_id = fields.Many2one("res.partner", string="Contact person")
    note = fields.Html(string="Client request")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        res_id = self.env.context.get("active_id")
        if model not in self.env["mail.activity"]._event_lead_result_models() or not res_id:
            raise UserError(self.env._("A request is handed over from a client or an opportunity."))
        values.update({"res_model": model, "res_id": res_id})
        record = self.env[model].browse(res_id)
        partner = record if model == "res.partner" else record.partner_id
        if partner and not partner.is_company:
            values.setdefault("contact_id", partner.id)
        return values

    def _assignee(self):
        self.ensure_one()
        if self.target == "user":
            if not self.user_id:
                raise UserError(self.env._("Choose the colleague who takes the request."))
            return self.user_id
        if not self.team_id:
            raise UserError(self.env._("Choose the team that takes the request."))
        assignee = self.team_id.user_id or self.team_id.member_ids[:1]
        if not assignee:
            raise UserError(
                self.env._(
                    "The team «%(team)s» has neither a leader nor members: nobody would take the request.",
                    team=self.team_id.name,
                )
            )
        return assignee

    def action_confirm(self):
        self._handoff()
        return {"type": "ir.actions.act_window_close"}

    def _handoff(self):
        """Create the hand-off task and tell the client's history. Returns the task."""
        self.ensure_one()
        assignee = self._assignee()
        if self.date_deadline < fields.Date.context_today(self):
            raise UserError(self.env._("The deadline of a hand-off cannot be in the past."))
        activity = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id(self.res_model),
                "res_id": self.res_id,
                "activity_type_id": self.activity_type_id.id,
                "summary": self.summary,
                "note": self.note,
                "date_deadline": self.date_deadline,
                "user_id": assignee.id,
                "event_lead_contact_id": self.contact_id.id,
                "event_lead_handoff": True,
                "event_lead_handoff_team_id": self.team_id.id if self.target == "team" else False,
            }
        )
        record = self.env[self.res_model].browse(self.res_id)
        whom = assignee.name
        if self.target == "team":
            whom = self.env._("%(user)s (team %(team)s)", user=assignee.name, team=self.team_id.name)
        record.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Request handed to %(whom)s, due %(date)s: %(purpose)s",
                whom=whom,
                date=format_date(self.env, self.date_deadline),
                purpose=self.summary,
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return activity

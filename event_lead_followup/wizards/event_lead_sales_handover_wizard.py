from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..models.event_lead_followup_kind import CALL_KINDS
from ..tools import actions


class EventLeadSalesHandoverWizard(models.TransientModel):
    """Hand pre-qualified event participants over to sales.

    Per client: the open opportunity of the client is updated (never a second
    one), or a new opportunity is created at the first deal status (Need)
    with the event, the questionnaire answers and the follow-up history. It
    belongs to the client's owner when a salesperson owns it, otherwise to
    the chosen salesperson, who then becomes the owner of the client. The
    participants' funnel stage becomes "handed over", and their open
    follow-up call is closed with that result.
    """

    _name = "event.lead.sales.handover.wizard"
    _description = "Hand event participants over to sales"

    registration_ids = fields.Many2many("event.registration", string="Participants", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        domain=lambda self: [
            ("share", "=", False),
            ("all_group_ids", "in", self.env.ref("event_lead_followup.group_event_lead_advisor").ids),
        ],
        help="Gets the participants whose client no salesperson owns yet, and becomes that client's owner.",
    )
    unowned_client_ids = fields.Many2many(
        "res.partner",
        string="Clients without a salesperson",
        compute="_compute_unowned_client_ids",
    )
    note = fields.Text(string="Qualification notes", help="What the pre-qualification found: added to the opportunity.")

    @api.depends("registration_ids")
    def _compute_unowned_client_ids(self):
        for wizard in self:
            clients = wizard.registration_ids.event_lead_client_id
            sales = self.env["event.registration"]._event_lead_sales_users(clients)
            wizard.unowned_client_ids = clients.filtered(
                lambda client, sales=sales: client.user_id not in sales.get(client.id, ())
            )

    def _salesperson(self, client, sales_users):
        owner = client.user_id
        if owner and owner in sales_users.get(client.id, ()):
            return owner, True
        if not self.user_id:
            raise UserError(
                self.env._(
                    "%(client)s has no salesperson: choose the salesperson who gets it.", client=client.display_name
                )
            )
        self.user_id._event_lead_check_advisor()
        return self.user_id, False

    def action_hand_over(self):
        self.ensure_one()
        registrations = self.registration_ids
        registrations.check_access("write")
        if not all(registrations.mapped("partner_id")):
            raise UserError(self.env._("Only a participant linked to a contact can be handed over to sales."))
        done = registrations.filtered("event_lead_handover_lead_id")
        if done:
            raise UserError(self.env._("Already handed over: %(names)s.", names=", ".join(done.mapped("display_name"))))
        Registration = self.env["event.registration"]
        clients = registrations.event_lead_client_id
        sales_users = Registration._event_lead_sales_users(clients)
        # sudo: the hand-over (checked above: the user may edit the participants; the salesperson is an advisor)
        # creates or updates the salesperson's deal, with values built here
        Lead = self.env["crm.lead"].sudo()
        open_leads = Lead.search(
            [
                ("event_lead_client_id", "in", clients.ids),
                ("type", "=", "opportunity"),
                ("won_status", "=", "pending"),
            ],
            order="id desc",
        )
        history = self._history(registrations)
        now = fields.Datetime.now()
        handed = []
        for client, group in registrations.grouped("event_lead_client_id").items():
            salesperson, owned = self._salesperson(client, sales_users)
            if not owned:
                self.env["event.lead.client.ownership"]._reassign(
                    client,
                    salesperson,
                    self.env._("handed over to sales after “%(event)s”", event=group.event_id[:1].display_name),
                    move_open=False,
                )
            candidates = open_leads.filtered(lambda lead, client=client: lead.event_lead_client_id == client)
            lead = candidates.filtered(lambda lead, user=salesperson: lead.user_id == user)[:1] or candidates[:1]
            description = self._lead_description(group, history)
            if lead:
                lead.write({"registration_ids": [Command.link(registration.id) for registration in group]})
                lead.message_post(
                    body=Markup("<p><b>%s</b></p>%s")
                    % (self.env._("Participants handed over after the event:"), description),
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
            else:
                lead = Lead.create(self._lead_values(group, salesperson, description))
            # sudo: the participants handed over point to their deal
            group.sudo().with_context(event_lead_rule_skip=True).write(
                {"event_lead_handover_lead_id": lead.id, "event_lead_handover_date": now}
            )
            handed.append((lead, salesperson))
        self._close_followups(registrations, handed)
        message = self.env._(
            "Handed over to sales: %(deals)s.",
            deals=", ".join(f"{lead.name} ({user.name})" for lead, user in handed),
        )
        return actions.notification(message)

    def _lead_values(self, registrations, salesperson, description):
        # sudo: Odoo's event_crm values of the participants, whoever may read their answers
        values = registrations.sudo()._get_lead_contact_values()
        event = registrations.event_id[:1]
        values.update(
            {
                "type": "opportunity",
                "user_id": salesperson.id,
                "team_id": salesperson.sale_team_id.id,
                "event_id": event.id,
                "referred": event.name,
                "registration_ids": [Command.set(registrations.ids)],
                "description": description,
                "campaign_id": registrations._find_first_notnull("utm_campaign_id"),
                "source_id": registrations._find_first_notnull("utm_source_id"),
                "medium_id": registrations._find_first_notnull("utm_medium_id"),
            }
        )
        return values

    @api.model
    def _history(self, registrations):
        """{(event id, partner id): [result summaries]} of the contacts held with the participants
        about their event: one search."""
        results = (
            self.env["event.lead.contact.result"]
            # sudo: the history of the contacts held with these participants, whoever held them
            .sudo()
            .search(
                [("event_id", "in", registrations.event_id.ids), ("partner_id", "in", registrations.partner_id.ids)],
                order="date, id",
            )
        )
        history = {}
        for result in results:
            history.setdefault((result.event_id.id, result.partner_id.id), []).append(
                self.env._(
                    "%(date)s, %(user)s: %(summary)s",
                    date=format_date(self.env, result.date),
                    user=result.user_id.name,
                    summary=result._summary(),
                )
            )
        return history

    def _lead_description(self, registrations, history):
        """The event, the questionnaire answers, the follow-up history and the qualification notes (HTML)."""
        parts = []
        for registration in registrations:
            items = [
                Markup("<li>%s: %s</li>") % (answer.question_id.title, answer.display_name or "")
                # sudo: the participants' answers, copied into the salesperson's deal
                for answer in registration.sudo().registration_answer_ids
            ]
            items += [
                Markup("<li>%s</li>") % line
                for line in history.get((registration.event_id.id, registration.partner_id.id), [])
            ]
            parts.append(
                Markup("<p><b>%s</b> — %s</p><ul>%s</ul>")
                % (registration.partner_id.display_name, registration.event_id.display_name, Markup("").join(items))
            )
        if self.note:
            parts.append(Markup("<p><b>%s</b> %s</p>") % (self.env._("Qualification:"), self.note))
        return Markup("").join(parts)

    def _close_followups(self, registrations, handed):
        """The open follow-up calls of the participants end with "handed over to sales"."""
        # sudo: the participants' open follow-ups end with the hand-over, whoever they were given to
        activities = registrations.sudo().event_lead_followup_activity_ids.filtered(
            lambda activity: activity.active and activity.event_lead_followup_kind in (*CALL_KINDS, "no_interest")
        )
        if not activities:
            return
        leads = {lead.id: lead for lead, _user in handed}
        # sudo: the result of each follow-up the hand-over closes, with values built here; the operator
        # may not read the salesperson's deal
        Result = self.env["event.lead.contact.result"].sudo()
        for activity in activities:
            registration = activity.event_lead_registration_id
            lead = leads[registration.event_lead_handover_lead_id.id]
            # a result names no deal: its readers may not read the deal
            text = self.env._("Handed over to sales: %(salesperson)s", salesperson=lead.user_id.name)
            if self.note:
                text = f"{text}\n{self.note}"
            Result._record(
                {
                    "user_id": self.env.user.id,
                    "commercial_partner_id": registration.event_lead_client_id.id,
                    "partner_id": registration.partner_id.id,
                    "event_id": registration.event_id.id,
                    "lead_id": lead.id,
                    "activity_type_id": activity.activity_type_id.id,
                    "result_type": "other",
                    "note": text,
                    "company_id": (registration.company_id or self.env.company).id,
                },
                activity=activity,
                # the deal holds the hand-over already (its description, or a note)
                told={("crm.lead", lead.id)},
            )

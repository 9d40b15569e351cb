from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..tools import waivers

RESULT_TYPES = [
    ("postponed", "Postponed"),
    ("refused_participation", "Refused to participate"),
    ("refused_visit", "Refused to visit"),
    ("invitation_sent", "Invitation sent"),
    ("manual_sent", "Manual sent"),
    ("sale", "Sale"),
    ("other", "Other result"),
]
REFUSALS = ("refused_participation", "refused_visit")
DIRECTIONS = [
    ("outgoing", "Outgoing"),
    ("incoming", "Incoming"),
]
MANUAL_KINDS = [
    ("marketing", "Marketing manual"),
    ("technical", "Technical manual"),
    ("both", "Marketing and technical manuals"),
]


class EventLeadContactResult(models.Model):
    """The formal result of a held contact with a client.

    One record per held contact (or per postponement), so that reports count
    contacts by type, effectiveness, postponements and refusal reasons with
    plain SQL on indexed columns.
    """

    _name = "event.lead.contact.result"
    _description = "Contact result"
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Held by",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales team",
        index="btree_not_null",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    commercial_partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        compute="_compute_commercial_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    partner_id = fields.Many2one("res.partner", string="Contact person", index="btree_not_null")
    lead_id = fields.Many2one("crm.lead", string="Opportunity", index="btree_not_null", ondelete="set null")
    event_id = fields.Many2one("event.event", index="btree_not_null", ondelete="set null")
    activity_id = fields.Many2one(
        "mail.activity", string="Planned contact", index="btree_not_null", ondelete="set null", readonly=True
    )
    activity_type_id = fields.Many2one("mail.activity.type", string="Contact type", index="btree_not_null")
    direction = fields.Selection(
        DIRECTIONS,
        required=True,
        default="outgoing",
        help="Incoming: the client called or wrote first. Incoming calls are counted per source in the reports.",
    )
    source_id = fields.Many2one(
        "utm.source",
        string="Heard of us from",
        index="btree_not_null",
        compute="_compute_source_id",
        store=True,
        readonly=False,
        precompute=True,
        ondelete="set null",
        help="Where the client learned about the company (an incoming contact): the opportunity's source or "
        "the client's first contact source unless told otherwise.",
    )
    result_type = fields.Selection(RESULT_TYPES, string="Result", required=True, index=True)
    lost_reason_id = fields.Many2one(
        "crm.lost.reason",
        string="Refusal reason",
        index="btree_not_null",
        ondelete="restrict",
        help="The same list as the reasons for losing a deal, so that one report shows why clients say no.",
    )
    postpone_reason_id = fields.Many2one(
        "event.lead.postpone.reason", string="Postponement reason", index="btree_not_null", ondelete="restrict"
    )
    postponed_from = fields.Date(string="Planned date", readonly=True)
    postponed_to = fields.Date(string="New date")
    postponed_days = fields.Integer(
        string="Days postponed",
        help="How many days this postponement moved the contact.",
    )
    postponement_count = fields.Integer(
        string="Postponements so far",
        help="Postponements of the planned contact, this one included.",
    )
    visitor_ids = fields.Many2many(
        "res.partner",
        "event_lead_contact_result_visitor_rel",
        "result_id",
        "partner_id",
        string="Invited visitors",
    )
    visitor_count = fields.Integer(string="Visitors", compute="_compute_visitor_count", store=True)
    manual_kind = fields.Selection(MANUAL_KINDS, string="Manual")
    note = fields.Text(string="Notes")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)

    _postpone_counters_positive = models.Constraint(
        "CHECK(postponed_days >= 0 AND postponement_count >= 0)",
        "Postponement counters cannot be negative.",
    )
    _user_date_idx = models.Index("(user_id, date)")
    # contacts with the participants of an event (funnel report: no-show coverage)
    _event_partner_idx = models.Index("(event_id, partner_id, date) WHERE event_id IS NOT NULL")
    _incoming_date_idx = models.Index("(date, source_id) WHERE direction = 'incoming'")

    @api.depends("user_id")
    def _compute_team_id(self):
        for result in self:
            if result.user_id and not result.team_id:
                result.team_id = result.user_id.sale_team_id

    @api.depends("partner_id", "lead_id")
    def _compute_commercial_partner_id(self):
        for result in self:
            partner = result.partner_id or result.lead_id.partner_id
            if partner:
                result.commercial_partner_id = partner.commercial_partner_id

    @api.depends("direction", "lead_id", "commercial_partner_id")
    def _compute_source_id(self):
        for result in self:
            if result.direction == "incoming" and not result.source_id:
                result.source_id = result.lead_id.source_id or result.commercial_partner_id.event_lead_source_id

    @api.depends("visitor_ids")
    def _compute_visitor_count(self):
        for result in self:
            result.visitor_count = len(result.visitor_ids)

    @api.depends("result_type", "commercial_partner_id")
    def _compute_display_name(self):
        labels = dict(self._fields["result_type"]._description_selection(self.env))
        for result in self:
            result.display_name = " — ".join(
                filter(None, [labels.get(result.result_type), result.commercial_partner_id.display_name])
            )

    @api.constrains("result_type", "lost_reason_id", "postpone_reason_id", "postponed_to", "visitor_ids")
    def _check_result_details(self):
        for result in self:
            if result.result_type in REFUSALS and not result.lost_reason_id:
                raise ValidationError(self.env._("A refusal needs its reason."))
            if result.result_type == "postponed" and not (result.postponed_to and result.postpone_reason_id):
                raise ValidationError(self.env._("A postponement needs the new date and its reason."))
            if result.result_type == "invitation_sent" and not result.visitor_ids:
                raise ValidationError(self.env._("An invitation needs at least one invited visitor."))
            if result.result_type == "manual_sent" and not result.manual_kind:
                raise ValidationError(self.env._("Say which manual was sent."))
            if result.result_type == "sale" and not result.lead_id:
                raise ValidationError(self.env._("A sale result links the opportunity that was sold."))
            if result.result_type == "other" and not (result.note or "").strip():
                raise ValidationError(self.env._("Describe the result in the notes."))

    @api.model_create_multi
    def create(self, vals_list):
        results = super().create(vals_list)
        if not self.env.su:
            # a result is told on its deal and its client: the user reads both
            results.lead_id.check_access("read")
            results.commercial_partner_id.check_access("read")
        return results

    # ------------------------------------------------------------ recording a contact

    @api.model
    def _values_from(self, record, activity=None):
        """Client, contact person, deal, event and contact type of a contact
        about ``record`` (a client or a deal), planned as ``activity`` or not."""
        activity = activity or self.env["mail.activity"]
        lead = record if record._name == "crm.lead" else self.env["crm.lead"]
        partner = record if record._name == "res.partner" else record.partner_id
        client = partner.commercial_partner_id
        if not client:
            raise UserError(
                self.env._("Set the client of «%(deal)s» first: a contact result belongs to a client.", deal=lead.name)
            )
        contact = activity.event_lead_contact_id or (partner if not partner.is_company else partner.browse())
        return {
            "commercial_partner_id": client.id,
            "partner_id": contact.id,
            "lead_id": lead.id,
            "event_id": (activity.event_lead_event_id or lead.event_id).id,
            "activity_type_id": (
                activity.activity_type_id or self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False)
            ).id,
        }

    @api.model
    def _record(self, values, activity=None, record=None, outcome=False, told=()):
        """Record the result of a contact: the one way a result is made, by
        the result dialog, the hand-over to sales and the demo story alike.

        ``values`` are the result's own (its type, details and notes); the
        planned contact ``activity``, or ``record`` (the client or the deal of
        a contact nobody planned), gives the client, contact person, deal,
        event and contact type the values leave out. A postponement moves the
        planned contact to its new date (or plans the contact) and counts it.
        Any other result closes the planned contact with the result as its
        feedback, is told on its deal and its client (except the records of
        ``told``, (model, id) pairs the caller told itself) and moves the
        participant of a follow-up along the event funnel: to ``outcome``, or
        to refused by a refusal. Returns the result.
        """
        # the caller's rights (or its superuser) for every step
        activity = (activity or self.env["mail.activity"]).with_env(self.env)
        if activity and not activity.active:
            raise UserError(self.env._("This contact is already closed: its result was recorded."))
        if record is None and activity:
            record = self.env[activity.res_model].browse(activity.res_id)
        elif record is not None:
            record = record.with_env(self.env)
        values = dict(values, activity_id=activity.id)
        if record is not None and record._name in self.env["mail.activity"]._event_lead_result_models():
            values = {**self._values_from(record, activity), **values}
        if "company_id" not in values:
            lead = self.env["crm.lead"].browse(values.get("lead_id"))
            values["company_id"] = (lead.company_id or self.env.company).id
        if values.get("result_type") == "postponed":
            values.update(activity._event_lead_postpone(values.get("postponed_to"), record, values))
            result = self.create(values)
            result._post_messages(told)
            return result
        # the participant of the follow-up, read before the contact is closed
        registration = activity.event_lead_registration_id
        result = self.create(values)
        told = set(told)
        if activity:
            feedback = result._summary()
            if result.note:
                feedback = f"{feedback}\n{result.note}"
            with waivers.waive(waivers.RESULT_RECORDED):
                activity.action_feedback(feedback=feedback)
            told.add((activity.res_model, activity.res_id))
        result._post_messages(told)
        result._apply_outcome(outcome, registration)
        return result

    def _apply_outcome(self, outcome, registration):
        """The outcome of a follow-up moves its participant (``registration``,
        or the event's participant the contact was with) along the event funnel."""
        self.ensure_one()
        outcome = outcome or ("refused" if self.result_type in REFUSALS else False)
        if not outcome:
            return
        # never a participant the user cannot see
        registration.check_access("read")
        if not registration and self.event_id and self.partner_id:
            registration = self.env["event.registration"].search(
                [("event_id", "=", self.event_id.id), ("partner_id", "=", self.partner_id.id)], limit=1
            )
        if registration:
            # sudo: the outcome, a value of the selection, on the participant of the user's own follow-up
            registration.sudo().event_lead_outcome = outcome

    def _summary(self):
        """One readable line per result, for the chatter and the activity feedback."""
        self.ensure_one()
        label = dict(self._fields["result_type"]._description_selection(self.env))[self.result_type]
        env = self.env
        if self.result_type == "postponed":
            text = env._(
                "Postponed to %(date)s (postponement no. %(count)s, +%(days)s days): %(reason)s",
                date=format_date(env, self.postponed_to),
                count=self.postponement_count,
                days=self.postponed_days,
                reason=self.postpone_reason_id.name,
            )
        elif self.result_type in REFUSALS:
            text = env._("%(result)s: %(reason)s", result=label, reason=self.lost_reason_id.name)
        elif self.result_type == "invitation_sent":
            text = env._("Invitation sent to %(visitors)s", visitors=", ".join(self.visitor_ids.mapped("display_name")))
        elif self.result_type == "manual_sent":
            kind = dict(self._fields["manual_kind"]._description_selection(env))[self.manual_kind]
            text = env._("Sent: %(manual)s", manual=kind)
        else:
            # a sale names no deal: the client's readers may not read its deals
            text = label
        if self.event_id:
            text = env._("%(text)s (event: %(event)s)", text=text, event=self.event_id.display_name)
        return text

    def _message_body(self):
        self.ensure_one()
        body = Markup("<p><b>%s</b> %s</p>") % (self.env._("Contact result:"), self._summary())
        if self.note:
            body += Markup("<p>%s</p>") % self.note
        return body

    def _post_messages(self, skip=None):
        """Post each result on its client and its opportunity.

        ``skip`` is a set of (model, id) already told (the record where the
        planned contact was closed, whose own "done" message holds the result).
        """
        skip = skip or set()
        for result in self:
            body = result._message_body()
            for record in (result.lead_id, result.commercial_partner_id):
                if record and (record._name, record.id) not in skip:
                    # sudo: post the result, built here, as a note on its deal and client; the user reads both
                    # (checked at create) and needs no right to edit them
                    record.sudo().message_post(
                        body=body,
                        message_type="comment",
                        subtype_xmlid="mail.mt_note",
                        author_id=result.user_id.partner_id.id,
                    )

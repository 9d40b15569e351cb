from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

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

    def _event_lead_summary(self):
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

    def _event_lead_message_body(self):
        self.ensure_one()
        body = Markup("<p><b>%s</b> %s</p>") % (self.env._("Contact result:"), self._event_lead_summary())
        if self.note:
            body += Markup("<p>%s</p>") % self.note
        return body

    def _event_lead_post_messages(self, skip=None):
        """Post each result on its client and its opportunity.

        ``skip`` is a set of (model, id) already told (the record where the
        planned contact was closed, whose own "done" message holds the result).
        """
        skip = skip or set()
        for result in self:
            body = result._event_lead_message_body()
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

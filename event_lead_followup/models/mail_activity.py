from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..tools import waivers
from .event_lead_followup_kind import FOLLOWUP_KINDS

# Models on which a planned contact belongs to a client: the result wizard
# finds the client (commercial partner) from the record.
RESULT_MODELS = ("res.partner", "crm.lead")
# fields whose change may give a client in sales an operator's event call
COORDINATION_FIELDS = frozenset(
    {"user_id", "res_id", "res_model_id", "res_model", "activity_type_id", "event_lead_event_id"}
)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    event_lead_contact_id = fields.Many2one(
        "res.partner",
        string="Contact person",
        index="btree_not_null",
        help="The person to talk to at the client.",
    )
    event_lead_event_id = fields.Many2one(
        "event.event",
        string="Event",
        index="btree_not_null",
        help="The event this contact is about (an invitation, a follow-up after the event...).",
    )
    event_lead_postpone_count = fields.Integer(
        string="Postponements",
        readonly=True,
        help="How many times the client asked to move this contact to a later date.",
    )
    event_lead_postponed_days = fields.Integer(
        string="Days postponed",
        readonly=True,
        help="Total number of days this contact was moved by its postponements.",
    )
    event_lead_result_required = fields.Boolean(
        string="Needs a result",
        compute="_compute_event_lead_result_required",
        help="Marking this contact done asks for its formal result.",
    )
    event_lead_result_ids = fields.One2many("event.lead.contact.result", "activity_id", string="Results")
    event_lead_handoff = fields.Boolean(
        string="Hand-off",
        readonly=True,
        index="btree_not_null",
        help="A client request handed to another user or department.",
    )
    event_lead_handoff_team_id = fields.Many2one(
        "crm.team",
        string="Handed to team",
        readonly=True,
        index="btree_not_null",
    )
    event_lead_document_id = fields.Many2one(
        "event.lead.document",
        string="Deal document",
        readonly=True,
        ondelete="cascade",
        help="The document whose overdue original this activity reminds of.",
    )

    event_lead_registration_id = fields.Many2one(
        "event.registration",
        string="Event participant",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The registration this follow-up after the event is about.",
    )
    event_lead_followup_kind = fields.Selection(
        FOLLOWUP_KINDS,
        string="Follow-up category",
        readonly=True,
        index="btree_not_null",
    )
    event_lead_priority = fields.Integer(
        related="event_lead_registration_id.event_lead_priority",
        string="Priority",
        store=True,
        help="The participant's priority from the questionnaire: follow-up lists are sorted by it.",
    )
    event_lead_funnel_stage = fields.Selection(
        related="event_lead_registration_id.event_lead_funnel_stage", string="Funnel stage"
    )

    _event_lead_document_unique = models.UniqueIndex(
        "(event_lead_document_id) WHERE event_lead_document_id IS NOT NULL",
        "A document gets only one reminder of its overdue original.",
    )
    _event_lead_followup_unique = models.UniqueIndex(
        "(event_lead_registration_id, event_lead_followup_kind) WHERE event_lead_registration_id IS NOT NULL",
        "A participant gets each follow-up of an event only once.",
    )
    _event_lead_postpone_positive = models.Constraint(
        "CHECK(event_lead_postpone_count >= 0 AND event_lead_postponed_days >= 0)",
        "Postponement counters cannot be negative.",
    )

    @api.depends("activity_type_id.event_lead_result_required", "res_model", "active")
    def _compute_event_lead_result_required(self):
        for activity in self:
            activity.event_lead_result_required = bool(
                activity.active
                and activity.activity_type_id.event_lead_result_required
                and activity.res_model in self._event_lead_result_models()
            )

    @api.model
    def _event_lead_result_models(self):
        """Models whose planned contacts can carry a formal result (hook for bridges)."""
        return RESULT_MODELS

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo makes the assignee a follower of the record: for a client, the
        # one way to follow a client one may not edit
        with waivers.waive(waivers.FOLLOW):
            activities = super().create(vals_list)
        if not waivers.is_waived(waivers.COORDINATION):
            activities._event_lead_check_sales_coordination()
        return activities

    def write(self, vals):
        res = super().write(vals)
        if COORDINATION_FIELDS & vals.keys() and not waivers.is_waived(waivers.COORDINATION):
            self._event_lead_check_sales_coordination()
        return res

    def _event_lead_check_sales_coordination(self):
        """A call or meeting about an event with a client a salesperson works
        with (its owner is a Sales advisor, or it has an open opportunity) is
        that salesperson's, or a Sales manager's: the classic post-event error,
        an operator calling a stand visitor already in negotiation, cannot be
        planned, by the follow-up job or by hand. Other activities (a hand-off
        to the salesperson, a to-do) stay free."""
        to_check = self.filtered(
            lambda activity: (
                activity.active
                and activity.user_id
                and activity.event_lead_event_id
                and activity.res_model == "res.partner"
                and activity.activity_type_id.event_lead_result_required
            )
        )
        if not to_check:
            return
        # sudo: read the clients of the planned calls, whoever may read them
        partners = self.env["res.partner"].sudo().browse(set(to_check.mapped("res_id"))).exists()
        clients = {partner.id: partner.commercial_partner_id for partner in partners}
        sales = self.env["event.registration"]._event_lead_sales_users(partners.commercial_partner_id)
        for activity in to_check:
            client = clients.get(activity.res_id)
            users = sales.get(client.id) if client else None
            if (
                users
                and activity.user_id not in users
                and not activity.user_id.has_group("event_lead_followup.group_event_lead_manager")
            ):
                raise UserError(
                    self.env._(
                        "A salesperson works with %(client)s: %(salespersons)s (owner or open opportunity). "
                        "Calls about “%(event)s” are the salesperson's; this one is planned for: %(user)s. "
                        "Tell the salesperson instead: hand the request over from the client.",
                        client=client.display_name,
                        salespersons=", ".join(users.mapped("name")),
                        event=activity.event_lead_event_id.display_name,
                        user=activity.user_id.name,
                    )
                )

    def _to_store_defaults(self, target):
        return super()._to_store_defaults(target) + ["event_lead_result_required"]

    def action_done(self):
        """The list and form "Done" buttons: contacts needing a result open the result dialog."""
        needing = self.filtered("event_lead_result_required")
        if not needing:
            return super().action_done()
        if len(needing) > 1:
            raise UserError(
                self.env._(
                    "Record the result of each contact separately. Still without a result: %(names)s.",
                    names=", ".join(needing.mapped("display_name")),
                )
            )
        super(MailActivity, self - needing).action_done()
        return needing.action_event_lead_record_result()

    def _action_done(self, feedback=False, attachment_ids=None):
        if not waivers.is_waived(waivers.RESULT_RECORDED):
            needing = self.filtered("event_lead_result_required")
            if needing:
                raise UserError(
                    self.env._(
                        "«%(name)s» is a contact with a client: record its result "
                        "(Mark Done opens the result dialog) instead of just closing it.",
                        name=needing[0].display_name,
                    )
                )
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _event_lead_postpone(self, postponed_to, record=None, values=None):
        """Move this planned contact to ``postponed_to`` and count the
        postponement; with no planned contact (``self`` empty), plan one on
        ``record`` for that date, of the contact type, contact person and
        event of the result's ``values``. Returns the result's counters: the
        contact, the date it was planned for, the days and the count."""
        if self:
            self.ensure_one()
        values = values or {}
        today = fields.Date.context_today(self)
        planned = self.date_deadline or today
        postponed_to = fields.Date.to_date(postponed_to)
        if not postponed_to or postponed_to <= max(today, planned):
            raise UserError(
                self.env._(
                    "Postpone to a date after %(date)s.",
                    date=format_date(self.env, max(today, planned)),
                )
            )
        days = (postponed_to - planned).days
        activity = self
        if not activity:
            if record is None:
                # a caller's mistake, not a user's
                raise ValueError("postponing a contact nobody planned needs the record to plan it on")
            activity = self.create(
                {
                    "res_model_id": self.env["ir.model"]._get_id(record._name),
                    "res_id": record.id,
                    "activity_type_id": values.get("activity_type_id"),
                    "user_id": self.env.user.id,
                    "date_deadline": postponed_to,
                    "event_lead_contact_id": values.get("partner_id"),
                    "event_lead_event_id": values.get("event_id"),
                }
            )
        count = activity.event_lead_postpone_count + 1
        activity.write(
            {
                "date_deadline": postponed_to,
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

    def action_event_lead_record_result(self):
        """Open the result dialog for this planned contact."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Contact result"),
            "res_model": "event.lead.contact.result.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_activity_id": self.id,
                "default_note": self.feedback or False,
                "dialog_size": "medium",
            },
        }

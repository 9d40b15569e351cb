from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import readers


class EventLeadTransferRequest(models.Model):
    """An advisor asks the owner of a client to hand it over.

    The owner (or a Sales manager) accepts or refuses. Accepting gives the
    requester the client, its contacts, and the open opportunities and
    activities the owner had on it. The request and its answer stay as history.
    """

    _name = "event.lead.transfer.request"
    _description = "Client transfer request"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "create_date desc, id desc"

    name = fields.Char(compute="_compute_name")
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    requester_id = fields.Many2one(
        "res.users",
        string="Requested by",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    owner_id = fields.Many2one(
        "res.users",
        string="Current owner",
        index=True,
        readonly=True,
        help="The owner of the client when the request was made.",
    )
    reason = fields.Text(required=True, help="Why the client should be yours: what you are working on with it.")
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    answer = fields.Text(help="The owner's answer.")
    answered_by_id = fields.Many2one("res.users", string="Answered by", readonly=True)
    answer_date = fields.Datetime(string="Answered on", readonly=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, readonly=True)
    can_answer = fields.Boolean(string="Can answer", compute="_compute_can_answer")

    _one_open_request = models.UniqueIndex(
        "(partner_id, requester_id) WHERE state = 'requested'",
        "You already asked for this client: wait for the owner's answer.",
    )

    @api.depends("partner_id", "requester_id")
    def _compute_name(self):
        for request in self:
            request.name = self.env._(
                "%(client)s to %(requester)s",
                client=request.partner_id.display_name or "",
                requester=request.requester_id.name or "",
            )

    @api.depends_context("uid")
    @api.depends("owner_id", "state")
    def _compute_can_answer(self):
        is_manager = self._is_manager()
        for request in self:
            request.can_answer = request.state == "requested" and (is_manager or request.owner_id == self.env.user)

    @api.model
    def _is_manager(self):
        return self.env.user.has_group("event_lead_followup.group_event_lead_manager")

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"].browse([vals["partner_id"] for vals in vals_list if vals.get("partner_id")])
        clients = {partner.id: partner.commercial_partner_id for partner in partners}
        # sudo: the requests pending on these clients, whoever made them
        pending = self.sudo().search(
            [("state", "=", "requested"), ("partner_id", "in", [c.id for c in clients.values()])]
        )
        pending_keys = {(request.partner_id.id, request.requester_id.id) for request in pending}
        for vals in vals_list:
            if not (vals.get("reason") or "").strip():
                raise ValidationError(self.env._("Say why you ask for this client: the owner decides on it."))
            client = clients.get(vals.get("partner_id"))
            if not client:
                continue
            # sudo: read the owner of the client (record rules may hide it)
            owner = client.sudo().user_id
            requester = self.env["res.users"].browse(vals.get("requester_id") or self.env.uid)
            if requester != self.env.user and not self.env.su and not self._is_manager():
                raise AccessError(self.env._("You ask for a client in your own name only."))
            if not owner or owner == self.env.company.event_lead_pool_user_id:
                raise UserError(
                    self.env._(
                        "%(client)s has no owner (or is in the pool): take it yourself with “Take this client”.",
                        client=client.display_name,
                    )
                )
            if owner == requester:
                raise UserError(self.env._("%(client)s is already yours.", client=client.display_name))
            if (client.id, requester.id) in pending_keys:
                raise UserError(
                    self.env._(
                        "You already asked for %(client)s. Owner: %(owner)s; no answer yet.",
                        client=client.display_name,
                        owner=owner.name,
                    )
                )
            pending_keys.add((client.id, requester.id))
            vals.update(partner_id=client.id, owner_id=owner.id)
        requests = super().create(vals_list)
        activity_type = self.env.ref("event_lead_followup.mail_activity_type_transfer_request")
        for request in requests:
            # sudo: the owner gets the request's activity, with a text built here, in the owner's language
            env = readers.reader_env(self.env, request.owner_id)
            request.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                user_id=request.owner_id.id,
                summary=env._(
                    "%(requester)s asks you for %(client)s",
                    requester=request.requester_id.name,
                    client=request.partner_id.display_name,
                ),
                note=Markup("<p>%s</p>") % request.reason,
            )
        return requests

    def write(self, vals):
        if {"partner_id", "requester_id", "owner_id", "reason"} & vals.keys():
            # the owner answers the request as it was sent
            raise UserError(self.env._("A transfer request cannot be changed once sent: cancel it and ask again."))
        if {"state", "answered_by_id", "answer_date"} & vals.keys() and not self.env.su:
            raise AccessError(self.env._("A transfer request changes state only through its buttons."))
        return super().write(vals)

    # ------------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------------

    def _check_can_answer(self):
        # one answer per request: the first to lock it answers, a second
        # (another tab, another user) waits for nothing and is refused
        # sudo: lock the request whoever answers it
        locked = self.sudo().try_lock_for_update()
        # sudo: lock the request whoever answers it
        if locked != self.sudo():
            raise UserError(self.env._("This request is being answered right now: reload it to see the answer."))
        self.invalidate_recordset(["state"])
        for request in self:
            if request.state != "requested":
                raise UserError(self.env._("This request was already answered."))
            if not request.can_answer:
                raise AccessError(
                    self.env._(
                        "Only %(owner)s, the owner of %(client)s, or a Sales manager can answer this request.",
                        owner=request.owner_id.name,
                        client=request.partner_id.display_name,
                    )
                )
            # sudo: read the owner of the client (record rules may hide it)
            if request.partner_id.sudo().user_id != request.owner_id:
                raise UserError(
                    self.env._(
                        "The owner of %(client)s changed since the request was made: cancel it and ask again.",
                        client=request.partner_id.display_name,
                    )
                )

    def _close(self, state):
        # sudo: the answer, checked above, writes the state and who answered
        self.sudo().write(
            {
                "state": state,
                "answered_by_id": self.env.user.id,
                "answer_date": fields.Datetime.now(),
            }
        )
        # sudo: remove the request's activity from the owner's list
        self.sudo().activity_unlink(["event_lead_followup.mail_activity_type_transfer_request"])

    def action_accept(self):
        self._check_can_answer()
        for request in self:
            self.env["event.lead.client.ownership"]._reassign(
                request.partner_id,
                request.requester_id,
                self.env._("transfer request accepted: %(reason)s", reason=request.reason),
            )
        self._close("accepted")
        for request in self:
            # a notice to the requester, in the requester's language
            env = readers.reader_env(self.env, request.requester_id)
            request.message_post(
                body=env._(
                    "%(client)s handed over. By: %(user)s. New owner: %(requester)s.",
                    user=self.env.user.name,
                    client=request.partner_id.display_name,
                    requester=request.requester_id.name,
                ),
                partner_ids=request.requester_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_refuse(self):
        self._check_can_answer()
        self._close("refused")
        for request in self:
            env = readers.reader_env(self.env, request.requester_id)
            request.message_post(
                body=env._(
                    "%(user)s refused to hand %(client)s over. %(answer)s",
                    user=self.env.user.name,
                    client=request.partner_id.display_name,
                    answer=request.answer or "",
                ),
                partner_ids=request.requester_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_cancel(self):
        for request in self:
            if request.state != "requested":
                raise UserError(self.env._("Only a pending request can be cancelled."))
            if request.requester_id != self.env.user and not self._is_manager():
                raise AccessError(self.env._("Only the requester or a Sales manager can cancel a request."))
        # sudo: a cancellation, checked above, writes the state
        self.sudo().write({"state": "cancelled"})
        # sudo: remove the request's activity from the owner's list
        self.sudo().activity_unlink(["event_lead_followup.mail_activity_type_transfer_request"])
        return True

    def action_send(self):
        """Footer button of the request dialog: the record is saved (and the
        owner notified) when the button is clicked."""
        return {"type": "ir.actions.act_window_close"}

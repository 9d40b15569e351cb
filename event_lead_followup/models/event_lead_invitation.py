from odoo import api, fields, models

INVITATION_RESULTS = [
    ("no_answer", "No answer yet"),
    ("wrong_contact", "Wrong contact"),
    ("no_interest", "No interest"),
    ("declined", "Declined"),
    ("new_contact", "New contact person"),
    ("registered", "Registered"),
]
# results that end the invitation without a registration (funnel exits)
INVITATION_EXITS = ("wrong_contact", "no_interest", "declined")


class EventLeadInvitation(models.Model):
    """A person invited to an event: the first stage of the event funnel.

    One per event and invitee. Its result is what the invitation gave (no
    answer, wrong contact, no interest, declined, a new contact person to
    invite instead) and becomes "Registered" by itself when the invitee (or
    the new contact person) registers.
    """

    _name = "event.lead.invitation"
    _description = "Event invitation"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    event_id = fields.Many2one("event.event", required=True, index=True, ondelete="cascade", tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Invitee",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Client",
        store=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Invited by",
        default=lambda self: self.env.user,
        index=True,
        domain=[("share", "=", False)],
    )
    date = fields.Date(string="Invited on", required=True, default=fields.Date.context_today)
    channel = fields.Selection(
        [("call", "Call"), ("email", "E-mail"), ("mailing", "Mailing"), ("meeting", "Meeting"), ("other", "Other")],
        default="call",
    )
    registration_id = fields.Many2one(
        "event.registration",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    result = fields.Selection(
        INVITATION_RESULTS,
        compute="_compute_result",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        precompute=True,
        help="What the invitation gave. Registered is set by itself when the invitee registers.",
    )
    new_contact_id = fields.Many2one(
        "res.partner",
        string="New contact person",
        help="The colleague the invitee named instead: gets an invitation of their own.",
    )
    note = fields.Text(string="Notes")
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)

    _event_partner_unique = models.UniqueIndex(
        "(event_id, partner_id)",
        "This person is already invited to this event.",
    )
    _registration_unique = models.UniqueIndex(
        "(registration_id) WHERE registration_id IS NOT NULL",
        "A registration answers one invitation only.",
    )

    @api.depends("registration_id")
    def _compute_result(self):
        for invitation in self:
            if invitation.registration_id:
                invitation.result = "registered"
            elif not invitation.result or invitation.result == "registered":
                invitation.result = "no_answer"

    @api.depends("partner_id", "event_id")
    def _compute_display_name(self):
        for invitation in self:
            invitation.display_name = self.env._(
                "%(partner)s — %(event)s",
                partner=invitation.partner_id.display_name or "",
                event=invitation.event_id.display_name or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        invitations = super().create(vals_list)
        invitations._link_registrations()
        invitations._invite_new_contacts()
        return invitations

    def write(self, vals):
        res = super().write(vals)
        if "new_contact_id" in vals or "partner_id" in vals or vals.get("result") == "new_contact":
            self._invite_new_contacts()
            self._link_registrations()
        return res

    def _link_registrations(self):
        """Link these invitations to the registrations their invitee (or the
        new contact person) already made. One search for the batch."""
        open_invitations = self.filtered(lambda invitation: not invitation.registration_id)
        if not open_invitations:
            return
        registrations = (
            self.env["event.registration"]
            # sudo: find the registrations that answer these invitations, whoever may read them; only the link is
            # written
            .sudo()
            .search(
                [
                    ("event_id", "in", open_invitations.event_id.ids),
                    ("partner_id", "in", (open_invitations.partner_id | open_invitations.new_contact_id).ids),
                    ("event_lead_invitation_ids", "=", False),
                ],
                order="id",
            )
        )
        registrations._event_lead_link_invitations(open_invitations)

    def _invite_new_contacts(self):
        """A new contact person named by the invitee gets an invitation too."""
        todo = self.filtered(lambda invitation: invitation.result == "new_contact" and invitation.new_contact_id)
        if not todo:
            return
        existing = {
            (invitation.event_id.id, invitation.partner_id.id)
            # sudo: which new contacts are invited already, whoever invited them
            for invitation in self.sudo().search(
                [("event_id", "in", todo.event_id.ids), ("partner_id", "in", todo.new_contact_id.ids)]
            )
        }
        vals_list = []
        for invitation in todo:
            key = (invitation.event_id.id, invitation.new_contact_id.id)
            if key in existing:
                continue
            existing.add(key)
            vals_list.append(
                {
                    "event_id": invitation.event_id.id,
                    "partner_id": invitation.new_contact_id.id,
                    "user_id": invitation.user_id.id,
                    "channel": invitation.channel,
                    "note": self.env._("Named by %(person)s", person=invitation.partner_id.display_name),
                }
            )
        if vals_list:
            self.create(vals_list)

    def action_open_registration(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "event.registration",
            "res_id": self.registration_id.id,
            "view_mode": "form",
        }

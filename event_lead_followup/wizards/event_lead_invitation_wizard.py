from odoo import fields, models
from odoo.exceptions import UserError

from ..tools import actions


class EventLeadInvitationWizard(models.TransientModel):
    """Invite people to an event in bulk: chosen contacts, and every contact
    carrying one of the chosen tags. People already invited are skipped."""

    _name = "event.lead.invitation.wizard"
    _description = "Invite to an event"

    event_id = fields.Many2one("event.event", required=True)
    partner_ids = fields.Many2many("res.partner", string="Contacts")
    category_ids = fields.Many2many(
        "res.partner.category",
        string="Contacts tagged",
        help="Every contact (or company) carrying one of these tags is invited.",
    )
    channel = fields.Selection(
        [("call", "Call"), ("email", "E-mail"), ("mailing", "Mailing"), ("meeting", "Meeting"), ("other", "Other")],
        default="call",
        required=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Invited by", default=lambda self: self.env.user, domain=[("share", "=", False)]
    )

    def _invitees(self):
        self.ensure_one()
        partners = self.partner_ids
        if self.category_ids:
            partners |= self.env["res.partner"].search([("category_id", "child_of", self.category_ids.ids)])
        return partners.filtered(lambda partner: partner.active and partner.partner_share)

    def action_invite(self):
        self.ensure_one()
        self.event_id.check_access("read")
        self.event_id._event_lead_check_user_works_on()
        partners = self._invitees()
        if not partners:
            raise UserError(self.env._("Choose the contacts to invite, or tags that some contacts carry."))
        Invitation = self.env["event.lead.invitation"]
        already = set(
            # sudo: who is invited already, whoever invited them
            Invitation.sudo()
            .search([("event_id", "=", self.event_id.id), ("partner_id", "in", partners.ids)])
            .mapped("partner_id")
            .ids
        )
        new = partners.filtered(lambda partner: partner.id not in already)
        Invitation.create(
            [
                {
                    "event_id": self.event_id.id,
                    "partner_id": partner.id,
                    "user_id": self.user_id.id,
                    "channel": self.channel,
                }
                for partner in new
            ]
        )
        message = self.env._(
            "%(new)s invited, %(skipped)s already invited.",
            new=len(new),
            skipped=len(partners) - len(new),
        )
        return actions.notification(message)

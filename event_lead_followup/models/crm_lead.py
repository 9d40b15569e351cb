from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    event_lead_client_id = fields.Many2one(
        "res.partner",
        string="Client",
        related="partner_id.commercial_partner_id",
        store=True,
        index="btree_not_null",
        help="The commercial entity of the customer: the client whose owner is credited.",
    )
    event_lead_bonus_user_id = fields.Many2one(
        "res.users",
        string="Bonus owner",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="Who is credited with this deal: the client's owner when the deal was won, whoever closed it. "
        "Later owner changes do not move it; a Sales manager corrects it with a reason.",
    )

    def write(self, vals):
        if (
            "event_lead_bonus_user_id" in vals
            and not self.env.su
            and not self.env.context.get("event_lead_bonus_correction")
        ):
            raise UserError(
                self.env._(
                    "The bonus owner is set when the deal is won; a Sales manager corrects it with "
                    "“Correct bonus owner”."
                )
            )
        return super().write(vals)

    def _event_lead_partner_writable(self):
        """The leads whose customer the user may edit (record rules on clients)."""
        writable = self.partner_id._filtered_access("write")
        return self.filtered(lambda lead: lead.partner_id in writable)

    def _inverse_email_from(self):
        # a lead's new e-mail updates its customer only when the user may
        # edit that client; otherwise the lead keeps its own e-mail
        return super(CrmLead, self._event_lead_partner_writable())._inverse_email_from()

    def _inverse_phone(self):
        return super(CrmLead, self._event_lead_partner_writable())._inverse_phone()

    def _handle_won_lost(self, old_status_by_lead, new_status_by_lead):
        """A deal reaching won credits the owner of its client at that moment."""
        result = super()._handle_won_lost(old_status_by_lead, new_status_by_lead)
        reached_won = self.filtered(
            lambda lead: (
                new_status_by_lead.get(lead.id, {}).get("is_won")
                and not old_status_by_lead.get(lead.id, {}).get("is_won")
            )
        )
        pool = self.env.company.event_lead_pool_user_id
        for owner, leads in (
            reached_won.sudo().grouped(lambda lead: lead.partner_id.commercial_partner_id.user_id).items()
        ):
            credited = owner if owner != pool else self.env["res.users"]
            leads.with_context(event_lead_bonus_correction=True).write({"event_lead_bonus_user_id": credited.id})
        return result

    def _event_lead_correct_bonus_user(self, user, reason):
        """A Sales manager credits these deals to ``user``; the reason is logged."""
        if not self.env.user.has_group("event_lead_followup.group_event_lead_manager"):
            raise UserError(self.env._("Only a Sales manager can correct the bonus owner."))
        for lead in self:
            previous = lead.event_lead_bonus_user_id
            lead.with_context(event_lead_bonus_correction=True).write({"event_lead_bonus_user_id": user.id})
            lead.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Bonus owner corrected from %(previous)s to %(new)s by %(user)s. Reason: %(reason)s",
                    previous=previous.name or self.env._("nobody"),
                    new=user.name or self.env._("nobody"),
                    user=self.env.user.name,
                    reason=reason,
                )
            )

    def action_event_lead_correct_bonus(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct bonus owner"),
            "res_model": "event.lead.bonus.owner.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class EventLeadReassignWizard(models.TransientModel):
    """Change the owner of clients in bulk, with a reason kept in each
    client's chatter: to another advisor (a newcomer), to the pool, to the
    marketing queue (managers), or archive them."""

    _name = "event.lead.reassign.wizard"
    _description = "Hand clients over"

    partner_ids = fields.Many2many("res.partner", string="Clients", required=True)
    partner_count = fields.Integer(string="Number of clients", compute="_compute_partner_count")
    mode = fields.Selection(
        [
            ("user", "To another advisor"),
            ("pool", "To the pool"),
            ("marketing", "To marketing"),
            ("archive", "Archive"),
        ],
        required=True,
        default="user",
    )
    user_id = fields.Many2one(
        "res.users",
        string="New owner",
        domain=lambda self: [
            ("share", "=", False),
            ("all_group_ids", "in", self.env.ref("event_lead_followup.group_event_lead_advisor").ids),
        ],
    )
    move_open = fields.Boolean(
        string="Also move open opportunities and activities",
        default=True,
        help="The open opportunities and activities the previous owner had on these clients go to the new owner.",
    )
    reason = fields.Text(required=True)
    is_manager = fields.Boolean(string="Sales manager", compute="_compute_is_manager")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner" and "partner_ids" in fields_list:
            partners = self.env["res.partner"].browse(self.env.context.get("active_ids", []))
            values["partner_ids"] = [fields.Command.set(partners.commercial_partner_id.ids)]
        return values

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        for wizard in self:
            wizard.partner_count = len(wizard.partner_ids)

    @api.depends_context("uid")
    def _compute_is_manager(self):
        self.is_manager = self.env.user.has_group("event_lead_followup.group_event_lead_manager")

    def _is_marketing_handback(self, clients):
        return (
            self.mode == "user"
            and all(clients.mapped("event_lead_marketing_queue"))
            and self.env.user.has_group("event_lead_followup.group_event_lead_marketing")
        )

    def action_apply(self):
        self.ensure_one()
        clients = self.partner_ids.commercial_partner_id
        if not clients:
            raise UserError(self.env._("Select the clients to hand over."))
        # the user must be allowed to edit every client (record rules), except
        # Marketing handing clients of its queue back to an advisor; then the
        # reassignment runs in batch as superuser
        try:
            if not self._is_marketing_handback(clients):
                clients.check_access("write")
        except AccessError as error:
            raise AccessError(
                self.env._(
                    "You can hand over only the clients you own (or unowned ones); ask a Sales manager "
                    "for the others.\n%(error)s",
                    error=error,
                )
            ) from error
        Ownership = self.env["event.lead.client.ownership"]
        if self.mode == "user":
            if not self.user_id:
                raise UserError(self.env._("Choose the advisor who gets the clients."))
            self.user_id._event_lead_check_advisor()
            Ownership._reassign(clients, self.user_id, self.reason, move_open=self.move_open)
        elif self.mode == "pool":
            pool = self.env.company.event_lead_pool_user_id
            if not pool:
                raise UserError(
                    self.env._("No pool owner is configured: set one in Settings > Event Leads > Pool owner.")
                )
            Ownership._reassign(clients, pool, self.reason, move_open=False)
        elif self.mode == "marketing":
            if not self.is_manager:
                raise AccessError(self.env._("Only a Sales manager hands clients over to marketing."))
            Ownership._reassign(clients, self.env["res.users"], self.reason, move_open=False)
            # sudo: a Sales manager (checked above) queues the clients for marketing
            clients.sudo().write({"event_lead_marketing_queue": True})
        else:
            clients._event_lead_log(
                self.env._("Archived by %(user)s. Reason: %(reason)s", user=self.env.user.name, reason=self.reason)
            )
            contacts = self.env["res.partner"].search([("commercial_partner_id", "in", clients.ids)])
            contacts.action_archive()
        return {"type": "ir.actions.act_window_close"}

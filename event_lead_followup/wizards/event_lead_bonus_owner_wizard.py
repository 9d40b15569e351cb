from odoo import api, fields, models


class EventLeadBonusOwnerWizard(models.TransientModel):
    """A Sales manager corrects who is credited with won deals, with a reason."""

    _name = "event.lead.bonus.owner.wizard"
    _description = "Correct the bonus owner"

    lead_ids = fields.Many2many("crm.lead", string="Deals", required=True)
    user_id = fields.Many2one("res.users", string="Credit to", domain=[("share", "=", False)])
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "crm.lead" and "lead_ids" in fields_list:
            values["lead_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return values

    def action_apply(self):
        self.ensure_one()
        self.lead_ids._event_lead_correct_bonus_user(self.user_id, self.reason)
        return {"type": "ir.actions.act_window_close"}

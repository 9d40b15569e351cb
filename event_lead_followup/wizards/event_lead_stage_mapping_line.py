from odoo import api, fields, models


class EventLeadStageMappingLine(models.TransientModel):
    _name = "event.lead.stage.mapping.line"
    _description = "Stage mapping line"
    _order = "sequence, id"

    wizard_id = fields.Many2one("event.lead.stage.mapping.wizard", required=True, ondelete="cascade")
    stage_id = fields.Many2one("crm.stage", string="Existing stage", required=True, ondelete="cascade")
    sequence = fields.Integer(related="stage_id.sequence")
    is_won = fields.Boolean(related="stage_id.is_won")
    lead_count = fields.Integer(string="Deals")
    target_stage_id = fields.Many2one(
        "crm.stage",
        string="Becomes",
        domain="[('id', 'in', allowed_target_ids)]",
        help="The deal status its deals move to. Empty: the stage stays as it is.",
    )
    allowed_target_ids = fields.Many2many(
        "crm.stage", string="Possible statuses", compute="_compute_allowed_target_ids"
    )

    @api.depends("is_won")
    def _compute_allowed_target_ids(self):
        ours = self.env["crm.stage"]._event_lead_status_stages()
        won = ours.filtered("is_won")
        for line in self:
            line.allowed_target_ids = won if line.is_won else ours - won

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    event_lead_schiffman_quiet_days = fields.Integer(
        related="company_id.event_lead_schiffman_quiet_days", readonly=False
    )

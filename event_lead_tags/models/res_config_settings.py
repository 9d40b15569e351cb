from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    event_lead_campaign_consent_required = fields.Boolean(
        related="company_id.event_lead_campaign_consent_required",
        readonly=False,
    )

from odoo import fields, models


class ResPartnerCategory(models.Model):
    _inherit = "res.partner.category"

    event_lead_description = fields.Text(
        string="Who carries it",
        translate=True,
        help="Which clients get this tag, for the advisors who set it.",
    )
    event_lead_campaign_ids = fields.One2many("event.lead.campaign", "tag_id", string="Campaigns")

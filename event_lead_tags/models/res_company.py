from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    event_lead_campaign_consent_required = fields.Boolean(
        string="Campaigns need recorded consent",
        help="Send the annual offers only to clients whose consent is recorded (strict reading of "
        "38-FZ art. 18). Otherwise every client gets them unless they refused or unsubscribed.",
    )

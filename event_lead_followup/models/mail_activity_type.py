from odoo import fields, models


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    event_lead_result_required = fields.Boolean(
        string="Needs a contact result",
        help="A contact of this type held with a client (on a contact or an opportunity) is closed "
        "with its formal result: postponed, refused, invitation or manual sent, sale or free text.",
    )

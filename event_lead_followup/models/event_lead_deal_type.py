from odoo import fields, models


class EventLeadDealType(models.Model):
    _name = "event.lead.deal.type"
    _description = "Deal type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="The first deal type is the default one.")
    active = fields.Boolean(default=True)
    document_type_ids = fields.Many2many(
        "event.lead.document.type",
        "event_lead_deal_type_document_type_rel",
        "deal_type_id",
        "document_type_id",
        string="Documents",
        help="The documents a deal of this type needs: they make its document package.",
    )
    description = fields.Text(translate=True)

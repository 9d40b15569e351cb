from odoo import fields, models


class EventLeadDocument(models.Model):
    _inherit = "event.lead.document"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales order",
        index="btree_not_null",
        ondelete="set null",
        domain="[('opportunity_id', '=', lead_id)]",
        help="The sales order of the deal this document belongs to.",
    )

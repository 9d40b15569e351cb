from odoo import fields, models


class EventLeadContactResult(models.Model):
    _inherit = "event.lead.contact.result"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales order",
        index="btree_not_null",
        ondelete="set null",
        help="The sales order of a sale result.",
    )

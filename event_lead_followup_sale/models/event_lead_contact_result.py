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

    def _event_lead_summary(self):
        text = super()._event_lead_summary()
        if self.result_type == "sale" and self.sale_order_id:
            text = self.env._("%(text)s, order %(order)s", text=text, order=self.sale_order_id.name)
        return text

from odoo import api, fields, models


class EventLeadContactResultWizard(models.TransientModel):
    _inherit = "event.lead.contact.result.wizard"

    sale_order_id = fields.Many2one(
        "sale.order", string="Sales order", help="The sales order of the sale, if there is one."
    )

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        if self.sale_order_id.opportunity_id and self.res_model != "crm.lead":
            self.lead_id = self.sale_order_id.opportunity_id

    def _prepare_result_values(self):
        values = super()._prepare_result_values()
        if self.result_type == "sale" and self.sale_order_id:
            values["sale_order_id"] = self.sale_order_id.id
            if not values.get("lead_id") and self.sale_order_id.opportunity_id:
                values["lead_id"] = self.sale_order_id.opportunity_id.id
        return values

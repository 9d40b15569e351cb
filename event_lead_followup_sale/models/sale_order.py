from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    event_lead_document_ids = fields.One2many(
        "event.lead.document",
        "sale_order_id",
        string="Deal documents",
        groups="event_lead_followup.group_event_lead_operator,event_lead_followup.group_event_lead_accountant",
    )
    event_lead_document_count = fields.Integer(
        compute="_compute_event_lead_document_count",
        string="Documents",
        groups="event_lead_followup.group_event_lead_operator,event_lead_followup.group_event_lead_accountant",
    )

    @api.depends("event_lead_document_ids")
    def _compute_event_lead_document_count(self):
        data = dict(
            self.env["event.lead.document"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.event_lead_document_count = data.get(order, 0)

    def action_confirm(self):
        """A confirmed order of a deal carries the deal's document package."""
        res = super().action_confirm()
        self._event_lead_attach_document_package()
        return res

    def _event_lead_attach_document_package(self):
        orders = self.filtered("opportunity_id")
        if not orders:
            return
        # sudo: a confirmed order's deal gets its package (values built here), whose documents point to the order
        Document = self.env["event.lead.document"].sudo()
        Document._ensure_package(orders.opportunity_id.sudo())
        free = Document.search([("lead_id", "in", orders.opportunity_id.ids), ("sale_order_id", "=", False)])
        for order in orders:
            free.filtered(lambda doc, order=order: doc.lead_id == order.opportunity_id).write(
                {"sale_order_id": order.id}
            )

    def action_event_lead_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_followup.event_lead_document_action")
        action["domain"] = [
            "|",
            ("sale_order_id", "=", self.id),
            "&",
            ("lead_id", "=", self.opportunity_id.id),
            ("sale_order_id", "=", False),
        ]
        action["context"] = {"default_lead_id": self.opportunity_id.id, "default_sale_order_id": self.id}
        return action

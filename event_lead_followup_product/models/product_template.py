from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    dossier_entry_count = fields.Integer(compute="_compute_dossier_entry_count", string="Dossier")

    def _compute_dossier_entry_count(self):
        counts = dict(
            self.env["event.lead.dossier.entry"]._read_group(
                [("product_tmpl_id", "in", self.ids)], ["product_tmpl_id"], ["__count"]
            )
        )
        for product in self:
            product.dossier_entry_count = counts.get(product, 0)

    def action_open_dossier(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_followup.event_lead_dossier_entry_action")
        action["domain"] = [("product_tmpl_id", "=", self.id)]
        action["context"] = {"default_kind": "product", "default_product_tmpl_id": self.id}
        action["display_name"] = action["name"] = self.env._("Dossier: %(name)s", name=self.display_name)
        return action

from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def action_open_dossier(self):
        """The variant form shows the template's Dossier button."""
        return self.product_tmpl_id.action_open_dossier()

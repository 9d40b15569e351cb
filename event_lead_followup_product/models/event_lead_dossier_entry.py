from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EventLeadDossierEntry(models.Model):
    _inherit = "event.lead.dossier.entry"

    kind = fields.Selection(selection_add=[("product", "Product dossier")], ondelete={"product": "cascade"})
    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Our product",
        index=True,
        ondelete="cascade",
        help="The product of ours this entry is about, or that the analogue or substitute competes with.",
    )
    product_relation = fields.Selection(
        [("ours", "Our product"), ("analogue", "Analogue"), ("substitute", "Substitute")],
        string="Relation to our product",
        default="ours",
        help="Our product itself, an analogue of it on the market (the same thing made by another "
        "company), or a substitute (another thing that meets the same need).",
    )
    analogue_name = fields.Char(
        string="Analogue or substitute", help="The market product compared with ours; its maker goes in 'About'."
    )

    @api.constrains("kind", "product_tmpl_id", "product_relation", "analogue_name")
    def _check_product(self):
        for entry in self.filtered(lambda e: e.kind == "product"):
            if not entry.product_tmpl_id:
                raise ValidationError(
                    self.env._(
                        "The product dossier entry '%(entry)s' needs the product of ours it is about.",
                        entry=entry.subject,
                    )
                )
            if entry.product_relation != "ours" and not entry.analogue_name:
                raise ValidationError(
                    self.env._(
                        "The product dossier entry '%(entry)s' needs the name of the analogue or substitute.",
                        entry=entry.subject,
                    )
                )

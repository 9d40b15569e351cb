from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    event_lead_pool_user_id = fields.Many2one(
        "res.users",
        string="Pool owner",
        domain=[("share", "=", False)],
        help="Placeholder owner of the clients nobody works with: they stay out of "
        "everyone's working lists but keep receiving the catalogue mailings.",
    )
    event_lead_won_document_check = fields.Boolean(
        string="Documents before winning",
        default=True,
        help="A deal is marked won only when the documents its types require (application and "
        "contract sent, by default) are far enough.",
    )

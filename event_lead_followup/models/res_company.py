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

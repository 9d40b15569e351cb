from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        # the partner of a new user is a colleague, not a client: no guard
        users = super(ResUsers, self.with_context(event_lead_skip_guard=True)).create(vals_list)
        return users.with_env(self.env)

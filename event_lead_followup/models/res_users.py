from odoo import api, models
from odoo.exceptions import UserError

from ..tools import waivers


class ResUsers(models.Model):
    _inherit = "res.users"

    def _event_lead_check_advisor(self):
        """Clients are owned by Sales advisors (and managers): a hand-over
        names one, whatever id a caller sends."""
        for user in self:
            if user.share or not user.active or not user.has_group("event_lead_followup.group_event_lead_advisor"):
                raise UserError(
                    self.env._("%(user)s is not a Sales advisor: clients go to an advisor.", user=user.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        # the partner of a new user is a colleague, not a client: no guard
        with waivers.waive(waivers.GUARD):
            return super().create(vals_list)

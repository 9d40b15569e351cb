from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    event_lead_follow_statuses = fields.Boolean(
        string="Follows the deal statuses",
        help="The team's deals go through the deal statuses of Event Leads: Need, Negotiation and Contract "
        "approval with their facts (our offer, the client's budget), mandatory steps, the document package "
        "before Won, and the client's owner credited with the bonus. Its pipeline shows the deal statuses. "
        "Other teams keep Odoo's pipeline and rules.",
    )

    def _event_lead_adopt_statuses(self):
        """These teams follow the deal statuses from now on (the stage mapping)."""
        # sudo: set the flag on the teams an administrator chose (checked by the wizard)
        self.sudo().filtered(lambda team: not team.event_lead_follow_statuses).write(
            {"event_lead_follow_statuses": True}
        )

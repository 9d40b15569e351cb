from odoo import api, fields, models


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
        """These teams follow the deal statuses from now on (install, stage mapping)."""
        self.sudo().filtered(lambda team: not team.event_lead_follow_statuses).write(
            {"event_lead_follow_statuses": True}
        )

    @api.model
    def _event_lead_adopt_statuses_if_fresh(self):
        """At install: Odoo's default team follows the deal statuses when it
        has no deal yet (a fresh database). A database with a history keeps
        its pipelines: the administrator maps them (Settings > Map the
        pipeline to the deal statuses), team by team."""
        team = self.env.ref("sales_team.team_sales_department", raise_if_not_found=False)
        Lead = self.env["crm.lead"].with_context(active_test=False)
        if not team or Lead.search_count([("team_id", "=", team.id)], limit=1):
            return False
        team._event_lead_adopt_statuses()
        return True

from odoo import models


class EventEvent(models.Model):
    _inherit = "event.event"

    def action_event_lead_funnel_report(self):
        """The funnel report of this event (all dates)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_reports.event_lead_funnel_report_action")
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"search_default_groupby_stage": 1}
        action["display_name"] = self.env._("Funnel: %(event)s", event=self.name)
        return action

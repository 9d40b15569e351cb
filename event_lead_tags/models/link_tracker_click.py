from odoo import api, models


class LinkTrackerClick(models.Model):
    _inherit = "link.tracker.click"

    @api.model
    def add_click(self, code, **route_values):
        """A click on a link of a campaign letter becomes a call task for the
        client's owner (the first click only)."""
        click = super().add_click(code, **route_values)
        letter = click.mailing_trace_id.event_lead_letter_id if click else None
        if letter:
            letter._register_click(click)
        return click

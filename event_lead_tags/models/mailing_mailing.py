from odoo import api, fields, models
from odoo.exceptions import UserError


class MailingMailing(models.Model):
    """The mailing of a campaign and year holds Odoo's statistics of its
    letters (traces, bounces, clicks, unsubscribe links). It never sends by
    itself: the campaign sends each letter in its owner's name."""

    _inherit = "mailing.mailing"

    event_lead_campaign_id = fields.Many2one(
        "event.lead.campaign", string="Tag campaign", index="btree_not_null", ondelete="set null", readonly=True
    )
    event_lead_year = fields.Integer(string="Campaign year", readonly=True)

    _event_lead_campaign_year_unique = models.UniqueIndex(
        "(event_lead_campaign_id, event_lead_year) WHERE event_lead_campaign_id IS NOT NULL",
        "A tag campaign has one mailing per year.",
    )

    def _event_lead_check_not_campaign(self):
        campaign_mailings = self.filtered("event_lead_campaign_id")
        if campaign_mailings:
            raise UserError(
                self.env._(
                    "“%(mailing)s” records the letters of the campaign “%(campaign)s”: they go out from "
                    "the campaign, one per client in its owner's name, not from Email Marketing.",
                    mailing=campaign_mailings[0].display_name,
                    campaign=campaign_mailings[0].event_lead_campaign_id.display_name,
                )
            )

    def action_launch(self):
        self._event_lead_check_not_campaign()
        return super().action_launch()

    def action_schedule(self):
        self._event_lead_check_not_campaign()
        return super().action_schedule()

    def action_put_in_queue(self):
        self._event_lead_check_not_campaign()
        return super().action_put_in_queue()

    def action_test(self):
        self._event_lead_check_not_campaign()
        return super().action_test()

    def _action_send_mail(self, res_ids=None):
        self._event_lead_check_not_campaign()
        return super()._action_send_mail(res_ids=res_ids)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_event_lead_campaign(self):
        if self.filtered("event_lead_campaign_id"):
            raise UserError(
                self.env._("The mailing of a tag campaign keeps its letters' statistics: it cannot be deleted.")
            )

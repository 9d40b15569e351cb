from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    event_lead_campaign_consent = fields.Selection(
        [("given", "Given"), ("refused", "Refused")],
        string="Campaign consent",
        tracking=True,
        copy=False,
        help="Consent to receive the annual offers (advertising under 38-FZ art. 18 / GDPR). Refused: "
        "never sent, also for the contacts of a company that refused. Empty: unknown, sent unless the "
        "company setting requires a recorded consent. Unsubscribe links and the blacklist stop the "
        "letters too.",
    )
    event_lead_click_date = fields.Datetime(
        string="Offer clicked on",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Last time the client clicked a link of a campaign letter: the client is in its owner's hot list.",
    )
    event_lead_letter_count = fields.Integer(
        string="Campaign letters",
        compute="_compute_event_lead_letter_count",
        groups="event_lead_followup.group_event_lead_advisor,event_lead_followup.group_event_lead_marketing",
    )

    @api.depends_context("uid")
    def _compute_event_lead_letter_count(self):
        if not self.env["event.lead.campaign.letter"].has_access("read"):
            self.event_lead_letter_count = 0
            return
        counts = dict(
            self.env["event.lead.campaign.letter"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.event_lead_letter_count = counts.get(partner, 0)

    def action_view_event_lead_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_tags.event_lead_campaign_letter_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {}
        return action

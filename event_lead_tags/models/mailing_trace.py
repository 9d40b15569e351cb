import datetime

from odoo import fields, models


class MailingTrace(models.Model):
    _inherit = "mailing.trace"

    event_lead_letter_id = fields.Many2one(
        "event.lead.campaign.letter",
        string="Campaign letter",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )

    # one e-mail per letter, whatever happens: a second one cannot be stored
    _event_lead_letter_unique = models.UniqueIndex(
        "(event_lead_letter_id) WHERE event_lead_letter_id IS NOT NULL",
        "This campaign letter already has its e-mail.",
    )

    def _event_lead_within_scan_window(self):
        """Whether it is still the first moments after delivery, when mail
        security gateways open every link of a letter to check it
        (``event_lead_tags.click_scan_seconds``, 120 by default)."""
        self.ensure_one()
        # sudo: read a technical setting
        seconds = int(self.env["ir.config_parameter"].sudo().get_param("event_lead_tags.click_scan_seconds", 120))
        delivered = self.sent_datetime or self.create_date
        return bool(delivered) and fields.Datetime.now() - delivered < datetime.timedelta(seconds=seconds)

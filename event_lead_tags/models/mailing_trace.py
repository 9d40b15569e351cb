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

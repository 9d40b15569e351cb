from odoo import api, models

# what counts as working on a client: a note or a message written by
# someone (comment), an e-mail received (email), a completed activity
# (posted with its activity type); tracking, system notes and automatic
# mailings (notification, auto_comment, email_outgoing) do not
INTERACTION_TYPES = ("comment", "email")
INTERACTION_MODELS = ("res.partner", "crm.lead")


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        messages._event_lead_touch_clients()
        return messages

    def _event_lead_touch_clients(self):
        """Move the last interaction of the clients these messages are about
        (one UPDATE for the batch; see ``res.partner._event_lead_touch``)."""
        ids = {"res.partner": set(), "crm.lead": set()}
        for message in self:
            if (
                message.model in INTERACTION_MODELS
                and message.res_id
                and (message.message_type in INTERACTION_TYPES or message.mail_activity_type_id)
            ):
                ids[message.model].add(message.res_id)
        if ids["res.partner"] or ids["crm.lead"]:
            self.env["res.partner"].sudo()._event_lead_touch(ids["res.partner"], ids["crm.lead"])

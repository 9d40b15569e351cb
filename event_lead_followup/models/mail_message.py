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
        self._event_lead_touch_clients(vals_list)
        return messages

    @api.model
    def _event_lead_touch_clients(self, vals_list):
        """Move the last interaction of the clients the new messages are about
        (one UPDATE for the batch, none for tracking and system messages; see
        ``event.lead.stale.digest._touch_clients``). Read from the values
        created: no query per message."""
        ids = {"res.partner": set(), "crm.lead": set()}
        for vals in vals_list:
            model = vals.get("model")
            if (
                model in INTERACTION_MODELS
                and vals.get("res_id")
                and (vals.get("message_type", "comment") in INTERACTION_TYPES or vals.get("mail_activity_type_id"))
            ):
                ids[model].add(vals["res_id"])
        if ids["res.partner"] or ids["crm.lead"]:
            # sudo: move the last interaction of the clients a message is about (one UPDATE, no user value)
            self.env["event.lead.stale.digest"].sudo()._touch_clients(ids["res.partner"], ids["crm.lead"])

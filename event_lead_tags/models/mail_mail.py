import re

from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _prepare_outgoing_body(self):
        """Sign the tracked links of a campaign letter: Odoo's mailing makes
        them ``/r/<code>/m/<trace>``; the letter's own route
        (``controllers/main.py``) counts a click only with the signature of
        that trace and that link."""
        body = super()._prepare_outgoing_body()
        trace = self.mailing_trace_ids[:1]
        # sudo: the letter of the e-mail's trace
        letter = trace.sudo().event_lead_letter_id
        if not (body and letter):
            return body

        def sign(match):
            return f"{match.group(0)}/{letter._link_signature(trace.id, match.group(1))}"

        pattern = re.compile(rf"/r/([A-Za-z0-9_-]+)/m/{trace.id}(?![0-9/])")
        return body.__class__(pattern.sub(sign, body))

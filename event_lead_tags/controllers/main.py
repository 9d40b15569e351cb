from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.mass_mailing.controllers.main import MassMailController


class EventLeadLetterLinks(MassMailController):
    """The links of campaign letters.

    A letter's tracked link carries a signature of its trace and its code
    (``/r/<code>/m/<trace>/<signature>``, see ``mail.mail``): only a click on
    a link of that very letter counts for it. Every request is recorded as a
    click of the link, as Odoo does; the letter counts it as its client's
    click (hot list, call task for the owner) only when it is signed, a real
    visit (GET, not a known robot) and not a mail scanner's pre-fetch within
    ``event_lead_tags.click_scan_seconds`` of the delivery.
    """

    @http.route("/r/<string:code>/m/<int:mailing_trace_id>/<string:signature>", type="http", auth="public")
    def event_lead_letter_link(self, code, mailing_trace_id, signature, **post):
        # sudo: the public link names a trace; only its letter is read
        letter_trace = request.env["mailing.trace"].sudo().browse(mailing_trace_id).exists()
        letter = letter_trace.event_lead_letter_id
        if not (letter and letter._is_link_signature(letter_trace, code, signature)):
            # a forged or altered link: recorded as a click of the link alone
            return self._event_lead_redirect(code)
        click = self._event_lead_add_click(code, mailing_trace_id=letter_trace.id)
        if click and self._event_lead_is_visit(letter_trace):
            # sudo: a signed click of the letter's own link registers it (checked above)
            letter.sudo()._register_click(click)
        return self._event_lead_redirect(code, recorded=True)

    @http.route("/r/<string:code>/m/<int:mailing_trace_id>", type="http", auth="public")
    def full_url_redirect(self, code, mailing_trace_id, **post):
        """Odoo's tracked link of a mailing. A campaign letter's links are
        signed: an unsigned one naming a letter's trace is not that letter's."""
        # sudo: the public link names a trace; only its letter is read
        letter_trace = request.env["mailing.trace"].sudo().browse(mailing_trace_id).exists()
        if letter_trace.event_lead_letter_id:
            return self._event_lead_redirect(code)
        return super().full_url_redirect(code, mailing_trace_id, **post)

    def _event_lead_add_click(self, code, **values):
        return (
            request.env["link.tracker.click"]
            # sudo: Odoo records every request to a tracked link, as its own controller does
            .sudo()
            .add_click(
                code,
                ip=request.httprequest.remote_addr,
                country_code=request.geoip.country_code,
                **values,
            )
        )

    def _event_lead_redirect(self, code, recorded=False):
        if not recorded:
            self._event_lead_add_click(code)
        redirect_url = request.env["link.tracker"].get_url_from_code(code)
        if not redirect_url:
            raise NotFound()
        return request.redirect(redirect_url, code=301, local=False)

    def _event_lead_is_visit(self, trace):
        """A person opening the link, not a robot or a mail scanner."""
        if request.httprequest.method != "GET" or request.env["ir.http"].is_a_bot():
            return False
        # sudo: read when the letter was delivered
        return not trace.sudo()._event_lead_within_scan_window()

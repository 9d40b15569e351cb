from odoo import api, models

from .event_lead_contact_client import COUNTED_FIELDS as CLIENT_FIELDS
from .event_lead_contact_month import COUNTED_FIELDS as MONTH_FIELDS


class EventLeadContactResult(models.Model):
    """The counts the reports read instead of every result (the monthly
    counts, the clients' summaries) follow each change of the results, in
    the same transaction."""

    _inherit = "event.lead.contact.result"

    # the contacts of one client since a day (the Schiffman board's "since interest")
    _partner_date_idx = models.Index("(commercial_partner_id, date)")

    @api.model_create_multi
    def create(self, vals_list):
        results = super().create(vals_list)
        self.env["event.lead.contact.month"]._add(results, 1)
        self.env["event.lead.contact.client"]._refresh(results.commercial_partner_id.ids)
        return results

    def write(self, vals):
        months, clients = MONTH_FIELDS.intersection(vals), CLIENT_FIELDS.intersection(vals)
        if not (months or clients):
            return super().write(vals)
        Month = self.env["event.lead.contact.month"]
        if months:
            Month._add(self, -1)
        partners = self.commercial_partner_id
        result = super().write(vals)
        if months:
            Month._add(self, 1)
        if clients:
            self.env["event.lead.contact.client"]._refresh((partners | self.commercial_partner_id).ids)
        return result

    def unlink(self):
        self.env["event.lead.contact.month"]._add(self, -1)
        partners = self.commercial_partner_id
        result = super().unlink()
        self.env["event.lead.contact.client"]._refresh(partners.ids)
        return result

from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Odoo's Merge Contacts moves the contact results of the merged
    contacts onto the survivor in SQL: the survivor's summary of held
    contacts (``event.lead.contact.client``) is computed again."""

    _inherit = "base.partner.merge.automatic.wizard"

    def _update_foreign_keys(self, src_partners, dst_partner):
        result = super()._update_foreign_keys(src_partners, dst_partner)
        self.env["event.lead.contact.client"]._refresh((src_partners | dst_partner).ids)
        return result

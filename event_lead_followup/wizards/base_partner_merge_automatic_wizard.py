from odoo import models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools import waivers


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Odoo's Merge Contacts with the duplicate guard.

    Odoo moves every row pointing to a merged contact onto the surviving one
    in SQL; the guard's keys are unique per (key, contact), so they are taken
    out of that move: the survivor ends with the union of the keys the
    contacts had and those of the values the merge gave it, and the merged
    contacts' keys go with them. Ownership follows Odoo's merge (the
    survivor's owner, else a merged contact's): the survivor is the one the
    person merging chooses. A merge deletes the merged contacts, so an
    operator or an advisor merges only clients they may edit.
    """

    _inherit = "base.partner.merge.automatic.wizard"

    def _update_foreign_keys(self, src_partners, dst_partner):
        self.env.cr.execute(SQL("DELETE FROM event_lead_partner_key WHERE partner_id = ANY(%s)", src_partners.ids))
        return super()._update_foreign_keys(src_partners, dst_partner)

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        Partner = self.env["res.partner"]
        partners = Partner.browse(partner_ids).exists()
        restricted = self.env["event.lead.client.ownership"]._is_restricted()
        others = partners - partners._filtered_access("write") if restricted else Partner
        if others:
            client = others[0].commercial_partner_id
            raise AccessError(
                self.env._(
                    "Owner of %(client)s: %(owner)s. The owner or a Sales manager merges it.",
                    client=client.display_name,
                    # sudo: name the owner in the message
                    owner=client.sudo().user_id.name,
                )
            )
        Key = self.env["event.lead.partner.key"]
        union = set().union(*Key._get_keys(partners.ids).values())
        # the merge writes the survivor with the values of existing contacts,
        # not new ones: the guard has nothing to decide
        with waivers.waive(waivers.GUARD):
            result = super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        survivor = partners.exists()
        if len(survivor) == 1:
            # sudo: keys are computed from every field of the survivor
            computed = self.env["event.lead.duplicate.guard"]._keys_of_partners(survivor.sudo())
            Key._replace_keys({survivor.id: set(computed[survivor.id]) | union})
        return result

"""Client ownership: who owns a client, and what the others may do with it.

A client (the commercial entity of ``res.partner``) belongs to one advisor
(``user_id``, shared by its contacts through Odoo's commercial-field sync),
to the company's pool owner, to Marketing's queue, or to nobody. The record
rules (``security/``) decide who reads and who edits; the rules that are not
a domain live here, called by ``res.partner``'s hooks and by every way a
client changes hands:

- an operator or an advisor (not a manager) writes to, follows and merges
  only the clients they may edit; whoever reads a client logs notes on it;
- a contact met at an event may be added under anyone's client, holding its
  own details only: it then belongs to the client's owner;
- a client changes hands in one place (``_reassign``): taken by an advisor,
  handed over by a manager or by the sales hand-over after an event, given
  by an accepted transfer request; its open deals and activities follow it.
"""

from odoo import api, models
from odoo.exceptions import AccessError, UserError

# fields a contact added under someone else's client may not set: they belong
# to the client (owner, company, sharing) or act on other records
FOREIGN_CONTACT_REFUSED = frozenset({"user_id", "commercial_partner_id", "is_competitor", "event_lead_marketing_queue"})


class EventLeadClientOwnership(models.AbstractModel):
    _name = "event.lead.client.ownership"
    _description = "Client ownership rules"

    # ------------------------------------------------------------------------
    # who may do what on a client
    # ------------------------------------------------------------------------

    @api.model
    def _is_restricted(self):
        """Whether the user is an operator or an advisor (not a manager): the
        ones whose rights on clients depend on who owns them."""
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("event_lead_followup.group_event_lead_operator")
            and not user.has_group("event_lead_followup.group_event_lead_manager")
        )

    @api.model
    def _check_may_write_to(self, partners):
        """Writing to a client (a message its followers and recipients receive
        by e-mail) or following it is for those who may edit it."""
        others = partners - partners._filtered_access("write")
        if others:
            raise AccessError(
                self.env._(
                    "Owner of %(client)s: %(owner)s. Log a note, or ask the owner to write to the client.",
                    client=others[0].commercial_partner_id.display_name,
                    # sudo: name the owner in the message
                    owner=others[0].commercial_partner_id.sudo().user_id.name,
                )
            )

    @api.model
    def _check_competitor_flag(self):
        """Marking a company as a competitor, or clearing the mark, decides who
        reads its dossier: the readers of competitor dossiers decide it."""
        if self.env.su or self.env.user.has_group("event_lead_followup.group_event_lead_dossier_competitor"):
            return
        raise AccessError(
            self.env._("Only the users who read competitor dossiers mark a company as a competitor or clear the mark.")
        )

    # ------------------------------------------------------------------------
    # a contact added under someone else's client
    # ------------------------------------------------------------------------

    @api.model
    def _foreign_parent_indexes(self, vals_list):
        """Indexes of ``vals_list`` (``res.partner`` values) creating a contact
        under a client the (restricted) user cannot edit."""
        if not self._is_restricted():
            return set()
        parents = self.env["res.partner"].browse({vals["parent_id"] for vals in vals_list if vals.get("parent_id")})
        parents.check_access("read")
        foreign = parents - parents._filtered_access("write")
        return {index for index, vals in enumerate(vals_list) if vals.get("parent_id") in foreign.ids}

    @api.model
    def _check_foreign_contact_vals(self, vals_list):
        """A contact added under someone else's client carries its own plain
        values only: no relational command, no field that writes elsewhere
        (related fields), nothing of the client's (owner, company flag), and
        the client's address and tax details as they are (Odoo copies a
        contact's differing address or tax ID up to its client)."""
        Partner = self.env["res.partner"]
        parents = Partner.browse({vals["parent_id"] for vals in vals_list})
        upstream = set(Partner._address_fields()) | set(Partner._synced_commercial_fields())
        for vals in vals_list:
            parent = parents.filtered(lambda p, pid=vals["parent_id"]: p.id == pid)
            refused = []
            for name, value in vals.items():
                field = Partner._fields.get(name)
                if name in ("parent_id", "company_type") or (field and not value and not field.related):
                    continue
                if field and name in upstream and field.store and not field.related:
                    client_value = parent[name].id if field.type == "many2one" else parent[name]
                    if value == client_value:
                        continue
                if (
                    not field
                    or field.related
                    or not field.store
                    or field.type in ("one2many", "many2many", "many2one_reference", "properties")
                    or name in FOREIGN_CONTACT_REFUSED
                    or name in upstream
                ):
                    refused.append(field.get_description(self.env)["string"] if field else name)
            if vals.get("is_company") or vals.get("company_type") == "company":
                refused.append(Partner._fields["is_company"].get_description(self.env)["string"])
            if refused:
                raise UserError(
                    self.env._(
                        "A contact added under a client of another owner holds its own details only "
                        "(name, position, e-mail, phone...); the client's address, tax details and owner "
                        "stay the client's. Leave out: %(fields)s.",
                        fields=", ".join(refused),
                    )
                )

    # ------------------------------------------------------------------------
    # a client changes hands
    # ------------------------------------------------------------------------

    @api.model
    def _take(self, partners):
        """An advisor takes unowned clients, or clients of the pool."""
        if not self.env.user.has_group("event_lead_followup.group_event_lead_advisor"):
            raise AccessError(self.env._("Only a Sales advisor takes clients: they own clients, operators do not."))
        clients = partners.commercial_partner_id
        if any(client.event_lead_ownership not in ("unowned", "pool") for client in clients):
            raise UserError(
                self.env._("Only unowned clients and clients of the pool can be taken; ask the owner for a transfer.")
            )
        clients.check_access("write")
        self._reassign(clients, self.env.user, self.env._("taken by the advisor"), move_open=False)

    @api.model
    def _reassign(self, partners, user, reason, move_open=True):
        """Give the clients of ``partners`` (and their contacts, through the
        commercial sync) to ``user``; with ``move_open``, also the open
        opportunities and open activities the previous owners had on them.
        Batched: one write per previous owner. The reason is logged on each
        client. Callers check rights first: this runs as superuser."""
        # sudo: callers check the user may reassign these clients; the new owner is checked by them
        clients = partners.commercial_partner_id.sudo()
        if not clients:
            return
        by_old_owner = clients.grouped("user_id")
        clients.write({"user_id": user.id})
        clients._event_lead_log(
            self.env._(
                "New owner: %(owner)s (changed by %(user)s). Reason: %(reason)s",
                owner=user.name or self.env._("nobody"),
                user=self.env.user.name,
                reason=reason,
            )
        )
        if move_open and user:
            for old_owner, owned in by_old_owner.items():
                if old_owner and old_owner != user:
                    self._move_open_work(owned, old_owner, user)

    @api.model
    def _move_open_work(self, clients, old_owner, user):
        """Open opportunities of ``clients`` held by ``old_owner`` (or by
        nobody), and ``old_owner``'s open activities on the clients, their
        contacts and those opportunities, go to ``user``."""
        # sudo: the open deals of the clients go with them to the new owner
        Lead = self.env["crm.lead"].sudo()
        leads = Lead.search(
            [
                ("event_lead_client_id", "in", clients.ids),
                ("won_status", "=", "pending"),
                ("user_id", "in", [old_owner.id, False]),
            ]
        )
        leads.write({"user_id": user.id})
        # sudo: the contacts of the clients go with them
        contacts = self.env["res.partner"].sudo().search([("commercial_partner_id", "in", clients.ids)])
        activities = (
            self.env["mail.activity"]
            # sudo: the old owner's open activities on them go to the new owner
            .sudo()
            .search(
                [
                    ("user_id", "=", old_owner.id),
                    "|",
                    "&",
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", contacts.ids),
                    "&",
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", leads.ids),
                ]
            )
        )
        activities.write({"user_id": user.id})

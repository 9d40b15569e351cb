"""The duplicate guard: one check for every way a client enters the CRM.

A new or changed contact is compared with every client on normalised keys
(``tools/duplicate_keys.py``), stored in ``event.lead.partner.key`` and
looked up with one indexed query:

- *strong* evidence (same name or alias, INN, OGRN, e-mail, phone, or
  non-public domain) of another advisor's client blocks the creation and
  names the owner; a Sales manager may override, logged;
- *weak* evidence (one name holds the other's whole distinctive name, or
  the names sound alike or are one typo apart) never blocks: the form lists
  the possible duplicates with their owners, and the owner of the other
  client (and the owner's manager) get one notice.

The strong keys of a check are claimed in ``event.lead.partner.key.lock``
before the lookup: of two advisors creating the same client at the same
moment, one wins and the other is blocked naming the winner.

Entry paths: ``res.partner`` create and write (forms, imports, the API,
lead conversion, quick create), and the participants of events
(``_match_participants``: a participant of a known client is linked to it).
"""

from collections import defaultdict

from markupsafe import Markup

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_list, parse_contact_from_email

from ..tools import duplicate_keys as dk
from ..tools import waivers

# the roles the guard applies to (sales managers and advisors imply operators)
EVENT_LEAD_ROLES = (
    "event_lead_followup.group_event_lead_operator",
    "event_lead_followup.group_event_lead_accountant",
    "event_lead_followup.group_event_lead_marketing",
)
STRONG, WEAK = "strong", "weak"
# reasons of a weak match (besides the key kinds of strong ones)
CONTAINS, SIMILAR, OTHER_TAX_ID = "contains", "similar", "other_tax_id"


class EventLeadDuplicateGuard(models.AbstractModel):
    _name = "event.lead.duplicate.guard"
    _description = "Duplicate guard"

    # ------------------------------------------------------------------------
    # settings and context
    # ------------------------------------------------------------------------

    @api.model
    def _is_active(self):
        """The guard stops the users of Event Leads (its roles), not the
        system: sudo flows, and the flows that create partners as a side
        effect (mail recipients, users), waive it in the server
        (``waivers.GUARD``); no context key a caller sends switches it off.
        Other Odoo users create partners as in Odoo; their partners are
        indexed all the same, so that ours meet them."""
        if self.env.su or waivers.is_waived(waivers.GUARD):
            return False
        user = self.env.user
        return any(user.has_group(group) for group in EVENT_LEAD_ROLES)

    @api.model
    def _public_domains(self):
        return self.env["event.lead.public.domain"]._get_public_domains()

    @api.model
    def _regions(self, country_ids):
        """{country id: ISO code} for phone numbers; ``False``: the company's
        country, else Russia."""
        default = self.env.company.country_id.code or "RU"
        countries = self.env["res.country"].browse(country_ids)
        return {country.id: country.code or default for country in countries} | {False: default}

    @api.model
    def _thresholds(self):
        company = self.env.company
        return {
            "min_length": company.event_lead_guard_min_length or 4,
            "threshold": company.event_lead_guard_similarity or 80,
        }

    # ------------------------------------------------------------------------
    # keys
    # ------------------------------------------------------------------------

    @api.model
    def _keys_of_partners(self, partners):
        """{partner id: [keys]} from the partners as they are now."""
        regions = self._regions(partners.country_id.ids)
        public = self._public_domains()
        return {
            partner.id: dk.partner_keys(
                name=partner.name,
                is_company=partner.is_company,
                vat=partner.vat if partner.commercial_partner_id == partner else None,
                company_registry=partner.company_registry if partner.commercial_partner_id == partner else None,
                email=partner.email,
                phone=partner.phone,
                website=partner.website,
                region=regions.get(partner.country_id.id, regions[False]),
                public_domains=public,
            )
            for partner in partners
        }

    # ------------------------------------------------------------------------
    # the check of res.partner create and write
    # ------------------------------------------------------------------------

    @api.model
    def _check_and_index(self, partners, old_keys=None, check=True, created=False):
        """Check the new keys of ``partners`` against everybody else's, then
        store them. ``old_keys`` ({partner id: keys} before a write): only
        what the write changed can make a new conflict. One lock statement,
        one lookup query and one insert for the batch."""
        partners = partners.filtered("id")
        if not partners:
            return
        # sudo: keys are computed from every field, readable or not by the user
        keys = self._keys_of_partners(partners.sudo())
        if check and self._is_active():
            old_keys = old_keys or {}
            new_keys = {}
            for pid, pkeys in keys.items():
                new = [key for key in pkeys if key not in old_keys.get(pid, ())]
                if any(key[:1] in (dk.NAME, dk.LATIN_NAME) for key in new):
                    # a new name is compared whole: all its words and sounds
                    new += [key for key in pkeys if key[:1] in dk.WEAK_KINDS and key not in new]
                new_keys[pid] = new
            self._lock(key for pkeys in new_keys.values() for key in pkeys)
            self._apply(partners, new_keys)
        self.env["event.lead.partner.key"]._replace_keys(keys, created=created)

    @api.model
    def _create_overriding(self, vals_list):
        """A Sales manager creates clients although another advisor owns a
        match ("Create anyway"); the override is logged on each new client."""
        if not self.env.user.has_group("event_lead_followup.group_event_lead_manager"):
            raise AccessError(self.env._("Only a Sales manager can create a client that another advisor owns."))
        with waivers.waive(waivers.GUARD_OVERRIDE):
            return self.env["res.partner"].create(vals_list)

    @api.model
    def _lock(self, keys):
        """Claim the strong keys (and those they are looked up by) until the
        end of the transaction, before the lookup: a concurrent check of the
        same client waits, then sees this one (see ``event.lead.partner.key.lock``)."""
        claims = set()
        for key in dk.lookup_keys(list(keys)):
            if dk.is_strong(key):
                kind, value = key.split(":", 1)
                claims.add(f"{dk.NAME}:{value}" if kind == dk.LATIN_NAME else key)
        self.env["event.lead.partner.key.lock"]._acquire(claims)

    def _apply(self, partners, keys_by_partner):
        """Raise when strong evidence says a partner is someone else's client.

        A Sales manager may override ("Create anyway",
        ``_create_overriding``): the override is logged on the new record.
        Strong evidence of the user's own client, of an unowned one or of the
        pool does not block, and weak evidence never does: both are noted in the chatter of the new record (the
        "New client" check and the form having offered them before); weak
        evidence of another advisor's client is told to its owner.
        """
        # sudo: the partners just written are read whole (a contact added to
        # another advisor's client is not the user's to read); nothing is written
        refs = [
            {
                "keys": keys_by_partner.get(partner.id, []),
                "exclude_client": partner.commercial_partner_id.id,
                "name": partner.name if partner.is_company else None,
                "vat": dk.vat_key(partner.commercial_partner_id.vat),
            }
            # sudo: compare every field of the partners, readable or not by the user; only names leave this method
            for partner in partners.sudo()
        ]
        all_matches = self._match_keys(refs)
        blocked, noted, notices = {}, {}, []
        for partner, matches in zip(partners, all_matches, strict=True):
            if others := [m for m in matches if m["relation"] == "other" and m["level"] == STRONG]:
                blocked[partner] = others
            if matches:
                noted[partner] = matches
            notices += [(partner, m) for m in matches if m["relation"] == "other" and m["level"] == WEAK]
        is_manager = self.env.user.has_group("event_lead_followup.group_event_lead_manager")
        if blocked and not (waivers.is_waived(waivers.GUARD_OVERRIDE) and is_manager):
            raise UserError(self._blocked_message(blocked, is_manager))
        bodies = {}
        for partner, matches in noted.items():
            if partner in blocked:
                intro = self.env._(
                    "Created by %(user)s despite a match with another advisor's client:",
                    user=self.env.user.name,
                )
            else:
                intro = self.env._("Possible duplicate of a client already in the CRM:")
            bodies[partner.id] = Markup("<p>%s</p>%s") % (intro, self._matches_html(matches))
        if bodies:
            self.env["res.partner"].browse(list(bodies))._message_log_batch(bodies=bodies)
        if notices:
            self._notify_owners(notices)

    @api.model
    def _check_quick_create_name(self, name):
        """A name typed in a many2one makes a person unless it names a
        company, but it is still checked as a company name: blocked when it
        is the name of another advisor's client."""
        if not self._is_active():
            return
        name = parse_contact_from_email(name)[0] or name
        matches = self._find_duplicates([{"name": name, "is_company": True}])[0]
        others = [m for m in matches if m["relation"] == "other" and m["level"] == STRONG]
        if others and not waivers.is_waived(waivers.GUARD_OVERRIDE):
            partner = self.env["res.partner"].new({"name": name})
            raise UserError(
                self._blocked_message(
                    {partner: others}, self.env.user.has_group("event_lead_followup.group_event_lead_manager")
                )
            )

    # ------------------------------------------------------------------------
    # messages
    # ------------------------------------------------------------------------

    @api.model
    def _blocked_message(self, blocked, is_manager):
        lines = []
        for partner, matches in blocked.items():
            for match in matches:
                lines.append(
                    self.env._(
                        "“%(new)s”: %(client)s is already in the CRM (same %(reasons)s), owned by %(owner)s. "
                        "Ask %(owner)s to transfer this client to you: open it and click “Request transfer”.",
                        new=partner.display_name,
                        client=match["display"],
                        reasons=match["reasons_label"],
                        owner=match["owner_name"],
                    )
                )
        if is_manager:
            lines.append(
                self.env._(
                    "As a Sales manager you may create it anyway: Event Leads > Clients > New client, "
                    "then “Create anyway”."
                )
            )
        return "\n".join(lines)

    @api.model
    def _reason_labels(self):
        return {
            dk.NAME: self.env._("name"),
            dk.VAT: self.env._("tax ID"),
            dk.OGRN: self.env._("registration number (OGRN)"),
            dk.EMAIL: self.env._("e-mail"),
            dk.DOMAIN: self.env._("e-mail or website domain"),
            dk.PHONE: self.env._("phone"),
            CONTAINS: self.env._("name within the other name"),
            SIMILAR: self.env._("similar name"),
            OTHER_TAX_ID: self.env._("name, another tax ID"),
        }

    @api.model
    def _matches_html(self, matches):
        """The matches as an HTML list: the strong ones ("already in the
        CRM"), then the weak ones ("possible duplicates")."""
        relations = dict(self.env["res.partner"]._fields["event_lead_ownership"]._description_selection(self.env))
        html = Markup("")
        for level, title in (
            (STRONG, self.env._("Already in the CRM:")),
            (WEAK, self.env._("Possible duplicates:")),
        ):
            of_level = [match for match in matches if match["level"] == level]
            if not of_level:
                continue
            items = Markup("").join(
                Markup("<li><b>%s</b> — %s (%s)</li>")
                % (
                    match["display"],
                    self.env._("owner: %(owner)s", owner=match["owner_name"])
                    if match["owner_name"]
                    else relations["unowned"],
                    self.env._("same %(reasons)s", reasons=match["reasons_label"])
                    if level == STRONG
                    else match["reasons_label"],
                )
                for match in of_level
            )
            html += Markup("<p class='mb-0'><strong>%s</strong></p><ul class='mb-0'>%s</ul>") % (title, items)
        return html

    @api.model
    def _notify_owners(self, notices):
        """Tell the owner of each client a new partner may duplicate (weak
        evidence), and the owner's manager: one notice per new partner and
        client, in each reader's language."""
        Partner = self.env["res.partner"]
        Digest = self.env["event.lead.stale.digest"]
        # sudo: owners and their managers are read to address the notice; the
        # users themselves may not read each other's records
        owners = self.env["res.users"].sudo().browse({match["owner_id"] for _partner, match in notices})
        managers = Digest.sudo()._manager_of(owners, self.env.company)
        seen = set()
        for partner, match in notices:
            if (partner.id, match["client_id"]) in seen:
                continue
            seen.add((partner.id, match["client_id"]))
            owner = owners.browse(match["owner_id"])
            readers = (owner | managers.get(owner, owner)) - self.env.user
            # sudo: the notice is posted by the server on the other advisor's
            # client, which the creator may not read; its text is ours, the
            # names in it are escaped
            client = Partner.sudo().browse(match["client_id"])
            for lang, users in readers.grouped(lambda user: user.lang or self.env.lang).items():
                env = self.with_context(lang=lang).env
                body = Markup("<p>%s</p>") % env._(
                    "Possible duplicate of your client %(client)s: %(new)s was created by %(user)s (%(reasons)s).",
                    client=client.display_name,
                    new=partner.sudo().display_name,  # sudo: the name only, of the partner just created
                    user=self.env.user.name,
                    reasons=self.with_context(lang=lang)._reason_labels()[match["reasons"][0]],
                )
                client.message_notify(
                    partner_ids=users.partner_id.ids,
                    author_id=self.env.user.partner_id.id,
                    subject=env._("Possible duplicate of your client %(client)s", client=client.display_name),
                    body=body,
                    model=client._name,
                    res_id=client.id,
                )

    # ------------------------------------------------------------------------
    # lookup
    # ------------------------------------------------------------------------

    @api.model
    def _find_duplicates(self, vals_list):
        """The clients already in the CRM that each set of values matches.

        Public API of the duplicate guard, for the forms, the "New client"
        check and imports. ``vals_list`` holds dicts as given to ``create``
        (``name`` or ``firstname``/``lastname``, ``is_company`` or
        ``company_type``, ``parent_id``, ``vat``, ``company_registry``,
        ``email``, ``phone``, ``website``, ``country_id``) plus an optional
        ``id`` of the partner being edited. Returns one list per dict, each
        match a dict: ``partner_id``, ``partner_name`` (the matched contact),
        ``client_id``, ``client_name`` (its commercial entity), ``display``,
        ``owner_id``, ``owner_name``, ``relation`` (``mine``, ``unowned``,
        ``pool`` or ``other``), ``level`` (``strong`` or ``weak``),
        ``reasons`` (key kinds, or ``contains``/``similar``/``other_tax_id``)
        and ``reasons_label``. It works under sudo, so that matches the user
        cannot read are found too; only names are returned. One query for
        the whole list, whatever the number of partners in the database.
        """
        public = self._public_domains()
        Partner = self.env["res.partner"]
        parent_ids = {vals.get("parent_id") for vals in vals_list if vals.get("parent_id")}
        own_ids = {vals.get("id") for vals in vals_list if vals.get("id")}
        # sudo: the commercial entity of a parent the user may not read
        clients = {
            partner.id: partner.commercial_partner_id.id
            for partner in Partner.sudo().browse(parent_ids | own_ids).exists()
        }
        regions = self._regions([vals["country_id"] for vals in vals_list if vals.get("country_id")])
        refs = []
        for vals in vals_list:
            name = vals.get("name")
            if not name and (vals.get("firstname") or vals.get("lastname")):
                name = Partner._get_computed_name(vals.get("lastname"), vals.get("firstname"))
            is_company = vals.get("is_company", vals.get("company_type") == "company")
            parent_id = vals.get("parent_id")
            keys = dk.partner_keys(
                name=name,
                is_company=is_company,
                vat=None if parent_id else vals.get("vat"),
                company_registry=None if parent_id else vals.get("company_registry"),
                email=vals.get("email"),
                phone=vals.get("phone"),
                website=vals.get("website"),
                region=regions.get(vals.get("country_id") or False, regions[False]),
                public_domains=public,
            )
            refs.append(
                {
                    "keys": keys,
                    "exclude_client": clients.get(parent_id) or clients.get(vals.get("id")),
                    "exclude_partner": vals.get("id"),
                    "name": name if is_company else None,
                    "vat": None if parent_id else dk.vat_key(vals.get("vat")),
                }
            )
        return self._match_keys(refs)

    @api.model
    def _match_keys(self, refs):
        """Look all the keys of ``refs`` up at once and grade each client
        found; see ``_find_duplicates``. Each ref: ``keys`` (the partner's
        own keys), ``name`` (a company's name, for weak evidence), ``vat``
        (its tax id key), ``exclude_client``, ``exclude_partner``."""
        lookups = [dk.lookup_keys(ref["keys"]) for ref in refs]
        wanted = sorted({key for keys in lookups for key in keys})
        rows = self.env["event.lead.partner.key"]._lookup(wanted, self.env.companies.ids) if wanted else []
        by_key = defaultdict(list)
        for row in rows:
            by_key[row["key"]].append(row)
        thresholds = self._thresholds()
        result = []
        for ref, keys in zip(refs, lookups, strict=True):
            found = {}
            for key in keys:
                for row in by_key.get(key, ()):
                    if row["client_id"] == ref.get("exclude_client") or row["partner_id"] == ref.get("exclude_partner"):
                        continue
                    match = found.setdefault(row["client_id"], {**row, "reasons": [], "candidate": False})
                    kind = key.split(":", 1)[0]
                    if dk.is_strong(key):
                        kind = dk.NAME if kind == dk.LATIN_NAME else kind
                        if kind not in match["reasons"]:
                            match["reasons"].append(kind)
                    else:
                        match["candidate"] = True
            matches = []
            for match in found.values():
                graded = self._grade(ref, match, thresholds)
                if graded:
                    matches.append(graded)
            result.append(matches)
        self._describe([match for matches in result for match in matches])
        for matches in result:
            matches.sort(key=lambda m: (m["level"] != STRONG, m["relation"] != "other", m["client_name"] or ""))
        return result

    @api.model
    def _grade(self, ref, match, thresholds):
        """Strong or weak evidence for one client found, or ``None``."""
        reasons = match["reasons"]
        if reasons == [dk.NAME] and ref.get("vat"):
            other_vat = dk.vat_key(match["client_vat"])
            if other_vat and other_vat != ref["vat"]:
                # one name, two legal entities: ООО «Альфа» is many companies
                match.update(level=WEAK, reasons=[OTHER_TAX_ID])
                return match
        if reasons:
            match["level"] = STRONG
            return match
        if not (match["candidate"] and ref.get("name")):
            return None
        evidence = dk.weak_evidence(ref["name"], match["partner_name"], **thresholds)
        if not evidence:
            return None
        match.update(level=WEAK, reasons=[evidence[0]], score=evidence[1])
        return match

    @api.model
    def _describe(self, matches):
        """Add ``relation``, ``reasons_label`` and ``display`` to ``matches``."""
        pool = self.env.company.event_lead_pool_user_id.id
        labels = self._reason_labels()
        reason_labels = {}
        for match in matches:
            owner = match["owner_id"]
            if not owner:
                match["relation"] = "unowned"
            elif owner == pool:
                match["relation"] = "pool"
            elif owner == self.env.uid:
                match["relation"] = "mine"
            else:
                match["relation"] = "other"
            reasons = tuple(match["reasons"])
            if reasons not in reason_labels:
                reason_labels[reasons] = format_list(self.env, [labels[kind] for kind in reasons])
            match["reasons_label"] = reason_labels[reasons]
            match["display"] = (
                match["client_name"]
                if match["partner_id"] == match["client_id"]
                else self.env._(
                    "%(client)s (contact %(contact)s)", client=match["client_name"], contact=match["partner_name"]
                )
            )

    # ------------------------------------------------------------------------
    # participants of events
    # ------------------------------------------------------------------------

    @api.model
    def _match_participants(self, rows, created=None):
        """The contact of each participant described by ``rows`` (dicts with
        ``name`` or ``firstname``/``lastname``, ``email``, ``phone``,
        ``company_name``, and optionally ``function``, ``vat``): the existing
        contact with the same e-mail or phone, else a new contact under the
        existing client the company name, INN or e-mail domain strongly
        matches, else a new contact under a new company (or alone).

        Existing clients are linked, never duplicated, whoever owns them: the
        participant IS that client, and nothing of it is shown. A company
        that only looks like a client (weak evidence) is created, through the
        guard, which tells that client's owner. The lookup is one query for
        all the rows; new companies and contacts are made by one ``create``
        each. Returns a list of partners, one per row; ``created`` (a set),
        when given, receives the indexes of the rows whose contact was
        created."""
        Partner = self.env["res.partner"]
        lookups = []
        for row in rows:
            person_name = row.get("name") or Partner._get_computed_name(row.get("lastname"), row.get("firstname"))
            lookups.append({"name": person_name, "email": row.get("email"), "phone": row.get("phone")})
            lookups.append(
                {"name": row.get("company_name"), "is_company": True, "vat": row.get("vat")}
                if row.get("company_name") or row.get("vat")
                else {}
            )
        matches = [[match for match in found if match["level"] == STRONG] for found in self._find_duplicates(lookups)]
        person_kinds = {dk.EMAIL, dk.PHONE}
        # a person is matched by e-mail or phone, and must be a person (not
        # the company's own address); sudo: the match may be unreadable
        candidates = Partner.sudo().browse(
            {match["partner_id"] for found in matches[::2] for match in found if person_kinds & set(match["reasons"])}
        )
        people_ids = set(candidates.filtered(lambda partner: not partner.is_company).ids)
        found, client_of, new_companies = {}, {}, {}
        for index, row in enumerate(rows):
            person_matches, company_matches = matches[2 * index], matches[2 * index + 1]
            person = next(
                (
                    match
                    for match in person_matches
                    if person_kinds & set(match["reasons"]) and match["partner_id"] in people_ids
                ),
                None,
            )
            if person:
                found[index] = person["partner_id"]
                continue
            client = next(iter(company_matches), None) or next(iter(person_matches), None)
            if client:
                client_of[index] = client["client_id"]
            elif row.get("company_name"):
                name = row["company_name"].strip()
                key = next(iter(dk.name_keys(name)), name.lower())
                new_companies.setdefault(key, {"name": name, "is_company": True, "vat": row.get("vat")})
                client_of[index] = key
        # the new companies go through the guard like any other
        company_ids = (
            dict(zip(new_companies, Partner.create(list(new_companies.values())).ids, strict=True))
            if new_companies
            else {}
        )
        people, people_keys = [], {}
        for index, row in enumerate(rows):
            if index in found:
                continue
            parent = client_of.get(index)
            parent_id = company_ids[parent] if isinstance(parent, str) else parent
            email = (row.get("email") or "").strip().lower()
            dedup = email or f"#{index}"
            if dedup in people_keys:
                continue
            vals = {
                "email": row.get("email") or False,
                "phone": row.get("phone") or False,
                "function": row.get("function") or False,
                "parent_id": parent_id or False,
            }
            if row.get("firstname") or row.get("lastname"):
                vals.update(firstname=row.get("firstname") or False, lastname=row.get("lastname") or False)
            else:
                vals["name"] = row.get("name") or row.get("email")
            people_keys[dedup] = len(people)
            people.append(vals)
        # the people were just matched by e-mail and phone: a participant of a
        # client is that client's contact, whoever owns it
        with waivers.waive(waivers.GUARD):
            new_people = Partner.create(people) if people else Partner
        result = []
        for index, row in enumerate(rows):
            if index in found:
                result.append(Partner.browse(found[index]))
            else:
                email = (row.get("email") or "").strip().lower()
                result.append(new_people[people_keys[email or f"#{index}"]])
                if created is not None:
                    created.add(index)
        return result

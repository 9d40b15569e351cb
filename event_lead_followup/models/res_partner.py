import datetime
import re
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, format_list

from ..tools import duplicate_keys, waivers

UNKNOWN_FIRST_NAME = "!"
# KPP of a Russian organisation: tax office (4 digits), reason (2 digits or
# capital letters), number (3 digits)
KPP_RE = re.compile(r"^\d{4}[\dA-Z]{2}\d{3}$")

# the fields whose change may make a partner someone else's duplicate
GUARDED_FIELDS = frozenset(
    {"name", "firstname", "lastname", "vat", "email", "phone", "website", "is_company", "company_type"}
)
# the fields the keys are computed from
KEY_FIELDS = GUARDED_FIELDS | {"parent_id", "country_id"}

# Russian SME categories (law 209-FZ): head count of the company
COMPANY_SIZES = [
    ("micro", "Micro (up to 15)"),
    ("small", "Small (16-100)"),
    ("medium", "Medium (101-250)"),
    ("large", "Large (over 250)"),
]

READINESS = [
    ("1", "Cold"),
    ("2", "Warming up"),
    ("3", "Warm"),
    ("4", "Hot"),
    ("5", "Ready to buy"),
]
# kanban colour index (web client palette) of each readiness level
READINESS_COLORS = {"1": 4, "2": 3, "3": 2, "4": 1, "5": 10}


class ResPartner(models.Model):
    _inherit = "res.partner"
    # Anyone who can read a client may log a note, a call or an e-mail on it;
    # editing the client itself stays with its owner (record rules).
    _mail_post_access = "read"

    is_competitor = fields.Boolean(
        string="Competitor",
        tracking=True,
        help="A competitor's dossier entries, and those of its people, are read only by the users "
        "allowed to read competitor dossiers.",
    )
    dossier_entry_count = fields.Integer(compute="_compute_dossier_entry_count", string="Dossier")
    greeting_name = fields.Char(
        compute="_compute_greeting_name",
        help="What letters put after 'Hello,': the first name of a person. Empty when the "
        "first name is unknown (empty or '!') or for a company: the greeting is then neutral.",
    )
    greeting = fields.Char(
        compute="_compute_greeting",
        help="The opening line of a letter to this contact, in the contact's language: "
        "'Hello, Oleg!' or, when the first name is unknown, 'Hello!'.",
    )

    # ownership --------------------------------------------------------------
    event_lead_owner_since = fields.Datetime(
        string="Owner since",
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        help="When the current owner got this client.",
    )
    event_lead_ownership = fields.Selection(
        [
            ("mine", "Mine"),
            ("unowned", "Unowned"),
            ("pool", "In the pool"),
            ("other", "Someone else's"),
        ],
        string="Ownership",
        compute="_compute_event_lead_ownership",
        help="Who owns this client, seen from the current user.",
    )
    event_lead_in_pool = fields.Boolean(
        string="In the pool",
        compute="_compute_event_lead_ownership",
        search="_search_event_lead_in_pool",
        help="Owned by the pool owner of the company: out of the working lists, still in the catalogue mailings.",
    )
    event_lead_marketing_queue = fields.Boolean(
        string="Marketing queue",
        copy=False,
        readonly=True,
        tracking=True,
        help="Handed over to the Marketing department: nobody owns it until Marketing hands it back to an advisor.",
    )
    event_lead_duplicate_info = fields.Html(
        string="Possible duplicates",
        compute="_compute_event_lead_duplicate_info",
        sanitize=False,
        help="Clients already in the CRM that look like this one (same name, tax ID, e-mail, domain or phone).",
    )

    # stale contacts -----------------------------------------------------------
    event_lead_last_interaction = fields.Datetime(
        string="Last interaction",
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        index=True,
        help="Last note, logged call, e-mail or completed activity on this client, its contacts or its opportunities.",
    )
    event_lead_is_stale = fields.Boolean(
        string="Not worked",
        readonly=True,
        copy=False,
        help="Nothing was noted on this client for longer than the company allows: its owner's manager was told.",
    )
    event_lead_stale_since = fields.Date(string="Not worked since", readonly=True, copy=False)

    # client card ------------------------------------------------------------
    event_lead_preferred_channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("messenger", "Messenger"),
            ("social", "Social network"),
            ("meeting", "Meeting"),
        ],
        string="Preferred channel",
        help="How the client prefers to be contacted.",
    )
    event_lead_source_id = fields.Many2one(
        "utm.source",
        string="First contact source",
        help="Where the first contact came from (campaign, list, exhibition catalogue...).",
    )
    event_lead_first_contact_place = fields.Selection(
        [
            ("stand", "Exhibition stand"),
            ("event", "Event or seminar"),
            ("web_form", "Web form"),
            ("download", "Download"),
            ("call_in", "Incoming call"),
            ("call_out", "Outgoing call"),
            ("email", "E-mail"),
            ("referral", "Recommendation"),
            ("other", "Other"),
        ],
        string="First contact",
        help="How the first contact happened.",
    )
    event_lead_event_id = fields.Many2one("event.event", string="Met at event", index="btree_not_null")
    event_lead_special_date_ids = fields.One2many(
        "event.lead.special.date",
        "partner_id",
        string="Special dates",
    )
    event_lead_manager_rating = fields.Selection(
        [
            ("0", "Not rated"),
            ("1", "Poor"),
            ("2", "Fair"),
            ("3", "Good"),
            ("4", "Very good"),
            ("5", "Excellent"),
        ],
        string="Rating of its manager",
        default="0",
        help="How the client rates the work of its manager.",
    )
    event_lead_readiness = fields.Selection(
        READINESS,
        string="Readiness to buy",
        tracking=True,
        help="From cold (blue) to ready to buy (green).",
    )
    event_lead_kpp = fields.Char(
        string="KPP",
        size=9,
        copy=False,
        help="Tax registration reason code (КПП) of a Russian organisation: 9 digits, next to its INN.",
    )
    event_lead_company_size = fields.Selection(
        COMPANY_SIZES,
        string="Company size",
        help="Head count of the company, by the Russian small and medium business categories: "
        "one of the segments of event participants.",
    )
    event_lead_readiness_color = fields.Integer(
        string="Readiness colour",
        compute="_compute_event_lead_readiness_color",
    )
    event_lead_history_won_count = fields.Integer(string="Won deals", compute="_compute_event_lead_history")
    event_lead_history = fields.Html(
        string="Purchase history",
        compute="_compute_event_lead_history",
        sanitize=False,
    )

    # Lead rating: what the client is worth, to sort clients by value.
    event_lead_commercial_lead_ids = fields.One2many(
        "crm.lead", "event_lead_client_id", string="Deals of the client", context={"active_test": False}
    )
    event_lead_won_count = fields.Integer(
        string="Deals won",
        compute="_compute_event_lead_rating",
        store=True,
        help="Won deals of the client and its contacts: repeat purchases raise the rating of its new deals.",
    )
    event_lead_won_revenue = fields.Float(
        string="Revenue won",
        compute="_compute_event_lead_rating",
        store=True,
        digits=(16, 2),
    )
    event_lead_rating = fields.Float(
        string="Rating",
        compute="_compute_event_lead_rating",
        store=True,
        index=True,
        digits=(16, 2),
        help="Revenue already won with the client plus its open deals weighted by their probability.",
    )
    event_lead_result_count = fields.Integer(
        compute="_compute_event_lead_result_count",
        string="Contact results",
        groups="event_lead_followup.group_event_lead_operator",
    )

    # ------------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------------

    @api.depends("firstname", "is_company")
    def _compute_greeting_name(self):
        for partner in self:
            first = (partner.firstname or "").strip()
            known = first and first.strip(UNKNOWN_FIRST_NAME).strip()
            partner.greeting_name = first if known and not partner.is_company else False

    @api.depends("greeting_name", "lang")
    @api.depends_context("lang")
    def _compute_greeting(self):
        for partner in self:
            env = partner.with_context(lang=partner.lang or self.env.lang).env
            if partner.greeting_name:
                partner.greeting = env._("Hello, %(name)s!", name=partner.greeting_name)
            else:
                partner.greeting = env._("Hello!")

    def _compute_dossier_entry_count(self):
        counts = dict(
            self.env["event.lead.dossier.entry"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.dossier_entry_count = counts.get(partner.commercial_partner_id, 0)

    def action_open_dossier(self):
        """The dossier of the company: its entries and those of its people."""
        self.ensure_one()
        company = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_followup.event_lead_dossier_entry_action")
        action["domain"] = [("commercial_partner_id", "=", company.id)]
        action["context"] = {
            "default_partner_id": self.id,
            "default_kind": "company" if self.is_company else "person",
        }
        action["display_name"] = action["name"] = self.env._("Dossier: %(name)s", name=company.display_name)
        return action

    @api.depends("commercial_partner_id.user_id")
    @api.depends_context("uid", "company")
    def _compute_event_lead_ownership(self):
        pool = self.env.company.event_lead_pool_user_id
        for partner in self:
            owner = partner.commercial_partner_id.user_id
            partner.event_lead_in_pool = bool(pool) and owner == pool
            if not owner:
                partner.event_lead_ownership = "unowned"
            elif partner.event_lead_in_pool:
                partner.event_lead_ownership = "pool"
            elif owner == self.env.user:
                partner.event_lead_ownership = "mine"
            else:
                partner.event_lead_ownership = "other"

    def _search_event_lead_in_pool(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        wanted = {bool(v) for v in value}
        if operator == "not in":
            wanted = {True, False} - wanted
        pool = self.env.company.event_lead_pool_user_id
        in_pool = Domain("commercial_partner_id.user_id", "=", pool.id) if pool else Domain.FALSE
        if wanted == {True}:
            return in_pool
        if wanted == {False}:
            return ~in_pool
        return Domain.TRUE if wanted else Domain.FALSE

    @api.depends("event_lead_readiness")
    def _compute_event_lead_readiness_color(self):
        for partner in self:
            partner.event_lead_readiness_color = READINESS_COLORS.get(partner.event_lead_readiness, 0)

    @api.depends("name", "email", "phone", "vat", "website", "is_company", "parent_id")
    @api.depends_context("uid")
    def _compute_event_lead_duplicate_info(self):
        vals_list = [partner._event_lead_vals_for_check() for partner in self]
        for partner, matches in zip(self, self._event_lead_find_duplicates(vals_list), strict=True):
            partner.event_lead_duplicate_info = self._event_lead_matches_html(matches) if matches else False

    def _compute_event_lead_history(self):
        """Won deals of each client by year, quarter and month: three grouped
        reads for all the partners at once. The history is part of the client
        card everyone reads: totals are computed as superuser (a salesperson
        only reads their own deals), within the user's companies."""
        clients = self.commercial_partner_id.filtered("id")
        domain = [
            ("event_lead_client_id", "in", clients.ids),
            ("won_status", "=", "won"),
            ("company_id", "in", [*self.env.companies.ids, False]),
        ]
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        by_period = {}
        totals = defaultdict(lambda: (0, 0.0))
        for granularity in ("year", "quarter", "month"):
            groups = Lead._read_group(
                domain,
                ["event_lead_client_id", f"date_closed:{granularity}"],
                ["__count", "expected_revenue:sum"],
                order=f"event_lead_client_id, date_closed:{granularity} desc",
            )
            for client, period, count, amount in groups:
                by_period.setdefault(client.id, {}).setdefault(granularity, []).append((period, count, amount))
                if granularity == "year":
                    totals[client.id] = (totals[client.id][0] + count, totals[client.id][1] + amount)
        for partner in self:
            client_id = partner.commercial_partner_id.id
            partner.event_lead_history_won_count = totals[client_id][0]
            partner.event_lead_history = (
                self.env["ir.qweb"]._render(
                    "event_lead_followup.res_partner_won_history",
                    {
                        "periods": by_period[client_id],
                        "format_period": partner._event_lead_format_period,
                        "currency": self.env.company.currency_id,
                        "total": totals[client_id],
                    },
                )
                if client_id in by_period
                else False
            )

    def _event_lead_format_period(self, granularity, day):
        if not day:
            return self.env._("No date")
        if granularity == "year":
            return str(day.year)
        if granularity == "quarter":
            return self.env._("Q%(quarter)s %(year)s", quarter=(day.month - 1) // 3 + 1, year=day.year)
        return f"{day.month:02d}.{day.year}"

    @api.constrains("event_lead_kpp")
    def _check_event_lead_kpp(self):
        for partner in self:
            if partner.event_lead_kpp and not KPP_RE.match(partner.event_lead_kpp):
                raise ValidationError(
                    self.env._(
                        "KPP of %(partner)s: 9 characters expected, 4 digits, 2 digits or capital letters, "
                        "3 digits (e.g. 631601001).",
                        partner=partner.display_name,
                    )
                )

    # ------------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------------

    @api.model
    def _commercial_fields(self):
        """The owner belongs to the commercial entity: a company's contacts
        share its owner, and a change on the company reaches them (Odoo's own
        commercial-field synchronisation, one write per level). So does the
        KPP, like the INN (``vat``)."""
        return [*super()._commercial_fields(), "user_id", "event_lead_kpp"]

    @api.model_create_multi
    def create(self, vals_list):
        foreign = self._event_lead_foreign_parent_indexes(vals_list)
        if not foreign:
            partners = super().create(vals_list)
        else:
            # A contact met at an event may be added under any client, even one
            # the user cannot edit: it then belongs to that client's owner.
            # Odoo's create writes the new contact (language) and may write its
            # company (first address): those writes run as superuser, the
            # guard below still runs as the user.
            own = [vals for index, vals in enumerate(vals_list) if index not in foreign]
            others = [vals for index, vals in enumerate(vals_list) if index in foreign]
            own_ids = iter(super().create(own).ids if own else [])
            other_ids = iter(super(ResPartner, self.sudo()).create(others).ids)
            partners = self.browse(
                [next(other_ids) if index in foreign else next(own_ids) for index in range(len(vals_list))]
            )
        partners._event_lead_guard_and_index(old_keys=None)
        return partners

    def _event_lead_foreign_parent_indexes(self, vals_list):
        """Indexes of ``vals_list`` creating a contact under a client the
        (restricted) user cannot edit."""
        if self.env.su or not self.env.user.has_group("event_lead_followup.group_event_lead_operator"):
            return set()
        if self.env.user.has_group("event_lead_followup.group_event_lead_manager"):
            return set()
        parents = self.browse({vals["parent_id"] for vals in vals_list if vals.get("parent_id")})
        foreign = parents - parents._filtered_access("write")
        return {index for index, vals in enumerate(vals_list) if vals.get("parent_id") in foreign.ids}

    def write(self, vals):
        if "user_id" in vals:
            vals = dict(vals, event_lead_owner_since=fields.Datetime.now())
            vals.update(event_lead_is_stale=False, event_lead_stale_since=False)
            if vals["user_id"]:
                vals["event_lead_marketing_queue"] = False
        reindex = bool(KEY_FIELDS & vals.keys())
        check = bool(GUARDED_FIELDS & vals.keys()) and self._event_lead_guard_active()
        old_keys = self._event_lead_stored_keys() if check else None
        result = super().write(vals)
        if reindex:
            # only what this write changed can make a new conflict
            self._event_lead_guard_and_index(old_keys=old_keys, check=check)
        return result

    def _mail_get_operation_for_mail_message_operation(self, message_operation):
        """Internal users post on any client they read (``_mail_post_access``);
        portal users still need to be able to edit the contact, as in Odoo."""
        operations = super()._mail_get_operation_for_mail_message_operation(message_operation)
        if message_operation == "create" and self.env.user.share:
            return dict.fromkeys(operations, "write")
        return operations

    @api.model
    def _find_or_create_from_emails(self, emails, ban_emails=None, **kwargs):
        """Recipients typed in a mail are created as a side effect of sending:
        the guard does not stop the mail (the keys are still stored)."""
        with waivers.waive(waivers.GUARD):
            return super()._find_or_create_from_emails(emails, ban_emails=ban_emails, **kwargs)

    # ------------------------------------------------------------------------
    # duplicate guard
    # ------------------------------------------------------------------------

    def _event_lead_guard_active(self):
        """The guard stops users, not the system: sudo flows, and the flows
        that create partners as a side effect (mail recipients, users), waive
        it in the server (``waivers.GUARD``); no context key a caller sends
        switches it off."""
        return not self.env.su and not waivers.is_waived(waivers.GUARD)

    @api.model
    def _event_lead_public_domains(self):
        return self.env["event.lead.public.domain"]._get_public_domains()

    @api.model
    def _event_lead_country_codes(self, country_ids):
        default = self.env.company.country_id.phone_code or 7
        countries = self.env["res.country"].browse(country_ids)
        return {country.id: str(country.phone_code or default) for country in countries} | {False: str(default)}

    def _event_lead_vals_for_check(self):
        """The values of a (possibly new) partner, as ``_event_lead_find_duplicates`` takes them."""
        self.ensure_one()
        return {
            "id": self._origin.id,
            "name": self.name,
            "is_company": self.is_company,
            "parent_id": self.parent_id._origin.id or self.parent_id.id,
            "vat": self.vat,
            "email": self.email,
            "phone": self.phone,
            "website": self.website,
            "country_id": self.country_id._origin.id or self.country_id.id,
        }

    def _event_lead_compute_keys(self):
        """{partner id: [keys]} from the partners as they are now."""
        codes = self._event_lead_country_codes(self.country_id.ids)
        public = self._event_lead_public_domains()
        return {
            partner.id: duplicate_keys.partner_keys(
                name=partner.name,
                is_company=partner.is_company,
                vat=partner.vat if partner.commercial_partner_id == partner else None,
                email=partner.email,
                phone=partner.phone,
                website=partner.website,
                country_code=codes.get(partner.country_id.id, codes[False]),
                public_domains=public,
            )
            for partner in self
        }

    def _event_lead_stored_keys(self):
        return self.env["event.lead.partner.key"]._get_keys(self.ids)

    def _event_lead_guard_and_index(self, old_keys=None, check=True):
        """Check the new keys of these partners against everybody else's,
        then store them. One lookup query and one insert for the batch."""
        partners = self.filtered("id")
        if not partners:
            return
        keys = partners.sudo()._event_lead_compute_keys()
        if check and self._event_lead_guard_active():
            new_keys = {
                pid: [key for key in pkeys if key not in (old_keys or {}).get(pid, ())] for pid, pkeys in keys.items()
            }
            partners._event_lead_apply_guard(new_keys)
        self.env["event.lead.partner.key"]._replace_keys(keys)

    def _event_lead_apply_guard(self, keys_by_partner):
        """Raise when a key of these partners belongs to someone else's client.

        A Sales manager may override ("Create anyway", through
        ``_event_lead_create_overriding_guard``): the override is logged on
        the new record. A
        match that is the user's own, unowned or in the pool does not block:
        it is noted in the chatter of the new record, the "New client" check
        and the form having offered it before.
        """
        refs = [
            {"keys": keys_by_partner.get(partner.id, []), "exclude_client": partner.commercial_partner_id.id}
            for partner in self
        ]
        all_matches = self._event_lead_match_keys(refs)
        blocked, noted = {}, {}
        for partner, matches in zip(self, all_matches, strict=True):
            if others := [match for match in matches if match["relation"] == "other"]:
                blocked[partner] = others
            if matches:
                noted[partner] = matches
        is_manager = self.env.user.has_group("event_lead_followup.group_event_lead_manager")
        if blocked and not (waivers.is_waived(waivers.GUARD_OVERRIDE) and is_manager):
            raise UserError(self._event_lead_blocked_message(blocked, is_manager))
        bodies = {}
        for partner, matches in noted.items():
            if partner in blocked:
                intro = self.env._(
                    "Created by %(user)s despite a match with another advisor's client:",
                    user=self.env.user.name,
                )
            else:
                intro = self.env._("Possible duplicate of a client already in the CRM:")
            bodies[partner.id] = Markup("<p>%s</p>%s") % (intro, self._event_lead_matches_html(matches))
        if bodies:
            self.browse(list(bodies))._message_log_batch(bodies=bodies)

    @api.model
    def _event_lead_create_overriding_guard(self, vals_list):
        """A Sales manager creates clients although another advisor owns a
        match ("Create anyway"); the override is logged on each new client."""
        if not self.env.user.has_group("event_lead_followup.group_event_lead_manager"):
            raise AccessError(self.env._("Only a Sales manager can create a client that another advisor owns."))
        with waivers.waive(waivers.GUARD_OVERRIDE):
            return self.create(vals_list)

    def _event_lead_blocked_message(self, blocked, is_manager):
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
    def _event_lead_reason_labels(self):
        return {
            duplicate_keys.NAME: self.env._("name"),
            duplicate_keys.VAT: self.env._("tax ID"),
            duplicate_keys.EMAIL: self.env._("e-mail"),
            duplicate_keys.DOMAIN: self.env._("e-mail or website domain"),
            duplicate_keys.PHONE: self.env._("phone"),
        }

    @api.model
    def _event_lead_matches_html(self, matches):
        relations = dict(self._fields["event_lead_ownership"]._description_selection(self.env))
        items = Markup("").join(
            Markup("<li><b>%s</b> — %s (%s)</li>")
            % (
                match["display"],
                self.env._("owner: %(owner)s", owner=match["owner_name"])
                if match["owner_name"]
                else relations["unowned"],
                self.env._("same %(reasons)s", reasons=match["reasons_label"]),
            )
            for match in matches
        )
        return Markup("<ul class='mb-0'>%s</ul>") % items

    @api.model
    def _event_lead_find_duplicates(self, vals_list):
        """The clients already in the CRM that each set of values matches.

        Public API of the duplicate guard, for the forms, the "New client"
        check and imports. ``vals_list`` holds dicts as given to ``create``
        (``name`` or ``firstname``/``lastname``, ``is_company`` or
        ``company_type``, ``parent_id``, ``vat``, ``email``, ``phone``,
        ``website``, ``country_id``) plus an optional ``id`` of the partner
        being edited. Returns one list per dict, each match a dict:
        ``partner_id``, ``partner_name`` (the matched contact),
        ``client_id``, ``client_name`` (its commercial entity), ``display``,
        ``owner_id``, ``owner_name``, ``relation`` (``mine``, ``unowned``,
        ``pool`` or ``other``), ``reasons`` (key kinds) and
        ``reasons_label``. It works under sudo, so that matches the user
        cannot read are found too; only names are returned. One query for
        the whole list, whatever the number of partners in the database.
        """
        public = self._event_lead_public_domains()
        parent_ids = {vals.get("parent_id") for vals in vals_list if vals.get("parent_id")}
        own_ids = {vals.get("id") for vals in vals_list if vals.get("id")}
        clients = {
            partner.id: partner.commercial_partner_id.id
            for partner in self.sudo().browse(parent_ids | own_ids).exists()
        }
        codes = self._event_lead_country_codes([vals["country_id"] for vals in vals_list if vals.get("country_id")])
        refs = []
        for vals in vals_list:
            name = vals.get("name")
            if not name and (vals.get("firstname") or vals.get("lastname")):
                name = self._get_computed_name(vals.get("lastname"), vals.get("firstname"))
            is_company = vals.get("is_company", vals.get("company_type") == "company")
            parent_id = vals.get("parent_id")
            keys = duplicate_keys.partner_keys(
                name=name,
                is_company=is_company,
                vat=None if parent_id else vals.get("vat"),
                email=vals.get("email"),
                phone=vals.get("phone"),
                website=vals.get("website"),
                country_code=codes.get(vals.get("country_id") or False, codes[False]),
                public_domains=public,
            )
            exclude = clients.get(parent_id) or clients.get(vals.get("id"))
            refs.append({"keys": keys, "exclude_client": exclude, "exclude_partner": vals.get("id")})
        return self._event_lead_match_keys(refs)

    @api.model
    def _event_lead_match_keys(self, refs):
        """Look all the keys of ``refs`` up at once; see ``_event_lead_find_duplicates``."""
        wanted = sorted({key for ref in refs for key in ref["keys"]})
        rows = self.env["event.lead.partner.key"]._lookup(wanted, self.env.companies.ids) if wanted else []
        by_key = defaultdict(list)
        for row in rows:
            by_key[row["key"]].append(row)
        pool = self.env.company.event_lead_pool_user_id.id
        labels = self._event_lead_reason_labels()
        reason_labels = {}
        result = []
        for ref in refs:
            found = {}
            for key in ref["keys"]:
                for row in by_key.get(key, ()):
                    if row["client_id"] == ref.get("exclude_client") or row["partner_id"] == ref.get("exclude_partner"):
                        continue
                    match = found.setdefault(row["client_id"], {**row, "reasons": []})
                    kind = key.split(":", 1)[0]
                    if kind not in match["reasons"]:
                        match["reasons"].append(kind)
            matches = []
            for match in found.values():
                owner = match["owner_id"]
                match["relation"] = (
                    "unowned"
                    if not owner
                    else "pool"
                    if owner == pool
                    else "mine"
                    if owner == self.env.uid
                    else "other"
                )
                reasons = tuple(match["reasons"])
                if reasons not in reason_labels:
                    reason_labels[reasons] = format_list(self.env, [labels[kind] for kind in reasons])
                match["reasons_label"] = reason_labels[reasons]
                match["display"] = (
                    match["client_name"]
                    if match["partner_id"] == match["client_id"]
                    else self.env._(
                        "%(client)s (contact %(contact)s)",
                        client=match["client_name"],
                        contact=match["partner_name"],
                    )
                )
                matches.append(match)
            result.append(sorted(matches, key=lambda m: (m["relation"] != "other", m["client_name"] or "")))
        return result

    # ------------------------------------------------------------------------
    # ownership actions
    # ------------------------------------------------------------------------

    def _event_lead_clients(self):
        """The commercial entities of these partners (the clients)."""
        return self.commercial_partner_id

    def _event_lead_reassign(self, user, reason, move_open=True):
        """Give these clients (and their contacts, through the commercial sync)
        to ``user``; with ``move_open``, also the open opportunities and open
        activities the previous owners had on them. Batched: one write per
        previous owner. The reason is logged on each client. Callers check
        rights first: this runs as superuser."""
        clients = self._event_lead_clients().sudo()
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
                    owned._event_lead_move_open_work(old_owner, user)

    def _event_lead_move_open_work(self, old_owner, user):
        """Open opportunities of these clients held by ``old_owner`` (or by
        nobody), and ``old_owner``'s open activities on the clients, their
        contacts and those opportunities, go to ``user``."""
        Lead = self.env["crm.lead"].sudo()
        leads = Lead.search(
            [
                ("event_lead_client_id", "in", self.ids),
                ("won_status", "=", "pending"),
                ("user_id", "in", [old_owner.id, False]),
            ]
        )
        leads.write({"user_id": user.id})
        contacts = self.env["res.partner"].sudo().search([("commercial_partner_id", "in", self.ids)])
        activities = (
            self.env["mail.activity"]
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

    def _event_lead_log(self, text):
        """Log ``text`` in the chatter of these partners (one batch, as superuser)."""
        self._message_log_batch(bodies=dict.fromkeys(self.ids, Markup("<p>%s</p>") % text))

    def action_event_lead_handover(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hand clients over"),
            "res_model": "event.lead.handover.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "res.partner", "active_ids": self.ids},
        }

    @api.model
    def _event_lead_index_all(self, batch_size=5000):
        """Store the keys of every partner (at install, or after the list of
        public domains changed). Batched: one read and two statements a batch."""
        Partner = self.sudo().with_context(active_test=False)
        last_id = 0
        while True:
            partners = Partner.search([("id", ">", last_id)], order="id", limit=batch_size)
            if not partners:
                break
            self.env["event.lead.partner.key"]._replace_keys(partners._event_lead_compute_keys())
            last_id = partners[-1].id
            partners.invalidate_recordset()

    def action_event_lead_take(self):
        """An advisor takes an unowned client, or one from the pool."""
        clients = self._event_lead_clients()
        if any(client.event_lead_ownership not in ("unowned", "pool") for client in clients):
            raise UserError(
                self.env._("Only unowned clients and clients of the pool can be taken; ask the owner for a transfer.")
            )
        clients.check_access("write")
        clients._event_lead_reassign(self.env.user, self.env._("taken by the advisor"), move_open=False)
        return True

    def action_event_lead_request_transfer(self):
        self.ensure_one()
        client_id = self.sudo().commercial_partner_id.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request transfer"),
            "res_model": "event.lead.transfer.request",
            "view_mode": "form",
            "views": [(self.env.ref("event_lead_followup.event_lead_transfer_request_view_form_new").id, "form")],
            "target": "new",
            "context": {"default_partner_id": client_id},
        }

    def action_event_lead_won_deals(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("crm.crm_lead_action_pipeline")
        action.update(
            domain=[("event_lead_client_id", "=", self.commercial_partner_id.id), ("won_status", "=", "won")],
            context={"active_test": False, "search_default_groupby_date_closed": 1},
            view_mode="list,pivot,graph,form",
            views=[(False, "list"), (False, "pivot"), (False, "graph"), (False, "form")],
        )
        return action

    # ------------------------------------------------------------------------
    # stale contacts
    # ------------------------------------------------------------------------

    @api.model
    def _event_lead_touch(self, partner_ids=(), lead_ids=()):
        """A note, a call, an e-mail or a done activity happened on these
        partners or opportunities: their clients were worked now. One UPDATE."""
        if not partner_ids and not lead_ids:
            return
        self.env["res.partner"].flush_model(
            [
                "commercial_partner_id",
                "event_lead_last_interaction",
                "event_lead_is_stale",
                "event_lead_stale_since",
            ]
        )
        self.env["crm.lead"].flush_model(["partner_id"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner
                   SET event_lead_last_interaction = %(now)s,
                       event_lead_is_stale = FALSE,
                       event_lead_stale_since = NULL
                 WHERE id IN (
                        SELECT unnest(ARRAY[id, commercial_partner_id])
                          FROM res_partner
                         WHERE id = ANY(%(partners)s)
                        UNION
                        SELECT unnest(ARRAY[p.id, p.commercial_partner_id])
                          FROM crm_lead l
                          JOIN res_partner p ON p.id = l.partner_id
                         WHERE l.id = ANY(%(leads)s))
                   AND event_lead_last_interaction IS DISTINCT FROM %(now)s
                """,
                now=self.env.cr.now(),
                partners=list(partner_ids),
                leads=list(lead_ids),
            )
        )
        self.env["res.partner"].invalidate_model(
            ["event_lead_last_interaction", "event_lead_is_stale", "event_lead_stale_since"]
        )

    @api.model
    def _event_lead_stale_domain(self, company):
        """The clients of ``company``'s advisors not worked for too long."""
        threshold = fields.Datetime.now() - datetime.timedelta(days=company.event_lead_stale_days or 90)
        domain = Domain(
            [
                ("active", "=", True),
                ("event_lead_is_stale", "=", False),
                ("user_id", "!=", False),
                ("user_id.company_id", "=", company.id),
                "|",
                ("is_company", "=", True),
                ("parent_id", "=", False),
                "|",
                ("event_lead_last_interaction", "<", threshold),
                "&",
                ("event_lead_last_interaction", "=", False),
                ("create_date", "<", threshold),
                "|",
                ("event_lead_owner_since", "=", False),
                ("event_lead_owner_since", "<", threshold),
            ]
        )
        if company.event_lead_pool_user_id:
            domain &= Domain("user_id", "!=", company.event_lead_pool_user_id.id)
        return domain

    @api.model
    def _cron_flag_stale_clients(self):
        """Daily: flag the clients nobody worked on, one digest per manager.

        Thin: batches of ``_event_lead_flag_stale_batch``, each committed with
        its progress; flagged clients leave the domain, so a run that stops
        half-way resumes where it stopped and a second run does nothing.
        """
        Cron = self.env["ir.cron"]
        for company in self.env["res.company"].search([("active", "=", True)]):
            domain = self._event_lead_stale_domain(company)
            Cron._commit_progress(remaining=self.search_count(domain))
            while True:
                done = self._event_lead_flag_stale_batch(company)
                remaining = self.search_count(domain) if done else 0
                if not Cron._commit_progress(done, remaining=remaining) or not remaining:
                    break

    @api.model
    def _event_lead_flag_stale_batch(self, company, limit=1000):
        """Flag up to ``limit`` stale clients of ``company`` and add them to
        today's digest of their owner's manager. Returns how many were flagged."""
        clients = self.search(self._event_lead_stale_domain(company), limit=limit, order="id")
        clients = clients.try_lock_for_update()
        if not clients:
            return 0
        today = fields.Date.context_today(self)
        clients.write({"event_lead_is_stale": True, "event_lead_stale_since": today})
        self.env["event.lead.stale.digest"]._add_clients(clients, company, today)
        return len(clients)

    @api.depends(
        "event_lead_commercial_lead_ids.won_status",
        "event_lead_commercial_lead_ids.expected_revenue",
        "event_lead_commercial_lead_ids.prorated_revenue",
    )
    def _compute_event_lead_rating(self):
        stats = {
            (client.id, status): (count, revenue, prorated)
            for client, status, count, revenue, prorated in self.env["crm.lead"]._read_group(
                [("event_lead_client_id", "in", self.ids), ("won_status", "in", ("won", "pending"))],
                ["event_lead_client_id", "won_status"],
                ["__count", "expected_revenue:sum", "prorated_revenue:sum"],
            )
        }
        for partner in self:
            won_count, won_revenue, _prorated = stats.get((partner.id, "won"), (0, 0.0, 0.0))
            _count, _revenue, pipeline = stats.get((partner.id, "pending"), (0, 0.0, 0.0))
            partner.event_lead_won_count = won_count
            partner.event_lead_won_revenue = won_revenue
            partner.event_lead_rating = won_revenue + pipeline

    def _compute_event_lead_result_count(self):
        data = dict(
            self.env["event.lead.contact.result"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.event_lead_result_count = data.get(partner.commercial_partner_id, 0)

    def action_event_lead_results(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_followup.event_lead_contact_result_action")
        action["domain"] = [("commercial_partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {}
        return action

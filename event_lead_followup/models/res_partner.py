from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..tools import duplicate_keys, waivers

UNKNOWN_FIRST_NAME = "!"

# the fields whose change may make a partner someone else's duplicate
GUARDED_FIELDS = frozenset(
    {
        "name",
        "firstname",
        "lastname",
        "vat",
        "company_registry",
        "email",
        "phone",
        "website",
        "is_company",
        "company_type",
    }
)
# the fields the keys are computed from
KEY_FIELDS = GUARDED_FIELDS | {"parent_id", "country_id"}


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "event.lead.client.card"]
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
        help="Clients already in the CRM that are this one (same name, tax ID, e-mail, domain or phone) "
        "or may be (a similar name).",
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

    # client card (its other fields: event.lead.client.card) ------------------
    event_lead_special_date_ids = fields.One2many(
        "event.lead.special.date",
        "partner_id",
        string="Special dates",
    )
    # the client's deals summed up: its rating (what the client is worth, to
    # sort clients by value) and what the Schiffman board reads
    event_lead_commercial_lead_ids = fields.One2many(
        "crm.lead", "event_lead_client_id", string="Deals of the client", context={"active_test": False}
    )
    event_lead_won_count = fields.Integer(
        string="Deals won",
        compute="_compute_event_lead_deals",
        store=True,
        help="Won deals of the client and its contacts: repeat purchases raise the rating of its new deals.",
    )
    event_lead_won_revenue = fields.Float(
        string="Revenue won",
        compute="_compute_event_lead_deals",
        store=True,
        digits=(16, 2),
    )
    event_lead_rating = fields.Float(
        string="Rating",
        compute="_compute_event_lead_deals",
        store=True,
        index=True,
        digits=(16, 2),
        help="Revenue already won with the client plus its open deals weighted by their probability.",
    )
    event_lead_deal_count = fields.Integer(
        string="Deals",
        compute="_compute_event_lead_deals",
        store=True,
        help="Every deal of the client and its contacts: open, won, lost or archived.",
    )
    event_lead_open_deal_count = fields.Integer(
        string="Open deals",
        compute="_compute_event_lead_deals",
        store=True,
        help="Opportunities of the client and its contacts still in progress.",
    )
    event_lead_open_revenue = fields.Float(
        string="Open revenue",
        compute="_compute_event_lead_deals",
        store=True,
        digits=(16, 2),
        help="Expected revenue of the open opportunities.",
    )
    event_lead_lost_count = fields.Integer(string="Deals lost", compute="_compute_event_lead_deals", store=True)
    event_lead_contract_open = fields.Boolean(
        string="Contract under way",
        compute="_compute_event_lead_deals",
        store=True,
        help="An open deal of the client is at a status that carries the document package (Contract approval).",
    )
    event_lead_first_opportunity_date = fields.Datetime(
        string="First opportunity",
        compute="_compute_event_lead_deals",
        store=True,
        help="When the first opportunity of the client was opened: its interest, for the Schiffman board.",
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

    @api.depends(
        "name", "email", "phone", "vat", "company_registry", "website", "is_company", "parent_id", "country_id"
    )
    @api.depends_context("uid")
    def _compute_event_lead_duplicate_info(self):
        Guard = self.env["event.lead.duplicate.guard"]
        vals_list = [
            {
                "id": partner._origin.id,
                "name": partner.name,
                "is_company": partner.is_company,
                "parent_id": partner.parent_id._origin.id or partner.parent_id.id,
                "vat": partner.vat,
                "company_registry": partner.company_registry,
                "email": partner.email,
                "phone": partner.phone,
                "website": partner.website,
                "country_id": partner.country_id._origin.id or partner.country_id.id,
            }
            for partner in self
        ]
        for partner, matches in zip(self, Guard._find_duplicates(vals_list), strict=True):
            partner.event_lead_duplicate_info = Guard._matches_html(matches) if matches else False

    @api.depends(
        "event_lead_commercial_lead_ids.won_status",
        "event_lead_commercial_lead_ids.active",
        "event_lead_commercial_lead_ids.type",
        "event_lead_commercial_lead_ids.expected_revenue",
        "event_lead_commercial_lead_ids.prorated_revenue",
        "event_lead_commercial_lead_ids.stage_id.event_lead_document_package",
    )
    def _compute_event_lead_deals(self):
        """The deals of each client summed up, kept with the client by the
        transaction that changes a deal (one grouped read for all the
        clients): won and lost deals, open opportunities and their revenue, a
        contract under way, the first opportunity, and the rating (revenue won
        plus the open deals weighted by their probability). The Schiffman
        board reads these instead of grouping every deal of the database each
        time it opens. Won, open and rated deals are the active ones, as in
        Odoo's pipeline; lost deals are archived by Odoo, all are counted."""
        summary = defaultdict(
            lambda: {
                "deals": 0,
                "won": 0,
                "won_revenue": 0.0,
                "pipeline": 0.0,
                "open": 0,
                "open_revenue": 0.0,
                "lost": 0,
                "contract": False,
                "first": False,
            }
        )
        groups = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group(
                [("event_lead_client_id", "in", self.ids)],
                ["event_lead_client_id", "won_status", "active", "type", "stage_id"],
                ["__count", "expected_revenue:sum", "prorated_revenue:sum", "create_date:min"],
            )
        )
        for client, status, active, kind, stage, count, revenue, prorated, created in groups:
            deals = summary[client.id]
            deals["deals"] += count
            if kind == "opportunity" and created:
                deals["first"] = min(deals["first"] or created, created)
            if status == "lost":
                deals["lost"] += count
            elif active and status == "won":
                deals["won"] += count
                deals["won_revenue"] += revenue
            elif active and status == "pending":
                deals["pipeline"] += prorated
                deals["contract"] |= stage.event_lead_document_package
                if kind == "opportunity":
                    deals["open"] += count
                    deals["open_revenue"] += revenue
        for partner in self:
            deals = summary[partner.id]
            partner.event_lead_won_count = deals["won"]
            partner.event_lead_won_revenue = deals["won_revenue"]
            partner.event_lead_rating = deals["won_revenue"] + deals["pipeline"]
            partner.event_lead_deal_count = deals["deals"]
            partner.event_lead_open_deal_count = deals["open"]
            partner.event_lead_open_revenue = deals["open_revenue"]
            partner.event_lead_lost_count = deals["lost"]
            partner.event_lead_contract_open = deals["contract"]
            partner.event_lead_first_opportunity_date = deals["first"]

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
        Ownership = self.env["event.lead.client.ownership"]
        foreign = Ownership._foreign_parent_indexes(vals_list)
        if not foreign:
            partners = super().create(vals_list)
        else:
            # A contact met at an event may be added under any client, even one
            # the user cannot edit: it then belongs to that client's owner.
            # It is created as the user, with its own plain fields only and
            # without its client (a record the user may still edit, so that
            # Odoo's own writes during creation pass the record rules), then
            # attached to the client by the server; the guard below checks it
            # as the user, within its client.
            own = [vals for index, vals in enumerate(vals_list) if index not in foreign]
            others = [vals_list[index] for index in sorted(foreign)]
            Ownership._check_foreign_contact_vals(others)
            own_ids = iter(super().create(own).ids if own else [])
            # checked by the guard below, once attached to its client
            detached = super().create([dict(vals, parent_id=False) for vals in others])
            by_parent = defaultdict(list)
            for contact_id, vals in zip(detached.ids, others, strict=True):
                by_parent[vals["parent_id"]].append(contact_id)
            for parent_id, contact_ids in by_parent.items():
                # sudo: attaching to a client the user reads (checked), with
                # values checked to be the contact's own
                self.browse(contact_ids).sudo().write({"parent_id": parent_id})
            other_ids = iter(detached.ids)
            partners = self.browse(
                [next(other_ids) if index in foreign else next(own_ids) for index in range(len(vals_list))]
            )
        self.env["event.lead.duplicate.guard"]._check_and_index(partners, created=True)
        return partners

    def write(self, vals):
        if "is_competitor" in vals:
            self.env["event.lead.client.ownership"]._check_competitor_flag()
        if "user_id" in vals:
            vals = dict(vals, event_lead_owner_since=fields.Datetime.now())
            vals.update(event_lead_is_stale=False, event_lead_stale_since=False)
            if vals["user_id"]:
                vals["event_lead_marketing_queue"] = False
        reindex = bool(KEY_FIELDS & vals.keys())
        Guard = self.env["event.lead.duplicate.guard"]
        check = bool(GUARDED_FIELDS & vals.keys()) and Guard._is_active()
        old_keys = self.env["event.lead.partner.key"]._get_keys(self.ids) if check else None
        result = super().write(vals)
        if reindex:
            # only what this write changed can make a new conflict
            Guard._check_and_index(self, old_keys=old_keys, check=check)
        return result

    def message_post(self, *, subtype_xmlid=None, subtype_id=False, **kwargs):
        """Everyone who reads a client logs notes on it; writing to the client
        itself (a message its followers and recipients receive by e-mail) is
        for those who may edit it: its owner, or anyone for an unowned client."""
        Ownership = self.env["event.lead.client.ownership"]
        if Ownership._is_restricted() and kwargs.get("message_type") == "comment":
            subtype = (
                self.env.ref(subtype_xmlid, raise_if_not_found=False)
                if subtype_xmlid
                else self.env["mail.message.subtype"].browse(subtype_id)
            )
            if not subtype or not subtype.internal:
                Ownership._check_may_write_to(self)
        return super().message_post(subtype_xmlid=subtype_xmlid, subtype_id=subtype_id, **kwargs)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Following a client (receiving its e-mails) is for those who may
        edit it, and for the assignees of activities on it (Odoo makes them
        followers)."""
        Ownership = self.env["event.lead.client.ownership"]
        if partner_ids and Ownership._is_restricted() and not waivers.is_waived(waivers.FOLLOW):
            Ownership._check_may_write_to(self)
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

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
    # duplicate guard (the engine: event.lead.duplicate.guard)
    # ------------------------------------------------------------------------

    @api.constrains("email", "phone")
    def _check_event_lead_contact_lengths(self):
        """An e-mail or a phone is a line, not a text: kilobytes are refused."""
        for partner in self:
            if partner.email and len(partner.email) > duplicate_keys.MAX_EMAIL_LENGTH:
                raise ValidationError(
                    self.env._(
                        "The e-mail of %(name)s is %(length)s characters long; an e-mail address has at most %(max)s.",
                        name=partner.name or "",
                        length=len(partner.email),
                        max=duplicate_keys.MAX_EMAIL_LENGTH,
                    )
                )
            if partner.phone and len(partner.phone) > duplicate_keys.MAX_PHONE_LENGTH:
                raise ValidationError(
                    self.env._(
                        "The phone of %(name)s is %(length)s characters long; write at most %(max)s "
                        "(the number, and its extension if any).",
                        name=partner.name or "",
                        length=len(partner.phone),
                        max=duplicate_keys.MAX_PHONE_LENGTH,
                    )
                )

    @api.model
    def name_create(self, name):
        """A name typed in a many2one ("quick create") makes a company when it
        carries a legal form (``ООО Фрегат``, ``Fregat Marine LLC``) or when
        the field expects a company (``default_is_company``); a person's name
        is still checked against the clients' company names."""
        context = self.env.context
        if duplicate_keys.has_legal_form(name) and "default_is_company" not in context:
            return super(ResPartner, self.with_context(default_is_company=True)).name_create(name)
        if not context.get("default_is_company") and context.get("default_company_type") != "company":
            self.env["event.lead.duplicate.guard"]._check_quick_create_name(name)
        return super().name_create(name)

    @api.model
    def _event_lead_find_duplicates(self, vals_list):
        """The clients these values are (strong evidence only), as release
        19.0.1.0.0 answered; ``event.lead.duplicate.guard._find_duplicates``
        also gives the possible duplicates."""
        return [
            [match for match in matches if match["level"] == "strong"]
            for matches in self.env["event.lead.duplicate.guard"]._find_duplicates(vals_list)
        ]

    # ------------------------------------------------------------------------
    # ownership actions (the rules: event.lead.client.ownership)
    # ------------------------------------------------------------------------

    def _event_lead_log(self, text):
        """Log ``text`` in the chatter of these partners (one batch, as superuser)."""
        self._message_log_batch(bodies=dict.fromkeys(self.ids, Markup("<p>%s</p>") % text))

    def action_event_lead_handover(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hand clients over"),
            "res_model": "event.lead.reassign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "res.partner", "active_ids": self.ids},
        }

    def action_event_lead_take(self):
        """An advisor takes an unowned client, or one from the pool."""
        self.env["event.lead.client.ownership"]._take(self)
        return True

    def action_event_lead_request_transfer(self):
        self.ensure_one()
        # sudo: the client of a contact, to open a request on it
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

    def action_event_lead_results(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_followup.event_lead_contact_result_action")
        action["domain"] = [("commercial_partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {}
        return action

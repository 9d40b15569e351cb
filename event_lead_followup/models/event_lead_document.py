import functools
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import format_date

from ..tools import jobs, locks, readers
from .event_lead_document_type import DOCUMENT_STATES, STATE_RANK

FINAL_STATES = ("not_needed", "original")
SENT_STATES = ("sent", "scan", "original")


class EventLeadDocument(models.Model):
    """One document of a deal's package (contract, act, invoice...).

    The accountant follows its state up to the signed original; the deal
    owner is reminded once when an original is overdue.
    """

    _name = "event.lead.document"
    _description = "Deal document"
    _inherit = "mail.thread"
    _order = "lead_id desc, sequence, id"
    _check_company_auto = True

    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, index=True, ondelete="cascade", check_company=True
    )
    document_type_id = fields.Many2one(
        "event.lead.document.type", string="Document", required=True, index=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="document_type_id.sequence", store=True)
    state = fields.Selection(
        DOCUMENT_STATES, required=True, default="to_prepare", index=True, tracking=True, group_expand=True
    )
    number = fields.Char(tracking=True)
    date = fields.Date(string="Document date", tracking=True)
    amount = fields.Monetary(currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one(related="lead_id.company_currency", store=True, string="Currency")
    file = fields.Binary(string="Attachment", attachment=True)
    file_name = fields.Char()
    responsible_id = fields.Many2one(
        "res.users",
        index="btree_not_null",
        tracking=True,
        domain=[("share", "=", False)],
        compute="_compute_responsible_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    due_date = fields.Date(
        index="btree_not_null",
        tracking=True,
        compute="_compute_due_date",
        store=True,
        readonly=False,
        help="When the document must be ready and sent; once sent, when its signed original is due "
        "(sending date plus the days of its type).",
    )
    date_sent = fields.Date(string="Sent on", compute="_compute_date_sent", store=True, readonly=False, copy=False)
    date_original = fields.Date(
        string="Original received on", compute="_compute_date_original", store=True, readonly=False, copy=False
    )
    original_required = fields.Boolean(related="document_type_id.original_required")
    is_done = fields.Boolean(
        string="Complete",
        compute="_compute_is_done",
        store=True,
        help="Not needed, original received, or sent when no original is expected.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue")
    original_reminder_date = fields.Date(
        string="Owner reminded on",
        readonly=True,
        copy=False,
        help="When the deal owner was reminded of the overdue original (once per document).",
    )
    user_id = fields.Many2one(related="lead_id.user_id", store=True, index="btree_not_null", string="Deal owner")
    partner_id = fields.Many2one(
        related="lead_id.event_lead_client_id", store=True, index="btree_not_null", string="Client"
    )
    stage_id = fields.Many2one(related="lead_id.stage_id", string="Deal stage")
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index="btree_not_null")

    _open_due_idx = models.Index("(state, due_date) WHERE is_done IS NOT TRUE")

    @api.depends("lead_id.user_id")
    def _compute_responsible_id(self):
        for document in self:
            if not document.responsible_id:
                document.responsible_id = document.lead_id.user_id

    @api.depends("state", "date_sent", "document_type_id.original_due_days", "document_type_id.original_required")
    def _compute_due_date(self):
        for document in self:
            if document.state in ("sent", "scan") and document.original_required and document.date_sent:
                days = document.document_type_id.original_due_days
                document.due_date = document.date_sent + timedelta(days=days)

    @api.depends("state")
    def _compute_date_sent(self):
        today = fields.Date.context_today(self)
        for document in self:
            if document.state in SENT_STATES and not document.date_sent:
                document.date_sent = today

    @api.depends("state")
    def _compute_date_original(self):
        today = fields.Date.context_today(self)
        for document in self:
            if document.state == "original" and not document.date_original:
                document.date_original = today

    @api.depends("state", "document_type_id.original_required")
    def _compute_is_done(self):
        for document in self:
            document.is_done = document.state in FINAL_STATES or (
                document.state in SENT_STATES and not document.original_required
            )

    @api.depends("is_done", "due_date")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for document in self:
            document.is_overdue = bool(not document.is_done and document.due_date and document.due_date < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        overdue = Domain("is_done", "=", False) & Domain("due_date", "<", fields.Date.context_today(self))
        return overdue if (operator == "in") == (True in value) else ~overdue

    @api.depends("document_type_id", "number", "lead_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for document in self:
            name = document.document_type_id.name or ""
            if document.number:
                name = self.env._("%(document)s no. %(number)s", document=name, number=document.number)
            document.display_name = name

    @api.model_create_multi
    def create(self, vals_list):
        documents = super(EventLeadDocument, self.with_context(mail_create_nolog=True)).create(vals_list)
        documents._apply_replacements()
        return documents

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state"):
            if vals["state"] != "not_needed":
                self._apply_replacements()
            if vals["state"] == "original":
                self._close_original_reminders()
        return res

    def _apply_replacements(self):
        """A document that replaces others (УПД for the act and the VAT
        invoice) makes them not needed in the same package while they are
        still to prepare."""
        replacing = self.filtered(lambda doc: doc.state != "not_needed" and doc.document_type_id.replaced_type_ids)
        if not replacing:
            return
        replaced = self.search(
            [
                ("lead_id", "in", replacing.lead_id.ids),
                ("document_type_id", "in", replacing.document_type_id.replaced_type_ids.ids),
                ("state", "=", "to_prepare"),
            ]
        )
        replaced = replaced.filtered(
            lambda doc: (
                doc.document_type_id
                in replacing.filtered(lambda r: r.lead_id == doc.lead_id).document_type_id.replaced_type_ids
            )
        )
        replaced.write({"state": "not_needed"})

    def _close_original_reminders(self):
        # sudo: close the job's reminders of these documents, whoever they were given to
        reminders = self.env["mail.activity"].sudo().search([("event_lead_document_id", "in", self.ids)])
        if reminders:
            reminders.action_feedback(feedback=self.env._("Original received."))

    # ------------------------------------------------------------------
    # Overdue originals
    # ------------------------------------------------------------------

    @api.model
    def _overdue_original_domain(self):
        return Domain(
            [
                ("original_required", "=", True),
                ("state", "in", ("sent", "scan")),
                ("due_date", "<", fields.Date.context_today(self)),
                ("original_reminder_date", "=", False),
            ]
        )

    @api.model
    def _cron_remind_overdue_originals(self):
        """Daily: the deal owner gets one reminder activity per overdue original.

        Batched and restartable: the reminder date written with the activity
        takes the document out of the domain, and a unique index on the
        activity makes a second reminder for the same document impossible.
        """
        domain = self._overdue_original_domain()
        count = functools.partial(self.search_count, domain)
        jobs.run(self.env, self._remind_batch, count, domain, jobs.batch_size(self.env))

    @api.model
    def _remind_batch(self, domain, limit):
        """Remind the first ``limit`` overdue originals no other process
        holds; returns how many."""
        # the job writes no key: activities may still point to a document it holds
        documents = locks.try_lock(self.search(domain, limit=limit, order="id"), allow_referencing=True)
        documents._remind_overdue_originals()
        return len(documents)

    def _remind_overdue_originals(self):
        """Create the reminder activities of ``self`` in one batch."""
        documents = self.filtered_domain(self._overdue_original_domain())
        if not documents:
            return self.env["mail.activity"]
        activity_type = self.env.ref("event_lead_followup.mail_activity_type_original", raise_if_not_found=False)
        today = fields.Date.context_today(self)
        lead_model_id = self.env["ir.model"]._get_id("crm.lead")
        vals_list = []
        for document in documents:
            lead = document.lead_id
            owner = lead.user_id or lead.event_lead_client_id.user_id or document.responsible_id
            # written for the owner, in the owner's language
            env = readers.reader_env(self.env, owner)
            vals_list.append(
                {
                    "res_model_id": lead_model_id,
                    "res_id": lead.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "user_id": owner.id or False,
                    "date_deadline": today,
                    "automated": True,
                    "summary": env._("Original overdue: %(document)s", document=document.with_env(env).display_name),
                    "note": env._(
                        "Sent on %(sent)s, the signed original was due on %(due)s. "
                        "Client: %(client)s. Ask for the original back.",
                        sent=format_date(env, document.date_sent),
                        due=format_date(env, document.due_date),
                        client=document.partner_id.display_name or lead.display_name,
                    ),
                    "event_lead_document_id": document.id,
                }
            )
        activities = self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(vals_list)
        documents.write({"original_reminder_date": today})
        return activities

    # ------------------------------------------------------------------
    # The package of a deal, and the won guard
    # ------------------------------------------------------------------

    @api.model
    def _ensure_package(self, leads):
        """Add the documents the deal type needs and the deals do not have
        yet (one batch for all deals); deals without a type get the default
        one. Called when a deal enters a package status or is won, when its
        type changes, when its order is confirmed, and by the package button."""
        untyped = leads.filtered(lambda lead: not lead.event_lead_deal_type_id)
        if untyped:
            default_type = self.env["event.lead.deal.type"].search([], limit=1)
            if default_type:
                untyped.write({"event_lead_deal_type_id": default_type.id})
        # sudo: the package is made of our own document types, with values built here
        Document = self.sudo()
        existing = {
            (doc.lead_id.id, doc.document_type_id.id)
            for doc in Document.search_fetch([("lead_id", "in", leads.ids)], ["lead_id", "document_type_id"])
        }
        vals_list = []
        for lead in leads:
            types = lead.event_lead_deal_type_id.document_type_ids
            replaced = types.replaced_type_ids & types
            vals_list += [
                {
                    "lead_id": lead.id,
                    "document_type_id": doc_type.id,
                    "state": "not_needed" if doc_type in replaced else "to_prepare",
                }
                for doc_type in types
                if (lead.id, doc_type.id) not in existing
            ]
        return Document.create(vals_list).sudo(False)

    @api.model
    def _check_won(self, leads):
        """Refuse to win deals whose key documents (application, contract...)
        are not far enough, as configured on the document types (where the
        deal's company asks for the check)."""
        checked = leads.filtered(lambda lead: (lead.company_id or self.env.company).event_lead_won_document_check)
        # sudo: read the documents of the deal being won, whoever may read documents
        blocking = checked.sudo().event_lead_document_ids._blocking_won()
        if not blocking:
            return
        states = dict(self._fields["state"]._description_selection(self.env))
        lead = blocking[0].lead_id
        raise UserError(
            self.env._(
                "«%(deal)s» cannot be marked as won yet: %(documents)s. Update its document package first.",
                deal=lead.display_name,
                documents="; ".join(
                    self.env._(
                        "%(document)s is «%(state)s», it must be at least «%(needed)s»",
                        document=doc.document_type_id.name,
                        state=states[doc.state],
                        needed=states[doc.document_type_id.won_min_state],
                    )
                    for doc in blocking.filtered(lambda doc: doc.lead_id == lead)
                ),
            )
        )

    def _blocking_won(self):
        """The documents of ``self`` not far enough for their deal to be won."""
        return self.filtered(
            lambda doc: (
                doc.state != "not_needed"
                and doc.document_type_id.won_min_state
                and STATE_RANK[doc.state] < STATE_RANK[doc.document_type_id.won_min_state]
            )
        )

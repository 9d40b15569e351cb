from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EventLeadDossierEntry(models.Model):
    """A dated piece of market knowledge about a company or a person.

    The three classic dossiers of a sales department are the entries of one kind: company
    (clients, competitors, notable players: their state, offers, capabilities,
    staff changes, major clients), person (key people of competitors,
    suppliers and intermediaries) and, with ``product`` installed, product.
    """

    _name = "event.lead.dossier.entry"
    _description = "Dossier entry"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _rec_name = "subject"

    kind = fields.Selection(
        [("company", "Company dossier"), ("person", "Personal dossier")],
        required=True,
        default="company",
        index=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    subject = fields.Char(required=True, tracking=True)
    topic = fields.Selection(
        [
            ("state", "State of affairs"),
            ("offer", "Offers and prices"),
            ("capability", "Capabilities"),
            ("staff", "Staff changes"),
            ("client", "Major clients"),
            ("other", "Other"),
        ],
        default="other",
        required=True,
    )
    body = fields.Html(string="Text", sanitize_style=True)
    source = fields.Char(help="Where the information comes from: a website, an exhibition, a call, the press...")
    source_url = fields.Char(string="Source link")
    partner_id = fields.Many2one(
        "res.partner",
        string="About",
        index=True,
        ondelete="cascade",
        help="The company or the person this entry is about.",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Organisation",
        store=True,
        index=True,
    )
    is_competitor = fields.Boolean(
        compute="_compute_is_competitor",
        store=True,
        index=True,
        help="The entry is about a competitor or one of its people: only the users allowed "
        "to read competitor dossiers see it.",
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    user_id = fields.Many2one(
        "res.users", string="Author", default=lambda self: self.env.user, required=True, index=True
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)

    @api.depends("commercial_partner_id.is_competitor")
    def _compute_is_competitor(self):
        for entry in self:
            entry.is_competitor = entry.commercial_partner_id.is_competitor

    @api.constrains("kind", "partner_id")
    def _check_partner(self):
        for entry in self:
            if entry.kind == "company" and not (entry.partner_id and entry.partner_id.is_company):
                raise ValidationError(
                    self.env._("The company dossier entry '%(entry)s' must be about a company.", entry=entry.subject)
                )
            if entry.kind == "person" and not (entry.partner_id and not entry.partner_id.is_company):
                raise ValidationError(
                    self.env._("The personal dossier entry '%(entry)s' must be about a person.", entry=entry.subject)
                )

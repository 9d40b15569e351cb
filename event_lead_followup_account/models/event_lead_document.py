from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EventLeadDocument(models.Model):
    _inherit = "event.lead.document"

    account_move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        index="btree_not_null",
        ondelete="set null",
        domain="[('move_type', 'in', ('out_invoice', 'out_refund')), ('commercial_partner_id', '=', partner_id)]",
        help="The invoice (or credit note) in Invoicing this document stands for: "
        "its number, date and amount are taken from it.",
    )
    number = fields.Char(compute="_compute_from_account_move", store=True, readonly=False)
    date = fields.Date(compute="_compute_from_account_move", store=True, readonly=False)
    amount = fields.Monetary(compute="_compute_from_account_move", store=True, readonly=False)

    @api.depends("account_move_id.name", "account_move_id.invoice_date", "account_move_id.amount_total")
    def _compute_from_account_move(self):
        for document in self.filtered("account_move_id"):
            move = document.account_move_id
            if move.name and move.name != "/":
                document.number = move.name
            document.date = move.invoice_date or document.date
            document.amount = move.amount_total

    @api.constrains("account_move_id")
    def _check_account_move_id(self):
        """A document stands for an invoice of its deal's client, one the user
        may read: its number and total are copied into the document."""
        for document in self.filtered("account_move_id"):
            move = document.account_move_id
            if not self.env.su:
                move.check_access("read")
            client = document.partner_id.commercial_partner_id
            # sudo: compare the invoice's client (the user's read access is checked above)
            if move.sudo().commercial_partner_id != client:
                raise ValidationError(
                    self.env._(
                        "The invoice of a document is one of %(client)s, the client of the deal.",
                        client=client.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents.filtered("account_move_id")._follow_invoice()
        return documents

    def write(self, vals):
        res = super().write(vals)
        if vals.get("account_move_id"):
            self._follow_invoice()
        return res

    def _follow_invoice(self):
        """A document linked to a posted invoice is at least prepared."""
        self.filtered(lambda doc: doc.state == "to_prepare" and doc.account_move_id.state == "posted").write(
            {"state": "prepared"}
        )

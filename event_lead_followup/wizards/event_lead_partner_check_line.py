from odoo import fields, models


class EventLeadPartnerCheckLine(models.TransientModel):
    _name = "event.lead.partner.check.line"
    _description = "Client found by the new client check"

    check_id = fields.Many2one("event.lead.partner.check", required=True, ondelete="cascade")
    # sudo: the line names the client even when the user cannot read it
    partner_id = fields.Many2one("res.partner", string="Client")
    partner_name = fields.Char(string="Found")
    owner_name = fields.Char(string="Owner")
    relation = fields.Selection(
        [
            ("mine", "Mine"),
            ("unowned", "Unowned"),
            ("pool", "In the pool"),
            ("other", "Someone else's"),
        ],
        string="Ownership",
    )
    level = fields.Selection(
        [("strong", "Same client"), ("weak", "Possible duplicate")],
        string="Match",
        help="Same client: the same name, tax ID, e-mail, phone or company domain; another advisor's client "
        "blocks the creation. Possible duplicate: a similar name; it never blocks, its owner is told.",
    )
    reasons = fields.Char(string="Why")

    def action_open(self):
        self.ensure_one()
        self.partner_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_request_transfer(self):
        self.ensure_one()
        return self.env["res.partner"].browse(self.partner_id.id).action_event_lead_request_transfer()

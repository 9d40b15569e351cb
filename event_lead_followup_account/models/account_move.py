from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    event_lead_document_ids = fields.One2many(
        "event.lead.document",
        "account_move_id",
        string="Deal documents",
        groups="event_lead_followup.group_event_lead_operator,event_lead_followup.group_event_lead_accountant",
    )
    event_lead_document_count = fields.Integer(
        compute="_compute_event_lead_document_count",
        string="Documents",
        groups="event_lead_followup.group_event_lead_operator,event_lead_followup.group_event_lead_accountant",
    )

    @api.depends("event_lead_document_ids")
    def _compute_event_lead_document_count(self):
        data = dict(
            self.env["event.lead.document"]
            # sudo: count the documents of the invoice, whoever may read them
            .sudo()
            ._read_group([("account_move_id", "in", self.ids)], ["account_move_id"], ["__count"])
        )
        for move in self:
            move.event_lead_document_count = data.get(move, 0)

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # sudo: a posted invoice moves its documents to prepared
        posted.event_lead_document_ids.sudo()._follow_invoice()
        return posted

    def action_event_lead_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_followup.event_lead_document_action")
        action["domain"] = [("account_move_id", "=", self.id)]
        action["context"] = {}
        return action

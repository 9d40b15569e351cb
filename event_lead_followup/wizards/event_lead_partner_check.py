from odoo import api, fields, models
from odoo.exceptions import UserError


class EventLeadPartnerCheck(models.TransientModel):
    """ "New client": look a client up before creating it.

    Shows who already owns a matching client, even one the user cannot read,
    and offers to open it or to ask its owner for a transfer. Creates the new
    client only when nothing blocks (or, for a Sales manager, anyway).
    """

    _name = "event.lead.partner.check"
    _description = "Check a new client"

    company_type = fields.Selection(
        [("company", "Company"), ("person", "Person")],
        string="Type",
        required=True,
        default="company",
    )
    name = fields.Char(required=True, help="Write aliases in brackets: Тойота (Toyota).")
    parent_id = fields.Many2one("res.partner", string="Company", domain=[("is_company", "=", True)])
    vat = fields.Char(string="Tax ID")
    email = fields.Char()
    phone = fields.Char()
    website = fields.Char()
    line_ids = fields.One2many("event.lead.partner.check.line", "check_id", string="Matches", readonly=True)
    state = fields.Selection([("draft", "To check"), ("checked", "Checked")], default="draft", required=True)
    blocked = fields.Boolean(compute="_compute_blocked")
    is_manager = fields.Boolean(string="Sales manager", compute="_compute_is_manager")

    @api.depends("line_ids.relation", "line_ids.level")
    def _compute_blocked(self):
        for check in self:
            check.blocked = any(line.relation == "other" and line.level == "strong" for line in check.line_ids)

    @api.depends_context("uid")
    def _compute_is_manager(self):
        self.is_manager = self.env.user.has_group("event_lead_followup.group_event_lead_manager")

    @api.onchange("company_type", "name", "parent_id", "vat", "email", "phone", "website")
    def _onchange_reset(self):
        self.state = "draft"

    def _partner_vals(self):
        self.ensure_one()
        vals = {
            "name": self.name,
            "is_company": self.company_type == "company",
            "parent_id": self.company_type == "person" and self.parent_id.id,
            "vat": self.vat,
            "email": self.email,
            "phone": self.phone,
            "website": self.website,
        }
        return {key: value for key, value in vals.items() if value or key == "is_company"}

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("New client"),
        }

    def action_check(self):
        self.ensure_one()
        matches = self.env["event.lead.duplicate.guard"]._find_duplicates([self._partner_vals()])[0]
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "partner_id": match["client_id"],
                    "partner_name": match["display"],
                    "owner_name": match["owner_name"],
                    "relation": match["relation"],
                    "level": match["level"],
                    "reasons": match["reasons_label"],
                }
            )
            for match in matches
        ]
        self.state = "checked"
        return self._reopen()

    def _create_partner(self, override=False):
        self.ensure_one()
        if self.state != "checked":
            raise UserError(self.env._("Check the client first."))
        vals = self._partner_vals()
        vals.setdefault("user_id", self.env.uid)
        Partner = self.env["res.partner"]
        if override:
            partner = self.env["event.lead.duplicate.guard"]._create_overriding([vals])
        else:
            partner = Partner.create(vals)
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": partner.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_create(self):
        return self._create_partner()

    def action_create_anyway(self):
        return self._create_partner(override=True)

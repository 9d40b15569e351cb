from odoo import api, fields, models

UNKNOWN_FIRST_NAME = "!"


class ResPartner(models.Model):
    _inherit = "res.partner"

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
        action["name"] = self.env._("Dossier: %(name)s", name=company.display_name)
        return action

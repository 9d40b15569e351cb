from odoo import api, fields, models

UNKNOWN_FIRST_NAME = "!"


class ResPartner(models.Model):
    _inherit = "res.partner"

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

    # Lead rating (issue 5): what the client is worth, to sort clients by value.
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

    event_lead_result_count = fields.Integer(
        compute="_compute_event_lead_result_count",
        string="Contact results",
        groups="event_lead_followup.group_event_lead_operator",
    )

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

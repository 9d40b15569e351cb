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

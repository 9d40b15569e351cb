from odoo import api, fields, models, tools


class EventLeadPublicDomain(models.Model):
    """Domains shared by unrelated people (mail providers, social networks,
    site builders): two contacts at ``mail.ru`` are not the same client. A
    change of the list has every partner re-indexed by the guard's job."""

    _name = "event.lead.public.domain"
    _description = "Public e-mail or web domain"
    _order = "name"

    name = fields.Char(string="Domain", required=True, help="e.g. mail.ru")
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint("UNIQUE (name)", "This domain is already in the list.")

    @api.model
    @tools.ormcache()
    def _get_public_domains(self):
        # sudo: the list of public domains is the guard's, readable by everyone
        return frozenset(self.sudo().search([("active", "=", True)]).mapped("name"))

    @api.model
    def _normalize(self, vals):
        if vals.get("name"):
            vals["name"] = vals["name"].strip().lower().removeprefix("@").removeprefix("www.")
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create([self._normalize(dict(vals)) for vals in vals_list])
        self._changed()
        return records

    def write(self, vals):
        result = super().write(self._normalize(dict(vals)))
        if {"name", "active"} & vals.keys():
            self._changed()
        return result

    def unlink(self):
        result = super().unlink()
        self._changed()
        return result

    @api.model
    def _changed(self):
        self.env.registry.clear_cache()
        self.env["event.lead.partner.key"]._schedule_reindex()

from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    event_lead_pool_user_id = fields.Many2one(
        related="company_id.event_lead_pool_user_id",
        readonly=False,
    )
    event_lead_guard_similarity = fields.Integer(related="company_id.event_lead_guard_similarity", readonly=False)
    event_lead_guard_min_length = fields.Integer(related="company_id.event_lead_guard_min_length", readonly=False)
    event_lead_stale_days = fields.Integer(related="company_id.event_lead_stale_days", readonly=False)
    event_lead_import_max_mb = fields.Integer(
        string="Largest participant file (MB)",
        config_parameter="event_lead_followup.import_max_mb",
        default=20,
        help="A larger file of participants is refused before it is read.",
    )
    event_lead_head_user_id = fields.Many2one(related="company_id.event_lead_head_user_id", readonly=False)
    event_lead_special_date_days = fields.Integer(
        related="company_id.event_lead_special_date_days",
        readonly=False,
    )
    event_lead_won_document_check = fields.Boolean(
        related="company_id.event_lead_won_document_check",
        readonly=False,
    )
    event_lead_weight_interest = fields.Integer(related="company_id.event_lead_weight_interest", readonly=False)
    event_lead_weight_consent = fields.Integer(related="company_id.event_lead_weight_consent", readonly=False)
    event_lead_weight_problem = fields.Integer(related="company_id.event_lead_weight_problem", readonly=False)
    event_lead_weight_business_head = fields.Integer(
        related="company_id.event_lead_weight_business_head", readonly=False
    )
    event_lead_weight_it_head = fields.Integer(related="company_id.event_lead_weight_it_head", readonly=False)

    # partner_firstname's order of a full name typed in one field ------------

    def _partner_names_order_selection(self):
        """partner_firstname's choices, in the user's language (its own labels have no Russian)."""
        last_first = self.env._("Last name First name")
        last_first_comma = self.env._("Last name, First name")
        first_last = self.env._("First name Last name")
        return [("last_first", last_first), ("last_first_comma", last_first_comma), ("first_last", first_last)]

    @api.model
    def _event_lead_set_russian_names_order(self):
        """In a Russian database a full name typed in one field is read the
        Russian way, last name first ("Кондрашов Василий": last name
        Кондрашов, first name Василий), unless the administrator already chose
        an order (Settings > Partner names). Russian: the administrator
        speaks it or the main company is in Russia."""
        # sudo: read and set a technical setting (the order of partner names)
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param("partner_names_order"):
            return False
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        company = self.env.ref("base.main_company", raise_if_not_found=False)
        russian = (admin and (admin.lang or "").startswith("ru")) or (company and company.country_id.code == "RU")
        if not russian:
            return False
        params.set_param("partner_names_order", "last_first")
        return True

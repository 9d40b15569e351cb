from odoo import fields, models


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

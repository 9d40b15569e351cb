from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    event_lead_kpp = fields.Char(related="partner_id.event_lead_kpp", readonly=False)
    event_lead_pool_user_id = fields.Many2one(
        "res.users",
        string="Pool owner",
        domain=[("share", "=", False)],
        help="Placeholder owner of the clients nobody works with: they stay out of "
        "everyone's working lists but keep receiving the catalogue mailings.",
    )
    event_lead_guard_similarity = fields.Integer(
        string="Similar names from (%)",
        default=80,
        help="Two company names whose spellings are at least this much alike are shown as possible "
        "duplicates (never blocked); the owner of the other client is told.",
    )
    event_lead_guard_min_length = fields.Integer(
        string="Shortest name compared",
        default=4,
        help="Names shorter than this many letters are only compared whole: short names are often "
        "alike by chance (Тата, Тойота).",
    )
    event_lead_won_document_check = fields.Boolean(
        string="Documents before winning",
        default=True,
        help="A deal is marked won only when the documents its types require (application and "
        "contract sent, by default) are far enough.",
    )
    event_lead_stale_days = fields.Integer(
        string="Days before a client counts as not worked",
        default=90,
        help="A client with no note, call, e-mail or completed activity for this many days is flagged, "
        "and its owner's manager is told.",
    )
    event_lead_head_user_id = fields.Many2one(
        "res.users",
        string="Head of sales",
        domain=[("share", "=", False)],
        help="Receives the digest of clients not worked for the advisors who have no sales team leader.",
    )
    event_lead_special_date_days = fields.Integer(
        string="Days of notice for special dates",
        default=7,
        help="Owners are reminded of their clients' birthdays and anniversaries this many days before.",
    )

    # priority of event participants: points per questionnaire fact
    event_lead_weight_interest = fields.Integer(
        string="Points for interest",
        default=40,
        help="Priority points of a participant who showed interest (questionnaire or follow-up call).",
    )
    event_lead_weight_consent = fields.Integer(
        string="Points for consent to continue",
        default=30,
        help="Priority points of a participant who agreed to continue the conversation.",
    )
    event_lead_weight_problem = fields.Integer(
        string="Points for a stated problem",
        default=20,
        help="Priority points of a participant who named a problem they need solved.",
    )
    event_lead_weight_business_head = fields.Integer(
        string="Points for a business head",
        default=25,
        help="Priority points of a participant who heads the business (director, owner).",
    )
    event_lead_weight_it_head = fields.Integer(
        string="Points for an IT head",
        default=15,
        help="Priority points of a participant who heads IT.",
    )

    _event_lead_stale_days_positive = models.Constraint(
        "CHECK (event_lead_stale_days > 0)",
        "The number of days before a client counts as not worked must be positive.",
    )
    _event_lead_special_date_days_positive = models.Constraint(
        "CHECK (event_lead_special_date_days >= 0)",
        "The notice for special dates cannot be negative.",
    )
    _event_lead_guard_similarity_range = models.Constraint(
        "CHECK (event_lead_guard_similarity BETWEEN 50 AND 100)",
        "Similar names are between 50% and 100% alike.",
    )
    _event_lead_guard_min_length_positive = models.Constraint(
        "CHECK (event_lead_guard_min_length >= 2)",
        "The shortest name compared has at least 2 letters.",
    )
    _event_lead_weights_positive = models.Constraint(
        "CHECK (event_lead_weight_interest >= 0 AND event_lead_weight_consent >= 0 "
        "AND event_lead_weight_problem >= 0 AND event_lead_weight_business_head >= 0 "
        "AND event_lead_weight_it_head >= 0)",
        "Priority points cannot be negative.",
    )

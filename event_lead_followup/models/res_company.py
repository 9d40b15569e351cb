from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    event_lead_pool_user_id = fields.Many2one(
        "res.users",
        string="Pool owner",
        domain=[("share", "=", False)],
        help="Placeholder owner of the clients nobody works with: they stay out of "
        "everyone's working lists but keep receiving the catalogue mailings.",
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

    _event_lead_stale_days_positive = models.Constraint(
        "CHECK (event_lead_stale_days > 0)",
        "The number of days before a client counts as not worked must be positive.",
    )
    _event_lead_special_date_days_positive = models.Constraint(
        "CHECK (event_lead_special_date_days >= 0)",
        "The notice for special dates cannot be negative.",
    )

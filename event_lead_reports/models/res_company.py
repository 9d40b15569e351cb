from odoo import fields, models

DEFAULT_QUIET_DAYS = 30


class ResCompany(models.Model):
    _inherit = "res.company"

    event_lead_schiffman_quiet_days = fields.Integer(
        string="Remind quiet prospects after (days)",
        default=DEFAULT_QUIET_DAYS,
        help="A prospect who showed interest and has had no contact for this many days gets its owner a "
        "reminder call (Schiffman board).",
    )

    _event_lead_schiffman_quiet_days_positive = models.Constraint(
        "CHECK(event_lead_schiffman_quiet_days > 0)",
        "The reminder period of quiet prospects must be at least one day.",
    )

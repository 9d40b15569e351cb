import re
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# KPP of a Russian organisation: tax office (4 digits), reason (2 digits or
# capital letters), number (3 digits)
KPP_RE = re.compile(r"^\d{4}[\dA-Z]{2}\d{3}$")

# Russian SME categories (law 209-FZ): head count of the company
COMPANY_SIZES = [
    ("micro", "Micro (up to 15)"),
    ("small", "Small (16-100)"),
    ("medium", "Medium (101-250)"),
    ("large", "Large (over 250)"),
]

READINESS = [
    ("1", "Cold"),
    ("2", "Warming up"),
    ("3", "Warm"),
    ("4", "Hot"),
    ("5", "Ready to buy"),
]
# kanban colour index (web client palette) of each readiness level
READINESS_COLORS = {"1": 4, "2": 3, "3": 2, "4": 1, "5": 10}


class EventLeadClientCard(models.AbstractModel):
    """The client card: what an advisor records about a client beyond Odoo's
    contact (how and where the first contact happened, the event it was met
    at, readiness to buy, the Russian KPP and company size, the client's
    rating of its manager) and what the card shows from the deals (the
    purchase history by year, quarter and month).

    A mixin of ``res.partner`` (``_inherit = ["res.partner",
    "event.lead.client.card"]``), as Odoo adds ``mail.thread.blacklist`` to
    partners: the fields are the partner's columns, so they and their
    methods carry the ``event_lead_`` prefix of the fields we add to a core
    model.
    """

    _name = "event.lead.client.card"
    _description = "Client card"

    event_lead_preferred_channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("messenger", "Messenger"),
            ("social", "Social network"),
            ("meeting", "Meeting"),
        ],
        string="Preferred channel",
        help="How the client prefers to be contacted.",
    )
    event_lead_source_id = fields.Many2one(
        "utm.source",
        string="First contact source",
        help="Where the first contact came from (campaign, list, exhibition catalogue...).",
    )
    event_lead_first_contact_place = fields.Selection(
        [
            ("stand", "Exhibition stand"),
            ("event", "Event or seminar"),
            ("web_form", "Web form"),
            ("download", "Download"),
            ("call_in", "Incoming call"),
            ("call_out", "Outgoing call"),
            ("email", "E-mail"),
            ("referral", "Recommendation"),
            ("other", "Other"),
        ],
        string="First contact",
        help="How the first contact happened.",
    )
    event_lead_event_id = fields.Many2one("event.event", string="Met at event", index="btree_not_null")
    event_lead_manager_rating = fields.Selection(
        [
            ("0", "Not rated"),
            ("1", "Poor"),
            ("2", "Fair"),
            ("3", "Good"),
            ("4", "Very good"),
            ("5", "Excellent"),
        ],
        string="Rating of its manager",
        default="0",
        help="How the client rates the work of its manager.",
    )
    event_lead_readiness = fields.Selection(
        READINESS,
        string="Readiness to buy",
        tracking=True,
        help="From cold (blue) to ready to buy (green).",
    )
    event_lead_kpp = fields.Char(
        string="KPP",
        size=9,
        copy=False,
        help="Tax registration reason code (КПП) of a Russian organisation: 9 digits, next to its INN.",
    )
    event_lead_company_size = fields.Selection(
        COMPANY_SIZES,
        string="Company size",
        help="Head count of the company, by the Russian small and medium business categories: "
        "one of the segments of event participants.",
    )
    event_lead_readiness_color = fields.Integer(
        string="Readiness colour",
        compute="_compute_event_lead_readiness_color",
    )
    event_lead_history_won_count = fields.Integer(string="Won deals", compute="_compute_event_lead_history")
    event_lead_history = fields.Html(
        string="Purchase history",
        compute="_compute_event_lead_history",
        sanitize=False,
    )

    @api.depends("event_lead_readiness")
    def _compute_event_lead_readiness_color(self):
        for partner in self:
            partner.event_lead_readiness_color = READINESS_COLORS.get(partner.event_lead_readiness, 0)

    def _compute_event_lead_history(self):
        """Won deals of each client by year, quarter and month: three grouped
        reads for all the partners at once. The history is part of the client
        card everyone reads: totals are computed as superuser (a salesperson
        only reads their own deals), within the user's companies."""
        clients = self.commercial_partner_id.filtered("id")
        domain = [
            ("event_lead_client_id", "in", clients.ids),
            ("won_status", "=", "won"),
            ("company_id", "in", [*self.env.companies.ids, False]),
        ]
        # sudo: totals of the client's won deals for its card, within the user's companies (a salesperson reads only
        # their own deals)
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        by_period = {}
        totals = defaultdict(lambda: (0, 0.0))
        for granularity in ("year", "quarter", "month"):
            groups = Lead._read_group(
                domain,
                ["event_lead_client_id", f"date_closed:{granularity}"],
                ["__count", "expected_revenue:sum"],
                order=f"event_lead_client_id, date_closed:{granularity} desc",
            )
            for client, period, count, amount in groups:
                by_period.setdefault(client.id, {}).setdefault(granularity, []).append((period, count, amount))
                if granularity == "year":
                    totals[client.id] = (totals[client.id][0] + count, totals[client.id][1] + amount)
        for partner in self:
            client_id = partner.commercial_partner_id.id
            partner.event_lead_history_won_count = totals[client_id][0]
            partner.event_lead_history = (
                self.env["ir.qweb"]._render(
                    "event_lead_followup.res_partner_won_history",
                    {
                        "periods": by_period[client_id],
                        "format_period": partner._event_lead_format_period,
                        "currency": self.env.company.currency_id,
                        "total": totals[client_id],
                    },
                )
                if client_id in by_period
                else False
            )

    def _event_lead_format_period(self, granularity, day):
        if not day:
            return self.env._("No date")
        if granularity == "year":
            return str(day.year)
        if granularity == "quarter":
            return self.env._("Q%(quarter)s %(year)s", quarter=(day.month - 1) // 3 + 1, year=day.year)
        return f"{day.month:02d}.{day.year}"

    @api.constrains("event_lead_kpp")
    def _check_event_lead_kpp(self):
        for partner in self:
            if partner.event_lead_kpp and not KPP_RE.match(partner.event_lead_kpp):
                raise ValidationError(
                    self.env._(
                        "KPP of %(partner)s: 9 characters expected, 4 digits, 2 digits or capital letters, "
                        "3 digits (e.g. 631601001).",
                        partner=partner.display_name,
                    )
                )

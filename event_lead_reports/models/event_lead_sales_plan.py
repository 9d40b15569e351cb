import datetime

from odoo import api, fields, models

from odoo.addons.event_lead_followup.tools.months import MONTHS


class EventLeadSalesPlan(models.Model):
    """A person's sales plan for one month, entered by a Sales manager.

    Compared in the plan vs actual report with the revenue of the deals won
    that month and credited to the person.
    """

    _name = "event.lead.sales.plan"
    _description = "Monthly sales plan"
    _order = "date desc, user_id"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Person",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("share", "=", False)],
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales team",
        index="btree_not_null",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    month = fields.Selection(MONTHS, required=True, default=lambda self: str(fields.Date.context_today(self).month))
    date = fields.Date(
        string="Planned month",
        compute="_compute_date",
        store=True,
        index=True,
        help="The first day of the planned month.",
    )
    amount = fields.Monetary(string="Planned revenue", required=True, currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    note = fields.Char()

    _user_month_unique = models.UniqueIndex(
        "(user_id, date, company_id)", "A person has one plan per month: change the existing one."
    )
    _amount_positive = models.Constraint("CHECK(amount >= 0)", "A planned revenue cannot be negative.")
    _year_valid = models.Constraint("CHECK(year BETWEEN 2000 AND 2999)", "Enter the year in full, e.g. 2026.")

    @api.depends("user_id")
    def _compute_team_id(self):
        for plan in self:
            if plan.user_id and not plan.team_id:
                plan.team_id = plan.user_id.sale_team_id

    @api.depends("year", "month")
    def _compute_date(self):
        for plan in self:
            if plan.year and plan.month and 2000 <= plan.year <= 2999:
                plan.date = datetime.date(plan.year, int(plan.month), 1)
            else:
                plan.date = False

    @api.depends("user_id", "year", "month")
    def _compute_display_name(self):
        for plan in self:
            month = dict(self._fields["month"]._description_selection(self.env)).get(plan.month, "")
            plan.display_name = self.env._(
                "%(person)s, %(month)s %(year)s", person=plan.user_id.name or "", month=month, year=plan.year
            )

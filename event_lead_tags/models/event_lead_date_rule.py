import calendar
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.event_lead_followup.tools.months import MONTHS

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class EventLeadDateRule(models.Model):
    """A yearly date: a fixed day (8 March), the N-th or last weekday of a
    month (Builder's Day, second Sunday of August), or the N-th day of the
    year (Programmer's Day, the 256th). Campaigns send their letters
    ``lead_days`` before it."""

    _name = "event.lead.date.rule"
    _description = "Yearly date of a campaign"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [
            ("fixed", "Fixed date"),
            ("nth_weekday", "N-th weekday of a month"),
            ("last_weekday", "Last weekday of a month"),
            ("day_of_year", "N-th day of the year"),
        ],
        required=True,
        default="fixed",
        help="Fixed date: the same day every year (8 March).\n"
        "N-th weekday: e.g. the second Sunday of August.\n"
        "Last weekday: e.g. the last Sunday of September.\n"
        "N-th day of the year: e.g. the 256th day (13 September, 12 September in leap years).",
    )
    month = fields.Selection(MONTHS)
    day = fields.Integer(help="Day of the month of a fixed date.")
    weekday = fields.Selection(WEEKDAYS)
    week_number = fields.Integer(string="Week of the month", help="1 for the first such weekday of the month, up to 4.")
    day_of_year = fields.Integer(string="Day of the year", help="1 is the 1st of January; up to 365.")
    lead_days = fields.Integer(
        string="Send days before",
        default=14,
        required=True,
        help="Letters go out this many days before the date, so that clients have time to order.",
    )
    note = fields.Text(translate=True)
    next_date = fields.Date(
        string="Next date", compute="_compute_next_date", help="The next occurrence of the date, today included."
    )

    _lead_days_positive = models.Constraint("CHECK(lead_days >= 0 AND lead_days <= 180)", "Send 0 to 180 days before.")
    _week_number_range = models.Constraint(
        "CHECK(kind != 'nth_weekday' OR week_number BETWEEN 1 AND 4)",
        "The week of the month is 1 to 4; use the last weekday of the month otherwise.",
    )
    _day_of_year_range = models.Constraint(
        "CHECK(kind != 'day_of_year' OR day_of_year BETWEEN 1 AND 365)",
        "The day of the year is 1 to 365.",
    )

    @api.depends("kind", "month", "day", "weekday", "week_number", "day_of_year")
    @api.depends_context("date")
    def _compute_next_date(self):
        today = fields.Date.context_today(self)
        for rule in self:
            rule.next_date = rule.next_occurrence(today) if rule._is_complete() else False

    @api.constrains("kind", "month", "day", "weekday", "week_number", "day_of_year")
    def _check_rule(self):
        for rule in self:
            if not rule._is_complete():
                raise ValidationError(
                    self.env._("The yearly date “%(name)s” is incomplete for its kind.", name=rule.name)
                )
            if rule.kind == "fixed":
                try:
                    # a year that is not a leap year: 29 February does not come every year
                    date(2001, int(rule.month), rule.day)
                except ValueError as exc:
                    raise ValidationError(
                        self.env._(
                            "“%(name)s”: day %(day)s does not exist in that month every year.",
                            name=rule.name,
                            day=rule.day,
                        )
                    ) from exc

    def _is_complete(self):
        self.ensure_one()
        needed = {
            "fixed": ("month", "day"),
            "nth_weekday": ("month", "weekday", "week_number"),
            "last_weekday": ("month", "weekday"),
            "day_of_year": ("day_of_year",),
        }.get(self.kind, ())
        return bool(self.kind) and all(self[fname] for fname in needed)

    def date_for_year(self, year):
        """The date of this rule in ``year``."""
        self.ensure_one()
        if self.kind == "fixed":
            return date(year, int(self.month), self.day)
        if self.kind == "nth_weekday":
            first = date(year, int(self.month), 1)
            offset = (int(self.weekday) - first.weekday()) % 7
            return first + timedelta(days=offset + 7 * (self.week_number - 1))
        if self.kind == "last_weekday":
            last = date(year, int(self.month), calendar.monthrange(year, int(self.month))[1])
            return last - timedelta(days=(last.weekday() - int(self.weekday)) % 7)
        # day_of_year
        return date(year, 1, 1) + timedelta(days=self.day_of_year - 1)

    def next_occurrence(self, from_date):
        """The first date of this rule on or after ``from_date``."""
        self.ensure_one()
        for year in (from_date.year, from_date.year + 1):
            occurrence = self.date_for_year(year)
            if occurrence >= from_date:
                return occurrence
        raise ValueError(from_date)  # unreachable: every rule occurs once a year

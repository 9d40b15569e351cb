import calendar
import datetime

from odoo import api, fields, models
from odoo.tools import format_date

from ..tools import jobs, locks, readers


def occurrence(day, year):
    """``day`` in ``year`` (29 February becomes 28 February in other years)."""
    last = calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last))


def next_occurrence(day, after, yearly=True):
    """The first occurrence of ``day`` on or after ``after`` (False if none)."""
    if not yearly:
        return day if day >= after else False
    candidate = occurrence(day, max(after.year, day.year))
    if candidate < after:
        candidate = occurrence(day, candidate.year + 1)
    return candidate


class EventLeadSpecialDate(models.Model):
    """A notable date of a client company or of one of its people: birthdays,
    anniversaries, reorganisations. The owner of the client is reminded some
    days before, every year."""

    _name = "event.lead.special.date"
    _description = "Special date of a client"
    _order = "next_date, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Company or person",
        required=True,
        ondelete="cascade",
        index=True,
    )
    client_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Client",
        store=True,
        index=True,
    )
    kind = fields.Selection(
        [
            ("birthday", "Birthday"),
            ("founding", "Company anniversary"),
            ("professional", "Professional holiday"),
            ("reorganisation", "Reorganisation"),
            ("appointment", "Appointment or promotion"),
            ("other", "Other"),
        ],
        required=True,
        default="birthday",
    )
    date = fields.Date(required=True, help="The date it happened (or will happen).")
    name = fields.Char(string="Note", help="e.g. 25 years of the company, new CEO...")
    yearly = fields.Boolean(default=True, help="Remind every year; otherwise only once.")
    next_date = fields.Date(
        string="Next reminder for",
        compute="_compute_next_date",
        store=True,
        readonly=False,
        index=True,
        help="The next occurrence the owner will be reminded of. Moves one year on once the reminder is sent.",
    )

    @api.depends("date", "yearly")
    def _compute_next_date(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.next_date = record.date and next_occurrence(record.date, today, record.yearly)

    @api.depends("kind", "partner_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            record.display_name = f"{kinds.get(record.kind, '')}: {record.partner_id.display_name or ''}"

    # ------------------------------------------------------------------------
    # reminders
    # ------------------------------------------------------------------------

    @api.model
    def _reminder_domain(self, company):
        horizon = fields.Date.context_today(self) + datetime.timedelta(days=company.event_lead_special_date_days)
        return [
            ("next_date", "!=", False),
            ("next_date", "<=", horizon),
            "|",
            ("client_id.user_id.company_id", "=", company.id),
            "&",
            ("client_id.user_id", "=", False),
            ("client_id.company_id", "in", [company.id, False]),
        ]

    @api.model
    def _cron_remind_special_dates(self):
        """Daily: remind owners of the dates coming up. Thin: batches of
        ``_remind_batch`` run by ``tools/jobs.run``; a reminded date moves to
        next year in the same transaction as its activity, so a rerun never
        reminds twice."""
        jobs.run_for_companies(
            self.env, self._remind_batch, lambda company: self.search_count(self._reminder_domain(company))
        )

    @api.model
    def _remind_batch(self, company, limit=jobs.DEFAULT_BATCH_SIZE):
        """One activity per date coming up within the company's notice, for
        the owner of the client (none for unowned or pool clients), then the
        date moves to its next occurrence. Returns how many dates were handled."""
        dates = self.search(self._reminder_domain(company), limit=limit, order="next_date, id")
        # the job moves the date, no key: nothing that points to a date waits for it
        dates = locks.try_lock(dates, allow_referencing=True)
        if not dates:
            return 0
        today = fields.Date.context_today(self)
        pool = company.event_lead_pool_user_id
        activity_type = self.env.ref("event_lead_followup.mail_activity_type_special_date")
        model_id = self.env["ir.model"]._get_id("res.partner")
        activities = []
        for record in dates:
            owner = record.client_id.user_id
            if record.next_date < today or not owner or owner == pool:
                continue  # missed while the cron was down, or nobody to remind
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": record.partner_id.id,
                    "activity_type_id": activity_type.id,
                    "user_id": owner.id,
                    "date_deadline": record.next_date,
                    "summary": record._reminder_summary(readers.reader_env(self.env, owner)),
                    "note": record.name or False,
                    "automated": True,
                }
            )
        # sudo: the job gives owners their reminders, with texts built here
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(activities)
        dates.filtered(lambda record: not record.yearly).next_date = False
        for record in dates.filtered("yearly"):
            record.next_date = next_occurrence(record.date, record.next_date + datetime.timedelta(days=1))
        return len(dates)

    def _reminder_summary(self, env):
        """What the owner reads in the reminder, in the language of ``env``:
        the kind, the company or person, the date as the reader writes it."""
        self.ensure_one()
        kinds = dict(self._fields["kind"]._description_selection(env))
        return env._(
            "%(kind)s: %(partner)s, %(date)s",
            kind=kinds[self.kind],
            partner=self.partner_id.display_name,
            date=format_date(env, self.next_date),
        )

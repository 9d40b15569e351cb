from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

TOP_CLIENTS = 10


class EventLeadManagerReportWizard(models.TransientModel):
    """Print the work report of sales people for a period (PDF).

    The classic personal report of a salesperson (contacts by type, effectiveness,
    postponements per client) with the overdue follow-ups, plan vs actual and
    the credited revenue; for a sales team, one page per person after the
    team's summary. Figures come from the report models, read with the
    printing user's rights: an advisor prints only their own.
    """

    _name = "event.lead.manager.report.wizard"
    _description = "Print the sales work report"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: fields.Date.context_today(self).replace(day=1)
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(day=31),
    )
    team_id = fields.Many2one("crm.team", string="Sales team")
    user_ids = fields.Many2many(
        "res.users",
        string="People",
        compute="_compute_user_ids",
        store=True,
        readonly=False,
        domain=[("share", "=", False)],
        help="Empty: everyone whose figures you may read.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "user_ids" in fields_list and not self.env.user.has_group("event_lead_followup.group_event_lead_manager"):
            values["user_ids"] = [fields.Command.set(self.env.user.ids)]
        return values

    @api.depends("team_id")
    def _compute_user_ids(self):
        for wizard in self:
            if wizard.team_id:
                wizard.user_ids = wizard.team_id.member_ids | wizard.team_id.user_id

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The period ends before it starts."))

    def action_print(self):
        self.ensure_one()
        return self.env.ref("event_lead_reports.event_lead_manager_report_action").report_action(self)

    # ------------------------------------------------------------------
    # Figures of the PDF
    # ------------------------------------------------------------------

    def _user_domain(self):
        return [("user_id", "in", self.user_ids.ids)] if self.user_ids else [("user_id", "!=", False)]

    def _period_domain(self, start=None):
        return [("date", ">=", start or self.date_from), ("date", "<=", self.date_to)]

    def _report_data(self):
        """The figures of the PDF: one dict per person and the totals.

        A handful of ``_read_group`` on the report models, whatever the number
        of people; overdue follow-ups are today's, whatever the period.
        """
        self.ensure_one()
        Contact = self.env["event.lead.contact.report"]
        Plan = self.env["event.lead.plan.report"]
        Bonus = self.env["event.lead.bonus.report"]
        users_domain = self._user_domain()
        held = users_domain + self._period_domain() + [("row_kind", "=", "held")]
        planned = users_domain + [("row_kind", "=", "planned")]
        month_start = self.date_from.replace(day=1)
        plan_domain = users_domain + self._period_domain(month_start)
        bonus_domain = users_domain + self._period_domain()
        contact_measures = [
            "contact_count:sum",
            "positive_count:sum",
            "effectiveness:avg",
            "postponement_count:sum",
            "postponed_days:sum",
            "postponements_per_client:avg",
            "refusal_count:sum",
        ]
        planned_measures = ["planned_count:sum", "overdue_count:sum", "days_late_avg:avg"]
        plan_measures = ["planned_amount:sum", "actual_amount:sum", "achievement:avg", "won_count:sum"]
        bonus_measures = ["credited_revenue:sum", "closed_revenue:sum"]

        def keyed(rows, names):
            return {row[0]: dict(zip(names, row[1:], strict=True)) for row in rows}

        people = {}
        for model, domain, measures in (
            (Contact, held, contact_measures),
            (Contact, planned, planned_measures),
            (Plan, plan_domain, plan_measures),
            (Bonus, bonus_domain, bonus_measures),
        ):
            names = [spec.split(":")[0] for spec in measures]
            for user, values in keyed(model._read_group(domain, ["user_id"], measures), names).items():
                people.setdefault(user, {}).update(values)
        by_type = Contact._read_group(
            held, ["user_id", "activity_type_id"], ["contact_count:sum", "positive_count:sum", "effectiveness:avg"]
        )
        clients = Contact._read_group(
            held + [("postponement_count", ">", 0)],
            ["user_id", "commercial_partner_id"],
            ["postponement_count:sum", "postponed_days:sum"],
            order="postponement_count:sum desc, postponed_days:sum desc",
        )
        totals = {}
        for model, domain, measures in (
            (Contact, held, contact_measures),
            (Contact, planned, planned_measures),
            (Plan, plan_domain, plan_measures),
            (Bonus, bonus_domain, bonus_measures),
        ):
            names = [spec.split(":")[0] for spec in measures]
            totals.update(zip(names, model._read_group(domain, [], measures)[0], strict=True))

        lines = []
        for user in sorted(people, key=lambda user: user.name or ""):
            line = dict.fromkeys(
                [spec.split(":")[0] for spec in contact_measures + planned_measures + plan_measures + bonus_measures],
                0,
            )
            line.update(people[user])
            line["user"] = user
            line["types"] = [
                {"type": activity_type, "contact_count": count, "positive_count": positive, "effectiveness": rate}
                for row_user, activity_type, count, positive, rate in by_type
                if row_user == user
            ]
            line["clients"] = [
                {"client": client, "postponement_count": count, "postponed_days": days}
                for row_user, client, count, days in clients
                if row_user == user
            ][:TOP_CLIENTS]
            lines.append(line)
        return {"lines": lines, "totals": totals, "currency": self.env.company.currency_id}

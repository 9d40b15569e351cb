from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

ADVISORS = ("res_users_advisor1_demo", "res_users_advisor2_demo", "res_users_advisor3_demo")


class EventLeadDemo(models.AbstractModel):
    _inherit = "event.lead.demo"

    @api.model
    def _demo_generate_plans(self):
        """Monthly sales plans of the demo advisors: the last six months,
        this month and the next one (those already there are kept)."""
        before = self._demo_last_ids(["event.lead.sales.plan"])
        # sudo: the demo generator
        Plan = self.env["event.lead.sales.plan"].sudo()
        today = fields.Date.context_today(self)
        users = self.env["res.users"]
        for xmlid in ADVISORS:
            users |= self.env.ref(f"event_lead_followup.{xmlid}", raise_if_not_found=False) or users
        months = [today + relativedelta(months=delta) for delta in range(-6, 2)]
        existing = {
            (plan.user_id.id, plan.year, plan.month)
            for plan in Plan.search([("user_id", "in", users.ids), ("year", "in", list({m.year for m in months}))])
        }
        Plan.create(
            [
                {
                    "user_id": user.id,
                    "year": month.year,
                    "month": str(month.month),
                    "amount": 900000 + 300000 * rank + 100000 * (month.month % 3),
                }
                for rank, user in enumerate(users)
                for month in months
                if (user.id, month.year, str(month.month)) not in existing
            ]
        )
        self._demo_register("event_lead_reports", before)

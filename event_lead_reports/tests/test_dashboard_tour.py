import datetime

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    """A sales manager opens the dashboard: every graph shows this month."""

    def test_dashboard_graphs(self):
        manager = new_test_user(
            self.env, "el_dash_manager", "event_lead_followup.group_event_lead_manager", name="Dash Manager"
        )
        advisor = new_test_user(
            self.env, "el_dash_advisor", "event_lead_followup.group_event_lead_advisor", name="Dash Advisor"
        )
        today = fields.Date.context_today(manager)
        client = self.env["res.partner"].create({"name": "ООО «Панель»", "is_company": True, "user_id": advisor.id})
        call = self.env.ref("mail.mail_activity_data_call")
        self.env["event.lead.contact.result"].create(
            [
                {
                    "date": today,
                    "user_id": advisor.id,
                    "commercial_partner_id": client.id,
                    "activity_type_id": call.id,
                    "result_type": "manual_sent",
                    "manual_kind": "technical",
                    "direction": "incoming",
                    "source_id": self.env.ref("utm.utm_source_search_engine").id,
                },
                {
                    "date": today,
                    "user_id": advisor.id,
                    "commercial_partner_id": client.id,
                    "activity_type_id": call.id,
                    "result_type": "refused_visit",
                    "lost_reason_id": self.env.ref("event_lead_followup.crm_lost_reason_no_time").id,
                },
            ]
        )
        self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": client.id,
                "activity_type_id": call.id,
                "user_id": advisor.id,
                "date_deadline": today - datetime.timedelta(days=3),
            }
        )
        self.env["event.lead.sales.plan"].create(
            {"user_id": advisor.id, "year": today.year, "month": str(today.month), "amount": 100000}
        )
        self.start_tour(
            "/odoo/action-event_lead_reports.event_lead_dashboard_action",
            "event_lead_reports_dashboard",
            login="el_dash_manager",
        )

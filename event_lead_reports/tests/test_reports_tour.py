from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.event_lead_followup.tests.funnel_common import EventFunnelCommon


@tagged("post_install", "-at_install")
class TestManagerReportsTour(HttpCase, EventFunnelCommon):
    """A sales manager opens the funnel and the contacts per person reports
    from the Reporting menu and reads the figures of the data below."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the event: 4 registered, 3 came, 1 did not
        registrations = cls._register(cls._participants(4, "Участник"))
        registrations[:3].write({"state": "done"})
        cls.event.action_event_lead_plan_followups()  # the no-show is counted once followed up
        # this month: Anna 3 contacts (2 positive), Boris 1 (positive)
        today = fields.Date.context_today(cls.env["res.partner"])
        client = cls.env["res.partner"].create(
            {"name": "ООО «Отчёт»", "is_company": True, "user_id": cls.user_advisor.id}
        )
        call = cls.env.ref("mail.mail_activity_data_call")
        common = {"date": today, "commercial_partner_id": client.id, "activity_type_id": call.id}
        cls.env["event.lead.contact.result"].create(
            [
                {**common, "user_id": cls.user_advisor.id, "result_type": "manual_sent", "manual_kind": "technical"},
                {
                    **common,
                    "user_id": cls.user_advisor.id,
                    "result_type": "invitation_sent",
                    "visitor_ids": [fields.Command.set(client.ids)],
                    "event_id": cls.event.id,
                },
                {
                    **common,
                    "user_id": cls.user_advisor.id,
                    "result_type": "refused_visit",
                    "lost_reason_id": cls.env.ref("event_lead_followup.crm_lost_reason_no_time").id,
                },
                {**common, "user_id": cls.user_advisor2.id, "result_type": "manual_sent", "manual_kind": "marketing"},
            ]
        )

    def test_manager_reads_funnel_and_contacts_per_person(self):
        self.start_tour("/odoo", "event_lead_reports_manager", login="el_manager")

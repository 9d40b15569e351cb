from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .funnel_common import EventFunnelCommon


@tagged("post_install", "-at_install")
class TestNoShowTour(HttpCase, EventFunnelCommon):
    """An operator works the no-shows of an event from its funnel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.event.event_lead_operator_ids = cls.user_operator
        cls.came = cls._register(cls._participants(1, "Гость"), state="done")
        cls.postponing, cls.refusing = cls._register(cls._participants(2, "Неявка"))
        cls.event.action_event_lead_plan_followups()

    def test_operator_postpones_and_refuses_no_shows(self):
        postponing_call = self.postponing.event_lead_followup_activity_ids
        refusing_call = self.refusing.event_lead_followup_activity_ids
        self.assertEqual(postponing_call.user_id, self.user_operator)
        planned = postponing_call.date_deadline

        self.start_tour("/odoo", "event_lead_noshow_followup", login="el_operator")

        Result = self.env["event.lead.contact.result"]
        postponed = Result.search([("activity_id", "=", postponing_call.id)])
        self.assertEqual(postponed.result_type, "postponed")
        self.assertEqual(postponed.user_id, self.user_operator)
        self.assertEqual(postponed.event_id, self.event)
        self.assertEqual(postponed.postpone_reason_id, self.env.ref("event_lead_followup.postpone_reason_decision"))
        self.assertEqual(postponed.postponement_count, 1)
        self.assertEqual(postponed.postponed_from, planned)
        today = fields.Date.context_today(postponed)
        self.assertTrue(today + timedelta(days=13) <= postponed.postponed_to <= today + timedelta(days=15))
        # the same call moves to the new date and stays open
        self.assertTrue(postponing_call.active)
        self.assertEqual(postponing_call.date_deadline, postponed.postponed_to)
        self.assertEqual(postponing_call.event_lead_postpone_count, 1)
        self.assertTrue(self.postponing.event_lead_followup_open)

        refused = Result.search([("activity_id", "=", refusing_call.id)])
        self.assertEqual(refused.result_type, "refused_participation")
        self.assertEqual(refused.lost_reason_id, self.env.ref("event_lead_followup.crm_lost_reason_no_budget"))
        self.assertEqual(refused.event_id, self.event)
        self.assertFalse(refusing_call.active)
        self.assertEqual(self.refusing.event_lead_funnel_stage, "refused")

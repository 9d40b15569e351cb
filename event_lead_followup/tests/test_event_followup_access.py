from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .funnel_common import EventFunnelCommon


@tagged("post_install", "-at_install")
class TestFollowupAccess(EventFunnelCommon):
    """An operator sees and completes the follow-ups assigned to them, and not
    what other operators' participants said."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Olga calls for the fair, Pavel for a seminar of his own
        cls.event.event_lead_operator_ids = cls.user_operator
        cls.seminar = cls._event("Семинар Павла", operators=cls.user_operator2)
        cls.olga_registration = cls._register(cls._participants(1, "Ярмарка"), state="done")
        cls._answer(cls.olga_registration, cls.yes, text="Секретная задача Ярмарки")
        cls.pavel_registration = cls._register(cls._participants(1, "Семинар"), event=cls.seminar, state="done")
        cls._answer(cls.pavel_registration, cls.yes, text="Секретная задача Семинара")
        (cls.event | cls.seminar).action_event_lead_plan_followups()
        cls.olga_call = cls.olga_registration.event_lead_followup_activity_ids
        cls.pavel_call = cls.pavel_registration.event_lead_followup_activity_ids

    def test_operator_sees_own_followups_only(self):
        Activity = self.env["mail.activity"].with_user(self.user_operator)
        mine = Activity.search([("event_lead_followup_kind", "!=", False)])
        self.assertEqual(mine, self.olga_call)
        with self.assertRaises(AccessError):
            self.pavel_call.with_user(self.user_operator).read(["note"])
        # the participant's card shows Olga her own call, not Pavel's notes
        partner = self.pavel_registration.partner_id.with_user(self.user_operator)
        self.assertFalse(partner.activity_ids)

    def test_operator_reads_only_the_participants_they_work_on(self):
        Registration = self.env["event.registration"].with_user(self.user_operator)
        self.assertEqual(
            Registration.search([("event_id", "in", (self.event | self.seminar).ids)]), self.olga_registration
        )
        with self.assertRaises(AccessError):
            self.pavel_registration.with_user(self.user_operator).read(["registration_answer_ids"])
        answers = self.env["event.registration.answer"].with_user(self.user_operator).search([])
        self.assertIn("Секретная задача Ярмарки", answers.mapped("value_text_box"))
        self.assertNotIn("Секретная задача Семинара", answers.mapped("value_text_box"))
        # a sales advisor and the event officer see everybody
        self.assertEqual(
            self.env["event.registration"]
            .with_user(self.user_advisor)
            .search_count([("event_id", "in", (self.event | self.seminar).ids)]),
            2,
        )

    def test_operator_completes_the_followup(self):
        call = self.olga_call.with_user(self.user_operator)
        self.assertEqual(call.user_id, self.user_operator)
        action = self.olga_registration.with_user(self.user_operator).action_event_lead_record_result()
        wizard = Form(self.env[action["res_model"]].with_user(self.user_operator).with_context(**action["context"]))
        self.assertEqual(wizard.event_id, self.event)
        wizard.result_type = "other"
        wizard.note = "Просит позвонить после квартального отчёта"
        wizard.event_lead_outcome = "qualified"
        wizard.save().action_confirm()
        self.assertFalse(self.olga_call.active)
        result = self.env["event.lead.contact.result"].search([("activity_id", "=", self.olga_call.id)])
        self.assertEqual(result.user_id, self.user_operator)
        self.assertEqual(result.event_id, self.event)
        self.assertEqual(self.olga_registration.event_lead_funnel_stage, "qualified")
        # Pavel's call cannot be closed by Olga
        with self.assertRaises(AccessError):
            self.pavel_call.with_user(self.user_operator).action_feedback(feedback="not mine")

    def test_result_moves_only_the_participant_of_the_followup(self):
        """A result sent with another participant (one the operator cannot
        see) still moves only the participant of the follow-up it closes."""
        action = self.olga_registration.with_user(self.user_operator).action_event_lead_record_result()
        Wizard = self.env[action["res_model"]].with_user(self.user_operator).with_context(**action["context"])
        wizard = Form(Wizard)
        wizard.result_type = "other"
        wizard.note = "Готов к встрече с продажами"
        wizard.event_lead_outcome = "qualified"
        wizard = wizard.save()
        wizard.registration_id = self.pavel_registration
        wizard.action_confirm()
        self.assertEqual(self.olga_registration.event_lead_funnel_stage, "qualified")
        self.assertNotEqual(self.pavel_registration.event_lead_funnel_stage, "qualified")

    def test_invitations_of_other_events_are_hidden(self):
        mine, his = self.env["event.lead.invitation"].create(
            [
                {"event_id": self.event.id, "partner_id": self._participants(1, "Приглашён")[0].id},
                {"event_id": self.seminar.id, "partner_id": self._participants(1, "Чужой")[0].id},
            ]
        )
        visible = self.env["event.lead.invitation"].with_user(self.user_operator).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(his, visible)

    def test_accountant_and_marketing_have_no_invitations(self):
        for user in (self.user_accountant, self.user_marketing):
            with self.assertRaises(AccessError):
                self.env["event.lead.invitation"].with_user(user).search([])

    def test_managers_see_the_overdue_followups(self):
        """Overdue follow-ups per event and per person responsible, for managers."""
        today = fields.Date.context_today(self.olga_call)
        self.olga_call.date_deadline = today - timedelta(days=2)
        menu = "event_lead_followup.mail_activity_menu_event_lead_followups_overdue"
        self.assertIn(menu, self._visible_menus(self.user_manager))
        self.assertNotIn(menu, self._visible_menus(self.user_operator))
        action = self.env.ref("event_lead_followup.mail_activity_action_event_followups_overdue")
        self.assertEqual(action.context, "{'search_default_filter_event_lead_overdue': 1}")
        overdue_domain = [
            ("event_lead_followup_kind", "!=", False),
            ("active", "=", True),
            ("date_deadline", "<", today),
        ]
        groups = (
            self.env["mail.activity"]
            .with_user(self.user_manager)
            ._read_group(overdue_domain, ["event_lead_event_id", "user_id"], ["__count"])
        )
        self.assertEqual(groups, [(self.event, self.user_operator, 1)])
        self.assertEqual(self.event.event_lead_followup_overdue_count, 1)
        self.assertEqual(self.seminar.event_lead_followup_overdue_count, 0)

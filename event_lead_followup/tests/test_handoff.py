from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestHandoff(EventLeadDealCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Отдел застройки",
                "user_id": cls.user_manager.id,
                "member_ids": [Command.set((cls.user_manager | cls.user_advisor2).ids)],
            }
        )

    def _handoff(self, record, user=None, **values):
        form = Form(
            self.env["event.lead.request.handoff.wizard"]
            .with_user(user or self.user_advisor)
            .with_context(active_model=record._name, active_id=record.id)
        )
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()._handoff()

    def test_handoff_to_a_colleague(self):
        deadline = self.today + timedelta(days=3)
        task = self._handoff(
            self.contact,
            target="user",
            user_id=self.user_advisor2,
            summary="Подготовить расчёт застройки",
            date_deadline=deadline,
        )
        self.assertRecordValues(
            task,
            [
                {
                    "res_model": "res.partner",
                    "res_id": self.contact.id,
                    "user_id": self.user_advisor2.id,
                    "summary": "Подготовить расчёт застройки",
                    "date_deadline": deadline,
                    "event_lead_handoff": True,
                    "event_lead_contact_id": self.contact.id,
                    "create_uid": self.user_advisor.id,
                }
            ],
        )
        self.assertIn("Request handed to Boris Advisor", self.contact.message_ids[0].body)

    def test_handoff_to_a_team_goes_to_its_leader(self):
        lead = self._lead()
        task = self._handoff(lead, target="team", team_id=self.team, summary="Расчёт стенда")
        self.assertEqual(task.user_id, self.user_manager)
        self.assertEqual(task.event_lead_handoff_team_id, self.team)
        self.assertIn("team Отдел застройки", lead.message_ids[0].body)
        task = self._handoff(self.client, target="team", team_id=self.team, summary="Образцы для клиента")
        # a team member sees it among the requests for their team
        action = self.env.ref("event_lead_followup.mail_activity_action_event_lead_requests")
        requests = (
            self.env["mail.activity"]
            .with_user(self.user_advisor2)
            .with_context(active_test=False)
            .search(safe_eval(action.domain, {"uid": self.user_advisor2.id}))
        )
        self.assertIn(task, requests)

    def test_team_without_anybody(self):
        empty = self.env["crm.team"].create({"name": "Пустой отдел", "user_id": False})
        with self.assertRaisesRegex(UserError, "neither a leader nor members"):
            self._handoff(self.client, target="team", team_id=empty, summary="Кому-нибудь")

    def test_deadline_in_the_past(self):
        with self.assertRaises(UserError):
            self._handoff(
                self.client,
                target="user",
                user_id=self.user_advisor2,
                summary="Вчера",
                date_deadline=self.today - timedelta(days=1),
            )

    def test_my_handoffs_tracked_until_done(self):
        task = self._handoff(self.client, target="user", user_id=self.user_advisor2, summary="Счёт на оплату")
        action = self.env.ref("event_lead_followup.mail_activity_action_event_lead_my_handoffs")
        domain = safe_eval(action.domain, {"uid": self.user_advisor.id})
        Activity = self.env["mail.activity"].with_user(self.user_advisor).with_context(active_test=False)
        self.assertEqual(Activity.search(domain), task)
        self.assertEqual(task.state, "planned")
        task.with_user(self.user_advisor2).action_feedback(feedback="Счёт отправлен")
        mine = Activity.search(domain)
        self.assertEqual(mine, task, "a done hand-off stays in the list")
        self.assertEqual(mine.state, "done")
        self.assertEqual(mine.feedback, "Счёт отправлен")

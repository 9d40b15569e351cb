from odoo.tests import Form, tagged

from .funnel_common import EventFunnelCommon


@tagged("post_install", "-at_install")
class TestEventFunnel(EventFunnelCommon):
    def test_stage_follows_the_facts(self):
        """The stage is computed from attendance, the questionnaire, the
        follow-up outcome and the handover, never typed by hand."""
        registration = self._register(self._participants(1))
        self.assertEqual(registration.event_lead_funnel_stage, "registered")
        registration.action_set_done()
        self.assertEqual(registration.event_lead_funnel_stage, "attended")
        self._answer(registration, self.q_tshirt.answer_ids[0])
        self.assertEqual(
            registration.event_lead_funnel_stage, "attended", "a plain registration question is not the questionnaire"
        )
        self._answer(registration, self.consent_yes)
        self.assertEqual(registration.event_lead_funnel_stage, "questionnaire")
        self.assertTrue(registration.event_lead_questionnaire_done)
        self._answer(registration, self.yes)
        self.assertEqual(registration.event_lead_funnel_stage, "interested")
        registration.event_lead_outcome = "qualified"
        self.assertEqual(registration.event_lead_funnel_stage, "qualified")
        registration.event_lead_outcome = "wrong_contact"
        self.assertEqual(registration.event_lead_funnel_stage, "wrong_contact")

    def test_no_show_once_the_event_is_over(self):
        """When the event is over, those of whom nothing else is known become
        no-shows; the others keep the stage their facts give."""
        registration, came, cancelled, called = self._register(self._participants(4))
        came.action_set_done()
        cancelled.action_cancel()
        called.event_lead_outcome = "interested"
        self.assertEqual(registration.event_lead_funnel_stage, "registered")
        self.event.action_event_lead_plan_followups()
        registrations = registration | came | cancelled | called
        registrations.invalidate_recordset()
        self.assertEqual(
            registrations.mapped("event_lead_funnel_stage"), ["no_show", "attended", "refused", "interested"]
        )
        for participant in registrations:
            self.assertEqual(participant.event_lead_funnel_stage, participant._event_lead_stage())
        registration.event_lead_outcome = "interested"
        self.assertEqual(registration.event_lead_funnel_stage, "interested", "a no-show interested on the phone")
        registration.event_lead_outcome = "interested"
        self.assertEqual(registration.event_lead_funnel_stage, "interested", "a no-show interested on the phone")

    def test_questionnaire_without_interest(self):
        registration = self._register(self._participants(1), state="done")
        self._answer(registration, self.no, self.consent_no)
        self.assertEqual(registration.event_lead_funnel_stage, "no_interest")
        self.assertEqual(registration.event_lead_answer_interest, "no")

    def test_priority_from_the_answers_and_the_weights(self):
        low, high, mid = self._register(self._participants(3), state="done")
        self._answer(low, self.no, self.other_position)
        self._answer(high, self.yes, self.consent_yes, self.business_head, text="Учёт клиентов")
        self._answer(mid, self.consent_yes, self.it_head)
        self.assertEqual(low.event_lead_priority, 0)
        self.assertEqual(high.event_lead_priority, 40 + 30 + 25 + 20)
        self.assertEqual(mid.event_lead_priority, 30 + 15)
        self.assertTrue(high.event_lead_problem)
        self.assertEqual(high.event_lead_position, "business_head")
        # the weights are settings: a company that values IT heads most re-sorts its lists
        settings = Form(self.env["res.config.settings"])
        settings.event_lead_weight_it_head = 100
        settings.save().execute()
        self.assertEqual(mid.event_lead_priority, 130)
        self.assertGreater(mid.event_lead_priority, high.event_lead_priority)

    def test_segments_come_from_the_client(self):
        client = self.env["res.partner"].create(
            {
                "name": "ЗАО «Сегмент»",
                "is_company": True,
                "industry_id": self.env["res.partner.industry"].create({"name": "Транспорт"}).id,
                "state_id": self.env["res.country.state"].search([("country_id.code", "=", "RU")], limit=1).id,
                "event_lead_company_size": "medium",
            }
        )
        person = self.env["res.partner"].create({"name": "Сергей Сегментов", "parent_id": client.id})
        registration = self._register(person)
        self.assertEqual(registration.event_lead_client_id, client)
        self.assertEqual(registration.event_lead_industry_id.name, "Транспорт")
        self.assertEqual(registration.event_lead_state_id, client.state_id)
        self.assertEqual(registration.event_lead_company_size, "medium")
        client.event_lead_company_size = "large"
        self.assertEqual(registration.event_lead_company_size, "large")

    def test_counts_open_the_people_they_count(self):
        """Each stage of the event's funnel opens exactly the people it counts;
        the counts of several events come from one grouped read."""
        came, interested, no_show = self._register(self._participants(3))
        (came | interested).action_set_done()
        self._answer(interested, self.yes)
        other = self._event("Другое мероприятие")
        self._register(self._participants(2, "Другой"), event=other)
        with self.assertQueryCount(4):
            events = (self.event | other).with_prefetch()
            events.invalidate_recordset()
            counts = [(event.event_lead_registered_count, event.event_lead_attended_count) for event in events]
        self.assertEqual(counts, [(3, 2), (2, 0)])
        self.assertAlmostEqual(self.event.event_lead_attendance_rate, 66.7, places=1)
        for stage, expected in (("registered", 3), ("attended", 2), ("interested", 1), ("questionnaire", 1)):
            action = self.event.with_context(event_lead_funnel_stage=stage).action_event_lead_open_funnel()
            found = self.env["event.registration"].search(action["domain"])
            self.assertEqual(len(found), expected, stage)
        self.assertEqual(
            self.env["event.registration"].search(
                self.event.with_context(event_lead_funnel_stage="interested").action_event_lead_open_funnel()["domain"]
            ),
            interested,
        )
        self.assertNotIn(
            no_show,
            self.env["event.registration"].search(
                self.event.with_context(event_lead_funnel_stage="attended").action_event_lead_open_funnel()["domain"]
            ),
        )


@tagged("post_install", "-at_install")
class TestInvitations(EventFunnelCommon):
    def test_invite_by_tag_and_by_hand(self):
        tag = self.env["res.partner.category"].create({"name": "ИТ"})
        tagged_people = self._participants(3, "Тег")
        tagged_people.category_id = tag
        chosen = self._participants(1, "Выбран")
        wizard = Form(
            self.env["event.lead.invitation.wizard"]
            .with_user(self.user_operator)
            .with_context(default_event_id=self.event.id)
        )
        wizard.category_ids.add(tag)
        wizard.partner_ids.add(chosen)
        wizard.save().action_invite()
        invitations = self.env["event.lead.invitation"].search([("event_id", "=", self.event.id)])
        self.assertEqual(invitations.partner_id, tagged_people | chosen)
        self.assertEqual(set(invitations.mapped("result")), {"no_answer"})
        self.assertEqual(invitations.user_id, self.user_operator)
        # inviting again skips those already invited
        again = self.env["event.lead.invitation.wizard"].create(
            {"event_id": self.event.id, "partner_ids": [(6, 0, (tagged_people | chosen).ids)]}
        )
        again.action_invite()
        self.assertEqual(self.env["event.lead.invitation"].search_count([("event_id", "=", self.event.id)]), 4)
        self.assertEqual(self.event.event_lead_invited_count, 4)

    def test_registration_answers_its_invitation(self):
        invited, uninvited = self._participants(2)
        invitation = self.env["event.lead.invitation"].create({"event_id": self.event.id, "partner_id": invited.id})
        registration, walk_in = self._register(invited | uninvited)
        self.assertEqual(invitation.registration_id, registration)
        self.assertEqual(invitation.result, "registered")
        self.assertFalse(registration.event_lead_uninvited)
        self.assertTrue(walk_in.event_lead_uninvited, "registered without invitation")
        self.assertEqual(self.event.event_lead_uninvited_count, 1)
        self.assertEqual(self.event.event_lead_invited_registered_count, 1)
        self.assertAlmostEqual(self.event.event_lead_registration_rate, 100.0)
        # an invitation recorded after the registration finds it too
        late = self.env["event.lead.invitation"].create({"event_id": self.event.id, "partner_id": uninvited.id})
        self.assertEqual(late.registration_id, walk_in)
        self.assertFalse(walk_in.event_lead_uninvited)

    def test_invitation_results_and_new_contact(self):
        invitee, colleague, wrong = self._participants(3)
        invitation, wrong_one = self.env["event.lead.invitation"].create(
            [
                {"event_id": self.event.id, "partner_id": invitee.id},
                {"event_id": self.event.id, "partner_id": wrong.id},
            ]
        )
        wrong_one.result = "wrong_contact"
        invitation.write({"result": "new_contact", "new_contact_id": colleague.id})
        colleague_invitation = self.env["event.lead.invitation"].search(
            [("event_id", "=", self.event.id), ("partner_id", "=", colleague.id)]
        )
        self.assertTrue(colleague_invitation, "the new contact person is invited in turn")
        registration = self._register(colleague)
        self.assertEqual(colleague_invitation.registration_id, registration)
        self.assertEqual(invitation.result, "new_contact")
        self.assertEqual(self.event.event_lead_invitation_exit_count, 1)
        action = self.event.with_context(event_lead_funnel_stage="invitation_exit").action_event_lead_open_funnel()
        self.assertEqual(self.env["event.lead.invitation"].search(action["domain"]), wrong_one)

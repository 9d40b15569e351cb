from collections import Counter
from datetime import date, datetime

import psycopg2
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import SQL, mute_logger

from .funnel_common import EventFunnelCommon


@tagged("post_install", "-at_install")
class TestTradeShowOf100(EventFunnelCommon):
    """A typical trade show: 100 registered, 45 came; some filled the questionnaire, some
    are interested, and five are clients a salesperson already works with."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # clients in sales: three owned by Boris (advisor), two unowned with Anna's open opportunity
        boris_clients = Partner.create(
            [{"name": f"Клиент Бориса {i}", "is_company": True, "user_id": cls.user_advisor2.id} for i in range(3)]
        )
        anna_clients = Partner.create([{"name": f"Сделка Анны {i}", "is_company": True} for i in range(2)])
        stage = cls.env.ref("event_lead_followup.crm_stage_negotiation")
        cls.env["crm.lead"].create(
            [
                {
                    "name": f"Переговоры {client.name}",
                    "type": "opportunity",
                    "partner_id": client.id,
                    "user_id": cls.user_advisor.id,
                    "stage_id": cls.env.ref("event_lead_followup.crm_stage_need").id,
                }
                for client in anna_clients
            ]
        ).write({"stage_id": stage.id, **cls._stage_facts(stage)})
        in_sales = cls._participants(1, "Борис-А", company=boris_clients[0])
        in_sales |= cls._participants(1, "Борис-Б", company=boris_clients[1])
        in_sales |= cls._participants(1, "Борис-В", company=boris_clients[2])
        in_sales |= cls._participants(1, "Анна-Г", company=anna_clients[0])
        in_sales |= cls._participants(1, "Анна-Д", company=anna_clients[1])
        cls.in_sales = in_sales
        # clients in sales: a and d came and are interested, b came without questionnaire,
        # c and e did not come
        a, b, c, d, e = cls._register(in_sales)
        (a | b | d).write({"state": "done"})
        cls._answer(a | d, cls.yes, cls.consent_yes)
        cls.sales_registrations = a | b | c | d | e
        # the other 95: 42 came (17 interested, 10 not interested, 15 without questionnaire), 53 no-shows
        others = cls._participants(95)
        registrations = cls._register(others)
        cls.interested = registrations[:17]
        cls.not_interested = registrations[17:27]
        cls.no_questionnaire = registrations[27:42]
        cls.no_shows = registrations[42:]
        (cls.interested | cls.not_interested | cls.no_questionnaire).write({"state": "done"})
        cls._answer(cls.interested[:5], cls.yes, cls.consent_yes, cls.business_head, text="Нужен CRM")
        cls._answer(cls.interested[5:], cls.yes, cls.it_head)
        cls._answer(cls.not_interested, cls.no, cls.consent_no, cls.other_position)
        cls.registrations = cls.sales_registrations | registrations

    def test_funnel_before_followup(self):
        """The funnel of the event reads 100 registered, 45 came (45%)."""
        event = self.event
        self.assertEqual(event.event_lead_registered_count, 100)
        self.assertEqual(event.event_lead_attended_count, 45)
        self.assertAlmostEqual(event.event_lead_attendance_rate, 45.0)
        self.assertEqual(event.event_lead_questionnaire_count, 29)
        self.assertEqual(event.event_lead_interested_count, 19)
        self.assertEqual(event.event_lead_no_interest_count, 10)
        # not over for the CRM until its follow-up starts: nobody is a no-show yet
        self.assertEqual(event.event_lead_no_show_count, 0)

    def test_followup_per_category_and_nothing_twice(self):
        self.event.action_event_lead_plan_followups()
        followups = self._followups()
        kinds = Counter(followups.mapped("event_lead_followup_kind"))
        self.assertEqual(
            kinds,
            Counter({"no_show": 53, "no_questionnaire": 15, "interested": 17, "owner_notice": 5}),
            "no-shows, attendees without questionnaire and interested ones get a call; the "
            "questionnaires without interest only a note; the clients in sales only their owner's notice",
        )
        # the people in negotiation get nothing but their salesperson's notice
        sales = followups.filtered(lambda a: a.event_lead_registration_id in self.sales_registrations)
        self.assertEqual(set(sales.mapped("event_lead_followup_kind")), {"owner_notice"})
        self.assertEqual(
            Counter(activity.user_id.login for activity in sales),
            Counter({"el_advisor2": 3, "el_advisor": 2}),
            "owner, else deal holder",
        )
        self.assertEqual(set(sales.activity_type_id.mapped("name")), {"Client at the event"})
        # operators' calls are shared between the two operators
        calls = followups - sales
        self.assertEqual(sorted(Counter(activity.user_id.login for activity in calls).values()), [42, 43])
        self.assertEqual(set(calls.activity_type_id.ids), {self.env.ref("mail.mail_activity_data_call").id})
        self.assertTrue(all(calls.mapped("event_lead_result_required")), "a follow-up call is closed with a result")
        # questionnaires without interest: a note in the participant's history, no task
        notes = self.not_interested.partner_id.message_ids.filtered(lambda m: "no interest" in str(m.body))
        self.assertEqual(len(notes), 10)
        self.assertEqual(set(self.not_interested.mapped("event_lead_followup_kind")), {"no_interest"})
        # everybody is marked; the no-shows are now no-shows in the funnel
        self.assertFalse(self.registrations.filtered(lambda r: not r.event_lead_followup_kind))
        self.assertEqual(self.event.event_lead_no_show_count, 55)
        self.assertEqual(self.event.event_lead_followup_state, "done")
        # running again, by the button or the job, plans nothing more
        self.event.action_event_lead_plan_followups()
        with self.enter_registry_test_mode():
            self.env.ref("event_lead_followup.ir_cron_event_lead_plan_followups").method_direct_trigger()
        self.assertEqual(len(self._followups()), 90)

    def test_followup_content(self):
        self.event.action_event_lead_plan_followups()
        registration = self.interested[0]
        call = registration.event_lead_followup_activity_ids
        self.assertEqual(len(call), 1)
        self.assertEqual(call.summary, "Interested at the event: pre-qualify and hand over")
        self.assertEqual(call.res_model, "res.partner")
        self.assertEqual(call.res_id, registration.partner_id.id)
        self.assertEqual(call.event_lead_event_id, self.event)
        self.assertEqual(call.event_lead_contact_id, registration.partner_id)
        note = str(call.note)
        self.assertIn("Интересны ли вам наши решения?: Да", note)
        self.assertIn("Нужен CRM", note)
        self.assertNotIn("Размер футболки", note, "only questionnaire questions are quoted")
        self.assertEqual(call.event_lead_priority, 40 + 30 + 20 + 25)
        no_show_call = self.no_shows[0].event_lead_followup_activity_ids
        self.assertEqual(no_show_call.summary, "Did not come to the event: call")
        self.assertIn("Ask why they did not come", str(no_show_call.note))

    def test_followups_in_each_operators_language(self):
        """The planner runs in English; each operator reads their calls in
        their own language."""
        self._russian_reader(self.user_operator)
        self.user_operator2.lang = "en_US"
        self.event.with_context(lang="en_US").action_event_lead_plan_followups()
        calls = self.no_shows.event_lead_followup_activity_ids
        russian = calls.filtered(lambda call: call.user_id == self.user_operator)
        english = calls.filtered(lambda call: call.user_id == self.user_operator2)
        self.assertTrue(russian and english, "both operators got no-shows to call")
        self.assertEqual(set(russian.mapped("summary")), {"Не пришёл на мероприятие: позвонить"})
        self.assertIn("Выясните причину", str(russian[0].note))
        self.assertEqual(set(english.mapped("summary")), {"Did not come to the event: call"})

    def test_crash_half_way_then_resume(self):
        """A run that stops after one batch (crash, timeout) leaves a consistent
        half; the next run plans the rest and nothing twice."""
        planned = self.event.sudo()._event_lead_plan_batch(limit=40)
        self.assertEqual(planned, 40)
        self.assertEqual(len(self.registrations.filtered("event_lead_followup_kind")), 40)
        first = self._followups()
        with self.enter_registry_test_mode():
            self.env.ref("event_lead_followup.ir_cron_event_lead_plan_followups").method_direct_trigger()
        self.assertEqual(len(self._followups()), 90)
        self.assertLessEqual(first, self._followups())
        self.assertEqual(self.event.event_lead_followup_state, "done")

    def test_second_copy_is_impossible_in_the_database(self):
        self.event.action_event_lead_plan_followups()
        call = self.no_shows[0].event_lead_followup_activity_ids
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.UniqueViolation):
            call.copy({"event_lead_registration_id": call.event_lead_registration_id.id})
            self.env.flush_all()

    def test_priority_sorts_the_operator_list(self):
        self.event.action_event_lead_plan_followups()
        action = self.env.ref("event_lead_followup.event_registration_action_my_followups")
        mine = (
            self.env["event.registration"]
            .with_user(self.user_operator)
            .search(
                [("event_lead_followup_user_id", "=", self.user_operator.id), ("event_lead_followup_open", "=", True)]
            )
        )
        self.assertTrue(mine)
        view = self.env.ref("event_lead_followup.event_registration_view_list_event_lead")
        self.assertEqual(action.view_id, view)
        # the order the web client asks for is the list view's
        arch = mine.get_views([(view.id, "list")])["views"]["list"]["arch"]
        order = etree.fromstring(arch).get("default_order")
        self.assertTrue(order.startswith("event_lead_priority desc"), order)
        ordered = mine.web_search_read([("id", "in", mine.ids)], {"event_lead_priority": {}}, order=order)["records"]
        self.assertEqual(ordered[0]["event_lead_priority"], max(mine.mapped("event_lead_priority")))
        self.assertGreater(len(set(mine.mapped("event_lead_priority"))), 1, "the list has priorities to sort")
        self.assertGreater(ordered[0]["event_lead_priority"], 0)


@tagged("post_install", "-at_install")
class TestFollowupRules(EventFunnelCommon):
    def test_deadline_counts_working_days(self):
        """Three working days after the end, by the company calendar: an event
        ending on a Friday is followed up by Wednesday; a public holiday
        moves it one day further."""
        event = self.event
        event.write(
            {"date_begin": datetime(2026, 3, 6, 6), "date_end": datetime(2026, 3, 6, 15), "date_tz": "Europe/Moscow"}
        )
        self.assertEqual(event._event_lead_followup_deadline(), date(2026, 3, 11))
        calendar = self.env.company.resource_calendar_id
        self.env["resource.calendar.leaves"].create(
            {
                "name": "8 Марта (перенос)",
                "calendar_id": calendar.id,
                "date_from": datetime(2026, 3, 9, 0, 0),
                "date_to": datetime(2026, 3, 9, 23, 0),
            }
        )
        self.assertEqual(event._event_lead_followup_deadline(), date(2026, 3, 12))
        event.event_lead_followup_days = 1
        self.assertEqual(event._event_lead_followup_deadline(), date(2026, 3, 10))

    def test_followup_kinds_are_a_managers_settings(self):
        """A manager rewrites what a no-show's follow-up says, makes it a to-do
        and gives it two more working days: the next planning uses it. The
        kinds are the addon's: nobody adds or deletes one, an operator cannot
        change them."""
        no_show = self.env.ref("event_lead_followup.followup_kind_no_show")
        with self.assertRaises(AccessError):
            no_show.with_user(self.user_operator).write({"summary": "Не звонить"})
        with self.assertRaises(AccessError):
            no_show.with_user(self.user_manager).unlink()
        with self.assertRaises(AccessError):
            self.env["event.lead.followup.kind"].with_user(self.user_manager).create(
                {
                    "code": "no_show",
                    "summary": "x",
                    "instructions": "x",
                    "activity_type_id": no_show.activity_type_id.id,
                }
            )
        with Form(no_show.with_user(self.user_manager)) as kind:
            kind.summary = "Не пришёл: написать письмо"
            kind.instructions = "Отправьте материалы выставки и спросите, удобно ли созвониться."
            kind.activity_type_id = self.env.ref("mail.mail_activity_data_email")
            kind.deadline_days = 2
        registration = self._register(self._participants(1))
        interested = self._register(self._participants(1), state="done")
        self._answer(interested, self.yes)
        self.event.action_event_lead_plan_followups()
        task = registration.event_lead_followup_activity_ids
        self.assertEqual(task.event_lead_followup_kind, "no_show")
        self.assertEqual(task.summary, "Не пришёл: написать письмо")
        self.assertIn("Отправьте материалы выставки", str(task.note))
        self.assertIn(self.event.display_name, str(task.note), "the event and the attendance still follow")
        self.assertEqual(task.activity_type_id, self.env.ref("mail.mail_activity_data_email"))
        usual = self.event._event_lead_followup_deadline()
        self.assertEqual(task.date_deadline, self.event._event_lead_followup_deadline(2))
        self.assertGreater(task.date_deadline, usual)
        # the other kinds keep the shipped texts and the event's deadline
        call = interested.event_lead_followup_activity_ids
        self.assertEqual(call.summary, "Interested at the event: pre-qualify and hand over")
        self.assertEqual(call.date_deadline, usual)

    def test_no_interest_as_task_when_the_event_says_so(self):
        self.event.event_lead_no_interest_mode = "activity"
        registration = self._register(self._participants(1), state="done")
        self._answer(registration, self.no)
        self.event.action_event_lead_plan_followups()
        task = registration.event_lead_followup_activity_ids
        self.assertEqual(task.event_lead_followup_kind, "no_interest")
        self.assertEqual(task.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertFalse(task.event_lead_result_required)
        self.assertEqual(task.event_lead_priority, 0)

    def test_owner_calls_their_own_client_and_load_balancing(self):
        """An owner who is an operator calls their own client; unowned and pool
        clients go to the operator with the fewest open follow-ups."""
        pool = self.env["res.users"].create({"name": "Василий Тупин", "login": "el_pool_funnel"})
        self.env.company.event_lead_pool_user_id = pool
        own = self._participants(1, "Свой", owner=self.user_operator2)
        pooled = self._participants(3, "Пул", owner=pool)
        unowned = self._participants(2, "Ничей")
        # Olga already has two open follow-ups of an earlier event
        earlier = self._event("Семинар", operators=self.user_operator, ended_days_ago=10)
        self._register(self._participants(2, "Ранний"), event=earlier)
        earlier.action_event_lead_plan_followups()
        registrations = self._register(own | pooled | unowned)
        self.event.action_event_lead_plan_followups()
        self.assertEqual(registrations[0].event_lead_followup_user_id, self.user_operator2)
        users = Counter(registration.event_lead_followup_user_id.login for registration in registrations[1:])
        # Pavel starts one ahead (his own client is not balanced), Olga two: 5 calls end up 2 / 3
        self.assertEqual(users, Counter({"el_operator2": 3, "el_operator": 2}))

    def test_event_without_operators_goes_to_its_responsible(self):
        event = self._event("Вебинар", user_id=self.user_manager.id)
        registration = self._register(self._participants(1, "Веб"), event=event)
        event.action_event_lead_plan_followups()
        self.assertEqual(registration.event_lead_followup_user_id, self.user_manager)

    def test_event_without_operators_or_responsible_goes_to_its_creator(self):
        event = self._event("Вебинар без ответственного", user_id=False)
        self.env.cr.execute(SQL("UPDATE event_event SET create_uid = %s WHERE id = %s", self.user_manager.id, event.id))
        event.invalidate_recordset(["create_uid"])
        registration = self._register(self._participants(1, "Веб"), event=event)
        event.action_event_lead_plan_followups()
        self.assertEqual(registration.event_lead_followup_user_id, self.user_manager)
        self.assertEqual(registration.event_lead_followup_activity_ids.user_id, self.user_manager)

    def test_no_interest_at_two_events_keeps_both_notes(self):
        person = self._participants(1, "Дважды")
        other = self._event("Семинар", ended_days_ago=2)
        registrations = self._register(person, state="done") | self._register(person, event=other, state="done")
        self._answer(registrations, self.no)
        (self.event | other).action_event_lead_plan_followups()
        notes = person.message_ids.filtered(lambda message: "no interest" in (message.body or ""))
        bodies = "".join(notes.mapped("body"))
        self.assertIn(self.event.name, bodies)
        self.assertIn(other.name, bodies)

    def test_anonymous_registration_gets_its_contact_through_the_guard(self):
        """A registration typed without a contact is linked to the existing
        client (same e-mail domain) before its follow-up is planned."""
        client = self.env["res.partner"].create(
            {
                "name": "ООО «Ромашка»",
                "is_company": True,
                "user_id": self.user_advisor2.id,
                "website": "romashka.example",
            }
        )
        known = self.env["res.partner"].create(
            {"name": "Ольга Известная", "parent_id": client.id, "email": "olga@romashka.example"}
        )
        newcomer = self.env["event.registration"].create(
            {
                "event_id": self.event.id,
                "name": "Иван Новый",
                "email": "ivan@romashka.example",
                "company_name": "Ромашка",
            }
        )
        returning = self.env["event.registration"].create(
            {"event_id": self.event.id, "name": "Ольга", "email": "OLGA@romashka.example"}
        )
        stranger = self.env["event.registration"].create(
            {
                "event_id": self.event.id,
                "name": "Пётр Чужой",
                "email": "petr@vasilek.example",
                "company_name": "АО Василёк",
            }
        )
        partners_before = self.env["res.partner"].search_count([])
        self.event.action_event_lead_plan_followups()
        self.assertEqual(returning.partner_id, known)
        self.assertEqual(newcomer.partner_id.parent_id, client)
        self.assertEqual(stranger.partner_id.parent_id.name, "АО Василёк")
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before + 3, "two contacts, one company")
        # the client belongs to Boris, a salesperson: he is told, nobody calls
        self.assertEqual(newcomer.event_lead_followup_kind, "owner_notice")
        self.assertEqual(newcomer.event_lead_followup_user_id, self.user_advisor2)

    def test_planning_waits_for_the_end(self):
        event = self._event("Завтрашняя выставка", ended_days_ago=-1)
        self._register(self._participants(1, "Завтра"), event=event)
        with self.assertRaises(UserError):
            event.action_event_lead_plan_followups()
        with self.enter_registry_test_mode():
            self.env.ref("event_lead_followup.ir_cron_event_lead_plan_followups").method_direct_trigger()
        self.assertFalse(self._followups(event))

    def test_cron_skips_old_history(self):
        """Installing on a database with years of events does not plan them."""
        old = self._event("Выставка 2019", ended_days_ago=400)
        self._register(self._participants(1, "Старый"), event=old)
        with self.enter_registry_test_mode():
            self.env.ref("event_lead_followup.ir_cron_event_lead_plan_followups").method_direct_trigger()
        self.assertFalse(self._followups(old))

    def test_cancelled_and_handed_over_get_nothing(self):
        cancelled, wrong = self._register(self._participants(2, "Нет"))
        cancelled.action_cancel()
        wrong.event_lead_outcome = "wrong_contact"
        self.event.action_event_lead_plan_followups()
        self.assertEqual((cancelled | wrong).mapped("event_lead_followup_kind"), ["none", "none"])
        self.assertFalse(self._followups())
        self.assertEqual(cancelled.event_lead_funnel_stage, "refused")
        self.assertEqual(wrong.event_lead_funnel_stage, "wrong_contact")


@tagged("post_install", "-at_install")
class TestSalesCoordination(EventFunnelCommon):
    """The classic post-event error: a stand visitor already in negotiation with a
    salesperson gets a qualification call from an operator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.env["res.partner"].create({"name": "ООО «Переговоры»", "is_company": True})
        cls.visitor = cls.env["res.partner"].create({"name": "Стенд Посетитель", "parent_id": cls.client.id})
        cls.deal = cls.env["crm.lead"].create(
            {
                "name": "Поставка",
                "type": "opportunity",
                "partner_id": cls.client.id,
                "user_id": cls.user_advisor.id,
            }
        )

    def _call(self, user, author=None, **values):
        return (
            self.env["mail.activity"]
            .with_user(author or self.user_manager)
            .create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": self.visitor.id,
                    "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                    "user_id": user.id,
                    "event_lead_event_id": self.event.id,
                    **values,
                }
            )
        )

    def test_generation_tells_the_salesperson(self):
        registration = self._register(self.visitor, state="done")
        self._answer(registration, self.yes)
        self.event.action_event_lead_plan_followups()
        activity = registration.event_lead_followup_activity_ids
        self.assertEqual(activity.event_lead_followup_kind, "owner_notice")
        self.assertEqual(activity.user_id, self.user_advisor)
        self.assertIn("Интересны ли вам наши решения?: Да", str(activity.note))

    def test_operator_call_by_hand_is_refused(self):
        with self.assertRaisesRegex(UserError, "Anna Advisor"):
            self._call(self.user_operator)
        with self.assertRaisesRegex(UserError, "Anna Advisor"):
            self._call(self.user_operator, author=self.user_operator)
        # the salesperson, a manager, or a call not about an event stay possible
        self.assertTrue(self._call(self.user_advisor))
        self.assertTrue(self._call(self.user_manager))
        self.assertTrue(self._call(self.user_operator, event_lead_event_id=False))
        todo = self._call(self.user_advisor, activity_type_id=self.env.ref("mail.mail_activity_data_todo").id)
        todo.user_id = self.user_operator  # a to-do is not a call

    def test_reassigning_a_call_to_an_operator_is_refused(self):
        call = self._call(self.user_advisor)
        with self.assertRaises(UserError):
            call.user_id = self.user_operator

    def test_lost_deal_frees_the_client(self):
        self.deal.action_set_lost()
        self.assertTrue(self._call(self.user_operator))

    def test_result_dialog_records_the_event_and_the_outcome(self):
        """Closing a follow-up call with its result: the result carries the
        event, and the outcome moves the participant along the funnel."""
        self.deal.action_set_lost()
        registration = self._register(self.visitor)
        self.event.action_event_lead_plan_followups()
        call = registration.event_lead_followup_activity_ids.with_user(registration.event_lead_followup_user_id)
        action = call.action_done()
        self.assertEqual(action["res_model"], "event.lead.contact.result.wizard")
        wizard = Form(self.env[action["res_model"]].with_user(call.user_id).with_context(**action["context"]))
        wizard.result_type = "manual_sent"
        wizard.manual_kind = "marketing"
        wizard.event_lead_outcome = "interested"
        wizard.save().action_confirm()
        result = self.env["event.lead.contact.result"].search([("activity_id", "=", call.id)])
        self.assertEqual(result.event_id, self.event)
        self.assertEqual(result.partner_id, self.visitor)
        self.assertFalse(call.active)
        self.assertEqual(registration.event_lead_funnel_stage, "interested")
        self.assertFalse(registration.event_lead_followup_open)

    def test_refusal_is_an_exit(self):
        self.deal.action_set_lost()
        registration = self._register(self.visitor)
        self.event.action_event_lead_plan_followups()
        call = registration.event_lead_followup_activity_ids.with_user(registration.event_lead_followup_user_id)
        action = call.action_done()
        wizard = Form(self.env[action["res_model"]].with_user(call.user_id).with_context(**action["context"]))
        wizard.result_type = "refused_participation"
        wizard.lost_reason_id = self.env["crm.lost.reason"].search([], limit=1)
        wizard.save().action_confirm()
        self.assertEqual(registration.event_lead_funnel_stage, "refused")

from datetime import datetime, time, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .deal_common import EventLeadDealCommon


@tagged("post_install", "-at_install")
class TestContactResult(EventLeadDealCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call_type = cls.env.ref("mail.mail_activity_data_call")
        cls.reason_absent = cls.env.ref("event_lead_followup.postpone_reason_absent")
        cls.reason_budget = cls.env.ref("event_lead_followup.crm_lost_reason_no_budget")
        cls.event = cls.env["event.event"].create(
            {
                "name": "СтройЭкспо 2026",
                "date_begin": datetime.combine(cls.today + timedelta(days=30), time(9)),
                "date_end": datetime.combine(cls.today + timedelta(days=32), time(18)),
            }
        )

    def setUp(self):
        super().setUp()
        self.call = self._call(self.client)

    def _call(self, record, deadline=None, user=None):
        return (
            self.env["mail.activity"]
            .with_user(user or self.user_advisor)
            .create(
                {
                    "res_model_id": self.env["ir.model"]._get_id(record._name),
                    "res_id": record.id,
                    "activity_type_id": self.call_type.id,
                    "summary": "Пригласить на выставку",
                    "user_id": (user or self.user_advisor).id,
                    "date_deadline": deadline or self.today,
                    "event_lead_contact_id": self.contact.id,
                    "event_lead_event_id": self.event.id,
                }
            )
        )

    def _wizard(self, activity=None, user=None, **values):
        """The result dialog as "Mark Done" opens it, filled like a user does."""
        user = user or self.user_advisor
        if activity is not None:
            action = activity.with_user(user).action_done()
            context = action["context"]
        else:
            context = values.pop("context")
        form = Form(self.env["event.lead.contact.result.wizard"].with_user(user).with_context(**context))
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def _result_of(self, wizard):
        return self.env["event.lead.contact.result"].search([("id", "in", wizard._record().ids)])

    def _messages(self, record):
        return "\n".join(record.message_ids.mapped("body"))

    # ------------------------------------------------------------------
    # Mark Done asks for the result
    # ------------------------------------------------------------------

    def test_mark_done_opens_result_dialog(self):
        """ "Mark Done" on a call with a client opens the result dialog; the
        call cannot be closed without a result."""
        self.assertTrue(self.call.event_lead_result_required)
        action = self.call.with_user(self.user_advisor).action_done()
        self.assertEqual(action["res_model"], "event.lead.contact.result.wizard")
        self.assertEqual(action["context"]["default_activity_id"], self.call.id)
        self.assertTrue(self.call.active, "the call is still open until its result is saved")
        with self.assertRaises(UserError):
            self.call.with_user(self.user_advisor).action_feedback(feedback="Поговорили")
        self.assertTrue(self.call.active)

    def test_web_client_knows_which_contacts_need_a_result(self):
        """The chatter's activity data carries the flag the patched Mark Done reads."""
        todo = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.client.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "user_id": self.user_advisor.id,
            }
        )
        data = {
            act["id"]: act for act in (self.call | todo).with_user(self.user_advisor).activity_format()["mail.activity"]
        }
        self.assertTrue(data[self.call.id]["event_lead_result_required"])
        self.assertFalse(data[todo.id]["event_lead_result_required"])
        # a to-do closes as before
        todo.with_user(self.user_advisor).action_feedback(feedback="ok")
        self.assertFalse(todo.active)

    def test_schedule_and_mark_done_asks_for_result(self):
        """Odoo's "Schedule activity > Mark Done" on a call opens the result dialog too."""
        schedule = (
            self.env["mail.activity.schedule"]
            .with_user(self.user_advisor)
            .with_context(active_model="res.partner", active_id=self.client.id, active_ids=self.client.ids)
            .create({"activity_type_id": self.call_type.id, "summary": "Звонок"})
        )
        action = schedule.action_schedule_activities_done()
        self.assertEqual(action["res_model"], "event.lead.contact.result.wizard")
        activity = self.env["mail.activity"].browse(action["context"]["default_activity_id"])
        self.assertTrue(activity.active)

    # ------------------------------------------------------------------
    # Result types
    # ------------------------------------------------------------------

    def test_postponed_reschedules_and_counts(self):
        """Postponed moves the same call to the new date and counts it; a second postponement adds up."""
        self.call.date_deadline = self.today - timedelta(days=2)
        new_date = self.today + timedelta(days=5)
        wizard = self._wizard(
            self.call, result_type="postponed", postponed_to=new_date, postpone_reason_id=self.reason_absent
        )
        self.assertEqual(wizard.commercial_partner_id, self.client)
        self.assertEqual(wizard.partner_id, self.contact)
        self.assertEqual(wizard.event_id, self.event)
        result = self._result_of(wizard)
        self.assertTrue(self.call.active, "a postponed call stays planned")
        self.assertEqual(self.call.date_deadline, new_date)
        self.assertEqual(self.call.event_lead_postpone_count, 1)
        self.assertEqual(self.call.event_lead_postponed_days, 7)
        self.assertRecordValues(
            result,
            [
                {
                    "result_type": "postponed",
                    "activity_id": self.call.id,
                    "commercial_partner_id": self.client.id,
                    "partner_id": self.contact.id,
                    "user_id": self.user_advisor.id,
                    "postponed_from": self.today - timedelta(days=2),
                    "postponed_to": new_date,
                    "postponed_days": 7,
                    "postponement_count": 1,
                    "postpone_reason_id": self.reason_absent.id,
                    "activity_type_id": self.call_type.id,
                    "event_id": self.event.id,
                }
            ],
        )
        self.assertIn("Contact person away", self._messages(self.client))

        second = self._result_of(
            self._wizard(
                self.call,
                result_type="postponed",
                postponed_to=new_date + timedelta(days=3),
                postpone_reason_id=self.reason_absent,
            )
        )
        self.assertEqual(second.postponement_count, 2)
        self.assertEqual(second.postponed_days, 3)
        self.assertEqual(self.call.event_lead_postpone_count, 2)
        self.assertEqual(self.call.event_lead_postponed_days, 10)

    def test_recorded_by_the_model_as_by_the_dialog(self):
        """The one way to record a result (the hand-over and the demo use it
        without the dialog): what the planned contact tells fills the rest."""
        result = (
            self.env["event.lead.contact.result"]
            .with_user(self.user_advisor)
            ._record({"result_type": "manual_sent", "manual_kind": "marketing"}, activity=self.call)
        )
        self.assertRecordValues(
            result,
            [
                {
                    "activity_id": self.call.id,
                    "user_id": self.user_advisor.id,
                    "commercial_partner_id": self.client.id,
                    "partner_id": self.contact.id,
                    "event_id": self.event.id,
                    "activity_type_id": self.call_type.id,
                    "company_id": self.env.company.id,
                }
            ],
        )
        self.assertFalse(self.call.active)
        self.assertEqual(self.call.feedback, result._summary())
        with self.assertRaisesRegex(UserError, "already closed"):
            self.env["event.lead.contact.result"].with_user(self.user_advisor)._record(
                {"result_type": "other", "note": "Ещё раз"}, activity=self.call
            )

    def test_postpone_needs_a_later_date(self):
        self.call.date_deadline = self.today + timedelta(days=3)
        wizard = self._wizard(
            self.call,
            result_type="postponed",
            postponed_to=self.today + timedelta(days=2),
            postpone_reason_id=self.reason_absent,
        )
        with self.assertRaisesRegex(UserError, "Postpone to a date after"):
            wizard._record()
        self.assertEqual(self.call.event_lead_postpone_count, 0)
        self.assertFalse(self.env["event.lead.contact.result"].search([("activity_id", "=", self.call.id)]))

    def test_refusals_close_the_call_with_reason(self):
        for result_type in ("refused_participation", "refused_visit"):
            call = self._call(self.client)
            result = self._result_of(self._wizard(call, result_type=result_type, lost_reason_id=self.reason_budget))
            self.assertFalse(call.active, "the call is done")
            self.assertEqual(call.feedback.splitlines()[0], result._summary())
            self.assertEqual(result.lost_reason_id, self.reason_budget)
            self.assertEqual(result.result_type, result_type)
        self.assertIn("No budget this year", self._messages(self.client))

    def test_refusal_without_reason_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["event.lead.contact.result"].create(
                {"commercial_partner_id": self.client.id, "result_type": "refused_visit"}
            )

    def test_invitation_sent_lists_visitors(self):
        colleague = self.env["res.partner"].create({"firstname": "Анна", "lastname": "Ли", "parent_id": self.client.id})
        wizard = self._wizard(self.call, result_type="invitation_sent")
        self.assertEqual(wizard.visitor_ids, self.contact, "the contact person is proposed")
        wizard.visitor_ids |= colleague
        result = self._result_of(wizard)
        self.assertEqual(result.visitor_ids, self.contact | colleague)
        self.assertEqual(result.visitor_count, 2)
        self.assertFalse(self.call.active)
        self.assertIn("Анна Ли", self.call.feedback)

    def test_manual_sent_says_which(self):
        result = self._result_of(self._wizard(self.call, result_type="manual_sent", manual_kind="technical"))
        self.assertEqual(result.manual_kind, "technical")
        self.assertIn("Technical manual", self.call.feedback)

    def test_sale_links_the_opportunity(self):
        lead = self._lead()
        call = self._call(lead)
        wizard = self._wizard(call, result_type="sale")
        self.assertEqual(wizard.lead_id, lead)
        result = self._result_of(wizard)
        self.assertEqual(result.lead_id, lead)
        self.assertEqual(result.commercial_partner_id, self.client)
        self.assertEqual(lead.event_lead_result_count, 1)
        self.assertFalse(call.active)
        # the call was on the deal (its done message holds the result); the
        # client is told too, without the deal's name (its readers may not read it)
        self.assertIn("Contact result:</b> Sale", self._messages(self.client))
        self.assertNotIn(lead.name, self._messages(self.client))
        self.assertIn("Sale", call.feedback)

    def test_sale_needs_an_opportunity(self):
        context = self.call.with_user(self.user_advisor).action_done()["context"]
        wizard = (
            self.env["event.lead.contact.result.wizard"]
            .with_user(self.user_advisor)
            .with_context(**context)
            .create({"result_type": "sale"})
        )
        with self.assertRaises(ValidationError):
            wizard._record()
        self.assertTrue(self.call.active)

    def test_other_result_is_free_text(self):
        result = self._result_of(self._wizard(self.call, result_type="other", note="Просили прислать прайс"))
        self.assertEqual(result.note, "Просили прислать прайс")
        self.assertIn("Просили прислать прайс", self.call.feedback)
        with self.assertRaises(ValidationError):
            self.env["event.lead.contact.result"].create(
                {"commercial_partner_id": self.client.id, "result_type": "other", "note": "  "}
            )

    def test_result_recorded_once(self):
        wizard = self._wizard(self.call, result_type="other", note="Готово")
        wizard._record()
        with self.assertRaisesRegex(UserError, "already closed"):
            wizard._record()

    def test_unplanned_contact_from_the_client(self):
        """An incoming call nobody planned: "Record a contact" on the client."""
        context = {"active_model": "res.partner", "active_id": self.contact.id}
        result = self._result_of(
            self._wizard(context=context, result_type="refused_visit", lost_reason_id=self.reason_budget)
        )
        self.assertFalse(result.activity_id)
        self.assertEqual(result.commercial_partner_id, self.client)
        self.assertEqual(result.partner_id, self.contact)
        self.assertEqual(self.client.event_lead_result_count, 1)

    def test_unplanned_postponement_plans_the_contact(self):
        context = {"active_model": "res.partner", "active_id": self.client.id}
        new_date = self.today + timedelta(days=4)
        result = self._result_of(
            self._wizard(
                context=context,
                result_type="postponed",
                postponed_to=new_date,
                postpone_reason_id=self.reason_absent,
            )
        )
        self.assertTrue(result.activity_id.active)
        self.assertEqual(result.activity_id.date_deadline, new_date)
        self.assertEqual(result.activity_id.user_id, self.user_advisor)
        self.assertEqual(result.activity_id.event_lead_postpone_count, 1)
        self.assertEqual(result.postponed_days, 4)

    def test_company_without_client_cannot_record(self):
        lead = self.env["crm.lead"].create({"name": "Без клиента", "type": "opportunity"})
        with self.assertRaisesRegex(UserError, "Set the client"):
            Form(self.env["event.lead.contact.result.wizard"].with_context(active_model="crm.lead", active_id=lead.id))

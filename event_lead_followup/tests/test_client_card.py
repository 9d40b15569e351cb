import datetime

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, freeze_time, tagged

from odoo.addons.event_lead_followup.models.event_lead_special_date import next_occurrence

from .ownership_common import OwnershipCommon


@tagged("post_install", "-at_install")
class TestSpecialDates(OwnershipCommon):
    def _date(self, partner, day, **vals):
        return self.env["event.lead.special.date"].create({"partner_id": partner.id, "date": day, **vals})

    def _reminders(self, partner):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("activity_type_id", "=", self.env.ref("event_lead_followup.mail_activity_type_special_date").id),
            ]
        )

    @freeze_time("2030-03-05")
    def test_yearly_reminder_to_the_owner_once(self):
        birthday = self._date(self.toyota_contact, datetime.date(1980, 3, 10), kind="birthday")
        far = self._date(self.toyota, datetime.date(1995, 6, 1), kind="founding")
        self.assertEqual(birthday.next_date, datetime.date(2030, 3, 10))
        Date = self.env["event.lead.special.date"]
        Date._remind_batch(self.env.company)
        reminder = self._reminders(self.toyota_contact)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.user_id, self.user_advisor2, "the owner of the client is reminded")
        self.assertEqual(reminder.date_deadline, datetime.date(2030, 3, 10))
        self.assertFalse(self._reminders(self.toyota), "June is too far")
        self.assertEqual(birthday.next_date, datetime.date(2031, 3, 10))
        Date._remind_batch(self.env.company)
        self.assertEqual(len(self._reminders(self.toyota_contact)), 1, "never twice the same year")
        self.assertEqual(far.next_date, datetime.date(2030, 6, 1))

    @freeze_time("2030-03-05")
    def test_notice_is_a_company_setting(self):
        self.env.company.event_lead_special_date_days = 2
        self._date(self.toyota_contact, datetime.date(1980, 3, 10))
        self.env["event.lead.special.date"]._remind_batch(self.env.company)
        self.assertFalse(self._reminders(self.toyota_contact))

    @freeze_time("2030-03-05")
    def test_no_reminder_for_unowned_or_pool(self):
        for partner in (self.unowned, self.pooled):
            special = self._date(partner, datetime.date(2000, 3, 7), kind="founding")
            self.env["event.lead.special.date"]._remind_batch(self.env.company)
            self.assertFalse(self._reminders(partner))
            self.assertEqual(special.next_date, datetime.date(2031, 3, 7))

    @freeze_time("2030-03-05")
    def test_one_off_date(self):
        special = self._date(self.romashka, datetime.date(2030, 3, 8), kind="reorganisation", yearly=False)
        self.env["event.lead.special.date"]._remind_batch(self.env.company)
        self.assertEqual(len(self._reminders(self.romashka)), 1)
        self.assertFalse(special.next_date)

    def test_leap_day(self):
        self.assertEqual(
            next_occurrence(datetime.date(1984, 2, 29), datetime.date(2031, 1, 1)), datetime.date(2031, 2, 28)
        )
        self.assertEqual(
            next_occurrence(datetime.date(1984, 2, 29), datetime.date(2032, 1, 1)), datetime.date(2032, 2, 29)
        )
        self.assertEqual(
            next_occurrence(datetime.date(1980, 3, 10), datetime.date(2030, 3, 11)), datetime.date(2031, 3, 10)
        )

    def test_cron(self):
        today = fields.Date.context_today(self.env["event.lead.special.date"])
        self._date(self.toyota_contact, today + datetime.timedelta(days=1))
        cron = self.env.ref("event_lead_followup.ir_cron_remind_special_dates")
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.assertEqual(len(self._reminders(self.toyota_contact)), 1)

    @freeze_time("2030-03-05")
    def test_reminder_in_the_owners_language(self):
        """The job runs in English; each owner reads the reminder in their
        own language, the date written as they write it."""
        admin = self._russian_reader(self.user_advisor2)
        Partner = self.env["res.partner"]
        admins_client = Partner.create({"name": "Acme Exhibitions", "is_company": True, "user_id": admin.id})
        john = Partner.create({"firstname": "John", "lastname": "Smith", "parent_id": admins_client.id})
        self._date(self.toyota_contact, datetime.date(1980, 3, 10), kind="birthday")
        self._date(john, datetime.date(1975, 3, 9), kind="birthday")
        self.env["event.lead.special.date"].with_context(lang="en_US")._remind_batch(self.env.company)
        self.assertEqual(
            self._reminders(self.toyota_contact).summary,
            f"День рождения: {self.toyota_contact.display_name}, 10.03.2030",
        )
        self.assertEqual(self._reminders(john).summary, f"Birthday: {john.display_name}, 03/09/2030")

    def test_dates_follow_the_client_rights(self):
        Date = self.env["event.lead.special.date"].with_user(self.user_advisor)
        Date.create({"partner_id": self.romashka.id, "date": "1999-09-01", "kind": "founding"})
        with self.assertRaises(AccessError):
            Date.create({"partner_id": self.toyota_contact.id, "date": "1980-03-10"})
        self.assertTrue(Date.search([("partner_id", "=", self.toyota_contact.id)]) is not None)


@tagged("post_install", "-at_install")
class TestClientCard(OwnershipCommon):
    def test_card_fields_in_the_form(self):
        event = self.env["event.event"].create(
            {"name": "Сувенир Экспо", "date_begin": "2030-03-01 09:00:00", "date_end": "2030-03-02 18:00:00"}
        )
        source = self.env["utm.source"].create({"name": "Каталог участников"})
        with Form(self.romashka.with_user(self.user_advisor)) as form:
            form.event_lead_preferred_channel = "messenger"
            form.event_lead_first_contact_place = "stand"
            form.event_lead_event_id = event
            form.event_lead_source_id = source
            form.event_lead_manager_rating = "4"
            form.event_lead_readiness = "4"
        self.assertEqual(self.romashka.event_lead_event_id, event)
        self.assertEqual(self.romashka.event_lead_readiness_color, 1, "hot is red")

    def test_readiness_colour_scale(self):
        colours = []
        for level in ("1", "2", "3", "4", "5"):
            self.romashka.event_lead_readiness = level
            colours.append(self.romashka.event_lead_readiness_color)
        self.assertEqual(len(set(colours)), 5, "one colour per level")
        kanban = self.env.ref("event_lead_followup.res_partner_view_kanban_event_lead")
        self.assertIn('highlight_color="event_lead_readiness_color"', kanban.arch)

    def test_purchase_history_by_period(self):
        Lead = self.env["crm.lead"]
        deals = Lead.create(
            [
                {"name": f"Сделка {i}", "type": "opportunity", "partner_id": partner.id, "expected_revenue": amount}
                for i, (partner, amount) in enumerate(
                    [(self.toyota, 100000), (self.toyota_contact, 50000), (self.toyota, 30000), (self.toyota, 7)]
                )
            ]
        )
        won = deals[:3]
        for deal in won:
            self._win_deal(deal)
        won[0].date_closed = "2029-11-20 10:00:00"
        won[1].date_closed = "2029-11-25 10:00:00"
        won[2].date_closed = "2030-02-01 10:00:00"
        self.toyota.invalidate_recordset(["event_lead_history", "event_lead_history_won_count"])
        self.assertEqual(self.toyota.event_lead_history_won_count, 3)
        self.assertEqual(self.toyota_contact.event_lead_history_won_count, 3, "a contact shows its company's history")
        self.assertEqual(
            self.toyota.with_user(self.user_operator).event_lead_history_won_count,
            3,
            "everyone reads the client's history",
        )
        history = str(self.toyota.event_lead_history)
        for text in ("2029", "2030", "11.2029", "02.2030", "Q4 2029", "Q1 2030"):
            self.assertIn(text, history)
        self.assertIn("150", history.replace("\u00a0", "").replace(",", "").replace(" ", ""))
        self.assertFalse(self.unowned.event_lead_history)
        action = self.toyota.action_event_lead_won_deals()
        self.assertEqual(self.env["crm.lead"].with_context(active_test=False).search(action["domain"]), won)

    def test_history_is_batched(self):
        partners = self.toyota | self.romashka | self.unowned | self.pooled
        partners.invalidate_recordset()
        with self.assertQueryCount(__system__=5):
            partners.mapped("event_lead_history_won_count")

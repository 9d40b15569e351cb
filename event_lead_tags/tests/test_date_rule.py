from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.event_lead_followup.tests.common import EventLeadCommon


@tagged("post_install", "-at_install")
class TestDateRule(EventLeadCommon):
    def _rule(self, **vals):
        return self.env["event.lead.date.rule"].create(dict({"name": "Test day", "lead_days": 0}, **vals))

    def test_shipped_professional_holidays(self):
        """The shipped holidays fall on their published dates, year after year."""
        published = {
            "builder_day": [date(2024, 8, 11), date(2025, 8, 10), date(2026, 8, 9), date(2028, 8, 13)],
            "oil_day": [date(2024, 9, 1), date(2025, 9, 7), date(2026, 9, 6)],
            "railway_day": [date(2024, 8, 4), date(2025, 8, 3), date(2026, 8, 2)],
            "medical_day": [date(2024, 6, 16), date(2025, 6, 15), date(2026, 6, 21)],
            "metallurgist_day": [date(2024, 7, 21), date(2025, 7, 20), date(2026, 7, 19)],
            "machine_builder_day": [date(2024, 9, 29), date(2025, 9, 28), date(2026, 9, 27)],
            "trade_day": [date(2024, 7, 27), date(2025, 7, 26), date(2026, 7, 25)],
            "financier_day": [date(2024, 9, 8), date(2025, 9, 8)],
            "energy_day": [date(2024, 12, 22), date(2025, 12, 22)],
            "programmers_day": [date(2023, 9, 13), date(2024, 9, 12), date(2025, 9, 13), date(2028, 9, 12)],
            "auto_transport_day": [date(2024, 10, 27), date(2025, 10, 26)],
            "marine_day": [date(2024, 7, 7), date(2025, 7, 6)],
            "8_march": [date(2024, 3, 8), date(2025, 3, 8)],
            "23_february": [date(2024, 2, 23), date(2025, 2, 23)],
        }
        for xml_id, dates in published.items():
            rule = self.env.ref(f"event_lead_tags.event_lead_date_rule_{xml_id}")
            for expected in dates:
                self.assertEqual(rule.date_for_year(expected.year), expected, xml_id)

    def test_new_year_purchase_months(self):
        """A purchase-month campaign goes out on the first Monday of its month."""
        september = self.env.ref("event_lead_tags.event_lead_date_rule_ny_month_09")
        self.assertEqual(september.date_for_year(2025), date(2025, 9, 1))
        self.assertEqual(september.date_for_year(2026), date(2026, 9, 7))
        self.assertEqual(september.lead_days, 0)

    def test_day_of_year_in_leap_years(self):
        """The 256th day is 13 September, 12 September in leap years."""
        rule = self._rule(kind="day_of_year", day_of_year=256)
        for year in range(2020, 2033):
            leap = year % 4 == 0
            self.assertEqual(rule.date_for_year(year), date(year, 9, 12 if leap else 13), year)
        first = self._rule(kind="day_of_year", day_of_year=60)
        self.assertEqual(first.date_for_year(2024), date(2024, 2, 29))
        self.assertEqual(first.date_for_year(2025), date(2025, 3, 1))

    def test_last_weekday_across_years(self):
        """Last Sunday of February in leap and common years."""
        rule = self._rule(kind="last_weekday", month="2", weekday="6")
        self.assertEqual(rule.date_for_year(2024), date(2024, 2, 25))
        self.assertEqual(rule.date_for_year(2032), date(2032, 2, 29))
        self.assertEqual(rule.date_for_year(2026), date(2026, 2, 22))

    def test_next_occurrence(self):
        """The next date from any day: the same year until it passes, then the next."""
        rule = self._rule(kind="nth_weekday", month="8", weekday="6", week_number=2)
        self.assertEqual(rule.next_occurrence(date(2025, 1, 1)), date(2025, 8, 10))
        self.assertEqual(rule.next_occurrence(date(2025, 8, 10)), date(2025, 8, 10))
        self.assertEqual(rule.next_occurrence(date(2025, 8, 11)), date(2026, 8, 9))
        self.assertEqual(rule.next_occurrence(date(2027, 12, 31)), date(2028, 8, 13))
        programmers = self._rule(kind="day_of_year", day_of_year=256)
        self.assertEqual(programmers.next_occurrence(date(2023, 9, 14)), date(2024, 9, 12))

    def test_invalid_rules_refused(self):
        """29 February is not a yearly date; a weekday rule needs its weekday."""
        with self.assertRaises(ValidationError):
            self._rule(kind="fixed", month="2", day=29)
        with self.assertRaises(ValidationError):
            self._rule(kind="fixed", month="4", day=31)
        with self.assertRaises(ValidationError):
            self._rule(kind="nth_weekday", month="8", week_number=2)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self._rule(kind="nth_weekday", month="8", weekday="6", week_number=5)

    def test_marketing_enters_rule_in_form(self):
        """Marketing adds a floating holiday in the form."""
        with Form(self.env["event.lead.date.rule"].with_user(self.user_marketing)) as form:
            form.name = "Chemist's Day"
            form.kind = "last_weekday"
            form.month = "5"
            form.weekday = "6"
            form.lead_days = 10
        self.assertEqual(form.record.date_for_year(2025), date(2025, 5, 25))

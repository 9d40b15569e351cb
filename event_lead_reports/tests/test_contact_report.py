from odoo.tests import tagged

from .common import MARCH, EventLeadReportsCommon

HELD = [("row_kind", "=", "held")]
MEASURES = [
    "contact_count:sum",
    "positive_count:sum",
    "effectiveness:avg",
    "postponement_count:sum",
    "postponed_days:sum",
    "postponements_per_client:avg",
    "refusal_count:sum",
]


@tagged("post_install", "-at_install")
class TestContactReport(EventLeadReportsCommon):
    def test_per_person(self):
        """Contacts, effectiveness and postponements of each person in March."""
        groups = self._groups("event.lead.contact.report", HELD + self._month(MARCH), ["user_id"], MEASURES)
        self.assertEqual(
            groups["Anna Advisor"],
            {
                "contact_count:sum": 6,
                "positive_count:sum": 2,
                "effectiveness:avg": 33.33,
                "postponement_count:sum": 2,
                "postponed_days:sum": 12,
                "postponements_per_client:avg": 2.0,
                "refusal_count:sum": 1,
            },
        )
        self.assertEqual(
            groups["Boris Advisor"],
            {
                "contact_count:sum": 2,
                "positive_count:sum": 1,
                "effectiveness:avg": 50.0,
                "postponement_count:sum": 1,
                "postponed_days:sum": 3,
                "postponements_per_client:avg": 1.0,
                "refusal_count:sum": 0,
            },
        )
        self.assertNotIn("Olga Operator", groups, "Olga held no contact in March")

    def test_contacts_by_type(self):
        groups = self._groups(
            "event.lead.contact.report",
            HELD + self._month(MARCH) + [("user_id", "=", self.user_advisor.id)],
            ["activity_type_id"],
            ["contact_count:sum", "positive_count:sum", "effectiveness:avg"],
        )
        call, meeting = self.call.name, self.meeting.name
        self.assertEqual(groups[call], {"contact_count:sum": 5, "positive_count:sum": 1, "effectiveness:avg": 20.0})
        self.assertEqual(groups[meeting], {"contact_count:sum": 1, "positive_count:sum": 1, "effectiveness:avg": 100.0})

    def test_effectiveness_of_a_department_is_not_an_average_of_people(self):
        """Per team, and for the whole department: the ratio of the totals
        (3 positive out of 8 = 37.5 %), not the mean of 33.33 % and 50 %."""
        domain = HELD + self._month(MARCH)
        groups = self._groups("event.lead.contact.report", domain, ["team_id"], MEASURES[:3])
        self.assertEqual(groups["Events"]["effectiveness:avg"], 33.33)
        self.assertEqual(groups["Key accounts"]["effectiveness:avg"], 50.0)
        [total] = self.env["event.lead.contact.report"].formatted_read_group(domain, [], MEASURES[:3])
        self.assertEqual(
            {key: total[key] for key in MEASURES[:3]},
            {"contact_count:sum": 8, "positive_count:sum": 3, "effectiveness:avg": 37.5},
        )

    def test_postponements_per_client(self):
        groups = self._groups(
            "event.lead.contact.report",
            HELD + [("postponement_count", ">", 0), ("commercial_partner_id", "in", (self.alfa | self.beta).ids)],
            ["commercial_partner_id"],
            ["postponement_count:sum", "postponed_days:sum"],
        )
        self.assertEqual(
            groups,
            {
                "ООО «Альфа»": {"postponement_count:sum": 2, "postponed_days:sum": 12},
                "АО «Бета»": {"postponement_count:sum": 1, "postponed_days:sum": 3},
            },
        )

    def test_event_project_team(self):
        """The people who worked the event: whoever held a contact about it."""
        domain = HELD + [("event_id", "=", self.event.id)]
        groups = self._groups(
            "event.lead.contact.report", domain, ["user_id"], ["contact_count:sum", "effectiveness:avg"]
        )
        self.assertEqual(
            groups,
            {
                "Anna Advisor": {"contact_count:sum": 2, "effectiveness:avg": 50.0},
                "Boris Advisor": {"contact_count:sum": 1, "effectiveness:avg": 0.0},
                "Olga Operator": {"contact_count:sum": 1, "effectiveness:avg": 100.0},
            },
        )
        [total] = self.env["event.lead.contact.report"].formatted_read_group(
            domain, ["event_user_id"], ["contact_count:sum", "effectiveness:avg"]
        )
        self.assertEqual(total["event_user_id"][0], self.user_manager.id, "Maria leads the event")
        self.assertEqual((total["contact_count:sum"], total["effectiveness:avg"]), (4, 50.0))

    def test_overdue_follow_ups(self):
        """Open planned contacts are today's: the overdue ones and how late."""
        groups = self._groups(
            "event.lead.contact.report",
            [("row_kind", "=", "planned"), ("user_id", "in", (self.user_advisor | self.user_advisor2).ids)],
            ["user_id"],
            ["planned_count:sum", "overdue_count:sum", "overdue_days:sum", "days_late_avg:avg"],
        )
        self.assertEqual(
            groups["Anna Advisor"],
            {"planned_count:sum": 2, "overdue_count:sum": 1, "overdue_days:sum": 5, "days_late_avg:avg": 5.0},
        )
        self.assertEqual(
            groups["Boris Advisor"],
            {"planned_count:sum": 1, "overdue_count:sum": 1, "overdue_days:sum": 2, "days_late_avg:avg": 2.0},
        )
        rows = self.env["event.lead.contact.report"].search(
            [("row_kind", "=", "planned"), ("user_id", "=", self.user_advisor2.id)]
        )
        self.assertEqual(rows.lead_id, self.lead_beta, "a planned contact on a deal names the deal")
        self.assertEqual(rows.commercial_partner_id, self.beta)
        self.assertEqual(rows.team_id, self.team_key)
        self.assertEqual(rows.date, self.today, "the situation of today")

    def test_done_follow_up_leaves_the_overdue_count(self):
        # Boris records its result, the one way a planned contact is closed
        self.env["event.lead.contact.result"].with_user(self.user_advisor2)._event_lead_record(
            {"result_type": "other", "note": "Done"}, activity=self.activity_overdue_boris
        )
        self.assertFalse(self.activity_overdue_boris.active)
        groups = self._groups(
            "event.lead.contact.report",
            [("row_kind", "=", "planned"), ("user_id", "=", self.user_advisor2.id)],
            ["user_id"],
            ["overdue_count:sum"],
        )
        self.assertFalse(groups)

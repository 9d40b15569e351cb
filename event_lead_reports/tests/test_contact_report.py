from odoo.tests import tagged

from .common import APRIL, MARCH, EventLeadReportsCommon

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
        self.env["event.lead.contact.result"].with_user(self.user_advisor2)._record(
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


@tagged("post_install", "-at_install")
class TestContactMonths(EventLeadReportsCommon):
    """The report grouped and filtered by month reads the monthly counts:
    the same figures as the contact results, at every moment."""

    GROUPBYS = [
        ["user_id"],
        ["team_id"],
        ["activity_type_id", "result_type"],
        ["event_id", "event_user_id"],
        ["lost_reason_id", "direction"],
        ["date:month", "user_id"],
        ["date:quarter"],
    ]
    SUMMED = (
        "contact_count:sum",
        "positive_count:sum",
        "effectiveness:avg",
        "postponement_count:sum",
        "postponed_days:sum",
        "refusal_count:sum",
        "__count",
    )

    def _both(self, domain, groupby):
        """The groups from the monthly counts, and from every result (a
        condition on the client, true of every held contact, reads them)."""
        aggregates = list(self.SUMMED)
        Report = self.env["event.lead.contact.report"]
        by_results = domain + [("commercial_partner_id", "!=", False)]
        self.assertTrue(Report._monthly_exact(domain, groupby, aggregates, (), None))
        self.assertFalse(Report._monthly_exact(by_results, groupby, aggregates, (), None))
        return (
            Report.formatted_read_group(domain, groupby, aggregates),
            Report.formatted_read_group(by_results, groupby, aggregates),
        )

    def _assert_same(self, domain):
        for groupby in self.GROUPBYS:
            monthly, by_results = self._both(domain, groupby)
            self.assertTrue(monthly, groupby)
            for group in monthly + by_results:
                group.pop("__extra_domain")
            self.assertEqual(monthly, by_results, groupby)

    def test_monthly_counts_give_the_figures_of_the_results(self):
        self._assert_same(HELD + self._month(MARCH))
        self._assert_same(HELD + [("date", ">=", MARCH), ("date", "<", APRIL.replace(month=5))])

    def test_what_the_monthly_counts_cannot_answer_is_read_from_the_results(self):
        exact = self.env["event.lead.contact.report"]._monthly_exact
        month = self._month(MARCH)
        self.assertTrue(exact(month, ["user_id"], ["contact_count:sum", "__count"], (), None))
        self.assertFalse(exact(month, ["date:week"], ["contact_count:sum"], (), None), "a week is not in a month")
        self.assertFalse(exact(month, ["commercial_partner_id"], ["contact_count:sum"], (), None))
        self.assertFalse(exact(month, ["user_id"], ["postponements_per_client:avg"], (), None), "distinct clients")
        self.assertFalse(exact([("date", ">=", MARCH.replace(day=2))], [], ["contact_count:sum"], (), None))
        self.assertFalse(exact([("postponed_days", ">", 3)], [], ["contact_count:sum"], (), None))
        # the figures of a part of a month, from the results
        [group] = self.env["event.lead.contact.report"].formatted_read_group(
            HELD + [("date", ">=", "2025-03-02"), ("date", "<=", "2025-03-10"), ("user_id", "=", self.user_advisor.id)],
            [],
            ["contact_count:sum"],
        )
        self.assertEqual(group["contact_count:sum"], 2, "Anna's contacts of 03-03 and 03-05")

    def test_right_after_a_result_is_recorded_changed_or_deleted(self):
        domain = HELD + self._month(MARCH) + [("user_id", "=", self.user_advisor.id)]
        Report = self.env["event.lead.contact.report"]

        def figures():
            [group] = Report.formatted_read_group(domain, [], ["contact_count:sum", "positive_count:sum", "__count"])
            return group["contact_count:sum"], group["positive_count:sum"], group["__count"]

        self.assertEqual(figures(), (6, 2, 6))
        result = (
            self.env["event.lead.contact.result"]
            .with_user(self.user_advisor)
            .create(
                {
                    "date": "2025-03-25",
                    "commercial_partner_id": self.gamma.id,
                    "result_type": "manual_sent",
                    "manual_kind": "technical",
                    "activity_type_id": self.call.id,
                }
            )
        )
        self.assertEqual(figures(), (7, 3, 7), "recorded by Anna herself: counted at once")
        result.with_user(self.user_advisor).write({"result_type": "other", "note": "Не дозвонилась"})
        self.assertEqual(figures(), (7, 2, 7), "no longer positive")
        result.with_user(self.user_advisor).write({"date": "2025-04-01"})
        self.assertEqual(figures(), (6, 2, 6), "moved to April")
        self.env["event.lead.contact.month"]._cron_fold()
        self.assertEqual(figures(), (6, 2, 6), "folding the rows changes no figure")
        self.env.cr.execute(
            "SELECT COUNT(*) FROM event_lead_contact_month GROUP BY date, user_id, team_id, event_id, "
            "activity_type_id, result_type, direction, lost_reason_id, company_id HAVING COUNT(*) > 1"
        )
        self.assertFalse(self.env.cr.fetchall(), "one row per key after the nightly job")
        result.with_user(self.user_manager).unlink()
        [group] = Report.formatted_read_group(
            HELD + self._month(APRIL) + [("user_id", "=", self.user_advisor.id)], [], ["contact_count:sum"]
        )
        self.assertEqual(group["contact_count:sum"], 0, "deleted by a manager")

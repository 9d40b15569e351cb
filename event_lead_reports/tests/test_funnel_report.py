from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.event_lead_followup.tests.funnel_common import EventFunnelCommon

MEASURES = [
    "invited_count:sum",
    "registered_count:sum",
    "uninvited_count:sum",
    "attended_count:sum",
    "questionnaire_count:sum",
    "interested_count:sum",
    "handed_over_count:sum",
    "no_show_count:sum",
    "no_show_contacted_count:sum",
    "lead_count:sum",
    "won_revenue:sum",
    "registration_rate:avg",
    "attendance_rate:avg",
    "questionnaire_rate:avg",
    "no_show_coverage:avg",
    "days_to_contact:avg",
]


@tagged("post_install", "-at_install")
class TestFunnelReport(EventFunnelCommon):
    """Four invitees (two register, one declines), two walk-ins; two come,
    one fills the questionnaire with interest and is handed over; of the two
    no-shows, one is called two days after the event; a second deal of the
    event is won."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.event.event_lead_operator_ids = cls.user_operator
        invitees = cls._participants(4, "Приглашённый")
        invitations = cls.env["event.lead.invitation"].create(
            [
                {"event_id": cls.event.id, "partner_id": partner.id, "user_id": cls.user_operator.id}
                for partner in invitees
            ]
        )
        invitations[3].result = "declined"
        walk_ins = cls._participants(2, "Без приглашения")
        cls.interested, cls.no_show_called, cls.walk_in, cls.walk_in_no_show = cls._register(invitees[:2] | walk_ins)
        (cls.interested | cls.walk_in).action_set_done()
        cls._answer(cls.interested, cls.yes)
        cls.event.action_event_lead_plan_followups()
        cls.env["event.lead.sales.handover.wizard"].create(
            {"registration_ids": [(6, 0, cls.interested.ids)], "user_id": cls.user_advisor.id}
        ).action_hand_over()
        end = cls.event.date_end.date()
        cls.env["event.lead.contact.result"].create(
            {
                "date": end + timedelta(days=2),
                "user_id": cls.user_operator.id,
                "partner_id": cls.no_show_called.partner_id.id,
                "event_id": cls.event.id,
                "result_type": "manual_sent",
                "manual_kind": "marketing",
            }
        )
        won = cls.env["crm.lead"].create(
            {
                "name": "Заказ после выставки",
                "type": "opportunity",
                "partner_id": walk_ins[0].id,
                "user_id": cls.user_advisor.id,
                "event_id": cls.event.id,
                "expected_revenue": 100000,
            }
        )
        cls._win_deal(won)

    def _figures(self, user=None, domain=None):
        Report = self.env["event.lead.funnel.report"]
        if user:
            Report = Report.with_user(user)
        groups = Report._read_group([("event_id", "=", self.event.id), *(domain or [])], ["event_id"], MEASURES)
        return dict(zip(["event", *MEASURES], groups[0], strict=True)) if groups else {}

    def test_funnel_figures_of_the_event(self):
        figures = self._figures()
        self.assertEqual(
            {key: figures[key] for key in MEASURES[:11]},
            {
                "invited_count:sum": 4,
                "registered_count:sum": 4,
                "uninvited_count:sum": 2,
                "attended_count:sum": 2,
                "questionnaire_count:sum": 1,
                "interested_count:sum": 1,
                "handed_over_count:sum": 1,
                "no_show_count:sum": 2,
                "no_show_contacted_count:sum": 1,
                "lead_count:sum": 2,
                "won_revenue:sum": 100000.0,
            },
        )
        self.assertAlmostEqual(figures["registration_rate:avg"], 50.0)
        self.assertAlmostEqual(figures["attendance_rate:avg"], 50.0)
        self.assertAlmostEqual(figures["questionnaire_rate:avg"], 50.0)
        self.assertAlmostEqual(figures["no_show_coverage:avg"], 50.0)
        self.assertAlmostEqual(figures["days_to_contact:avg"], 2.0)

    def test_same_figures_as_the_event_form(self):
        figures = self._figures()
        event = self.event
        self.assertEqual(figures["registered_count:sum"], event.event_lead_registered_count)
        self.assertEqual(figures["attended_count:sum"], event.event_lead_attended_count)
        self.assertAlmostEqual(figures["attendance_rate:avg"], event.event_lead_attendance_rate)
        self.assertEqual(figures["invited_count:sum"], event.event_lead_invited_count)
        self.assertEqual(figures["handed_over_count:sum"], event.event_lead_handed_over_count)

    def test_rows_per_person_and_team(self):
        """Grouped by the person responsible, each sees their part of the funnel."""
        by_user = {
            user: (registered, leads)
            for user, registered, leads in self.env["event.lead.funnel.report"]._read_group(
                [("event_id", "=", self.event.id)], ["user_id"], ["registered_count:sum", "lead_count:sum"]
            )
        }
        self.assertEqual(by_user[self.user_advisor], (0, 2), "the deals are Anna's")
        self.assertEqual(by_user[self.user_operator][0], 4, "Olga follows every participant up")

    def test_access(self):
        """Managers read everything; an advisor reads their rows; accountants nothing."""
        self.assertEqual(self._figures(self.user_manager)["registered_count:sum"], 4)
        advisor = self._figures(self.user_advisor)
        self.assertEqual((advisor["registered_count:sum"], advisor["lead_count:sum"]), (0, 2))
        operator = self._figures(self.user_operator)
        self.assertEqual((operator["registered_count:sum"], operator["lead_count:sum"]), (4, 0))
        for user in (self.user_accountant, self.user_marketing):
            with self.assertRaises(AccessError):
                self.env["event.lead.funnel.report"].with_user(user).search([])
        self.assertIn("event_lead_reports.event_lead_funnel_report_menu", self._visible_menus(self.user_manager))
        self.assertNotIn("event_lead_reports.event_lead_funnel_report_menu", self._visible_menus(self.user_advisor))

    def test_rows_open_their_record(self):
        rows = self.env["event.lead.funnel.report"].search([("event_id", "=", self.event.id)])
        self.assertEqual(set(rows.mapped("kind")), {"participant", "invitee", "deal"})
        participant = rows.filtered(lambda row: row.kind == "participant" and row.partner_id == self.walk_in.partner_id)
        action = participant.action_open_record()
        self.assertEqual((action["res_model"], action["res_id"]), ("event.registration", self.walk_in.id))
        invitee = rows.filtered(lambda row: row.kind == "invitee")[:1]
        action = invitee.action_open_record()
        self.assertEqual(self.env[action["res_model"]].browse(action["res_id"]).partner_id, invitee.partner_id)
        action = self.event.action_event_lead_funnel_report()
        self.assertEqual(self.env["event.lead.funnel.report"].search_count(action["domain"]), len(rows))

import datetime

from odoo.tests import tagged

from .common import EventLeadReportsCommon

MEASURES = [
    "document_count:sum",
    "missing_count:sum",
    "overdue_count:sum",
    "original_awaited_count:sum",
    "original_overdue_count:sum",
    "days_overdue:max",
]


@tagged("post_install", "-at_install")
class TestDocumentReport(EventLeadReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        day = datetime.timedelta(days=1)
        cls.deal = cls._deal(cls.gamma, cls.user_advisor, 400000)
        Document = cls.env["event.lead.document"]
        cls.documents = Document.create(
            [
                {
                    "lead_id": cls.deal.id,
                    "document_type_id": ref("event_lead_followup.document_type_application").id,
                    "state": "original",
                    "date_sent": cls.today - 50 * day,
                },
                {
                    "lead_id": cls.deal.id,
                    "document_type_id": ref("event_lead_followup.document_type_contract").id,
                    "state": "sent",
                    "date_sent": cls.today - 40 * day,
                },
                {
                    "lead_id": cls.deal.id,
                    "document_type_id": ref("event_lead_followup.document_type_act").id,
                    "state": "to_prepare",
                    "due_date": cls.today - 3 * day,
                },
                {
                    "lead_id": cls.deal.id,
                    "document_type_id": ref("event_lead_followup.document_type_invoice").id,
                    "state": "prepared",
                },
            ]
        )

    def test_package_of_a_deal(self):
        groups = self._groups(
            "event.lead.document.report", [("lead_id", "=", self.deal.id)], ["document_type_id"], MEASURES
        )
        zero = dict.fromkeys(MEASURES, 0) | {"document_count:sum": 1}
        self.assertEqual(groups["Application for participation"], zero)
        self.assertEqual(
            groups["Contract"],
            zero
            | {"overdue_count:sum": 1, "original_awaited_count:sum": 1, "original_overdue_count:sum": 1}
            | {"days_overdue:max": 10},
        )
        self.assertEqual(
            groups["Act of services rendered"],
            zero | {"missing_count:sum": 1, "overdue_count:sum": 1, "days_overdue:max": 3},
        )
        self.assertEqual(groups["Invoice for payment"], zero | {"missing_count:sum": 1})

    def test_accountant_reads_the_package_by_responsible(self):
        groups = self._groups(
            "event.lead.document.report",
            [("lead_id", "=", self.deal.id)],
            ["responsible_id"],
            MEASURES,
            user=self.user_accountant,
        )
        self.assertEqual(
            groups,
            {
                "Anna Advisor": {
                    "document_count:sum": 4,
                    "missing_count:sum": 2,
                    "overdue_count:sum": 2,
                    "original_awaited_count:sum": 1,
                    "original_overdue_count:sum": 1,
                    "days_overdue:max": 10,
                }
            },
        )

    def test_original_received_leaves_the_overdue(self):
        contract = self.documents[1]
        contract.state = "original"
        row = self.env["event.lead.document.report"].browse(contract.id)
        self.assertEqual((row.original_awaited_count, row.original_overdue_count, row.overdue_count), (0, 0, 0))

from odoo.tests import Form, tagged

from .common import APRIL, EventLeadReportsCommon


@tagged("post_install", "-at_install")
class TestCallReport(EventLeadReportsCommon):
    def test_calls_per_source_per_day(self):
        """The call log: sources down, days of the month across."""
        groups = self._groups("event.lead.call.report", self._month(APRIL), ["source_id", "day"], ["call_count:sum"])
        self.assertEqual(
            groups,
            {
                ("Каталог выставки", "02"): {"call_count:sum": 1},
                ("Сайт", "02"): {"call_count:sum": 1},
                ("Сайт", "15"): {"call_count:sum": 1},
            },
        )

    def test_outgoing_calls_and_incoming_mail_are_not_counted(self):
        """Only incoming phone calls count: the same result as an outgoing
        call, or as an incoming meeting, is not in the call form."""
        before = self.env["event.lead.call.report"].search_count([])
        self._results(
            [
                ("2025-04-20", self.user_operator, self.delta, "other", self.call, False, {}),
                ("2025-04-21", self.user_operator, self.delta, "other", self.meeting, False, {"direction": "incoming"}),
            ]
        )
        self.assertEqual(self.env["event.lead.call.report"].search_count([]), before)

    def test_incoming_call_recorded_in_the_result_dialog(self):
        """An operator records an incoming call on the client: its source
        comes from the client's first contact source and can be changed."""
        Wizard = self.env["event.lead.contact.result.wizard"].with_user(self.user_operator)
        form = Form(Wizard.with_context(active_model="res.partner", active_id=self.delta.id))
        form.direction = "incoming"
        self.assertEqual(form.source_id, self.source_catalogue)
        form.source_id = self.source_web
        form.result_type = "other"
        form.note = "Спросили про условия участия"
        form.save().action_confirm()
        result = self.env["event.lead.contact.result"].search([], order="id desc", limit=1)
        self.assertEqual(
            (result.direction, result.source_id, result.activity_type_id), ("incoming", self.source_web, self.call)
        )
        row = self.env["event.lead.call.report"].browse(result.id)
        self.assertEqual((row.source_id, row.day, row.call_count), (self.source_web, result.date.strftime("%d"), 1))

    def test_outgoing_result_has_no_source(self):
        Wizard = self.env["event.lead.contact.result.wizard"].with_user(self.user_operator)
        form = Form(Wizard.with_context(active_model="res.partner", active_id=self.delta.id))
        form.result_type = "other"
        form.note = "Не дозвонились до директора"
        form.save().action_confirm()
        result = self.env["event.lead.contact.result"].search([], order="id desc", limit=1)
        self.assertEqual((result.direction, result.source_id.id), ("outgoing", False))

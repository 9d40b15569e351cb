from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestActivityResultTour(HttpCase):
    """The patched activity widget: Mark Done opens the result dialog."""

    def test_mark_done_in_chatter_records_the_result(self):
        advisor = new_test_user(
            self.env, "el_tour_advisor", "event_lead_followup.group_event_lead_advisor", name="Tour Advisor"
        )
        client = self.env["res.partner"].create({"name": "ООО «Тур»", "is_company": True, "user_id": advisor.id})
        call = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": client.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                "summary": "Discuss the stand",
                "user_id": advisor.id,
            }
        )
        self.start_tour(f"/odoo/res.partner/{client.id}", "event_lead_activity_result", login="el_tour_advisor")
        self.assertFalse(call.active)
        result = self.env["event.lead.contact.result"].search([("activity_id", "=", call.id)])
        self.assertEqual(result.result_type, "other")
        self.assertEqual(result.note, "Wants a 36 m² stand next year")
        self.assertEqual(result.user_id, advisor)

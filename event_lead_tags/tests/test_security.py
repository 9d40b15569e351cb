from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.event_lead_followup.tests.common import EventLeadCommon


@tagged("post_install", "-at_install")
class TestTagsSecurity(EventLeadCommon):
    def test_marketing_uses_email_marketing(self):
        """The Marketing role prepares mailings; an advisor cannot."""
        self.assertTrue(self.user_marketing.has_group("mass_mailing.group_mass_mailing_user"))
        mailing = (
            self.env["mailing.mailing"]
            .with_user(self.user_marketing)
            .create(
                {
                    "subject": "New Year catalogue",
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                }
            )
        )
        self.assertEqual(mailing.create_uid, self.user_marketing)
        with self.assertRaises(AccessError):
            self.env["mailing.mailing"].with_user(self.user_advisor).create(
                {
                    "subject": "Not allowed",
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                }
            )

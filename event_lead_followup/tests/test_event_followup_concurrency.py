from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestPlanningHeldByAnotherProcess(TransactionCase):
    """The organiser presses *Plan follow-ups* while another process (the
    hourly job, on this server or another) is planning the same event. Each
    side has its own database connection (``registry.cursor()`` outside
    registry test mode), on data committed for this test and deleted after it.
    The process running setup/concurrency_check.py does the same with real
    OS processes."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            organiser = env["res.users"].create(
                {
                    "name": "Held organiser",
                    "login": "el_held_organiser",
                    "group_ids": [(6, 0, env.ref("event.group_event_user").ids)],
                }
            )
            now = fields.Datetime.now()
            event = env["event.event"].create(
                {
                    "name": "Held exhibition",
                    "date_begin": now - timedelta(days=1, hours=8),
                    "date_end": now - timedelta(days=1),
                    "user_id": organiser.id,
                    "event_mail_ids": [(5, 0, 0)],
                }
            )
            partners = env["res.partner"].create(
                [{"name": f"Held participant {index}", "email": f"held{index}@held.example.com"} for index in range(3)]
            )
            env["event.registration"].create([{"event_id": event.id, "partner_id": partner.id} for partner in partners])
            self.ids = {"organiser": organiser.id, "event": event.id, "partners": partners.ids}
        self.addCleanup(self._delete_committed_data)

    def _delete_committed_data(self):
        ids = self.ids
        with self.registry.cursor() as cr:
            cr.execute(SQL("DELETE FROM mail_activity WHERE event_lead_event_id = %s", ids["event"]))
            cr.execute(
                SQL(
                    "DELETE FROM mail_message WHERE (model = 'event.event' AND res_id = %s) OR (model = "
                    "'event.registration' AND res_id IN (SELECT id FROM event_registration WHERE event_id = %s))",
                    ids["event"],
                    ids["event"],
                )
            )
            cr.execute(SQL("DELETE FROM event_registration WHERE event_id = %s", ids["event"]))
            cr.execute(SQL("DELETE FROM event_event WHERE id = %s", ids["event"]))
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["mail.message"].search([("model", "=", "res.partner"), ("res_id", "in", ids["partners"])]).unlink()
            env["res.partner"].browse(ids["partners"]).unlink()
            organiser = env["res.users"].browse(ids["organiser"])
            partner = organiser.partner_id
            organiser.unlink()
            partner.unlink()

    def _press_button(self, button_cr):
        """A click: the button in its own transaction, committed."""
        env = api.Environment(button_cr, self.ids["organiser"], {"lang": "en_US"})
        action = env["event.event"].browse(self.ids["event"]).action_event_lead_plan_followups()
        button_cr.commit()
        return action["params"]["message"]

    def _followups(self):
        with self.registry.cursor() as cr:
            cr.execute(SQL("SELECT count(*) FROM mail_activity WHERE event_lead_event_id = %s", self.ids["event"]))
            return cr.fetchone()[0]

    def test_button_leaves_the_event_to_the_process_planning_it(self):
        with self.registry.cursor() as job_cr, self.registry.cursor() as button_cr:
            job_env = api.Environment(job_cr, SUPERUSER_ID, {})
            self.assertTrue(job_env["event.event"].browse(self.ids["event"])._event_lead_lock())
            # the button does not wait for the job, plans nothing and says so
            message = self._press_button(button_cr)
            self.assertIn("are being planned right now by another process", message)
            self.assertNotIn("Follow-ups planned for", message)
            self.assertEqual(self._followups(), 0)
            job_cr.rollback()
            # the job is gone: the same click plans the event, and says how many
            message = self._press_button(button_cr)
        self.assertEqual(message, "Follow-ups planned for 3 participants.")
        self.assertEqual(self._followups(), 3)

    def test_click_begun_before_the_job_committed_is_run_again(self):
        """The click's transaction began (its snapshot taken) before the job
        committed its change of the event: PostgreSQL refuses the click the
        event's lock. The refusal reaches Odoo's HTTP layer, which runs the
        click again on fresh data, and it is not logged as an error."""
        with self.registry.cursor() as job_cr, self.registry.cursor() as button_cr:
            button_env = api.Environment(button_cr, self.ids["organiser"], {"lang": "en_US"})
            event = button_env["event.event"].browse(self.ids["event"])
            self.assertEqual(event.name, "Held exhibition")  # the click's snapshot
            job_env = api.Environment(job_cr, SUPERUSER_ID, {})
            job_env["event.event"].browse(self.ids["event"])._event_lead_plan_next()
            job_cr.commit()
            with self.assertNoLogs("odoo.sql_db", "ERROR"), self.assertRaises(SerializationFailure):
                event.action_event_lead_plan_followups()
            button_cr.rollback()
            # run again, as Odoo's HTTP layer does: the job planned everything already
            message = self._press_button(button_cr)
        self.assertEqual(message, "Follow-ups planned for 0 participants.")
        self.assertEqual(self._followups(), 3)

"""Two advisors create the same client at the same moment: one wins, the
other is blocked naming the winner.

These tests need transactions that really commit, on two connections, as
two web requests would: they run on the registry's own cursors (not the
test transaction) and delete what they made at the end. The two requests
are interleaved step by step in one thread (the test server holds the
registry lock that a second thread would need to open an environment).
"""

from psycopg2 import errors

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import SQL, mute_logger

NAME = "ООО «Фрегат Марин Тест»"


@tagged("post_install", "-at_install")
class TestGuardConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._cleanup_users)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True, "mail_create_nolog": True})
            group = "event_lead_followup.group_event_lead_advisor"
            cls.anna_id = new_test_user(env, "el_conc_anna", group, name="Anna Concurrent").id
            cls.boris_id = new_test_user(env, "el_conc_boris", group, name="Boris Concurrent").id

    @classmethod
    def _cleanup_users(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            users = env["res.users"].browse([cls.anna_id, cls.boris_id])
            partners = users.partner_id
            users.unlink()
            partners.unlink()

    def setUp(self):
        super().setUp()
        self.addCleanup(self._cleanup_clients)

    def _cleanup_clients(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["res.partner"].search([("name", "=", NAME)]).unlink()
            cr.execute(SQL("DELETE FROM event_lead_partner_key_lock WHERE key LIKE %s", "n:%фрегатмаринтест%"))

    def _create(self, env):
        return env["res.partner"].create({"name": NAME, "is_company": True, "user_id": env.uid})

    def _count(self):
        with self.registry.cursor() as cr:
            cr.execute(SQL("SELECT count(*) FROM res_partner WHERE name = %s", NAME))
            return cr.fetchone()[0]

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_second_advisor_waits_then_is_blocked(self):
        """Step by step: Boris's check waits for Anna's; once she commits, his
        transaction fails and, replayed as Odoo replays a request, is blocked
        with Anna's name."""
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, self.anna_id, {})
            env_b = api.Environment(cr_b, self.boris_id, {})
            env_b["res.partner"].search_count([])  # Boris's transaction (and snapshot) starts
            self._create(env_a)  # Anna's check holds the claim on the name
            cr_b.execute(SQL("SET LOCAL lock_timeout = '300ms'"))
            with self.assertRaises(errors.LockNotAvailable):
                self._create(env_b)
            cr_b.rollback()
            env_b.transaction.reset()
            env_b["res.partner"].search_count([])  # a snapshot taken before Anna commits
            cr_a.commit()
            with self.assertRaises(errors.SerializationFailure):
                self._create(env_b)
            cr_b.rollback()
            env_b.transaction.reset()
            with self.assertRaises(UserError) as caught:
                retrying(lambda: self._create(env_b), env_b)
            self.assertIn("Anna Concurrent", str(caught.exception))
            cr_b.rollback()  # as the web server does after an error
        self.assertEqual(self._count(), 1)

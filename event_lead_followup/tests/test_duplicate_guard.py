from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .ownership_common import OwnershipCommon


@tagged("post_install", "-at_install")
class TestDuplicateGuard(OwnershipCommon):
    def _create_as(self, user, vals, **context):
        return self.env["res.partner"].with_user(user).with_context(**context).create(vals)

    def test_other_owner_blocks(self):
        """Anna cannot create Boris's Toyota again: the message names the client and its owner."""
        for name in ("TOYOTA", "Тойота", "Toyota Motor LLC"):
            with self.subTest(name=name):
                if name == "Toyota Motor LLC":
                    # a longer name is another name: not blocked by the name
                    partner = self._create_as(self.user_advisor, {"name": name, "is_company": True})
                    self.assertTrue(partner.exists())
                    continue
                with self.assertRaises(UserError) as caught:
                    self._create_as(self.user_advisor, {"name": name, "is_company": True})
                message = str(caught.exception)
                self.assertIn("Тойота (Toyota)", message)
                self.assertIn("Boris Advisor", message)
                self.assertIn("Request transfer", message)
        self.assertEqual(self.env["res.partner"].search_count([("name", "in", ["TOYOTA", "Тойота"])]), 0)

    def test_each_key_blocks(self):
        """Same tax ID, e-mail, e-mail domain, website domain or phone, written differently."""
        for vals in (
            {"name": "Новая А", "is_company": True, "vat": "RU 7707083893"},
            {"name": "Новая Б", "is_company": True, "email": "INFO@toyota.ru"},
            {"name": "Новая В", "is_company": True, "email": "sales@toyota.ru"},
            {"name": "Новая Г", "is_company": True, "website": "toyota.ru"},
            {"name": "Новая Д", "is_company": True, "phone": "+7 495 1234567"},
            {"name": "Петр Сидоров", "phone": "74951234567"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError) as caught:
                self._create_as(self.user_advisor, vals)
            self.assertIn("Boris Advisor", str(caught.exception))

    def test_public_domain_does_not_block(self):
        self._create_as(self.user_advisor2, {"name": "Частник", "email": "ivan@mail.ru"})
        partner = self._create_as(self.user_advisor, {"name": "Другой частник", "email": "petr@mail.ru"})
        self.assertTrue(partner.exists())
        # editable: a domain added to the list stops matching
        self._create_as(
            self.user_advisor2,
            {"name": "Фирма", "is_company": True, "email": "a@firm.example", "user_id": self.user_advisor2.id},
        )
        with self.assertRaises(UserError):
            self._create_as(self.user_advisor, {"name": "Фирма 2", "is_company": True, "email": "b@firm.example"})
        self.env["event.lead.public.domain"].create({"name": "@Firm.Example"})
        self.assertTrue(
            self._create_as(self.user_advisor, {"name": "Фирма 3", "is_company": True, "email": "c@firm.example"})
        )

    def test_contact_under_its_company_is_not_blocked(self):
        """A new person of Toyota shares Toyota's domain and phone: it is not a duplicate of Toyota."""
        contact = self._create_as(
            self.user_advisor,
            {
                "firstname": "Иван",
                "lastname": "Сидоров",
                "parent_id": self.toyota.id,
                "email": "ivan@toyota.ru",
                "phone": "8 495 123 45 67",
            },
        )
        self.assertEqual(contact.user_id, self.user_advisor2, "the contact belongs to the company's owner")

    def test_match_without_read_access(self):
        """Clients the user cannot read are found too, and named."""
        self.env["ir.rule"].create(
            {
                "name": "advisors read only their clients (test)",
                "model_id": self.env.ref("base.model_res_partner").id,
                "groups": [Command.link(self.env.ref("event_lead_followup.group_event_lead_advisor").id)],
                "domain_force": "[('commercial_partner_id.user_id', 'in', [user.id, False])]",
                "perm_read": True,
                "perm_write": False,
                "perm_create": False,
                "perm_unlink": False,
            }
        )
        Partner = self.env["res.partner"].with_user(self.user_advisor)
        self.assertFalse(Partner.search([("id", "=", self.toyota.id)]), "Anna cannot read Toyota any more")
        matches = Partner._event_lead_find_duplicates([{"name": "Toyota", "is_company": True}])[0]
        self.assertEqual(
            [(m["client_name"], m["owner_name"], m["relation"]) for m in matches],
            [("Тойота (Toyota)", "Boris Advisor", "other")],
        )
        with self.assertRaises(UserError) as caught:
            Partner.create({"name": "Toyota", "is_company": True})
        self.assertIn("Тойота (Toyota)", str(caught.exception))

    def test_own_unowned_and_pool_matches_pass_with_a_note(self):
        for name, found in (
            ("Ромашка ООО", "Ромашка"),
            ("Nichejnaja kompanija", "Ничейная компания"),
            ("«Забытая компания»", "Забытая компания"),
        ):
            with self.subTest(name=name):
                partner = self._create_as(self.user_advisor, {"name": name, "is_company": True})
                self.assertIn("Possible duplicate", self._messages_text(partner))
                self.assertIn(found, self._messages_text(partner))

    def test_manager_override_is_logged(self):
        with self.assertRaises(UserError) as caught:
            self._create_as(self.user_manager, {"name": "Toyota", "is_company": True})
        self.assertIn("Create anyway", str(caught.exception))
        # the context key of the former override means nothing, for anybody
        for user in (self.user_advisor, self.user_manager):
            with self.assertRaises(UserError):
                self._create_as(user, {"name": "Toyota", "is_company": True}, event_lead_guard_override=True)
        # "Create anyway" is a Sales manager's
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.user_advisor)._event_lead_create_overriding_guard(
                [{"name": "Toyota", "is_company": True}]
            )
        partner = (
            self.env["res.partner"]
            .with_user(self.user_manager)
            ._event_lead_create_overriding_guard([{"name": "Toyota", "is_company": True}])
        )
        text = self._messages_text(partner)
        self.assertIn("Created by Maria Manager despite a match", text)
        self.assertIn("Boris Advisor", text)

    def test_rename_is_checked(self):
        with self.assertRaises(UserError):
            self.romashka.with_user(self.user_advisor).write({"name": "Toyota"})
        with self.assertRaises(UserError):
            self.romashka.with_user(self.user_advisor).write({"phone": "8-495-123-45-67"})
        self.assertEqual(self.romashka.name, 'ООО "Ромашка"')
        self.romashka.with_user(self.user_advisor).write({"name": "Ромашка-Плюс", "comment": "renamed"})
        self.assertEqual(self.romashka.name, "Ромашка-Плюс")

    def test_edit_of_an_accepted_duplicate_is_not_blocked(self):
        """A duplicate a manager allowed is not blocked again on every later edit."""
        twin = (
            self.env["res.partner"]
            .with_user(self.user_manager)
            ._event_lead_create_overriding_guard(
                [{"name": "Toyota", "is_company": True, "user_id": self.user_advisor.id}]
            )
        )
        twin.with_user(self.user_advisor).write({"name": "TOYOTA", "email": "anna.client@example.org"})
        self.assertEqual(twin.email, "anna.client@example.org")

    def test_import_reports_the_row(self):
        """An import stops on the duplicate row with the owner's name; nothing is half-imported."""
        result = (
            self.env["res.partner"]
            .with_user(self.user_advisor)
            .load(["name", "is_company"], [["Новый клиент", "1"], ["Toyota", "1"]])
        )
        self.assertFalse(result["ids"])
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors)
        self.assertIn("Boris Advisor", errors[0]["message"])
        self.assertIn(1, [error["rows"]["from"] for error in errors], "the second row is the duplicate")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Новый клиент")]))

    def test_lead_conversion_is_checked(self):
        """Converting a lead that names Boris's company into a new customer is blocked."""
        lead = (
            self.env["crm.lead"]
            .with_user(self.user_advisor)
            .create({"name": "Подарки к НГ", "partner_name": "TOYOTA", "type": "lead", "user_id": self.user_advisor.id})
        )
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_user(self.user_advisor)
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
            .create({"name": "convert", "action": "create", "lead_id": lead.id})
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_apply()
        self.assertIn("Boris Advisor", str(caught.exception))

    def test_mail_recipient_is_not_blocked(self):
        """Writing to a new address of Toyota's domain creates the recipient; the mail is not stopped."""
        partners = (
            self.env["res.partner"].with_user(self.user_advisor)._find_or_create_from_emails(["Петр <petr@toyota.ru>"])
        )
        self.assertEqual(partners[0].email, "petr@toyota.ru")

    def test_users_are_not_clients(self):
        """A colleague's partner is not blocked by, nor matched with, clients."""
        user = (
            self.env["res.users"]
            .with_user(self.user_manager)
            .sudo()
            .create({"name": "Новичок", "login": "el_newbie", "email": "newbie@toyota.ru"})
        )
        self.assertTrue(user.partner_id)
        matches = self.env["res.partner"]._event_lead_find_duplicates([{"email": "newbie@toyota.ru"}])[0]
        self.assertNotIn(user.partner_id.id, [m["partner_id"] for m in matches])

    def test_form_shows_possible_duplicates(self):
        """While typing, the form lists the clients already in the CRM."""
        with Form(self.env["res.partner"].with_user(self.user_advisor)) as form:
            form.company_type = "company"
            form.name = "Toyota"
            self.assertIn("Тойота (Toyota)", form.event_lead_duplicate_info)
            self.assertIn("Boris Advisor", form.event_lead_duplicate_info)
            form.name = "Совсем новая компания"
            self.assertFalse(form.event_lead_duplicate_info)

    def test_one_query_per_check(self):
        """The lookup of a whole batch is one indexed query."""
        Partner = self.env["res.partner"].with_user(self.user_advisor)
        vals_list = [
            {"name": "Toyota", "is_company": True},
            {"name": "Ромашка", "is_company": True, "phone": "+7 495 1234567"},
            {"email": "oleg@toyota.ru"},
        ]
        Partner._event_lead_find_duplicates(vals_list)  # warm the caches (public domains, company)
        self.env.flush_all()
        with self.assertQueryCount(1):
            results = Partner._event_lead_find_duplicates(vals_list)
        self.assertEqual([len(r) for r in results], [1, 2, 1])


@tagged("post_install", "-at_install")
class TestNewClientCheck(OwnershipCommon):
    def _check(self, user, **vals):
        check = self.env["event.lead.partner.check"].with_user(user).create(vals)
        check.action_check()
        return check

    def test_blocked_check_offers_a_transfer(self):
        check = self._check(self.user_advisor, name="Тойота", company_type="company")
        self.assertTrue(check.blocked)
        self.assertEqual(check.line_ids.owner_name, "Boris Advisor")
        action = check.line_ids.action_request_transfer()
        self.assertEqual(action["res_model"], "event.lead.transfer.request")
        self.assertEqual(action["context"]["default_partner_id"], self.toyota.id)
        with self.assertRaises(UserError):
            check.action_create()

    def test_free_name_creates_my_client(self):
        check = self._check(self.user_advisor, name="Совсем новая", company_type="company", phone="8 912 000 00 00")
        self.assertFalse(check.line_ids)
        action = check.action_create()
        partner = self.env["res.partner"].browse(action["res_id"])
        self.assertEqual(partner.user_id, self.user_advisor)
        self.assertTrue(partner.is_company)

    def test_own_match_is_offered(self):
        check = self._check(self.user_advisor, name="Romashka", company_type="company")
        self.assertFalse(check.blocked)
        self.assertEqual(check.line_ids.relation, "mine")
        self.assertEqual(check.line_ids.action_open()["res_id"], self.romashka.id)

    def test_manager_creates_anyway(self):
        check = self._check(self.user_manager, name="Toyota", company_type="company")
        self.assertTrue(check.blocked)
        with self.assertRaises(UserError):
            self._check(self.user_advisor, name="Toyota", company_type="company").action_create_anyway()
        with mute_logger("odoo.models"):
            action = check.action_create_anyway()
        partner = self.env["res.partner"].browse(action["res_id"])
        self.assertIn("despite a match", self._messages_text(partner))


@tagged("post_install", "-at_install")
class TestGuardInRussian(OwnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(["event_lead_followup"], ["ru_RU"], overwrite=True)
        cls.user_advisor.lang = "ru_RU"

    def test_message_in_the_users_language(self):
        with self.assertRaises(UserError) as caught:
            self.env["res.partner"].with_user(self.user_advisor).with_context(lang="ru_RU").create(
                {"name": "ООО «Тойота»", "is_company": True, "phone": "8 (495) 123-45-67"}
            )
        message = str(caught.exception)
        self.assertIn("уже есть в CRM", message)
        self.assertIn("совпадает: название и телефон", message)
        self.assertIn("ответственный — Boris Advisor", message)
        self.assertIn("Запросить передачу", message)

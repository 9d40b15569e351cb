import importlib.util
from pathlib import Path

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import SQL, mute_logger

from .ownership_common import OwnershipCommon


def _load_migration(version, file_name):
    """A migration script of the addon, as a module (its name is not an identifier)."""
    path = Path(__file__).parent.parent / "migrations" / version / file_name
    spec = importlib.util.spec_from_file_location(f"event_lead_followup_migration_{version}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestDuplicateGuard(OwnershipCommon):
    def _create_as(self, user, vals, **context):
        return self.env["res.partner"].with_user(user).with_context(**context).create(vals)

    def _notices(self, client, author=None):
        """The "possible duplicate" notices ``author`` (Anna) sent on ``client``: {reader: [bodies]}."""
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", client.id),
                ("message_type", "=", "user_notification"),
                ("author_id", "=", (author or self.user_advisor).partner_id.id),
            ]
        )
        result = {}
        for message in messages:
            for partner in message.partner_ids:
                result.setdefault(partner.name, []).append(str(message.body))
        return result

    def test_other_owner_blocks(self):
        """Anna cannot create Boris's Toyota again: the message names the client and its owner."""
        for name in ("TOYOTA", "Тойота", "ООО «Тойота»", "Tοyota", "ＴＯＹＯＴＡ"):
            with self.subTest(name=name):
                with self.assertRaises(UserError) as caught:
                    self._create_as(self.user_advisor, {"name": name, "is_company": True})
                message = str(caught.exception)
                self.assertIn("Тойота (Toyota)", message)
                self.assertIn("Boris Advisor", message)
                self.assertIn("Request transfer", message)
        self.assertEqual(self.env["res.partner"].search_count([("name", "in", ["TOYOTA", "Тойота"])]), 0)

    def test_longer_name_warns_the_owner_once(self):
        """A name holding Toyota's whole name is a possible duplicate: created, shown, Boris and his manager told."""
        partner = self._create_as(self.user_advisor, {"name": "Toyota Motor LLC", "is_company": True})
        self.assertEqual(partner.create_uid, self.user_advisor)
        self.assertIn("Possible duplicate", self._messages_text(partner))
        notices = self._notices(self.toyota)
        self.assertEqual(sorted(notices), ["Boris Advisor", "Maria Manager"], "the owner and his team leader")
        self.assertEqual([len(bodies) for bodies in notices.values()], [1, 1], "one notice each")
        self.assertIn("created by Anna Advisor", notices["Boris Advisor"][0])
        self.assertIn("Toyota Motor LLC", notices["Boris Advisor"][0])
        # an edit that changes nothing of the name tells nobody again
        partner.with_user(self.user_advisor).write({"comment": "x", "name": "Toyota Motor LLC"})
        self.assertEqual([len(bodies) for bodies in self._notices(self.toyota).values()], [1, 1])
        # the form shows it with its owner
        with Form(self.env["res.partner"].with_user(self.user_advisor)) as form:
            form.company_type = "company"
            form.name = "Toyota Motor Europe"
            self.assertIn("Possible duplicates", form.event_lead_duplicate_info)
            self.assertIn("Boris Advisor", form.event_lead_duplicate_info)
            form.name = "Новая Компания Ромб"

    def test_short_names_are_not_blocked(self):
        """Skeletons of short names meet by chance: neither blocked nor reported."""
        self.env["res.partner"].create(
            {"name": "ГК Рики (Смешарики)", "is_company": True, "user_id": self.user_advisor2.id}
        )
        for name in ("Тата", "Рока"):
            partner = self._create_as(self.user_advisor, {"name": name, "is_company": True})
            self.assertNotIn("Possible duplicate", self._messages_text(partner))
        self.assertFalse(self._notices(self.toyota))

    def test_same_name_other_tax_id_is_not_the_same_client(self):
        """ООО «Альфа» is many companies: with two different valid INNs, one name only warns."""
        alpha = self.env["res.partner"].create(
            {"name": "ООО «Альфа»", "is_company": True, "vat": "7736050003", "user_id": self.user_advisor2.id}
        )
        partner = self._create_as(self.user_advisor, {"name": "Альфа ООО", "is_company": True, "vat": "7710140679"})
        self.assertEqual(partner.vat, "7710140679")
        self.assertIn("Boris Advisor", self._notices(alpha))
        with self.assertRaises(UserError):
            self._create_as(self.user_advisor, {"name": "АО Альфа", "is_company": True})

    def test_each_key_blocks(self):
        """Same tax ID, e-mail, e-mail domain, website domain or phone, written differently."""
        for vals in (
            {"name": "Новая А", "is_company": True, "vat": "RU 7707083893"},
            {"name": "Новая А2", "is_company": True, "vat": "7707083893/770701001"},
            {"name": "Новая А3", "is_company": True, "vat": "７７０７０８３８９３"},
            {"name": "Новая Б", "is_company": True, "email": "INFO@toyota.ru"},
            {"name": "Новая Б2", "is_company": True, "email": "info@toyota.ru."},
            {"name": "Новая В", "is_company": True, "email": "sales@toyota.ru"},
            {"name": "Новая В2", "is_company": True, "email": "zakaz@msk.toyota.ru"},
            {"name": "Новая Г", "is_company": True, "website": "toyota.ru"},
            {"name": "Новая Г2", "is_company": True, "website": "https://shop.Toyota.ru/catalog"},
            {"name": "Новая Д", "is_company": True, "phone": "+7 495 1234567"},
            {"name": "Новая Д2", "is_company": True, "phone": "+7 495 123 45 67 доб. 12"},
            {"name": "Петр Сидоров", "phone": "74951234567"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError) as caught:
                self._create_as(self.user_advisor, vals)
            self.assertIn("Boris Advisor", str(caught.exception))

    def test_public_domain_does_not_block(self):
        self._create_as(self.user_advisor2, {"name": "Частник", "email": "ivan@mail.ru"})
        partner = self._create_as(self.user_advisor, {"name": "Другой частник", "email": "petr@mail.ru"})
        self.assertFalse(self._notices(partner))
        self.assertNotIn("Possible duplicate", self._messages_text(partner))
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
        matches = (
            self.env["event.lead.duplicate.guard"]
            .with_user(self.user_advisor)
            ._find_duplicates([{"name": "Toyota", "is_company": True}])[0]
        )
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
            self.env["event.lead.duplicate.guard"].with_user(self.user_advisor)._create_overriding(
                [{"name": "Toyota", "is_company": True}]
            )
        partner = (
            self.env["event.lead.duplicate.guard"]
            .with_user(self.user_manager)
            ._create_overriding([{"name": "Toyota", "is_company": True}])
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
            self.env["event.lead.duplicate.guard"]
            .with_user(self.user_manager)
            ._create_overriding([{"name": "Toyota", "is_company": True, "user_id": self.user_advisor.id}])
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
        matches = self.env["event.lead.duplicate.guard"]._find_duplicates([{"email": "newbie@toyota.ru"}])[0]
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
        vals_list = [
            {"name": "Toyota", "is_company": True},
            {"name": "Ромашка", "is_company": True, "phone": "+7 495 1234567"},
            {"email": "oleg@toyota.ru"},
        ]
        Guard = self.env["event.lead.duplicate.guard"].with_user(self.user_advisor)
        Guard._find_duplicates(vals_list)  # warm the caches (public domains, company)
        self.env.flush_all()
        with self.assertQueryCount(1):
            results = Guard._find_duplicates(vals_list)
        self.assertEqual([len(r) for r in results], [1, 2, 1])


@tagged("post_install", "-at_install")
class TestGuardEntryPaths(OwnershipCommon):
    """Every way a client enters the CRM goes through the same check."""

    def test_quick_create_of_a_company_name(self):
        """A name typed in a many2one makes a company when it carries a legal form or the field expects one."""
        Partner = self.env["res.partner"].with_user(self.user_advisor)
        partner_id, _name = Partner.name_create("ООО «Фрегат Марин»")
        self.assertTrue(Partner.browse(partner_id).is_company)
        partner_id, _name = Partner.with_context(default_is_company=True).name_create("Fregat Marine Service")
        self.assertTrue(Partner.browse(partner_id).is_company)
        partner_id, _name = Partner.name_create("Иван Петров")
        self.assertFalse(Partner.browse(partner_id).is_company)

    def test_quick_create_goes_through_the_company_checks(self):
        """Typed in a many2one, Boris's client is blocked, as a company or not."""
        self.env["res.partner"].create({"name": "Fregat Marine", "is_company": True, "user_id": self.user_advisor2.id})
        Partner = self.env["res.partner"].with_user(self.user_advisor)
        for context in ({}, {"default_is_company": True}):
            with self.subTest(context=context), self.assertRaises(UserError) as caught:
                Partner.with_context(**context).name_create("Fregat Marine")
            self.assertIn("Boris Advisor", str(caught.exception))
        with self.assertRaises(UserError):
            Partner.name_create("Fregat Marine LLC")

    def test_overlong_email_and_phone_are_refused(self):
        Partner = self.env["res.partner"].with_user(self.user_advisor)
        with self.assertRaises(ValidationError) as caught:
            Partner.create({"name": "Длинная почта", "email": "a" * 3000 + "@example.com"})
        self.assertIn("at most 254", str(caught.exception))
        with self.assertRaises(ValidationError):
            Partner.create({"name": "Длинный телефон", "phone": "8" * 5000})
        with self.assertRaises(ValidationError):
            self.romashka.with_user(self.user_advisor).write({"email": "b" * 300 + "@example.com"})

    def test_participant_of_a_look_alike_company(self):
        """A participant of "Toyota Motor" gets a new company (weak evidence), and Boris is told."""
        Guard = self.env["event.lead.duplicate.guard"].with_user(self.user_operator)
        created = set()
        partners = Guard._match_participants(
            [
                {"name": "Иван Новый", "email": "ivan@toyotamotor.example", "company_name": "Toyota Motor"},
                {"name": "Пётр Старый", "email": "petr@corp.example", "company_name": "ТОЙОТА"},
            ],
            created=created,
        )
        self.assertEqual(created, {0, 1})
        self.assertNotEqual(partners[0].parent_id, self.toyota)
        self.assertEqual(partners[0].parent_id.name, "Toyota Motor")
        self.assertEqual(partners[1].parent_id, self.toyota, "the same name: the participant is Toyota's contact")
        notices = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.toyota.id),
                ("message_type", "=", "user_notification"),
                ("author_id", "=", self.user_operator.partner_id.id),
            ]
        )
        self.assertEqual(len(notices), 1)
        self.assertIn("Toyota Motor", str(notices.body))

    def test_reindex_after_a_public_domain_is_added(self):
        """Adding a public domain schedules the re-index job; it drops the domain from every key."""
        firm = self.env["res.partner"].create(
            {"name": "Фирма", "is_company": True, "email": "a@firm.example", "user_id": self.user_advisor2.id}
        )
        Key = self.env["event.lead.partner.key"]
        self.assertIn("d:firm.example", Key._get_keys(firm.ids)[firm.id])
        self.env["event.lead.public.domain"].with_user(self.user_manager).create({"name": "firm.example"})
        Param = self.env["ir.config_parameter"].sudo()
        self.assertEqual(Param.get_param("event_lead_followup.guard_reindex_after_id"), "0")
        cron = self.env.ref("event_lead_followup.ir_cron_guard_reindex")
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]))
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.assertNotIn("d:firm.example", Key._get_keys(firm.ids)[firm.id])
        self.assertIn("e:a@firm.example", Key._get_keys(firm.ids)[firm.id])
        self.assertFalse(Param.get_param("event_lead_followup.guard_reindex_after_id"))

    def test_reindex_batches_resume_at_the_watermark(self):
        Key = self.env["event.lead.partner.key"]
        self.env.cr.execute(SQL("DELETE FROM event_lead_partner_key WHERE partner_id = %s", self.toyota.id))
        self.env["ir.config_parameter"].sudo().set_param("event_lead_followup.guard_reindex_after_id", "0")
        done, remaining = Key._reindex_batch(limit=1)
        self.assertEqual(done, 1)
        self.assertTrue(remaining)
        while remaining:
            _done, remaining = Key._reindex_batch(limit=500)
        self.assertIn("v:7707083893", Key._get_keys(self.toyota.ids)[self.toyota.id])

    def test_upgrade_from_the_first_release_keeps_blocking(self):
        """A database of 19.0.1.0.0 holds keys of the old format: the migration re-indexes them."""
        self.env.cr.execute(SQL("DELETE FROM event_lead_partner_key WHERE partner_id = %s", self.toyota.id))
        # the keys release 19.0.1.0.0 stored for Toyota (a phonetic skeleton as name)
        self.env["event.lead.partner.key"]._replace_keys(
            {self.toyota.id: ["n:tata", "v:7707083893", "e:info@toyota.ru", "d:toyota.ru", "p:74951234567"]}
        )
        migration = _load_migration("19.0.1.1.0", "post-migrate-guard-keys.py")
        # the script's own function (openupgrade's decorator reads the stage
        # from Odoo's migration manager, which does not call it here)
        migration.migrate.__wrapped__(self.env, "19.0.1.0.0")
        keys = self.env["event.lead.partner.key"]._get_keys(self.toyota.ids)[self.toyota.id]
        self.assertNotIn("n:tata", keys)
        self.assertIn("n:тойота", keys)
        with self.assertRaises(UserError) as caught:
            self.env["res.partner"].with_user(self.user_advisor).create({"name": "Toyota", "is_company": True})
        self.assertIn("Boris Advisor", str(caught.exception))


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

    def test_notice_in_each_readers_language(self):
        """Anna (Russian) creates a look-alike of Boris's client: Boris reads Russian, his manager English."""
        self.user_advisor2.lang = "ru_RU"
        self.user_manager.lang = "en_US"
        self.env["res.partner"].with_user(self.user_advisor).with_context(lang="ru_RU").create(
            {"name": "Toyota Motor LLC", "is_company": True}
        )
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.toyota.id),
                ("message_type", "=", "user_notification"),
                ("author_id", "=", self.user_advisor.partner_id.id),
            ]
        )
        by_reader = {partner.name: str(message.body) for message in messages for partner in message.partner_ids}
        self.assertIn("Возможный дубль вашего клиента", by_reader["Boris Advisor"])
        self.assertIn("Possible duplicate of your client", by_reader["Maria Manager"])

    def test_overlong_email_in_the_users_language(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["res.partner"].with_user(self.user_advisor).with_context(lang="ru_RU").create(
                {"name": "Длинная почта", "email": "a" * 2000 + "@example.com"}
            )
        self.assertIn("не длиннее 254", str(caught.exception))

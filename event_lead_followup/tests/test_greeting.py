from odoo.tests import Form, tagged

from .common import EventLeadCommon


@tagged("post_install", "-at_install")
class TestGreeting(EventLeadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(["event_lead_followup"], ["ru_RU"], overwrite=True)
        cls.company = cls.env["res.partner"].create({"name": "ООО «Ромашка»", "is_company": True, "lang": "ru_RU"})

    def _person(self, firstname, lastname="Кондрашов", lang="ru_RU"):
        return self.env["res.partner"].create(
            {"firstname": firstname, "lastname": lastname, "parent_id": self.company.id, "lang": lang}
        )

    def test_first_name_only(self):
        """Letters greet by the first name, never by the full name."""
        person = self._person("Василий Иванович")
        self.assertIn("Кондрашов", person.name)
        self.assertEqual(person.greeting, "Здравствуйте, Василий Иванович!")

    def test_unknown_first_name_is_neutral(self):
        """'!' or an empty first name means unknown: a neutral greeting."""
        for first in ("!", " ! ", "!!", False, "  "):
            person = self._person(first)
            self.assertFalse(person.greeting_name, repr(first))
            self.assertEqual(person.greeting, "Здравствуйте!", repr(first))

    def test_company_is_neutral(self):
        self.assertEqual(self.company.greeting, "Здравствуйте!")

    def test_greeting_in_contact_language(self):
        """An English-speaking contact is greeted in English."""
        person = self._person("Oleg", "Smith", lang="en_US")
        self.assertEqual(person.greeting, "Hello, Oleg!")
        self.assertEqual(self._person("!", "Smith", lang="en_US").greeting, "Hello!")

    def test_first_name_typed_in_form(self):
        """An advisor types the names separately on the contact form."""
        with Form(self.env["res.partner"].with_user(self.user_advisor)) as form:
            form.company_type = "person"
            form.firstname = "Олег"
            form.lastname = "Петров"
        self.assertEqual(form.record.greeting_name, "Олег")


@tagged("post_install", "-at_install")
class TestPoolOwnerSetting(EventLeadCommon):
    def test_manager_sets_pool_owner(self):
        """The pool owner is a company setting, set from the Settings app."""
        pool = self.env["res.users"].create({"name": "Василий Тупин", "login": "el_pool"})
        settings = self.env["res.config.settings"].create({"event_lead_pool_user_id": pool.id})
        settings.execute()
        self.assertEqual(self.env.company.event_lead_pool_user_id, pool)

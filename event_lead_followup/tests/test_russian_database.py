from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import EventLeadCommon


@tagged("post_install", "-at_install")
class TestRussianNames(EventLeadCommon):
    """A full name typed in one field, the Russian way, in a Russian database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._russian_reader(cls.user_advisor)
        cls.params = cls.env["ir.config_parameter"].sudo()
        cls.company = cls.env["res.partner"].create({"name": "ООО «Дорстрой»", "is_company": True})

    def test_english_database_keeps_first_name_first(self):
        self.params.set_param("partner_names_order", False)
        self.assertFalse(self.env["res.config.settings"]._event_lead_set_russian_names_order())
        person = self.env["res.partner"].create({"name": "Oleg Smith", "parent_id": self.company.id})
        self.assertEqual((person.firstname, person.lastname), ("Oleg", "Smith"))

    def test_russian_database_reads_last_name_first(self):
        """The administrator speaks Russian: "Кондрашов Василий" is last name
        Кондрашов, first name Василий, greeted by the first name."""
        self.params.set_param("partner_names_order", False)
        self.env.ref("base.user_admin").lang = "ru_RU"
        self.assertTrue(self.env["res.config.settings"]._event_lead_set_russian_names_order())
        self.assertEqual(self.params.get_param("partner_names_order"), "last_first")
        # typed in the "New contact" field of a many2one (quick create)
        person_id, _name = self.env["res.partner"].name_create("Кондрашов Василий")
        person = self.env["res.partner"].browse(person_id)
        person.lang = "ru_RU"
        self.assertEqual((person.lastname, person.firstname), ("Кондрашов", "Василий"))
        self.assertEqual(person.greeting, "Здравствуйте, Василий!")
        # a full name in one column of an import, patronymic included
        imported = self.env["res.partner"].create(
            {"name": "Петрова Анна Сергеевна", "parent_id": self.company.id, "lang": "ru_RU"}
        )
        self.assertEqual((imported.lastname, imported.firstname), ("Петрова", "Анна Сергеевна"))
        self.assertEqual(imported.greeting, "Здравствуйте, Анна Сергеевна!")
        # the names typed apart on the contact form show last name first
        with Form(self.env["res.partner"].with_user(self.user_advisor)) as form:
            form.company_type = "person"
            form.firstname = "Олег"
            form.lastname = "Петров"
        self.assertEqual(form.record.name, "Петров Олег")

    def test_administrators_choice_is_kept(self):
        self.params.set_param("partner_names_order", "first_last")
        self.env.ref("base.user_admin").lang = "ru_RU"
        self.assertFalse(self.env["res.config.settings"]._event_lead_set_russian_names_order())
        self.assertEqual(self.params.get_param("partner_names_order"), "first_last")

    def test_name_order_choices_in_russian(self):
        settings = self.env["res.config.settings"].with_context(lang="ru_RU")
        choices = dict(settings.fields_get(["partner_names_order"])["partner_names_order"]["selection"])
        self.assertEqual(choices["last_first"], "Фамилия Имя")


@tagged("post_install", "-at_install")
class TestRussianCompany(EventLeadCommon):
    """Odoo's own words on our screens, and the requisites of a Russian company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        # Odoo's Russian of mail (the activity states of the contacts), then ours
        cls.env["ir.module.module"]._load_module_terms(["mail", "event", "event_lead_followup"], ["ru_RU"])
        cls.env.company.country_id = cls.env.ref("base.ru")

    def test_odoo_words_in_russian(self):
        """What Odoo's catalogues leave English on the client card and the deals reads Russian."""
        Partner = self.env["res.partner"].with_context(lang="ru_RU")
        partner_fields = Partner.fields_get(["company_type", "firstname", "lastname"])
        self.assertEqual(dict(partner_fields["company_type"]["selection"])["person"], "Физическое лицо")
        self.assertEqual(partner_fields["firstname"]["string"], "Имя")
        self.assertEqual(partner_fields["lastname"]["string"], "Фамилия")
        stage_fields = self.env["crm.stage"].with_context(lang="ru_RU").fields_get(["probability"])
        self.assertEqual(stage_fields["probability"]["string"], "Вероятность (%)")
        # the tax id of a company in Russia is its INN, in both languages
        self.assertEqual(Partner.new({}).vat_label, "ИНН")
        self.assertEqual(Partner.with_context(lang="en_US").new({}).vat_label, "INN")
        self.assertIn('string="ИНН"', Partner.get_view(self.env.ref("base.view_partner_form").id)["arch"])
        # the activity states of the deals, as Odoo translates those of the contacts
        states = dict(
            self.env["crm.lead"]
            .with_context(lang="ru_RU")
            .fields_get(["activity_state"])["activity_state"]["selection"]
        )
        contact_states = dict(Partner.fields_get(["activity_state"])["activity_state"]["selection"])
        self.assertEqual(states, contact_states)
        self.assertNotEqual(states["overdue"], "Overdue")

    def test_event_form_in_russian(self):
        """Odoo 19's new words on the event form that its catalogue leaves English."""
        arch = self.env["event.event"].with_context(lang="ru_RU").get_view(self.env.ref("event.view_event_form").id)
        self.assertIn("Несколько слотов", arch["arch"])
        self.assertIn("Заметки и документы", arch["arch"])
        self.assertNotIn("Notes &amp; Documents", arch["arch"])

    def test_translation_of_an_administrator_is_kept(self):
        person = self.env.ref("base.selection__res_partner__company_type__person")
        person.update_field_translations("name", {"ru_RU": "Частное лицо"})
        self.env["ir.module.module"]._load_module_terms(["event_lead_followup"], ["ru_RU"])
        self.assertEqual(person.with_context(lang="ru_RU").name, "Частное лицо")

    def test_kpp(self):
        """The KPP sits next to the INN; the company's contacts share it; a wrong one is refused."""
        company = self.env["res.partner"].create(
            {"name": "ООО «Экспо-Волга»", "is_company": True, "vat": "6316000000", "event_lead_kpp": "631601001"}
        )
        person = self.env["res.partner"].create({"firstname": "Олег", "lastname": "Петров", "parent_id": company.id})
        self.assertEqual(person.event_lead_kpp, "631601001")
        company.event_lead_kpp = "6316AB001"
        self.assertEqual(person.event_lead_kpp, "6316AB001", "the commercial entity's KPP reaches its contacts")
        with self.assertRaises(ValidationError):
            company.event_lead_kpp = "63160100"
        self.env.company.event_lead_kpp = "631601001"
        self.assertEqual(self.env.company.partner_id.event_lead_kpp, "631601001")

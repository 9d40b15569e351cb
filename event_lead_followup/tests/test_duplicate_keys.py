"""Every matching rule of the duplicate guard, on the pure key functions.

Each test pairs spellings that must meet and, where a rule could overreach,
spellings that must stay apart; removing the rule makes its test fail.
"""

from odoo.tests import BaseCase, tagged

from odoo.addons.event_lead_followup.tools import duplicate_keys as dk


def shared(first, second):
    return dk.names_match(first, second)


@tagged("post_install", "-at_install")
class TestNameKeys(BaseCase):
    def assertMatch(self, first, second):
        self.assertTrue(shared(first, second), f"{first!r} and {second!r} should match")

    def assertNoMatch(self, first, second):
        self.assertFalse(shared(first, second), f"{first!r} and {second!r} should not match")

    def test_alias_in_brackets(self):
        """`Тойота (Toyota)` is found by either name; `ГК Рики (Смешарики)` by the brand and the company."""
        for name in ("Toyota", "Тойота", "TOYOTA"):
            self.assertMatch("Тойота (Toyota)", name)
        self.assertMatch("ГК Рики (Смешарики)", "Смешарики")
        self.assertMatch("ГК Рики (Смешарики)", "Рики")
        self.assertEqual(dk.name_variants("ГК Рики (Смешарики)"), ["ГК Рики", "Смешарики"])

    def test_legal_forms_anywhere(self):
        """ООО, АО, ПАО, ИП, LLC, GmbH... before or after the name, short or spelt out."""
        for name in (
            "Ромашка ООО",
            "АО Ромашка",
            "ПАО «Ромашка»",
            "ИП Ромашка",
            "Romashka LLC",
            "Romashka GmbH",
            "Общество с ограниченной ответственностью «Ромашка»",
        ):
            self.assertMatch('ООО "Ромашка"', name)
        self.assertEqual(dk.name_keys("ООО"), [], "a legal form alone is not a name")

    def test_quotes_case_and_spacing(self):
        for name in ("«Ромашка»", '"Ромашка"', "„Ромашка“", "'Ромашка'", "РОМАШКА", "  ромашка  "):
            self.assertMatch("Ромашка", name)
        self.assertMatch("Рога и Копыта", "РОГА  И   КОПЫТА")
        self.assertMatch("Вимм-Билль-Данн", "Вимм Билль Данн")

    def test_transliteration(self):
        """Cyrillic and Latin spellings of one name reduce to one skeleton."""
        for cyrillic, latin in (
            ("Газпром", "Gazprom"),
            ("Яндекс", "Yandex"),
            ("Лукойл", "Lukoil"),
            ("Тойота", "Toyota"),
            ("Ромашка", "Romashka"),
            ("Сименс", "Siemens"),
            ("Мерседес", "Mercedes"),
            ("Ростелеком", "Rostelecom"),
            ("Пятёрочка", "Pyaterochka"),
            ("Шоколадница", "Shokoladnitsa"),
        ):
            self.assertMatch(cyrillic, latin)
        self.assertMatch("OOO Romashka", 'ООО "Ромашка"')

    def test_latin_letters_typed_in_cyrillic_word(self):
        """A Latin 'P' in 'Pомашка' is read as the Cyrillic letter it looks like."""
        self.assertMatch("Pомашка", "Ромашка")

    def test_different_names_stay_apart(self):
        for first, second in (
            ("Ромашка", "Ромашкино"),
            ("Газпром", "Газпромбанк"),
            ("Альфа", "Альфа-Банк"),
            ("Сбербанк", "Сбер"),
            ("Рога и Копыта", "Копыта"),
        ):
            self.assertNoMatch(first, second)

    def test_short_names_do_not_collide(self):
        """Skeletons of short names meet by chance: Тата is not Тойота, Рока is not ГК Рики."""
        for first, second in (("Тата", "Тойота"), ("Рока", "ГК Рики (Смешарики)")):
            self.assertNoMatch(first, second)
            self.assertIsNone(dk.weak_evidence(first, second), "not even a possible duplicate")

    def test_confusable_letters(self):
        """Letters of other scripts that look alike (UTS #39 data), full-width and bold letters."""
        for cheat in ("Tοyota", "Tօyota", "ＴＯＹＯＴＡ", "𝐓𝐨𝐲𝐨𝐭𝐚", "T0yota"):
            self.assertMatch("Toyota", cheat)
        for cheat in ("Р0машка", "Pомашка", "РОМАШКA"):
            self.assertMatch("Ромашка", cheat)
        self.assertMatch("Tıme", "Time")

    def test_yo_and_soft_sign(self):
        self.assertMatch("Ёлка", "Елка")
        self.assertNoMatch("Угол", "Уголь")
        self.assertMatch("Ugol", "Уголь")

    def test_company_words_are_weak_evidence(self):
        """A name holding another's whole distinctive name is a possible duplicate, never the same."""
        self.assertNoMatch("Toyota", "Toyota Motor LLC")
        self.assertEqual(dk.weak_evidence("Toyota Motor LLC", "Тойота (Toyota)"), ("contains", 100))
        self.assertEqual(dk.weak_evidence("Ромашка Менеджмент", "ООО Ромашка"), ("contains", 100))
        self.assertIsNone(dk.weak_evidence("Строй Сервис", "Строй Трейд"), "only generic words in common")
        kind, score = dk.weak_evidence("Ромашко", "Ромашка")
        self.assertEqual(kind, "similar")
        self.assertGreaterEqual(score, 80)

    def test_legal_form_names_a_company(self):
        self.assertTrue(dk.has_legal_form("ООО Фрегат"))
        self.assertTrue(dk.has_legal_form("Fregat Marine LLC"))
        self.assertFalse(dk.has_legal_form("Fregat Marine"))

    def test_names_are_company_keys_only(self):
        """People share names: only companies get a name key."""
        self.assertFalse([k for k in dk.partner_keys(name="Иван Петров", is_company=False) if k.startswith("n:")])
        self.assertIn("n:" + dk.name_keys("Ромашка")[0], dk.partner_keys(name="Ромашка", is_company=True))


@tagged("post_install", "-at_install")
class TestOtherKeys(BaseCase):
    def test_phone_forms(self):
        """8..., +7..., spaces, brackets and dashes: one number."""
        forms = ("8 (495) 123-45-67", "+7 495 1234567", "74951234567", "(495) 123 45 67", "+7-495-123-45-67")
        self.assertEqual({dk.phone_key(form) for form in forms}, {"74951234567"})
        self.assertEqual(dk.phone_key("0049 30 1234567"), dk.phone_key("+49 30 1234567"))
        self.assertEqual(dk.phone_key("12-34"), "", "too short to identify anyone")

    def test_phone_extensions_regions_and_digits(self):
        """An extension is dropped; 8 (...) is read in the partner's country; full-width digits are digits."""
        for form in ("+7 495 123 45 67 доб. 12", "+7 495 1234567 ext. 5", "８ (４９５) １２３-４５-６７"):
            self.assertEqual(dk.phone_key(form), "74951234567")
        self.assertEqual(dk.phone_key("8 017 123-45-67", "BY"), dk.phone_key("+375 17 123 45 67"))
        self.assertNotEqual(dk.phone_key("8 017 123-45-67", "BY"), dk.phone_key("8 017 123-45-67", "RU"))

    def test_vat(self):
        self.assertEqual(dk.vat_key("RU7707083893"), dk.vat_key("7707 083 893"))
        self.assertEqual(dk.vat_key("7707-083-893"), "7707083893")
        self.assertEqual(dk.vat_key("/"), "", "'/' means not subject to tax")

    def test_inn_with_kpp_and_check_digits(self):
        """The INN is found with its KPP, in full-width digits; a wrong check digit identifies nobody."""
        for form in (
            "7707083893/770701001",
            "ИНН 7707083893 КПП 770701001",
            "７７０７０８３８９３",
            "7707083893770701001",
        ):
            self.assertEqual(dk.vat_key(form), "7707083893")
        self.assertEqual(dk.vat_key("7707083894"), "")
        self.assertEqual(dk.vat_key("DE 123456789"), "123456789")
        self.assertEqual(dk.ogrn_key("1027700132195"), "1027700132195")
        self.assertEqual(dk.ogrn_key("1027700132196"), "")

    def test_email_and_domain(self):
        keys = dk.partner_keys(email="Ivan.Petrov@Toyota.RU", public_domains=frozenset())
        self.assertIn("e:ivan.petrov@toyota.ru", keys)
        self.assertIn("d:toyota.ru", keys)

    def test_public_domains_are_not_keys(self):
        keys = dk.partner_keys(email="ivan@mail.ru", public_domains=frozenset({"mail.ru"}))
        self.assertIn("e:ivan@mail.ru", keys)
        self.assertNotIn("d:mail.ru", keys)

    def test_subdomains_and_trailing_dots(self):
        """Registered domains (public suffix list): a branch's subdomain is the company's domain."""
        self.assertEqual(dk.domain_key(dk.domain_of_email("zakaz@msk.toyota.ru")), "toyota.ru")
        self.assertEqual(dk.email_key("Info@Toyota.RU."), "info@toyota.ru")
        self.assertEqual(dk.domain_key("firm.co.uk"), "firm.co.uk")
        # a site on a public site builder is its own
        self.assertEqual(dk.domain_key("romashka.tilda.ws", frozenset({"tilda.ws"})), "romashka.tilda.ws")
        self.assertEqual(dk.domain_key("mail.ru", frozenset({"mail.ru"})), "")
        # an unknown top-level domain (.example, .local): the host is kept whole
        self.assertEqual(dk.domain_key("client1.demo.example"), "client1.demo.example")

    def test_keys_are_bounded(self):
        keys = dk.partner_keys(name="Ромашка " * 500, is_company=True, email="a" * 240 + "@b.ru")
        self.assertTrue(keys)
        self.assertLessEqual(max(len(key) for key in keys), dk.MAX_KEY_VALUE + 2)

    def test_website_domain(self):
        """The company's website domain meets its people's e-mail domain."""
        self.assertEqual(dk.domain_of_website("https://www.toyota.ru/about"), "toyota.ru")
        self.assertEqual(dk.domain_of_website("toyota.ru"), "toyota.ru")
        self.assertEqual(dk.domain_of_website("www.toyota.ru"), dk.domain_of_email("sales@toyota.ru"))

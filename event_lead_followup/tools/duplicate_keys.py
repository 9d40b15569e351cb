"""Normalised keys of the duplicate guard.

Pure functions (no ORM): each turns what a user typed into the keys stored in
``event.lead.partner.key``. Two partners are possible duplicates when they
share one key. A key is ``<kind>:<value>``:

- ``n:`` a phonetic skeleton of a company name, one per bracketed alias
  (``Тойота (Toyota)`` gives the skeleton of ``Тойота`` and of ``Toyota``,
  which are the same);
- ``v:`` the tax id (INN) without country prefix, spaces or punctuation;
- ``e:`` the normalised e-mail address;
- ``d:`` the e-mail (or website) domain, unless it is a public one;
- ``p:`` the phone number as digits in one international form.
"""

import re
import unicodedata
from urllib.parse import urlparse

from odoo.tools import email_normalize

NAME, VAT, EMAIL, DOMAIN, PHONE = "n", "v", "e", "d", "p"
KINDS = (NAME, VAT, EMAIL, DOMAIN, PHONE)

# Legal forms and their usual spellings, in both scripts (lower case, ё as е).
# A name made only of them gives no name key.
LEGAL_FORM_WORDS = frozenset(
    (
        # Russian and CIS
        "ооо",
        "оао",
        "ао",
        "зао",
        "пао",
        "нао",
        "ип",
        "чп",
        "тоо",
        "гк",
        "тд",
        "нпо",
        "нпп",
        "нпк",
        "пк",
        "фгуп",
        "гуп",
        "муп",
        "ано",
        "нко",
        # Latin spellings and foreign forms
        "ltd",
        "llc",
        "inc",
        "corp",
        "co",
        "company",
        "gmbh",
        "ag",
        "sa",
        "srl",
        "bv",
        "plc",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "oao",
        "ooo",
        "zao",
        "pao",
        "ip",
        "gk",
        "td",
        "npo",
        "npp",
        "ltda",
        "limited",
        "incorporated",
        "corporation",
        "kg",
        "ug",
        "oy",
        "ab",
    )
)
# Multi-word legal forms, removed as whole phrases before single words.
LEGAL_FORM_PHRASES = tuple(
    tuple(phrase.split())
    for phrase in (
        "общество с ограниченной ответственностью",
        "публичное акционерное общество",
        "закрытое акционерное общество",
        "открытое акционерное общество",
        "непубличное акционерное общество",
        "акционерное общество",
        "индивидуальный предприниматель",
        "группа компаний",
        "торговый дом",
        "научно производственное объединение",
        "научно производственное предприятие",
        "limited liability company",
        "joint stock company",
        "group of companies",
    )
)

_CYRILLIC_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    # Ukrainian / Belarusian / Kazakh letters seen in Russian-language CRMs
    "і": "i",
    "ї": "i",
    "є": "e",
    "ў": "u",
    "ґ": "g",
    "қ": "k",
    "ң": "n",
    "ғ": "g",
    "ү": "u",
    "ұ": "u",
    "һ": "h",
    "ә": "a",
    "ө": "o",
}
# Latin spellings that sound the same, applied in this order to both scripts
# once everything is Latin.
_LATIN_RULES = (
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"ch"), "\x01"),  # keep ch apart from c -> k
    (re.compile(r"c"), "k"),
    (re.compile(r"\x01"), "ch"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"q"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"tz"), "ts"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"[yj]"), "i"),
    # every vowel sounds alike once written in the other script (Тойота,
    # Toyota; Сименс, Siemens; Яндекс, Yandex): one vowel class, one per run
    (re.compile(r"[aeiou]+"), "a"),
    # doubled consonants are a spelling habit (Ассоль, Assol, Asol)
    (re.compile(r"([b-df-hj-np-tv-z])\1+"), r"\1"),
)
# Latin letters that look like Cyrillic ones, typed by mistake inside a
# Cyrillic word (a Latin "Р" in "Pомашка")
_HOMOGLYPHS = str.maketrans("ABCEHKMOPTXYaceopxy", "АВСЕНКМОРТХУасеорху")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_QUOTES = "\"'`«»„“”‘’‚‹›″"
_SPLIT = re.compile(r"[^\w]+", re.UNICODE)
_BRACKETS = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")
MIN_NAME_KEY = 3
MIN_PHONE_DIGITS = 7


def _strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _drop_legal_forms(words):
    kept = []
    i = 0
    while i < len(words):
        for phrase in LEGAL_FORM_PHRASES:
            if tuple(words[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            if words[i] not in LEGAL_FORM_WORDS:
                kept.append(words[i])
            i += 1
    return kept


def transliterate(text):
    """Latin letters for Cyrillic ones (everything else is kept)."""
    return "".join(_CYRILLIC_TO_LATIN.get(char, char) for char in text)


def name_skeleton(name):
    """The phonetic skeleton of one company name (no brackets handled here).

    Lower case, no quotes, no legal form, no spaces or punctuation, Cyrillic
    transliterated to Latin, then the Latin spellings of one sound merged, so
    that ``ООО "Ромашка"``, ``Ромашка ООО``, ``«Ромашка»`` and
    ``OOO Romashka`` give one skeleton, as do ``Газпром`` and ``Gazprom``.
    Empty when nothing meaningful remains.
    """
    text = name or ""
    for quote in _QUOTES:
        text = text.replace(quote, " ")
    words = [
        (word.translate(_HOMOGLYPHS) if _CYRILLIC.search(word) else word).lower().replace("ё", "е")
        for word in _SPLIT.split(text.replace("_", " "))
        if word
    ]
    words = _drop_legal_forms(words)
    text = _strip_accents(transliterate("".join(words)))
    text = re.sub(r"[^a-z0-9]", "", text)
    for pattern, repl in _LATIN_RULES:
        text = pattern.sub(repl, text)
    return text if len(text) >= MIN_NAME_KEY else ""


def name_variants(name):
    """The names a company is known by: the main name and each bracketed alias.

    ``ГК Рики (Смешарики)`` -> ``["ГК Рики", "Смешарики"]``.
    """
    name = name or ""
    aliases = [alias.strip() for alias in _BRACKETS.findall(name)]
    main = _BRACKETS.sub(" ", name).strip()
    return [variant for variant in [main, *aliases] if variant]


def name_keys(name):
    keys = []
    for variant in name_variants(name):
        skeleton = name_skeleton(variant)
        if skeleton and skeleton not in keys:
            keys.append(skeleton)
    return keys


def vat_key(vat):
    """The tax id without spaces, punctuation or a country prefix (RU7707083893 -> 7707083893)."""
    value = re.sub(r"[^0-9A-Za-z]", "", vat or "").upper()
    if len(value) <= 1:  # '/' means "not subject to tax"
        return ""
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 5 and re.fullmatch(r"[A-Z]{0,3}\d+", value):
        return digits
    return value


def email_key(email):
    return email_normalize(email or "", strict=False) or ""


def domain_of_email(email):
    normalized = email_key(email)
    return normalized.rsplit("@", 1)[1] if "@" in normalized else ""


def domain_of_website(website):
    website = (website or "").strip().lower()
    if not website:
        return ""
    if "//" not in website:
        website = "//" + website
    host = urlparse(website).hostname or ""
    host = host.removeprefix("www.")
    return host if "." in host else ""


def phone_key(phone, country_code="7"):
    """Digits of the phone in one international form.

    ``8 (495) 123-45-67``, ``+7 495 1234567`` and ``74951234567`` all give
    ``74951234567``: a leading ``00`` is dropped, a Russian trunk ``8`` of an
    11-digit number becomes ``7``, and a 10-digit national number gets the
    country code.
    """
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("00"):
        digits = digits[2:]
    elif len(digits) == 11 and digits.startswith("8") and country_code == "7":
        digits = "7" + digits[1:]
    elif len(digits) == 10 and country_code:
        digits = f"{country_code}{digits}"
    return digits if len(digits) >= MIN_PHONE_DIGITS else ""


def partner_keys(
    name=None,
    is_company=False,
    vat=None,
    email=None,
    phone=None,
    website=None,
    country_code="7",
    public_domains=frozenset(),
):
    """Every key of one partner, as ``<kind>:<value>`` strings, without repeats.

    Names are keys of companies only: people share names (namesakes), they are
    matched by e-mail and phone.
    """
    keys = []
    if is_company:
        keys += [f"{NAME}:{key}" for key in name_keys(name)]
    if value := vat_key(vat):
        keys.append(f"{VAT}:{value}")
    if value := email_key(email):
        keys.append(f"{EMAIL}:{value}")
    for domain in (domain_of_email(email), domain_of_website(website)):
        if domain and domain not in public_domains:
            keys.append(f"{DOMAIN}:{domain}")
    if value := phone_key(phone, country_code):
        keys.append(f"{PHONE}:{value}")
    return list(dict.fromkeys(keys))

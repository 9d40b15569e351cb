"""Normalised keys of the duplicate guard.

Pure functions (no ORM): each turns what a user typed into the keys stored in
``event.lead.partner.key``. A key is ``<kind>:<value>``, bounded in length.

*Strong* keys: two partners sharing one are the same client.

- ``n:`` a company name (one per bracketed alias), in its own script:
  lower case, ё as е, no quotes, no legal form, letters that only look like
  letters of the word's script folded into it; a Latin name is also spelt
  the way it sounds (``Siemens`` -> ``simens``);
- ``l:`` the Latin spelling of a Cyrillic name (``Тойота`` -> ``toiota``):
  it meets the ``n:`` key of a Latin name, never another Cyrillic name
  (``Угол`` and ``Уголь`` are two names);
- ``v:`` the INN (validated; KPP, spaces, ``RU`` and full-width digits
  dropped) or another country's tax id;
- ``o:`` the OGRN / OGRNIP (validated);
- ``e:`` the e-mail address;
- ``d:`` the registered domain of the e-mail or website (subdomains folded),
  unless it is a public one (mail providers, site builders);
- ``p:`` the phone number in international form, without its extension.

*Weak* keys only find candidates, which ``weak_evidence`` then scores; they
never block:

- ``t:`` each distinctive word of a company name (not a generic word such as
  *Group* or *Строй*): "one name contains the other's whole name";
- ``s:`` the phonetic skeleton of a name (every vowel alike): it sounds the
  same;
- ``x:`` the skeleton, and the skeleton with each letter deleted in turn:
  two names one typo apart share one of them.

What we reuse and what we keep (see the README, *What we reuse*):

- ``phonenumbers`` parses and formats phone numbers (region from the
  partner's country, else the company's, else Russia); extensions dropped;
- ``python-stdnum`` validates the INN (``stdnum.ru.inn``) and, from its
  version 2, the OGRN (``stdnum.ru.ogrn``); Odoo 19 pins version 1.19, which
  has no OGRN module, so the OGRN check digit is computed here until then;
- ``publicsuffixlist`` gives the registered domain (the list ships with the
  package: no network access at run time);
- ``confusable-homoglyphs`` carries Unicode's confusables data (UTS #39):
  a Greek ``ο``, an Armenian ``օ``, a dotless ``ı``, a Latin ``P`` in a
  Cyrillic word are read as the letters they look like; Unicode NFKC folds
  full-width and mathematical letters and digits;
- ``rapidfuzz`` scores the similarity of two names.

Our own code is what no library does: the Russian legal forms (and the
usual foreign ones), the RU<->EN transliteration of brand names (spelt the
way English brands are: ``c``, ``k``, ``x``, ``y``), aliases in brackets and
the list of generic company words.
"""

import functools
import hashlib
import re
import unicodedata
from urllib.parse import urlparse

import phonenumbers
from confusable_homoglyphs import categories, confusables
from publicsuffixlist import PublicSuffixList
from rapidfuzz import fuzz
from stdnum.ru import inn as stdnum_inn

from odoo.tools import email_normalize

try:  # python-stdnum >= 2.0
    from stdnum.ru import ogrn as stdnum_ogrn
except ImportError:  # pragma: no cover - Odoo 19 pins python-stdnum 1.19
    stdnum_ogrn = None

# version of the rules below: a change of the stored keys bumps it, and the
# addon ships a migration that re-indexes (migrations/<version>/)
KEYS_VERSION = 2

NAME, LATIN_NAME, VAT, OGRN, EMAIL, DOMAIN, PHONE = "n", "l", "v", "o", "e", "d", "p"
TOKEN, SOUND, TYPO = "t", "s", "x"
STRONG_KINDS = (NAME, LATIN_NAME, VAT, OGRN, EMAIL, DOMAIN, PHONE)
WEAK_KINDS = (TOKEN, SOUND, TYPO)
KINDS = STRONG_KINDS + WEAK_KINDS

# longest values users may type in (longer ones are refused, not indexed)
MAX_EMAIL_LENGTH = 254  # RFC 5321
MAX_PHONE_LENGTH = 64
# longest key value stored as it is; a longer one is stored as its hash
MAX_KEY_VALUE = 100
MIN_NAME_KEY = 2
MIN_TOKEN = 3
# skeletons shorter than this get no typo keys (too many neighbours); longer
# ones are cut (a typo far into a long name is found by its other words)
MIN_TYPO_SKELETON = 5
MAX_TYPO_SKELETON = 24

# Legal forms and business-type prefixes, in both scripts (lower case, ё as
# е). A name made only of them gives no name key.
_LEGAL_FORMS_SOURCE = """
    ооо оао ао зао пао нао ип чп тоо гк тд нпо нпп нпк пк фгуп гуп муп ано нко
    оод ооод одо уп чуп кфх пкф тпк птк нпф тк ук ик ск фирма
    ltd llc inc corp co company gmbh ag sa srl bv plc jsc ojsc cjsc pjsc oao ooo
    zao pao ip gk td npo npp ltda limited incorporated corporation kg ug oy ab
    llp lp pte pty sarl sas spa nv kft sro firm
"""
LEGAL_FORM_WORDS = frozenset(_LEGAL_FORMS_SOURCE.split())
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
        "производственно коммерческая фирма",
        "limited liability company",
        "joint stock company",
        "public limited company",
        "group of companies",
        "co ltd",
    )
)
# Words that many unrelated companies have in their names: a name that
# differs from another only by them is *possibly* the same client (weak),
# and sharing only them means nothing.
GENERIC_WORDS_SOURCE = """
    компания компании группа групп груп холдинг холдинга трейд трейдинг торг торговый торговая торговое
    строй строительный строительная строительство сервис сервиса центр систем системы технологии технология
    тех техно инвест инвестиции финанс финансы капитал консалтинг логистика логистик менеджмент маркетинг
    медиа мотор моторс авто агро транс транспорт транспортная энерго нефть газ банк лизинг страхование
    девелопмент недвижимость производство завод фабрика комбинат предприятие объединение ассоциация союз фонд
    бюро студия агентство магазин маркет снаб снабжение поставка дистрибуция импорт экспорт интернешнл
    международный россия рус русь регион восток запад север юг сибирь урал москва плюс про лайн сити дом мир
    клуб партнер партнеры офис проект решения рf рф нн спб мск
    сервисный сервисная технический техническая инженерный инженерная научный научная медицинский медицинская
    промышленный промышленная производственный производственная финансовый финансовая юридический юридическая
    логистический логистическая консалтинговый консалтинговая транспортный коммерческий коммерческая
    первый первая второй вторая новый новая городской городская областной областная региональный
    региональная национальный национальная российский российская русский русская
    group holding holdings company trade trading service services center centre system systems technologies
    technology tech invest investment investments finance capital consulting logistics management marketing
    media motor motors auto agro trans transport energy oil gas bank leasing insurance development realty
    manufacturing industries industry factory plant international global russia rus east west north south
    plus pro line city home world club partner partners office project solutions distribution import export
    the of and und et
"""
CONJUNCTIONS = frozenset(("и", "and", "und", "et"))

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
# How English brand names spell Russian sounds, applied in this order to
# Latin text (a Latin name, or a Cyrillic one once transliterated).
_SPELLING_RULES = (
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
    (re.compile(r"ie"), "i"),  # Siemens, Сименс
    # doubled letters are a spelling habit (Ассоль, Assol, Asol)
    (re.compile(r"([a-z])\1+"), r"\1"),
)
# The phonetic skeleton (weak): every vowel alike, once per run.
_SKELETON_RULES = ((re.compile(r"[aeiou]+"), "a"),)
_QUOTES = "\"'`«»„“”‘’‚‹›″"
_SPLIT = re.compile(r"[^\w]+", re.UNICODE)
_BRACKETS = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")
_CYRILLIC_LETTER = re.compile(r"[а-яё]")
_SCRIPTS = ("LATIN", "CYRILLIC")
# digits read as letters inside a word (Р0машка); other digits are digits
_DIGITS_AS_LETTERS = frozenset("0")


# ---------------------------------------------------------------------------
# text folding
# ---------------------------------------------------------------------------


@functools.cache
def _prototype(char):
    """The ASCII letter (or digit) Unicode's confusables data says ``char``
    looks like, in lower case, or '' when it looks like none."""
    if char.isascii():
        return char.lower()
    for glyph in confusables.confusables_data.get(char, ()):
        candidate = glyph["c"]
        if len(candidate) == 1 and candidate.isascii() and candidate.isalnum():
            return candidate.lower()
    base = unicodedata.normalize("NFKD", char)[:1]  # a letter with an accent: é -> e
    return base.lower() if base != char and base.isascii() and base.isalnum() else ""


@functools.cache
def _cyrillic_of_prototype():
    """{ASCII prototype: Cyrillic letter} for the Cyrillic letters that look
    like a Latin one (а, е, о, р, с, х, у...)."""
    result = {}
    for char in "абвгдежзийклмнопрстуфхцчшщъыьэюяё":
        for variant in (char, char.upper()):
            proto = _prototype(variant)
            if proto and proto not in result:
                result[proto] = char
    # the digit zero reads as the letter o in both scripts
    result.setdefault("o", "о")
    return result


@functools.cache
def _script(char):
    return categories.alias(char) if char.isalpha() else ""


def _foldable(char, target, cyrillic):
    """Whether ``char`` is a letter of ``target`` or looks like one."""
    if _script(char) == target:
        return True
    proto = _prototype(char)
    return proto in cyrillic if target == "CYRILLIC" else proto.isalpha()


@functools.lru_cache(maxsize=65536)
def _fold_word(word):
    """Letters of other scripts that look like letters of the word's own
    script are read as those; so is a zero between letters (``Р0машка``).
    The word's script is the one every letter of it can be read in
    (``CEBEPCTAЛЬ`` is Cyrillic: Л and Ь are no Latin letters), else the
    one most of its letters are in."""
    counts = dict.fromkeys(_SCRIPTS, 0)
    for char in word:
        script = _script(char)
        if script in counts:
            counts[script] += 1
    if not any(counts.values()):
        return word
    cyrillic = _cyrillic_of_prototype()
    letters = [char for char in word if char.isalpha()]
    readable = [script for script in _SCRIPTS if all(_foldable(char, script, cyrillic) for char in letters)]
    candidates = readable or _SCRIPTS
    target = max(candidates, key=lambda script: counts[script])
    out = []
    last = len(word) - 1
    for index, char in enumerate(word):
        script = _script(char)
        if (script == target and (char.isascii() or target != "LATIN")) or not char.isalnum():
            out.append(char)
            continue
        if char.isdigit() and not (char in _DIGITS_AS_LETTERS and 0 < index < last):
            out.append(char)
            continue
        proto = _prototype(char)
        proto = "o" if proto == "0" else proto
        if target == "CYRILLIC" and proto in cyrillic:
            out.append(cyrillic[proto])
        elif target == "LATIN" and proto.isalpha():
            out.append(proto)
        else:
            out.append(char)
    return "".join(out)


def fold_text(text):
    """What a user typed, as one writing of it: Unicode NFKC (full-width and
    mathematical letters and digits become plain ones), confusable letters
    folded into each word's script, lower case, ё as е."""
    text = unicodedata.normalize("NFKC", text or "")
    words = _SPLIT.split(text)
    seps = _SPLIT.findall(text)
    folded = [_fold_word(word) for word in words]
    out = folded[0] if folded else ""
    for sep, word in zip(seps, folded[1:], strict=True):
        out += sep + word
    return out.lower().replace("ё", "е")


def _strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def transliterate(text):
    """Latin letters for Cyrillic ones (everything else is kept)."""
    return "".join(_CYRILLIC_TO_LATIN.get(char, char) for char in text)


@functools.lru_cache(maxsize=65536)
def latin_spelling(word):
    """A word of a name (folded, lower case) spelt in Latin the way it sounds."""
    text = re.sub(r"[^a-z0-9]", "", _strip_accents(transliterate(word)))
    for pattern, repl in _SPELLING_RULES:
        text = pattern.sub(repl, text)
    return text


def _skeleton_of(latin):
    for pattern, repl in _SKELETON_RULES:
        latin = pattern.sub(repl, latin)
    return latin


def _bounded(kind, value):
    """``kind:value``; a long value is stored as its hash (the index stays small)."""
    if len(value) > MAX_KEY_VALUE:
        value = "#" + hashlib.sha1(value.encode()).hexdigest()
    return f"{kind}:{value}"


# ---------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------


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


def _words(name):
    text = fold_text(name)
    for quote in _QUOTES:
        text = text.replace(quote, " ")
    return [word for word in _SPLIT.split(text.replace("_", " ")) if word]


def has_legal_form(name):
    """Whether ``name`` carries a legal form (``ООО``, ``LLC``...): it names a company."""
    words = _words(name)
    return len(_drop_legal_forms(words)) < len(words)


def name_variants(name):
    """The names a company is known by: the main name and each bracketed alias.

    ``ГК Рики (Смешарики)`` -> ``["ГК Рики", "Смешарики"]``.
    """
    name = name or ""
    aliases = [alias.strip() for alias in _BRACKETS.findall(name)]
    main = _BRACKETS.sub(" ", name).strip()
    return [variant for variant in [main, *aliases] if variant]


GENERIC_WORDS = frozenset(latin_spelling(word) for word in GENERIC_WORDS_SOURCE.split())


class NameForm:
    """One variant of a company name, normalised (see the module docstring)."""

    __slots__ = ("distinctive", "key", "latin", "latin_words", "skeleton", "words")

    def __init__(self, variant):
        words = [word for word in _drop_legal_forms(_words(variant)) if word not in CONJUNCTIONS]
        self.words = words
        self.latin_words = [spelled for spelled in (latin_spelling(word) for word in words) if spelled]
        self.latin = "".join(self.latin_words)
        if any(_CYRILLIC_LETTER.search(word) for word in words):
            self.key = re.sub(r"\W", "", "".join(words))
        else:
            self.key = self.latin
        self.distinctive = frozenset(
            word for word in self.latin_words if word not in GENERIC_WORDS and len(word) >= MIN_TOKEN
        )
        self.skeleton = _skeleton_of(self.latin)

    @property
    def is_cyrillic(self):
        return self.key != self.latin


@functools.lru_cache(maxsize=4096)
def name_forms(name):
    """The normalised forms of each name of a company, without repeats
    (a tuple: the forms are shared by every caller, never changed)."""
    forms, seen = [], set()
    for variant in name_variants(name):
        form = NameForm(variant)
        if len(form.key) >= MIN_NAME_KEY and form.key not in seen:
            seen.add(form.key)
            forms.append(form)
    return tuple(forms)


def name_keys(name):
    """The normalised names (``n:`` values) of a company, one per variant."""
    return [form.key for form in name_forms(name)]


def name_skeleton(name):
    """The phonetic skeleton of one company name (no brackets handled here)."""
    form = NameForm(name)
    return form.skeleton if len(form.key) >= MIN_NAME_KEY else ""


def _deletions(skeleton):
    return {skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton))}


def _name_keys_of(forms):
    keys = []
    for form in forms:
        keys.append(_bounded(NAME, form.key))
        if form.is_cyrillic and len(form.latin) >= MIN_NAME_KEY:
            keys.append(_bounded(LATIN_NAME, form.latin))
        keys += [_bounded(TOKEN, word) for word in sorted(form.distinctive)]
        if len(form.skeleton) >= MIN_NAME_KEY:
            keys.append(_bounded(SOUND, form.skeleton))
        if MIN_TYPO_SKELETON <= len(form.skeleton) <= MAX_TYPO_SKELETON:
            # the skeleton and each of its one-letter deletions: two names one
            # typo apart (a letter missing, added or replaced) share one of them
            keys.append(_bounded(TYPO, form.skeleton))
            keys += [_bounded(TYPO, deletion) for deletion in sorted(_deletions(form.skeleton))]
    return keys


def names_match(first, second):
    """Whether two company names are the same name (strong evidence)."""
    lookup = set(lookup_keys(_name_keys_of(name_forms(first))))
    stored = _name_keys_of(name_forms(second))
    return any(key in lookup for key in stored if key[0] in (NAME, LATIN_NAME))


# ---------------------------------------------------------------------------
# tax ids
# ---------------------------------------------------------------------------


def _ogrn_is_valid(digits):
    if stdnum_ogrn is not None:
        return stdnum_ogrn.is_valid(digits)
    # python-stdnum < 2 (Odoo 19's pin): the OGRN check digit (13 digits,
    # modulo 11) and the OGRNIP one (15 digits, modulo 13)
    if len(digits) == 13:
        return int(digits[:-1]) % 11 % 10 == int(digits[-1])
    if len(digits) == 15:
        return int(digits[:-1]) % 13 % 10 == int(digits[-1])
    return False


def vat_key(vat):
    """The tax id as one key value.

    A Russian INN (10 or 12 digits, check digits valid) is found in any
    writing: ``RU 7707 083 893``, ``ИНН 7707083893``, with its KPP after a
    slash (``7707083893/770701001``) or glued to it, in full-width digits.
    A 10- or 12-digit number whose INN check digits are wrong gives no key:
    it identifies nobody. Another country's tax id gives its digits
    (``DE 123456789`` -> ``123456789``), or its letters and digits when it
    has letters inside. ``/`` (not subject to tax) gives none.
    """
    text = unicodedata.normalize("NFKC", vat or "").upper()
    parts = [part for part in re.split(r"[/\\|;,]", text) if re.search(r"\w", part)]
    for part in parts:
        digits = re.sub(r"\D", "", part)
        candidates = [digits, digits[:-9]] if len(digits) in (19, 21) else [digits]
        for candidate in candidates:
            if len(candidate) in (10, 12) and stdnum_inn.is_valid(candidate):
                return candidate
    if not parts:
        return ""
    value = re.sub(r"[^0-9A-Z]", "", parts[0])
    digits = re.sub(r"\D", "", value)
    if len(value) <= 1:
        return ""
    if re.fullmatch(r"(RU)?\d+", value) and len(digits) in (10, 12, 19, 21):
        return ""
    if re.fullmatch(r"[A-Z]{0,3}\d{5,}", value):
        return digits
    return value


def ogrn_key(value):
    """The OGRN (13 digits) or OGRNIP (15 digits) when its check digit is valid."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", value or ""))
    return digits if len(digits) in (13, 15) and _ogrn_is_valid(digits) else ""


# ---------------------------------------------------------------------------
# e-mails and domains
# ---------------------------------------------------------------------------

_PSL = PublicSuffixList()


def _host(host):
    host = (host or "").strip().strip(".").lower().removeprefix("www.")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return ""  # not a host name: no domain key
    return host if "." in host else ""


def email_key(email):
    text = unicodedata.normalize("NFKC", email or "").strip()
    normalized = email_normalize(text, strict=False) or ""
    if "@" not in normalized:
        return ""
    local, domain = normalized.rsplit("@", 1)
    domain = _host(domain)
    return f"{local}@{domain}" if domain else ""


def domain_of_email(email):
    normalized = email_key(email)
    return normalized.rsplit("@", 1)[1] if "@" in normalized else ""


def domain_of_website(website):
    website = unicodedata.normalize("NFKC", website or "").strip().lower()
    if not website:
        return ""
    if "//" not in website:
        website = "//" + website
    try:
        host = urlparse(website).hostname or ""
    except ValueError:
        return ""
    return _host(host)


def domain_key(host, public_domains=frozenset()):
    """The registered domain of ``host`` (``msk.firm.ru`` -> ``firm.ru``),
    by the Public Suffix List.

    A public domain (mail provider, social network, site builder) says
    nothing of its users: no key for its mailboxes, and a site on one of its
    subdomains (``firm.tilda.ws``) keeps the subdomain."""
    if not host:
        return ""
    # a host under a top-level domain the list does not know (.example,
    # .local, a company's internal one) is kept whole: nothing says where
    # its registered part ends
    registered = _PSL.privatesuffix(host, accept_unknown=False) or host
    if registered in public_domains or host in public_domains:
        if host != registered and host not in public_domains:
            return host
        return ""
    return registered


# ---------------------------------------------------------------------------
# phones
# ---------------------------------------------------------------------------


def phone_key(phone, region="RU"):
    """The phone number in international form, digits only, no extension.

    ``8 (495) 123-45-67``, ``+7 495 1234567 доб. 12`` and ``74951234567``
    (region ``RU``) all give ``74951234567``; ``8 017 123-45-67`` in Belarus
    gives ``375171234567``. A number that cannot be a phone of the region
    (too short, too long) gives no key.
    """
    text = unicodedata.normalize("NFKC", phone or "").strip()
    if not re.search(r"\d", text):
        return ""
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, (region or "RU").upper())
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164).lstrip("+")


# ---------------------------------------------------------------------------
# keys of a partner
# ---------------------------------------------------------------------------


def partner_keys(
    name=None,
    is_company=False,
    vat=None,
    email=None,
    phone=None,
    website=None,
    company_registry=None,
    region="RU",
    public_domains=frozenset(),
):
    """Every key of one partner, as ``<kind>:<value>`` strings, without repeats.

    Names are keys of companies only: people share names (namesakes), they are
    matched by e-mail and phone.
    """
    keys = []
    if is_company:
        keys += _name_keys_of(name_forms(name))
    if value := vat_key(vat):
        keys.append(_bounded(VAT, value))
    for registry in (company_registry, vat):
        if value := ogrn_key(registry):
            keys.append(_bounded(OGRN, value))
    email = email_key(email)
    if email:
        keys.append(_bounded(EMAIL, email))
    for host in (email.rsplit("@", 1)[1] if email else "", domain_of_website(website)):
        if domain := domain_key(host, public_domains):
            keys.append(_bounded(DOMAIN, domain))
    if value := phone_key(phone, region):
        keys.append(_bounded(PHONE, value))
    return list(dict.fromkeys(keys))


def lookup_keys(keys):
    """The keys to look up for a partner whose own keys are ``keys``.

    The Latin spelling of a Cyrillic name meets Latin names only; a Latin
    name meets the Latin spellings of Cyrillic names; every other key meets
    the same key (``x:`` keys hold a skeleton and its one-letter deletions:
    two skeletons one typo apart share one)."""
    result = []
    for key in keys:
        kind, value = key.split(":", 1)
        if kind == LATIN_NAME:
            result.append(f"{NAME}:{value}")
            continue
        result.append(key)
        if kind == NAME and value.isascii() and not value.startswith("#"):
            result.append(f"{LATIN_NAME}:{value}")
    return list(dict.fromkeys(result))


def is_strong(key):
    return key[:1] in STRONG_KINDS


def weak_evidence(new_name, old_name, min_length=4, threshold=80):
    """Why two company names may be one client although their keys differ,
    or ``None``: ``("contains", 100)`` when one name holds all the
    distinctive words of the other (``Toyota Motor``, ``Toyota``),
    ``("similar", score)`` when their Latin spellings are at least
    ``threshold`` % alike (``rapidfuzz``'s ratio), both at least
    ``min_length`` letters long (short names are alike by chance)."""
    best = None
    for new in name_forms(new_name):
        for old in name_forms(old_name):
            for inner, outer in ((old, new), (new, old)):
                if inner.distinctive and inner.distinctive <= set(outer.latin_words):
                    return ("contains", 100)
            if min(len(new.latin), len(old.latin)) < min_length:
                continue
            score = round(fuzz.ratio(new.latin, old.latin))
            if score >= threshold and (best is None or score > best[1]):
                best = ("similar", score)
    return best

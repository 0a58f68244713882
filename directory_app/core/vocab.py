"""Controlled vocabularies (roles, expertise, organisation types, event parts, contact point types).

Codes are stable: they are what the database stores. Labels are English today and go through
:func:`label`, which reads :data:`LABELS` by locale, so a translation layer only has to add a locale there.

The second half of the module infers codes from the free text of registration spreadsheets written in
English, French, German, Russian, Bosnian/Croatian/Serbian (Latin and Cyrillic), Albanian, Macedonian,
Bulgarian, Turkish and Greek. The keyword tables are plain data (dicts of lists) compiled once, at first
use, into regular expressions. Keyword syntax:

* ``"police"``: the normalised words, whole-word match (case-, diacritic- and punctuation-insensitive);
* ``"policij*"``: ``*`` stands for any word characters (a stem); a leading ``*`` allows a prefix, for
  German compounds (``"*polizei*"`` matches "Bundespolizei");
* ``"=THB"``: case-sensitive (diacritics still stripped), for acronyms that are ordinary words in lower case;
* ``"re:..."``: a raw regular expression run on the normalised, case-folded text.

Normalisation (our own, deliberately independent of ``core.folding``): NFKD with combining marks dropped,
a few letters that do not decompose mapped (đ→d, ı→i, ł→l, ø→o, æ→ae, œ→oe, ß→ss), case-folded, and every
run of non-word characters turned into one space. Cyrillic and Greek are matched in their own script.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType
from typing import NamedTuple

from directory_app.core.records import DirectoryError

# ----------------------------------------------------------------------------------------------------
# Codes (display order)
# ----------------------------------------------------------------------------------------------------

ROLES: tuple[str, ...] = (
    "judge",
    "prosecutor",
    "law_enforcement",
    "police_liaison",
    "central_authority",
    "ngo",
    "osce_field_operation",
    "international_organisation",
    "labour_inspector",
    "other",
)

EXPERTISE: tuple[str, ...] = (
    "trafficking_in_human_beings",
    "smuggling_of_migrants",
    "victim_assistance",
    "cross_border_cooperation",
    "financial_investigation",
    "cybercrime",
    "document_fraud",
    "border_management",
    "child_protection",
    "labour_exploitation",
    "asylum_migration",
)

ORG_TYPES: tuple[str, ...] = (
    "court",
    "prosecution",
    "police",
    "ministry",
    "ngo",
    "osce_field_operation",
    "international_organisation",
    "other",
)

PARTS: tuple[str, ...] = ("participant", "speaker", "organiser")

CONTACT_POINT_TYPES: tuple[str, ...] = ("work", "mobile", "fax", "other")

VOCABULARIES: Mapping[str, tuple[str, ...]] = {
    "role": ROLES,
    "expertise": EXPERTISE,
    "org_type": ORG_TYPES,
    "part": PARTS,
    "contact_point_type": CONTACT_POINT_TYPES,
}

# Accepted spellings of the vocabulary names.
_VOCABULARY_ALIASES: Mapping[str, str] = {
    "roles": "role",
    "org_types": "org_type",
    "organisation_type": "org_type",
    "organisation_types": "org_type",
    "organization_type": "org_type",
    "organization_types": "org_type",
    "parts": "part",
    "participation": "part",
    "contact_point_types": "contact_point_type",
}

# Nouns for error messages: (singular, plural).
_NOUNS: Mapping[str, tuple[str, str]] = {
    "role": ("role", "roles"),
    "expertise": ("expertise", "expertise"),
    "org_type": ("organisation type", "organisation types"),
    "part": ("participation", "participations"),
    "contact_point_type": ("contact point type", "contact point types"),
}

# ----------------------------------------------------------------------------------------------------
# Labels: locale -> vocabulary -> code -> label. Add a locale here (or load one into it) to translate.
# ----------------------------------------------------------------------------------------------------

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "role": {
            "judge": "Judge",
            "prosecutor": "Prosecutor",
            "law_enforcement": "Law enforcement",
            "police_liaison": "Police liaison officer",
            "central_authority": "Central authority / ministry",
            "ngo": "NGO",
            "osce_field_operation": "OSCE field operation",
            "international_organisation": "International organisation",
            "labour_inspector": "Labour inspector",
            "other": "Other",
        },
        "expertise": {
            "trafficking_in_human_beings": "Trafficking in human beings",
            "smuggling_of_migrants": "Smuggling of migrants",
            "victim_assistance": "Victim assistance",
            "cross_border_cooperation": "Cross-border co-operation (MLA, extradition, JITs)",
            "financial_investigation": "Financial investigation",
            "cybercrime": "Cybercrime",
            "document_fraud": "Document fraud",
            "border_management": "Border management",
            "child_protection": "Child protection",
            "labour_exploitation": "Labour exploitation",
            "asylum_migration": "Asylum and migration",
        },
        "org_type": {
            "court": "Court",
            "prosecution": "Prosecution",
            "police": "Police",
            "ministry": "Ministry / central authority",
            "ngo": "NGO",
            "osce_field_operation": "OSCE field operation",
            "international_organisation": "International organisation",
            "other": "Other",
        },
        "part": {
            "participant": "Participant",
            "speaker": "Speaker",
            "organiser": "Organiser",
        },
        "contact_point_type": {
            "work": "Work",
            "mobile": "Mobile",
            "fax": "Fax",
            "other": "Other",
        },
    },
}

DEFAULT_LOCALE = "en"


def _vocabulary(vocabulary: str) -> str:
    name = vocabulary.strip().lower().replace("-", "_").replace(" ", "_")
    name = _VOCABULARY_ALIASES.get(name, name)
    if name not in VOCABULARIES:
        raise ValueError(f"unknown vocabulary {vocabulary!r}; known: {', '.join(VOCABULARIES)}")
    return name


def codes(vocabulary: str) -> tuple[str, ...]:
    """The codes of a vocabulary, in display order."""
    return VOCABULARIES[_vocabulary(vocabulary)]


@cache  # exports ask for the same few labels thousands of times
def label(vocabulary: str, code: str, locale: str = DEFAULT_LOCALE) -> str:
    """The display label of a code; falls back to English, then to the code itself (unknown/legacy codes)."""
    name = _vocabulary(vocabulary)
    for loc in (locale, locale.split("_")[0].split("-")[0], DEFAULT_LOCALE):
        text = LABELS.get(loc, {}).get(name, {}).get(code)
        if text:
            return text
    return code


def labels(vocabulary: str, locale: str = DEFAULT_LOCALE) -> list[tuple[str, str]]:
    """(code, label) pairs in display order, e.g. to fill a combo box."""
    return [(code, label(vocabulary, code, locale)) for code in codes(vocabulary)]


def role_label(code: str, locale: str = DEFAULT_LOCALE) -> str:
    return label("role", code, locale)


def expertise_label(code: str, locale: str = DEFAULT_LOCALE) -> str:
    return label("expertise", code, locale)


def org_type_label(code: str, locale: str = DEFAULT_LOCALE) -> str:
    return label("org_type", code, locale)


def part_label(code: str, locale: str = DEFAULT_LOCALE) -> str:
    return label("part", code, locale)


def contact_point_type_label(code: str, locale: str = DEFAULT_LOCALE) -> str:
    return label("contact_point_type", code, locale)


def parse_code(vocabulary: str, text: str) -> str | None:
    """A code from a code or a label (any locale), case/diacritic/punctuation-insensitive; else None.

    "Prosecutor" -> "prosecutor", "law enforcement" -> "law_enforcement", "Ministry / central authority" ->
    "ministry" (org_type).
    """
    name = _vocabulary(vocabulary)
    key = _norm((text or "").replace("_", " "))
    return _code_index(name).get(key) if key else None


@cache
def _code_index(name: str) -> dict[str, str]:
    """Normalised code or label (any locale) -> code, codes first: `parse_code` normalised every label on every
    call (125 µs), and the search asks it for each phrase of a query as it is typed. A locale loaded into LABELS
    later must clear this cache (`_code_index.cache_clear()`)."""
    index: dict[str, str] = {}
    for code in VOCABULARIES[name]:
        index.setdefault(_norm(code.replace("_", " ")), code)
    for locale_labels in LABELS.values():
        for code, text_label in locale_labels.get(name, {}).items():
            index.setdefault(_norm(text_label), code)
    return index


def check_codes(vocabulary: str, values: Iterable[str]) -> list[str]:
    """Validate exact codes; return them deduplicated, in the given order.

    Strict on purpose: callers validate then store what they validated, so labels, other casings and padded
    values are refused (use :func:`parse_code` first to accept labels). Raises DirectoryError with a one-line
    message listing the valid codes at the first unknown value, e.g.
    "unknown role 'judg'; valid roles: judge, prosecutor, ...".
    """
    name = _vocabulary(vocabulary)
    valid = VOCABULARIES[name]
    result: list[str] = []
    for value in values:
        if value not in valid:
            singular, plural = _NOUNS[name]
            raise DirectoryError(f"unknown {singular} {value!r}; valid {plural}: {', '.join(valid)}")
        if value not in result:
            result.append(value)
    return result


# ----------------------------------------------------------------------------------------------------
# Normalisation and keyword compilation
# ----------------------------------------------------------------------------------------------------

_SPECIAL_LETTERS = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ħ": "h",
    }
)
_NON_WORD = re.compile(r"[^\w]+")
_NON_WORD_KEEP_STAR = re.compile(r"[^\w*]+")


def _norm(text: str, fold: bool = True, keep_star: bool = False) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if fold:
        text = text.casefold()
    return (_NON_WORD_KEEP_STAR if keep_star else _NON_WORD).sub(" ", text).strip()


class _Text(NamedTuple):
    folded: str
    cased: str

    @classmethod
    def of(cls, text: str | None) -> _Text:
        text = text or ""
        return cls(_norm(text), _norm(text, fold=False))


def _keyword_regex(keyword: str) -> tuple[str, bool]:
    """(regex, case_sensitive) for one keyword of a table."""
    if keyword.startswith("re:"):
        return keyword[3:], False
    cased = keyword.startswith("=")
    if cased:
        keyword = keyword[1:]
    body = _norm(keyword, fold=not cased, keep_star=True)
    left = "" if body.startswith("*") else r"(?<!\w)"
    right = "" if body.endswith("*") else r"(?!\w)"
    return left + r"\w*".join(re.escape(part) for part in body.split("*")) + right, cased


class _Matcher(NamedTuple):
    folded: re.Pattern[str] | None
    cased: re.Pattern[str] | None

    def find(self, text: _Text) -> int | None:
        """Start of the first match (approximate across the two forms), or None."""
        starts = []
        if self.folded and (m := self.folded.search(text.folded)):
            starts.append(m.start())
        if self.cased and (m := self.cased.search(text.cased)):
            starts.append(m.start())
        return min(starts) if starts else None

    def covers(self, text: _Text) -> bool:
        """Whether one of the keywords is the whole text ("human trafficking"), not a part of it."""
        return bool(
            (self.folded and self.folded.fullmatch(text.folded)) or (self.cased and self.cased.fullmatch(text.cased))
        )


def _compile_table(table: Mapping[str, Iterable[str]]) -> dict[str, _Matcher]:
    compiled: dict[str, _Matcher] = {}
    for key, keywords in table.items():
        folded: list[str] = []
        cased: list[str] = []
        for keyword in keywords:
            regex, is_cased = _keyword_regex(keyword)
            (cased if is_cased else folded).append(f"(?:{regex})")
        compiled[key] = _Matcher(
            re.compile("|".join(folded)) if folded else None,
            re.compile("|".join(cased)) if cased else None,
        )
    return compiled


def _matches(table: Mapping[str, _Matcher], text: _Text) -> dict[str, int]:
    """Keys of the table found in the text, with the position of their first match."""
    found: dict[str, int] = {}
    if not text.folded:
        return found
    for key, matcher in table.items():
        pos = matcher.find(text)
        if pos is not None:
            found[key] = pos
    return found


# ----------------------------------------------------------------------------------------------------
# Keyword tables (data). Keys starting with "_" are helper groups, not codes.
# ----------------------------------------------------------------------------------------------------

_OSCE = r"(?:osce|oebs|оебс|обсе|osbe|osze|οασε)"
_FIELD_WORD = (
    r"(?:mission|misij\w*|мисиј\w*|мисси\w*|misioni\w*|presence|prisustv\w*|присуств\w*|prani\w*"
    r"|programme office|program office|office in|centre in|center in|project co ?ordinator|misyon\w*"
    r"|αποστολ\w*)"
)

_PROSECUTOR = [
    "prosecut*",
    "public prosecutor*",
    "tužila*",
    "tužioc*",
    "tužitelj*",
    "тужила*",
    "тужиоц*",
    "тужител*",
    "обвинител*",
    "obvinitel*",
    "прокурор*",
    "прокуратур*",
    "prokuror*",
    "prokuratur*",
    "procuratur*",
    "procuror*",
    "procura",
    "pubblico ministero",
    "kryeprokuror*",
    "başsavcı*",
    "procureur*",
    "procureure*",
    "parquet",
    "ministère public",
    "ministerul public",
    "ministério público",
    "*staatsanwalt*",
    "*staatsanwält*",
    "savcı*",
    "cumhuriyet savcı*",
    "εισαγγελ*",
    "državn* odvjetni*",
    "state attorney*",  # Croatia's Državno odvjetništvo in English: "Deputy State Attorney", "State Attorney's Office"
    "=DORH",
    "=USKOK",
    "=EPPO",
    # Hungarian, Slovenian, Italian
    "ügyész*",
    "főügyész*",
    "ügyészség*",
    "tožil*",
    "procuratore*",
    "procuratori",
]

_JUDGE = [
    "judge",
    "judges",
    "magistrate*",
    "sudij*",
    "sutkinj*",
    "sudac",
    "suci",
    "судиј*",
    "судија",
    "судья",
    "судьи",
    "судия",
    "съдия",
    "juge",
    "juges",
    "richter*",
    "amtsrichter*",
    "bundesrichter*",
    "hâkim*",
    "hakim*",
    "gjyqtar*",
    "gjykatës*",
    "δικαστής",
    "δικαστές",
    "δικαστίνα",
    # Romanian, Ukrainian, Hungarian, Slovenian, Italian
    "judecător*",
    "judecatoare",
    "суддя",
    "судді",
    "bíró",
    "bírák",
    "bírónő",
    "sodnik*",
    "sodnica",
    "sodnice",
    "giudice",
    "giudici",
]

_COURT = [
    "court",
    "courts",
    "tribunal*",
    "cour",
    "sud",
    "suda",
    "sudu",
    "sudom",
    "суд",
    "суда",
    "суду",
    "судом",
    "судебн*",
    "съд",
    "съда",
    "*gericht",
    "*gerichts*",
    "*gerichtshof*",
    "mahkeme*",
    "yargıtay*",
    "danıştay*",
    "corte",
    "curtea",
    "judecători*",
    "gjykat",
    "gjykata*",
    "gjykatës",
    "δικαστήρι*",
    # Romanian, Hungarian, Slovenian, Italian
    "judecătoria",
    "tribunalul",
    "bíróság*",
    "törvényszék*",
    "sodišč*",
    "tribunale",
]

_PRESIDENT = [
    "president*",
    "président*",
    "präsident*",
    "predsjedni*",
    "predsedni*",
    "председни*",
    "председател*",
    "başkan*",
    "kryetar*",
    "πρόεδρ*",
]

_POLICE = [
    "police*",
    "policier*",
    "policière*",
    "=SIPA",  # Bosnia and Herzegovina's State Investigation and Protection Agency
    "state investigation and protection agency",
    "državn* agencij* za istrag*",
    "државн* агенциј* за истраг*",
    "policij*",
    "policaj*",
    "policia",
    "policisë",
    "полициј*",
    "полици*",
    "полицей*",
    "поліці*",
    "*polizei*",
    "polizist*",
    "polis",
    "polisi",
    "emniyet*",
    "jandarma*",
    "gendarm*",
    "žandarmerij*",
    "жандарм*",
    "carabinier*",
    "polizia",
    "guardia di finanza",
    "politia",
    "politiei",
    "*kriminalamt*",
    "αστυνομ*",
    "border guard*",
    "coast guard*",
    "coastguard*",
    "λιμενικ*",
    "sahil güvenlik*",
    "obalna straža",
    "investigation service*",
    "инспекторат* по расследовани*",
    "national investigation*",
    "customs",
    "carin*",
    "царин*",
    "gümrük*",
    "douane*",
    "zoll*",
    # Romanian, Ukrainian, Bulgarian, Hungarian, Slovenian, Italian
    "poliție",
    "poliției",
    "polițist*",
    "ofițer de poliție",
    "inspectoratul general al poliției",
    "поліцейськ*",
    "полицай*",
    "rendőr*",
    "policist*",
    "poliziott*",
    "questura",
    "guardia di frontiera",
    "poliția de frontieră",
    "rendőrség*",
]

_INVESTIGATOR = [
    "investigator",
    "investigators",
    "criminal investigator*",
    "police inspector*",
    "inspector of police",
    "crime inspector*",
    "criminal inspector*",
    "kriminalističk* inspektor*",
    "криминалистичк* инспектор*",
    "istražitelj*",
    "истражител*",
    "следовател*",
    "enquêteur*",
    "ermittler*",
    "kriminalbeamt*",
    "detective*",
    "hetues*",
]

# Ministry of the interior: in the region it is the police's ministry.
_INTERIOR = [
    "ministry of interior",
    "ministry of the interior",
    "ministry of internal affairs",
    "interior ministry",
    "ministarstv* unutrašnjih poslova",
    "ministarstv* unutarnjih poslova",
    "министарств* унутрашњих послова",
    "министерств* внутренних дел",
    "министерств* за внатрешни работи",
    "министерств* на вътрешните работи",
    "ministère de l intérieur",
    "*innenministerium*",
    "bundesministerium* des innern",
    "içişleri bakanlığı",
    "ministri* e brendshme",
    "ministri* së brendshme",
    "ministri* e punëve të brendshme",
    "υπουργεί* εσωτερικών",
    "υπουργεί* προστασίας του πολίτη",
    "=MUP",
    "=МУП",
    "=MVR",
    "=МВР",
    "=МВД",
]

_LIAISON = [
    "liaison officer*",
    "police liaison*",
    "police attach*",
    "officier* de liaison",
    "oficir* za vezu",
    "официр* за везу",
    "офицер* за связь",
    "офицер* по связи",
    "офицер* за врска",
    "verbindungsbeamt*",
    "irtibat görevlisi",
    "irtibat subayı",
    "oficer* ndërlidhës*",
    "αξιωματικ* σύνδεσμ*",
    "ofițer* de legătură",
    "atașat* de afaceri interne",
    "atașat* de poliție",
    "офицер* за връзка",
    "аташе по вътрешните работи",
]

_MINISTRY = [
    # "minist*" except "Ministère public" and friends, which are prosecution services.
    r"re:(?<!\w)(?!minist\w*\s+publi)minist\w*",
    "минист*",
    "*ministerium*",
    "bakanlı*",
    "bakanlık*",
    "υπουργ*",
    r"re:(?<!\w)national\s+(?:\w+\s+){0,3}?(?:coordinator|co ordinator|rapporteur)\w*",
    r"re:(?<!\w)nacionaln\w*\s+(?:\w+\s+){0,4}?(?:koordinator|izvjestilac|izvestilac)\w*",
    r"re:(?<!\w)национал\w*\s+(?:\w+\s+){0,4}?(?:координатор|известител)\w*",
    r"re:(?<!\w)coordinat\w*\s+national\w*",
    r"re:(?<!\w)rapporteur\w*\s+national\w*",
    r"re:(?<!\w)nationale\w*\s+(?:\w+\s+){0,2}?(?:koordinator|berichterstatter)\w*",
    r"re:(?<!\w)ulusal\s+(?:\w+\s+){0,3}?(?:koordinator|raportor)\w*",
    r"re:(?<!\w)koordinator\w*\s+(?:\w+\s+){0,3}?kombetar\w*",
    r"re:(?<!\w)εθνικ\w*\s+(?:\w+\s+){0,3}?(?:συντονιστ|εισηγητ)\w*",
    "anti trafficking office",
    "office for combating trafficking*",
    "office to combat trafficking*",
    "ured za suzbijanje trgovin*",
    "kancelarij* za borbu protiv trgovin*",
    "канцелариј* за борбу против трговин*",
    "central authority",
    "central authorities",
    "centraln* organ*",
    "središnj* tijel*",
    "централн* орган*",
    "autorité centrale",
    "zentrale behörde*",
    "merkezi makam*",
    "autoritet* qendror*",
    "government",
    "vlada",
    "vlade",
    "влада",
    "владе",
    "правительств*",
    "gouvernement",
    "bundesregierung",
    "hükümet*",
    "qeveri*",
    "κυβέρνηση*",
]

_OSCE_FIELD = [
    rf"re:(?<!\w){_OSCE}\s+(?:\w+\s+){{0,2}}?{_FIELD_WORD}(?!\w)",
    rf"re:(?<!permanent )(?<!\w){_FIELD_WORD}\s+(?:\w+\s+){{0,3}}?{_OSCE}(?!\w)",
    "re:(?<!permanent )(?<!\\w)mission to(?!\\w)",
]

_OSCE_ANY = [
    rf"re:(?<!\w){_OSCE}(?!\w)",
    "=AGIT",
    "organization for security and co operation in europe",
    "organisation for security and co operation in europe",
    "organization for security and cooperation in europe",
    "organisation for security and cooperation in europe",
]

_INTERNATIONAL = [
    "osce secretariat",
    "=ODIHR",
    "=OSR",
    "=CTHB",
    "office of the special representative*",
    "office for democratic institutions and human rights",
    "=IOM",
    "=OIM",
    "=МОМ",
    "organisation internationale pour les migrations",
    "međunarodn* organizacij* za migracij*",
    "међународн* организациј* за миграциј*",
    "меѓународн* организациј* за миграци*",
    "международн* организаци* по миграци*",
    "uluslararası göç örgütü",
    "organizat* ndërkombëtar* për migracion*",
    "international organization for migration",
    "international organisation for migration",
    "=UNODC",
    "=ONUDC",
    "=УНП ООН",
    "=UNHCR",
    "=HCR",
    "=УВКБ ООН",
    "=OIT",
    "=МОТ",
    "=ООН",
    "=OKB",
    "ujedinjen* nacij*",
    "уједињен* нациј*",
    "обединет* нации",
    "объединённ* наци*",
    "объединенн* наци*",
    "nations unies",
    "birleşmiş milletler",
    "kombeve të bashkuara",
    "=UNICEF",
    "=UNDP",
    "=UNFPA",
    "=OHCHR",
    "=ILO",
    "=UN",
    "=UNMIK",
    "un women",
    "united nations*",
    "interpol",
    "europol",
    "eurojust",
    "frontex",
    "=CEPOL",
    "=EUAA",
    "council of europe",
    "conseil de l europe",
    "europarat*",
    "savjet* evrope",
    "vijeć* europe",
    "savet* evrope",
    "савет* европе",
    "совет* европы",
    "avrupa konseyi",
    "këshill* i evropës",
    "=GRETA",
    "=ICMPD",
    "=SELEC",
    "=MARRI",
    "=RCC",
    "=EU",
    "=EULEX",
    "=EUBAM",
    "european union",
    "european commission",
    "delegation of the european union",
    "european public prosecutor*",
]

_NGO = [
    "ngo",
    "ngos",
    "=NVO",
    "=НВО",
    "=ONG",
    "=OJQ",
    "non governmental*",
    "nongovernmental*",
    "nevladin*",
    "невладин*",
    "civil society",
    "association*",
    "associazione",
    "udruženj*",
    "udrug*",
    "удружењ*",
    "здружени*",
    "združenj*",
    "foundation*",
    "fondation*",
    "fondacij*",
    "fondacion*",
    "фондациј*",
    "фондаци*",
    "фонд",
    "фонда",
    "stiftung*",
    "shelter*",
    "sigurn* kuć*",
    "skloništ*",
    "склониште*",
    "dernek*",
    "derneği",
    "vakıf",
    "vakfı",
    "shoqat*",
    "la strada",
    "caritas",
    "terre des hommes",
    "astra",
    "save the children",
    "red cross",
    "=ICRC",
    "=IFRC",
    "croix rouge",
    "crven* krst*",
    "crven* križ*",
    "црвен* крст*",
    "красн* крест*",
    "kızılay*",
    "kryq* i kuq",
    "rotes kreuz",
    "cruz roja",
    "croce rossa",
    # Romanian, Ukrainian, Hungarian, Slovenian, Italian
    "asociația",
    "asociatia",
    "fundația",
    "fundatia",
    "громадськ* організаці*",
    "благодійн*",
    "egyesület*",
    "alapítvány*",
    "društvo",
    "onlus",
    "fondazione",
]

_LABOUR_INSPECTOR = [
    "labour inspect*",
    "labor inspect*",
    "inspekcij* rada",
    "inspektor* rada",
    "inspektorat* rada",
    "inspektor* za rad",
    "инспекциј* рада",
    "инспектор* рада",
    "инспекци* труда",
    "инспектор* труда",
    "трудов* инспекц*",
    "инспекција* за труд",
    "inspection du travail",
    "inspect* du travail",
    "arbeitsinspekt*",
    "iş müfettiş*",
    "iş teftiş*",
    "inspektorat* i punës",
    "inspektor* i punës",
    "επιθεώρηση εργασίας",
    "επιθεωρητ* εργασίας",
    "inspector* de muncă",
    "inspecți* muncii",
    "inspectoratul teritorial de muncă",
    "инспектор* по труда",
    "инспекция по труда",
]

_STAFF = [
    "assistant*",
    "secretary",
    "clerk*",
    "interpret*",
    "translat*",
    "intern",
    "interns",
    "trainee*",
    "driver*",
    "receptionist*",
    "asistent*",
    "ассистент*",
    "асистент*",
    "sekretar*",
    "секретар*",
    "prevodi*",
    "преводи*",
    "переводчи*",
    "tumač*",
    "тумач*",
    "tolmač*",
    "pripravni*",
    "приправни*",
    "interprète*",
    "traduct*",
    "dolmetscher*",
    "übersetzer*",
    "tercüman*",
    "çevirmen*",
    "përkthyes*",
    "μεταφραστ*",
    "διερμηνέ*",
]

# A law office, often named after its partners ("Kanzlei Richter", "Hakim Hukuk Bürosu", "Advokatska kancelarija
# Sudac", "Law Office Hakim & Partners"): its people are lawyers, and a judge's or prosecutor's word in its name is a
# person's name, not their profession.
_LAW_OFFICE = [
    "law office*",
    "law firm*",
    "attorneys at law",
    "*kanzlei*",
    "advokatsk* kancelarij*",
    "advokatsk* kancelarii*",
    "advokatsk* kancelari*",
    "advokatsk* ured*",
    "odvjetničk* ured*",
    "odvjetničk* društv*",
    "адвокатск* канцелариј*",
    "адвокатск* канцелари*",
    "адвокатск* бюро",
    "адвокатск* контор*",
    "hukuk bürosu",
    "hukuk bürosu*",
    "avukatlık bürosu",
    "avukatlik burosu",
    "studio legale",
    "cabinet d avocat*",
    "zyr* ligjor*",
    "studi* ligjor*",
    "cabinet de avocatură",
    "ügyvédi iroda",
]

ROLE_KEYWORDS: dict[str, list[str]] = {
    "judge": _JUDGE,
    "prosecutor": _PROSECUTOR,
    "law_enforcement": _POLICE + _INVESTIGATOR + _INTERIOR,
    "police_liaison": _LIAISON,
    "central_authority": _MINISTRY + _INTERIOR,
    "ngo": _NGO,
    "osce_field_operation": _OSCE_FIELD,
    "international_organisation": _INTERNATIONAL,
    "labour_inspector": _LABOUR_INSPECTOR,
    "_osce": _OSCE_ANY,
    "_court": _COURT,
    "_president": _PRESIDENT,
    "_staff": _STAFF,
    "_law_office": _LAW_OFFICE,
}

# Checked in this order; the first type found wins.
ORG_TYPE_KEYWORDS: dict[str, list[str]] = {
    "osce_field_operation": _OSCE_FIELD,
    "international_organisation": _INTERNATIONAL,
    "_osce": _OSCE_ANY,
    "prosecution": _PROSECUTOR,
    "court": _COURT,
    "police": _POLICE,
    "ngo": _NGO,
    "ministry": _MINISTRY + _INTERIOR,
}

EXPERTISE_KEYWORDS: dict[str, list[str]] = {
    "trafficking_in_human_beings": [
        "=THB",
        "=TIP",
        "=TiP",
        "=CTHB",
        "trafficking in persons",
        "trafficking in person",
        "trafficking in human being*",
        "trafficking of human being*",
        "trafficking in women",
        "trafficking in children",
        "trafficking of persons",
        "human trafficking",
        "human being trafficking",
        "people trafficking",
        "child trafficking",
        "anti trafficking",
        "counter trafficking",
        "combating trafficking",
        # "trafficking" on its own, unless it is about drugs, arms or goods.
        r"re:(?<!drug )(?<!drugs )(?<!arms )(?<!weapons )(?<!firearms )(?<!narcotics )(?<!goods )"
        r"(?<!cigarette )(?<!wildlife )(?<!\w)trafficking(?!\w)(?! (?:in|of) (?:drugs|arms|weapons|firearms"
        r"|narcotics|goods|cigarettes|wildlife))",
        "trgovin* ljud*",
        "trgovanj* z ljudmi",
        "трговин* људ*",
        "трговиј* со луѓе",
        "трафикинг*",
        "торговл* людьми",
        "торговля людьми",
        "трафик* на хора",
        "traite des êtres humains",
        "traite d êtres humains",
        "traite des personnes",
        "*menschenhandel*",
        "insan ticaret*",
        "trafikim* i qenie* njerëzore",
        "trafikim* me njerëz",
        "trafikim* të qenie*",
        "εμπορί* ανθρώπων",
        "εμπορί* ανθρώπινων",
        "εμπορί* προσώπων",
    ],
    "smuggling_of_migrants": [
        "=SOM",
        "=SoM",
        "migrant smuggling",
        "migrants smuggling",
        "smuggling of migrants",
        "smuggling of persons",
        "smuggling of people",
        "people smuggling",
        "human smuggling",
        # "smuggling" on its own, unless it is about drugs, arms or goods (as "trafficking" above).
        r"re:(?<!drug )(?<!drugs )(?<!arms )(?<!weapons )(?<!firearms )(?<!narcotics )(?<!goods )"
        r"(?<!cigarette )(?<!cigarettes )(?<!tobacco )(?<!wildlife )(?<!\w)smuggling(?!\w)(?! (?:in|of) (?:drugs|arms"
        r"|weapons|firearms|narcotics|goods|cigarettes|tobacco|wildlife))",
        "krijumčarenj* migrana*",
        "krijumčarenj* ljud*",
        "кријумчарењ* миграна*",
        "кријумчарењ* људ*",
        "шверц* мигранти*",
        "незаконн* ввоз* мигрант*",
        "незаконн* ввоз*",
        "контрабанд* мигрант*",
        "trafic de migrants",
        "trafic illicite de migrants",
        "*schleus*",
        "göçmen kaçakçılığ*",
        "insan kaçakçılığ*",
        "kontrabandim* i migrant*",
        "trafikim* i migrant*",
        "διακίνηση* μεταναστών",
        "λαθροδιακίνηση*",
    ],
    "victim_assistance": [
        "victim assistance",
        "victim support",
        "victim identification",
        "victim protection",
        "victims assistance",
        "victims support",
        "victims protection",
        "victims rights",
        "victim centred*",
        "victim centered*",
        "assistance to victims",
        "support to victims",
        "support for victims",
        "protection of victims",
        "identification of victims",
        "pomoć žrtvama",
        "pomoć žrtvi*",
        "podršk* žrtv*",
        "zaštit* žrtav*",
        "zaštit* žrtv*",
        "identifikacij* žrtav*",
        "identifikacij* žrtv*",
        "помоћ жртвама",
        "подршк* жртв*",
        "заштит* жртав*",
        "идентификациј* жртав*",
        "помощь жертвам",
        "помощ* жертв*",
        "защит* жертв*",
        "помош* на жртв*",
        "aide aux victimes",
        "assistance aux victimes",
        "protection des victimes",
        "opferschutz*",
        "opferhilfe*",
        "opferbetreuung*",
        "opferunterstützung*",
        "mağdur* destek*",
        "mağdur* yardım*",
        "mağdur* koruma*",
        "ndihm* për viktim*",
        "ndihm* viktim*",
        "mbështetj* e viktima*",
        "mbrojtj* e viktima*",
        "υποστήριξη θυμάτων",
        "προστασία θυμάτων",
    ],
    "cross_border_cooperation": [
        "=JIT",
        "=JITs",
        "=MLA",
        "=ECI",
        "joint investigation team*",
        "mutual legal assistance",
        "mutual assistance",
        "international legal assistance",
        "extradit*",
        "judicial cooperation",
        "judicial co operation",
        "police cooperation",
        "police co operation",
        "international cooperation",
        "international co operation",
        "cross border cooperation",
        "cross border co operation",
        "transnational cooperation",
        "transnational co operation",
        "cross border co operation mla extradition jits",
        "международн* сотрудничеств*",
        "международн* сътрудничеств*",
        "međunarodn* saradnj*",
        "međunarodn* suradnj*",
        "међународн* сарадњ*",
        "меѓународн* соработк*",
        "međunarodn* pravn* pomoć*",
        "међународн* правн* помоћ*",
        "международн* правов* помощ*",
        "ekstradicij*",
        "izručenj*",
        "екстрадициј*",
        "экстрадици*",
        "entraide judiciaire",
        "coopération internationale",
        "*rechtshilfe*",
        "auslieferung*",
        "internationale zusammenarbeit",
        "adli yardım*",
        "uluslararası işbirliği",
        "bashkëpunim* ndërkombëtar*",
        "ekstradim*",
        "ndihm* juridik* ndërkombëtar*",
        "διεθνής συνεργασία",
        "δικαστική συνεργασία",
    ],
    "financial_investigation": [
        "money laundering",
        "=AML",
        "=AML/CFT",
        "=CFT",
        "financial investigation*",
        "financial crime*",
        "asset recovery",
        "asset* confiscation",
        "confiscation*",
        "asset* forfeiture",
        "follow the money",
        "pranj* novca",
        "finansijsk* istrag*",
        "financijsk* istrag*",
        "oduzimanj* imovin*",
        "прање новца",
        "прањ* пари",
        "финансијск* истраг*",
        "отмывани* денег",
        "отмывание денег",
        "финансов* расследовани*",
        "изпиране на пари",
        "blanchiment*",
        "enquête* financière*",
        "*geldwäsche*",
        "finanzermittlung*",
        "vermögensabschöpfung*",
        "karapara*",
        "mali soruşturma*",
        "pastrim* parash*",
        "hetim* financiar*",
        "ξέπλυμα*",
        "οικονομικ* έρευν*",
    ],
    "cybercrime": [
        "cybercrime*",
        "cyber crime*",
        "cyber*",
        "online exploitation",
        "online sexual exploitation",
        "online child sexual exploitation",
        "online child sexual abuse",
        "internet crime*",
        "computer crime*",
        "technology facilitated*",
        "digital evidence",
        "electronic evidence",
        "e evidence",
        "visokotehnološk* kriminal*",
        "високотехнолошк* криминал*",
        "kibernetičk* kriminal*",
        "компјутерск* криминал*",
        "sajber*",
        "sajber kriminal*",  # a phrase the search reads whole ("sajber" alone names it already)
        "сајбер*",
        "сајбер криминал*",
        "кибер*",
        "компьютерн* преступ*",
        "cybercriminalité",
        "siber*",
        "bilişim suç*",
        "krim* kibernetik*",
        "κυβερνοέγκλημα*",
        "ηλεκτρονικό έγκλημα*",
    ],
    "document_fraud": [
        "document fraud",
        "documents fraud",
        "document forgery",
        "forged document*",
        "false document*",
        "fraudulent document*",
        "falsified document*",
        "fake document*",
        "identity fraud",
        "falsifikovan* dokument*",
        "falsificiran* dokument*",
        "krivotvoren* dokument*",
        "krivotvoren* isprav*",
        "falsifikovan* isprav*",
        "фалсификован* документ*",
        "фалсификован* исправ*",
        "поддельн* документ*",
        "фальшив* документ*",
        "подделк* документ*",
        "fraude documentaire",
        "faux documents",
        "dokumentenbetrug*",
        "urkundenfälschung*",
        "sahte belge*",
        "belgede sahtecilik",
        "dokument* të falsifikuar*",
        "πλαστά έγγραφα",
        "πλαστογραφία*",
    ],
    "border_management": [
        "border management",
        "integrated border management",
        "=IBM",
        "border control*",
        "border security",
        "border surveillance",
        "border checks",
        "upravljanj* granic*",
        "granična kontrol*",
        "graničn* kontrol*",
        "управљањ* границ*",
        "гранична контрол*",
        "пограничн* контрол*",
        "гранична контрол*",
        "gestion des frontières",
        "contrôle* aux frontières",
        "contrôle* des frontières",
        "grenzkontroll*",
        "grenzschutz*",
        "grenzmanagement*",
        "sınır yönetim*",
        "sınır kontrol*",
        "sınır güvenliğ*",
        "menaxhim* i kufi*",
        "kontroll* kufitar*",
        "διαχείριση συνόρων",
        "έλεγχος συνόρων",
    ],
    "child_protection": [
        "child protection",
        "protection of children",
        "child*",
        "minors",
        "unaccompanied*",
        "separated children",
        "unaccompanied and separated children",
        "juvenile*",
        "zaštit* djec*",
        "zaštit* dec*",
        "zaštit* djetet*",
        "djeca",
        "djece",
        "djeci",
        "deca",
        "dece",
        "deci",
        "maloljetn*",
        "maloletn*",
        "заштит* деце",
        "заштит* детет*",
        "заштит* на деца",
        "деца",
        "деце",
        "малолет*",
        "малолетн*",
        "защит* детей",
        "защит* на дец*",
        "дети",
        "детей",
        "несовершеннолетн*",
        "непълнолетн*",
        "protection de l enfance",
        "protection des enfants",
        "enfant*",
        "mineurs",
        "kinderschutz*",
        "kinder",
        "minderjährig*",
        "çocuk*",
        "mbrojtj* e fëmijë*",
        "fëmij*",
        "të mitur*",
        "προστασία παιδι*",
        "παιδιά",
        "ανήλικ*",
    ],
    "labour_exploitation": [
        "labour exploitation",
        "labor exploitation",
        "exploitation of labour",
        "exploitation of labor",
        "labour trafficking",
        "labor trafficking",
        "forced labour",
        "forced labor",
        "radn* eksploatacij*",
        "eksploatacij* rad*",
        "prinudn* rad*",
        "prisiln* rad*",
        "радн* експлоатациј*",
        "експлоатациј* рад*",
        "принудн* рад*",
        "трудов* эксплуатаци*",
        "трудова експлоатаци*",
        "принудительн* труд*",
        "принуден труд",
        "exploitation par le travail",
        "travail forcé",
        "arbeitsausbeutung*",
        "ausbeutung der arbeitskraft",
        "zwangsarbeit*",
        "emek sömürü*",
        "işgücü sömürü*",
        "zorla çalıştırma*",
        "punë* e detyruar*",
        "punë* të detyruar*",
        "shfrytëzim* në punë",
        "εργασιακή εκμετάλλευση",
        "καταναγκαστική εργασία",
    ],
    "asylum_migration": [
        "asylum*",
        "migration*",
        "irregular migration",
        "refugee*",
        "international protection",
        "azil*",
        "азил*",
        "убежищ*",
        "migracij*",
        "миграциј*",
        "миграци*",
        "izbjeglic*",
        "izbeglic*",
        "избеглиц*",
        "бежанц*",
        "беженц*",
        "asile",
        "réfugié*",
        "asyl*",
        "flüchtling*",
        "iltica*",
        "sığınma*",
        "mülteci*",
        "göç",
        "göç yönetim*",
        "migracion*",
        "refugjat*",
        "άσυλο*",
        "μετανάστευση*",
        "πρόσφυγ*",
    ],
}


@cache
def _role_table() -> dict[str, _Matcher]:
    return _compile_table(ROLE_KEYWORDS)


@cache
def _org_type_table() -> dict[str, _Matcher]:
    return _compile_table(ORG_TYPE_KEYWORDS)


@cache
def _expertise_table() -> dict[str, _Matcher]:
    return _compile_table(EXPERTISE_KEYWORDS)


# Roles that describe the person's profession. From the organisation alone they are only inferred when the
# position names no profession itself and is not a support-staff title ("Assistant", "Interpreter").
_PROFESSIONAL_ROLES = frozenset({"judge", "prosecutor", "law_enforcement", "police_liaison", "labour_inspector"})


# ----------------------------------------------------------------------------------------------------
# Inference
# ----------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _role_matches(text: str) -> Mapping[str, int]:
    # Cached by the text alone: a list has a few dozen positions and a few hundred organisations, but thousands
    # of (position, organisation) pairs. Read-only: the answer is shared.
    return MappingProxyType(_matches(_role_table(), _Text.of(text)))


def _infer_roles(position: str, organisation: str) -> list[str]:
    """Roles (codes, display order) suggested by a job title and an organisation; [] when nothing matches.

    Rules:
    * every role found in the position is kept (a position can yield several roles);
    * institutional roles (central_authority, ngo, osce_field_operation, international_organisation) found in
      the organisation are always added;
    * professional roles (judge, prosecutor, law_enforcement, police_liaison, labour_inspector) found in the
      organisation are added only when the position names no profession and is not support staff: a blank
      position at "Tužilaštvo BiH" -> prosecutor, an "Interpreter" there -> nothing;
    * a law office's name ("Kanzlei Richter", "Hakim Hukuk Bürosu") gives no professional role: a judge's word in
      it is a partner's name;
    * a court ("Court", "Sud", "Суд", "Mahkeme", ...) in the organisation gives judge only when the position
      is blank or says president ("Judge" in the position gives judge anyway);
    * a ministry of the interior ("Ministarstvo unutrašnjih poslova", "MUP") gives law_enforcement (it is the
      police's ministry in the region) and central_authority (it is a ministry);
    * "OSCE" without a field-operation word (mission, presence, ...) gives international_organisation.
    Never guesses "other".
    """
    in_position = _role_matches(position)
    in_organisation = _role_matches(organisation)

    roles = {key for key in in_position if not key.startswith("_")}
    position_is_blank = not _Text.of(position).folded
    allow_professional = (
        not (roles & _PROFESSIONAL_ROLES) and "_staff" not in in_position and "_law_office" not in in_organisation
    )
    for key in in_organisation:
        if key.startswith("_"):
            continue
        if key in _PROFESSIONAL_ROLES and not allow_professional:
            continue
        roles.add(key)
    if "_court" in in_organisation and (position_is_blank or ("_president" in in_position and allow_professional)):
        roles.add("judge")
    if ("_osce" in in_position or "_osce" in in_organisation) and "osce_field_operation" not in roles:
        roles.add("international_organisation")
    return [role for role in ROLES if role in roles]


def _infer_org_type(organisation: str) -> str | None:
    """The organisation type (ORG_TYPES code) suggested by an organisation name, or None when unknown.

    Checked in order: OSCE field operation, international organisation (incl. the OSCE itself), prosecution,
    court, police, NGO, ministry. So "Prosecutor's Office at the Court of Appeal" is prosecution, "Ministry of
    Interior - Border Police Directorate" is police, "Ministry of Interior" alone is ministry.
    """
    text = _Text.of(organisation)
    if not text.folded:
        return None
    for key, matcher in _org_type_table().items():
        if matcher.find(text) is not None:
            return "international_organisation" if key == "_osce" else key
    return None


_SEPARATOR_CHARS = ";,/|\n\r•"


def _phrase_regex(keyword: str) -> str:
    parts = [re.escape(part) for part in keyword.split("*")]
    body = r"\w*".join(parts)
    body = re.sub(r"(?:\\ )+", r"\\s+", body)
    return rf"(?<!\w){body}(?!\w)"


@cache
def _expertise_splitter() -> re.Pattern[str]:
    """Tokens for splitting: known phrases (kept whole), brackets (not split inside), separators."""
    phrases: list[str] = [label_text for label_text in LABELS[DEFAULT_LOCALE]["expertise"].values()]
    for keywords in EXPERTISE_KEYWORDS.values():
        for keyword in keywords:
            if keyword.startswith("re:"):
                continue
            keyword = keyword.removeprefix("=")
            if any(ch in keyword for ch in _SEPARATOR_CHARS) or " and " in keyword:
                phrases.append(keyword)
    phrases.sort(key=len, reverse=True)
    alternatives = "|".join(_phrase_regex(phrase) for phrase in phrases)
    return re.compile(
        rf"(?P<phrase>{alternatives})|(?P<open>[(\[])|(?P<close>[)\]])"
        rf"|(?P<sep>[;,/|\n\r•]|\s+and\s+|\s+&\s+)",
        re.IGNORECASE,
    )


def split_list(text: str) -> list[str]:
    """Split a free-text cell on ; , / | newline, " and " and " & ", not inside brackets or known phrases."""
    pieces: list[str] = []
    depth = 0
    start = 0
    for match in _expertise_splitter().finditer(text or ""):
        if match.lastgroup == "open":
            depth += 1
        elif match.lastgroup == "close":
            depth = max(0, depth - 1)
        elif match.lastgroup == "sep" and depth == 0:
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append((text or "")[start:])
    cleaned = (piece.strip().strip("-–—•*.:").strip() for piece in pieces)
    return [piece for piece in cleaned if piece]


def split_codes(vocabulary: str, text: str) -> list[str]:
    """`split_list` for a cell of codes or labels, with the labels that hold a separator ("Central authority /
    ministry", in our own exports) read whole: each becomes its code before the cell is split."""
    name = _vocabulary(vocabulary)
    for locale_labels in LABELS.values():
        for code, label in locale_labels.get(name, {}).items():
            if any(ch in label for ch in _SEPARATOR_CHARS) and label.casefold() in (text or "").casefold():
                text = re.sub(re.escape(label), code, text, flags=re.IGNORECASE)
    return split_list(text)


def _map_expertise(text: str) -> tuple[list[str], list[str]]:
    """Map a free-text expertise cell to (EXPERTISE codes, unmapped keywords).

    The cell is split with :func:`split_list`; each piece is searched for the keywords of every code (a piece
    can map to several codes, ordered by where they appear). Pieces mapping to no code are returned as
    keywords, trimmed, original text kept. Both lists are deduplicated (keywords case-insensitively), in
    order.
    """
    table = _expertise_table()
    found_codes: list[str] = []
    keywords: list[str] = []
    seen_keywords: set[str] = set()
    for piece in split_list(text):
        found = _matches(table, _Text.of(piece))
        if not found:
            key = piece.casefold()
            if key not in seen_keywords:
                seen_keywords.add(key)
                keywords.append(piece)
            continue
        for code in sorted(found, key=lambda c: (found[c], EXPERTISE.index(c))):
            if code not in found_codes:
                found_codes.append(code)
    return found_codes, keywords


# Lists repeat the same positions, organisations and expertise cells row after row, and the keyword regexes
# are the costliest part of normalising a row: the public functions remember their answers.


@functools.lru_cache(maxsize=8192)
def _infer_roles_cached(position: str, organisation: str) -> tuple[str, ...]:
    return tuple(_infer_roles(position, organisation))


@functools.lru_cache(maxsize=8192)
def _map_expertise_cached(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    codes, keywords = _map_expertise(text)
    return tuple(codes), tuple(keywords)


def infer_roles(position: str, organisation: str) -> list[str]:
    """Roles (codes, display order) suggested by a job title and an organisation; [] when nothing matches."""
    return list(_infer_roles_cached(position or "", organisation or ""))


infer_roles.__doc__ = _infer_roles.__doc__
infer_org_type = functools.lru_cache(maxsize=8192)(_infer_org_type)


@functools.lru_cache(maxsize=4096)  # the search asks for each phrase of a query as it is typed
def expertise_named(phrase: str) -> str | None:
    """The one area of expertise a phrase names whole, as an expertise cell of a list would ("trafficking", "human
    trafficking", "money laundering", "trgovina ljudima"), or None ("smuggling greece" names it and a country)."""
    text = _Text.of(phrase)
    codes = [code for code, matcher in _expertise_table().items() if not code.startswith("_") and matcher.covers(text)]
    return codes[0] if len(codes) == 1 else None


@functools.lru_cache(maxsize=4096)  # the search asks for each phrase of a query as it is typed
def keyword_named(vocabulary: str, phrase: str) -> str | None:
    """The role or kind of office (`vocabulary` "role" or "org_type") a phrase names whole in the words the import
    reads positions and organisations in ("tužilac", "прокурор", "savcı", "sudija", "procuror", "NVO"), or None.

    The import's own keyword tables (`ROLE_KEYWORDS`, `ORG_TYPE_KEYWORDS`): a word it reads as a prosecutor's is
    the search's prosecutor too, with no second list. Acronyms the tables match in capitals only ("NVO", "ONG")
    are read in any case here: a query is typed, mostly in lower case, and a phrase must be the whole acronym."""
    tables = {"role": _role_table, "org_type": _org_type_table}
    text = _Text.of(phrase)
    if not text.folded:
        return None
    shouted = _Text(text.folded, _norm(phrase.upper(), fold=False))
    for candidate in (text, shouted):
        for code, matcher in tables[_vocabulary(vocabulary)]().items():
            if not code.startswith("_") and matcher.covers(candidate):
                return code
    return None


def map_expertise(text: str) -> tuple[list[str], list[str]]:
    """Map a free-text expertise cell to (EXPERTISE codes, unmapped keywords)."""
    codes, keywords = _map_expertise_cached(text or "")
    return list(codes), list(keywords)


map_expertise.__doc__ = _map_expertise.__doc__

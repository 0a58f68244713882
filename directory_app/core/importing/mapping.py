"""Finding the header row of a sheet and mapping its columns to contact fields, in the region's languages.

Header words are matched after normalisation (case, diacritics and punctuation ignored; Cyrillic kept in its own
script): an exact phrase wins, else the longest known phrase found as whole words inside the header ("E-mail
address (work)" -> email). Two headers are decided by their values: "Name" (given name beside a surname column,
family name beside a first-name column, else the full name) and "Title" (honorifics or job titles).

Written by hand: no library maps free-text multilingual column headers to a schema.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from directory_app.core.countries import resolve_country
from directory_app.core.folding import fold
from directory_app.core.importing.reading import Cell, Sheet, cell_text
from directory_app.core.records import LATIN_NAME_FIELDS

# Fields a column can be mapped to (value, label). "ignore" means the column is deliberately not imported.
FIELDS: tuple[tuple[str, str], ...] = (
    ("honorific", "Honorific (Mr/Ms)"),
    ("given_name", "Given name"),
    ("family_name", "Family name"),
    ("full_name", "Full name"),
    ("latin_given_name", "Given name in Latin script"),
    ("latin_family_name", "Family name in Latin script"),
    ("position", "Position"),
    ("organisation", "Organisation"),
    ("org_type", "Type of organisation"),
    ("country", "Country"),
    ("city", "City"),
    ("address", "Postal address"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("mobile", "Mobile phone"),
    ("fax", "Fax"),
    ("roles", "Roles"),
    ("expertise", "Expertise"),
    ("keywords", "Keywords"),
    ("languages", "Languages"),
    ("part", "Part in the event"),
    ("attended", "Attended the event"),
    ("events", "Events attended"),
    ("consent_shared", "Consent to be shared"),
    ("consent_listed", "Consent to be listed"),
    ("consent_source", "Consent source"),
    ("consent_date", "Consent date"),
    ("shareable", "May be shared"),
    ("withheld", "Not to be shared"),  # a "Yes" there withholds the person
    ("last_verified", "Last verified"),
    ("uid", "UID"),
    ("notes", "Notes"),
    ("ignore", "(not imported)"),
)
FIELD_LABELS = dict(FIELDS)
NAME_FIELDS = frozenset({"given_name", "family_name", "full_name"})
# Fields that can take several columns (two phone columns, two e-mail columns...).
MULTI_FIELDS = frozenset(
    {"address", "email", "phone", "mobile", "fax", "roles", "expertise", "keywords", "notes", "ignore", "attended"}
)

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "honorific": (
        "mr ms",
        "mr mrs",
        "mr mrs ms",
        "ms mr",
        "salutation",
        "honorific",
        "form of address",
        "civilite",
        "civ",
        "anrede",
        "обращение",
        "titula",
        "oslovljavanje",
        "титула",
        "обраќање",
        "titulli",
        "hitap",
        "unvan hitap",
        "gender title",
        "prefix",
    ),
    "family_name": (
        "surname",
        "surnames",
        "last name",
        "lastname",
        "family name",
        "name last",
        "second name",
        "nom de famille",
        "nom",
        "nachname",
        "familienname",
        "фамилия",
        "prezime",
        "презиме",
        "mbiemri",
        "mbiemer",
        "mbiemeri",
        "soyadi",
        "soyad",
        "soy adi",
        "cognome",
        "apellido",
        "apellidos",
        "επωνυμο",
    ),
    "given_name": (
        "first name",
        "firstname",
        "given name",
        "given names",
        "forename",
        "first names",
        "christian name",
        "prenom",
        "prenoms",
        "vorname",
        "vornamen",
        "имя",
        "ime",
        "име",
        "emri",
        "emer",
        "adi",
        "ad",
        "isim",
        "nome",
        "nombre",
        "ονομα",
    ),
    "full_name": (
        "full name",
        "fullname",
        "name and surname",
        "name surname",
        "first and last name",
        "first name last name",
        "name of participant",
        "participant name",
        "participant",
        "participants",
        # a speakers' or trainers' list names them under their part (a yes-or-no column of that name is read
        # as one: resolve_mapping)
        "speaker",
        "speakers",
        "presenter",
        "moderator",
        "panelist",
        "panellist",
        "lecturer",
        "trainer",
        "name of the participant",
        "participant s name",
        "names",
        "nom et prenom",
        "nom et prenoms",
        "nom prenom",
        "nom prenoms",
        "prenom nom",
        "prenom et nom",
        "vorname nachname",
        "vorname und nachname",
        "vorname name",
        "vorname und name",
        "first name and surname",
        "first name surname",
        "first name and last name",
        "given name and surname",
        "nom complet",
        "vor und nachname",
        "vollstandiger name",
        "name vorname",
        "nachname vorname",
        "nachname und vorname",
        "surname and name",
        "surname name",
        "surname and first name",
        "surname first name",
        "last name first name",
        "last name and first name",
        "family name first name",
        "family name and first name",
        "фио",
        "ф и о",
        "фамилия имя",
        "фамилия и имя",
        "имя и фамилия",
        "фамилия имя отчество",
        "участник",
        "ime i prezime",
        "ime prezime",
        "prezime i ime",
        "prezime ime",
        "име и презиме",
        "име презиме",
        "презиме и име",
        "учесник",
        "учесници",
        "učesnik",
        "sudionik",
        "emri dhe mbiemri",
        "emri mbiemri",
        "mbiemri dhe emri",
        "mbiemri emri",
        "emer mbiemer",
        "pjesemarresi",
        "adi soyadi",
        "ad soyad",
        "adi ve soyadi",
        "soyadi adi",
        "soyad ad",
        "soyadi ve adi",
        "katilimci",
        "isim soyisim",
        "ονοματεπωνυμο",
        "επωνυμο ονομα",
        "cognome e nome",
        "cognome nome",
    ),
    "_name": ("name", "nome", "наименование", "naziv"),
    "_title": ("title", "titre", "titel"),
    "position": (
        "position",
        "function",
        "job title",
        "job",
        "designation",
        "post",
        "rank",
        "occupation",
        "role",
        "position title",
        "current position",
        "fonction",
        "poste",
        "grade",
        "funktion",
        "dienstgrad",
        "stellung",
        "должность",
        "позиция",
        "звание",
        "pozicija",
        "funkcija",
        "radno mjesto",
        "radno mesto",
        "zvanje",
        "радно место",
        "функција",
        "функция",
        "позиција",
        "pozita",
        "funksioni",
        "detyra",
        "pozicioni",
        "gorev",
        "gorevi",
        "gorev unvani",
        "unvan",
        "unvani",
        "pozisyon",
        "kadro",
        "θεση",
    ),
    "organisation": (
        "organisation",
        "organization",
        "organisations",
        "institution",
        "agency",
        "authority",
        "office",
        "employer",
        "affiliation",
        "body",
        "ministry agency",
        "organisation institution",
        "institution organisation",
        "name of organisation",
        "name of institution",
        "organisme",
        "organisation institution",
        "behorde",
        "dienststelle",
        "einrichtung",
        "организация",
        "учреждение",
        "ведомство",
        "орган",
        "institucija",
        "organizacija",
        "ustanova",
        "organ",
        "институција",
        "организација",
        "установа",
        "institucioni",
        "organizata",
        "agjencia",
        "kurum",
        "kurulus",
        "kurumu",
        "kurum kurulus",
        "οργανισμος",
        "φορεας",
    ),
    "country": (
        "country",
        "countries",
        "nationality",
        "citizenship",
        "drzavljanstvo",
        "држављанство",
        "државјанство",
        "shtetesia",
        "state",
        "country of origin",
        "country of residence",
        "pays",
        "nationalite",
        "land",
        "staat",
        "herkunftsland",
        "страна",
        "государство",
        "država",
        "drzava",
        "zemlja",
        "држава",
        "земља",
        "земја",
        "vendi",
        "shteti",
        "ulke",
        "ulkesi",
        "uyruk",
        "uyrugu",
        "гражданство",
        "националност",
        "nacionalnost",
        "nationalitat",
        "χωρα",
        "υπηκοοτητα",
    ),
    "city": (
        "city",
        "town",
        "place",
        "location",
        "ville",
        "lieu",
        "stadt",
        "ort",
        "город",
        "населенный пункт",
        "grad",
        "mjesto",
        "mesto",
        "град",
        "место",
        "qyteti",
        "qytet",
        "sehir",
        "il",
        "πολη",
    ),
    # The office's postal address: the street and number and the postal code, in one column or several (joined in
    # their order). A home address is never imported (see `_ADDRESS_PART`).
    "address": (
        "address",
        "postal address",
        "office address",
        "work address",
        "business address",
        "mailing address",
        "street",
        "street address",
        "postal code",
        "post code",
        "postcode",
        "zip",
        "zip code",
        "adresa",
        "adresa institucije",
        "adresa ustanove",
        "postanski broj",
        "ulica",
        "ulica i broj",
        "adresse",
        "adresse postale",
        "code postal",
        "rue",
        "адрес",
        "почтовый адрес",
        "почтовый индекс",
        "адреса",
        "поштански број",
        "поштенски број",
        "улица",
        "adresi",
        "adres",
        "posta kodu",
        "kodi postar",
        "rruga",
        "anschrift",
        "postleitzahl",
        "indirizzo",
        "adresa postala",
        "cod postal",
    ),
    "email": (
        "email",
        "e mail",
        "mail",
        "emails",
        "e mails",
        "email address",
        "e mail address",
        "electronic mail",
        "courriel",
        "adresse electronique",
        "adresse e mail",
        "электронная почта",
        "эл почта",
        "почта",
        "e posta",
        "e poste",
        "adresa e poste",
        "adresa elektronike",
        "eposta",
        "e posta adresi",
        "posta elektronike",
        "adresa e emailit",
        "imejl",
        "е пошта",
        "е маил",
        "електронска пошта",
        "адреса е поште",
        "el posta",
        "elektronska posta",
        "η ταχυδρομειο",
    ),
    "phone": (
        "phone",
        "nr i telefonit",
        "telephone",
        "tel",
        "phone number",
        "telephone number",
        "tel no",
        "phone no",
        "contact number",
        "office phone",
        "work phone",
        "landline",
        "contact phone",
        "telephone office",
        "telefon",
        "telefonnummer",
        "телефон",
        "тел",
        "телефон рабочий",
        "рабочий телефон",
        "telefon broj",
        "broj telefona",
        "kontakt telefon",
        "kontakt",
        "телефонски број",
        "контакт телефон",
        "контакт",
        "telefoni",
        "numri i telefonit",
        "nr tel",
        "numri i kontaktit",
        "is telefonu",
        "telefon numarasi",
        "τηλεφωνο",
        "tηλ",
    ),
    "mobile": (
        "mobile",
        "mobile phone",
        "mobile number",
        "cell",
        "cell phone",
        "cellphone",
        "gsm",
        "mob",
        "mobile no",
        "portable",
        "telephone portable",
        "mobil",
        "handy",
        "mobilnummer",
        "мобильный",
        "мобильный телефон",
        "моб",
        "моб телефон",
        "сотовый",
        "mobitel",
        "mobilni",
        "mobilni telefon",
        "мобилни",
        "мобилни телефон",
        "мобилен",
        "мобилен телефон",
        "celular",
        "cep",
        "cep telefonu",
        "cep tel",
        "κινητο",
    ),
    "fax": ("fax", "telefax", "fax number", "факс", "faks", "телефакс", "φαξ"),
    "roles": (
        "roles",
        "role",
        "role in the network",
        "roles in the network",
        "rôle",
        "rôles",
        "rolle",
        "роль",
        "роли",
        "uloga",
        "uloge",
        "улога",
        "улоге",
        "roli",
        "rolet",
        "rol",
        "roller",
    ),
    "expertise": (
        "expertise",
        "specijalizacija",
        "специјализација",
        "specijalnost",
        "area of expertise",
        "areas of expertise",
        "field of expertise",
        "field of work",
        "area of work",
        "areas of work",
        "specialisation",
        "specialization",
        "topics",
        "focus",
        "thematic focus",
        "area of interest",
        "interest",
        "domaine",
        "domaine d expertise",
        "competences",
        "fachgebiet",
        "schwerpunkt",
        "направление работы",
        "направление",
        "специализация",
        "сфера деятельности",
        "область",
        "oblast",
        "oblast rada",
        "ekspertiza",
        "podrucje rada",
        "područje",
        "стручност",
        "област",
        "подрачје",
        "експертиза",
        "fusha",
        "fusha e ekspertizes",
        "uzmanlik",
        "uzmanlik alani",
        "alan",
        "τομεας",
    ),
    "languages": (
        "language",
        "languages",
        "working language",
        "working languages",
        "langue",
        "langues",
        "sprache",
        "sprachen",
        "язык",
        "языки",
        "jezik",
        "jezici",
        "језик",
        "језици",
        "јазик",
        "јазици",
        "gjuha",
        "gjuhet",
        "dil",
        "diller",
        "γλωσσα",
        "γλωσσες",
    ),
    "part": (
        "part",
        "participation",
        "role at the event",
        "role in the event",
        "role at event",
        "event role",
        "participant type",
        "type of participant",
        "category",
        "status",
        "qualite",
        "rolle",
        "роль",
        "uloga",
        "улога",
        "kategorija",
        "категория",
        "roli",
        "katilim turu",
    ),
    # Whether a registered person took part: "Attended: Yes/No" (Zoom's report), a list's "Present" column; a
    # registration's approval (denied, cancelled) says it too.
    "attended": (
        "attended",
        "attendance",
        # Zoom's: a "Yes" there is someone who was never let in (normalise.py reads it the other way round)
        "in waiting room",
        "im wartebereich",
        "en salle d attente",
        "present",
        "presence",
        "participated",
        "took part",
        "showed up",
        "approval status",
        "registration status",
        "attendee status",
        "attendance status",
        "check in status",
        "checked in",
        "prisustvo",
        "prisutan",
        "prisutna",
        "prisustvovao",
        "prisutnost",
        "присуство",
        "присутан",
        "присутствие",
        "присутствовал",
        "присуствуваше",
        "a participe",
        "presente",
        "katildi",
        "katilim durumu",
        "i pranishem",
        "pjesemarrja",
    ),
    "notes": (
        "notes",
        "note",
        "бележка",
        "бележки",
        "забелешка",
        "забелешки",
        "remarks",
        "remark",
        "comments",
        "comment",
        "observations",
        "remarque",
        "remarques",
        "bemerkung",
        "bemerkungen",
        "anmerkung",
        "примечание",
        "примечания",
        "комментарий",
        "napomena",
        "напомена",
        "забелешка",
        "komentar",
        "shenime",
        "shenim",
        "verejtje",
        "not",
        "notlar",
        "aciklama",
        "παρατηρησεις",
    ),
    "ignore": (
        "#",
        "no",
        "nr",
        "n",
        "br",
        "rb",
        "r b",
        "r br",
        "redni broj",
        "s n",
        "sn",
        "sr no",
        "sl no",
        "serial",
        "number",
        "no.",
        "№",
        "n°",
        "nº",
        "п п",
        "пп",
        "номер",
        "ред бр",
        "рб",
        "р б",
        "nr rendor",
        "sira",
        "sira no",
        "signature",
        "sign",
        "potpis",
        "потпис",
        "подпись",
        "unterschrift",
        "nenshkrimi",
        "imza",
        "gender",
        "sex",
        "pol",
        "spol",
        "пол",
        "пол м ж",
        "gjinia",
        "cinsiyet",
        "geschlecht",
        "sexe",
        "date",
        "datum",
        "дата",
        "tarih",
        "data",
        "id",
        "hotel",
        "хотел",
        "otel",
        "arrival",
        "flight",
        "flight details",
        "travel",
        "putovanje",
        "departure",
        "passport",
        "passport number",
        "date of birth",
        "birth date",
        "dob",
        "datum rodjenja",
        "дата рождения",
        # personal data a registration form may ask for and a directory of contacts never keeps
        "datum rodenja",
        "datum i mjesto rodenja",
        "datum i mesto rodjenja",
        "mjesto rodenja",
        "mesto rodjenja",
        "place of birth",
        "date and place of birth",
        "датум рођења",
        "датум на раѓање",
        "дата на раѓање",
        "дата на рагање",
        "дата на раждане",
        "datelindja",
        "data e lindjes",
        "vendlindja",
        "dogum tarihi",
        "dogum yeri",
        "data nasterii",
        "date de naissance",
        "geburtsdatum",
        "ημερομηνια γεννησης",
        "passport no",
        "passport nr",
        "broj pasosa",
        "број на пасош",
        "број пасоша",
        "номер паспорта",
        "numri i pasaportes",
        "pasaport no",
        "pasaport numarasi",
        "id number",
        "id no",
        "id card",
        "id card number",
        "personal number",
        "personal id",
        "personal id number",
        "jmbg",
        "embg",
        "oib",
        "numri personal",
        "tc kimlik no",
        "kimlik no",
        "broj licne karte",
        "лична карта",
        "подпис",
        "arrival date",
        "departure date",
        "room",
        "visa",
        "visa required",
        "dietary requirements",
        "timestamp",
        "zeitstempel",
        "vreme",
        "registered",
        "fee",
        # an online meeting's report: when each one was connected, and the platform's own flags
        "join time",
        "leave time",
        "duration",
        "duration minutes",
        "first join",
        "last leave",
        "in meeting duration",
        "time in session",
        "attentiveness score",
        "guest",
        "is guest",
        "recording consent",
        # a form's export: when it was answered
        "start time",
        "completion time",
        "last modified time",
    ),
}

# The route's other languages: Romanian (Moldova, Romania), Ukrainian, Hungarian, Bulgarian, Greek, Slovenian and
# Italian. Written as lists write them; normalised (no diacritics, lower case) like every synonym.
_MORE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "family_name": ("nume", "numele", "nume de familie", "прізвище", "vezeteknev", "csaladi nev", "фамилно име",
                    "priimek", "cognome"),
    "given_name": ("prenume", "prenumele", "ім'я", "імя", "keresztnev", "utonev", "собствено име", "ονομα", "nome"),
    "full_name": ("numele si prenumele", "nume si prenume", "nume prenume", "піб", "прізвище ім'я по батькові",
                  "прізвище та ім'я", "nev", "teljes nev", "три имена", "име и фамилия", "ονοματεπωνυμο",
                  "ime in priimek", "nome e cognome"),
    "position": ("functia", "functie", "pozitia", "посада", "beosztas", "munkakor", "длъжност", "θεση",
                 "delovno mesto", "funkcija", "ruolo", "qualifica", "incarico", "ιδιοτητα", "zanimanje", "занимање"),
    "organisation": ("institutia", "organizatia", "instituție", "установа", "організація", "орган", "intezmeny",
                     "szervezet", "hivatal", "институция", "организация", "φορεας", "υπηρεσια", "ustanova",
                     "ente", "amministrazione", "istituzione", "месторабота", "място на работа"),
    "country": ("tara", "statul", "країна", "держава", "orszag", "държава", "χωρα", "paese", "stato"),
    "city": ("localitatea", "orasul", "oras", "місто", "varos", "град", "πολη", "kraj", "citta", "sjediste",
             "sediste", "седиште"),
    "email": ("adresa de e-mail", "posta electronica", "електронна пошта", "ел. пошта", "e-mail cim", "имейл",
              "електронна поща", "ηλεκτρονικο ταχυδρομειο", "e-posta", "posta elettronica", "elektronska posta",
              "adresa elektronske poste", "adresa elektronicke poste", "электронная почта", "адрес электронной почты",
              "електронска пошта", "адреса електронске поште", "e posta adresi", "adresa e postes elektronike",
              "ел. поща", "е-поща", "e-поща", "ел. адрес", "електронен адрес", "ел. адреса", "електронска адреса",
              "el. adresa", "elektronska adresa", "elektronski naslov"),
    "phone": ("telefonszam", "телефонен номер", "τηλεφωνο", "telefono", "numar de telefon"),
    "mobile": ("mobil", "мобільний", "мобилен", "κινητο", "cellulare", "telefon mobil", "celulari", "celular",
               "numri i celularit"),
    "expertise": ("domeniul de expertiza", "domeniu de activitate", "сфера діяльності", "szakterulet",
                  "област на работа", "τομεας", "področje dela", "area di competenza"),
}  # fmt: skip
# Address books' exports (Outlook, Google Contacts, a phone's CSV): contacts shared between focal points come so.
_ADDRESS_BOOK_SYNONYMS: dict[str, tuple[str, ...]] = {
    "organisation": ("company", "company name", "organization name", "firma", "kompanija", "компания", "sirket",
                     "entreprise", "societe"),
    "position": ("organization title", "job"),
    "notes": ("middle name", "department", "organization department", "unit", "division", "odjel", "odeljenje",
              "odsjek", "sektor", "отдел", "одделение", "departman", "birim",
              # a patronymic, a web page, a messenger: kept in the notes, as nothing else holds them
              "отчество", "по батькові", "по батькови", "website", "web", "web page", "linkedin", "twitter", "skype",
              "whatsapp", "viber", "telegram", "signal", "screen name", "url", "profile url", "linkedin url",
              "linkedin profile", "abteilung", "notizen", "weitere vornamen", "zweiter vorname", "deuxieme prenom",
              "autre prenom"),
    "expertise": ("categories",  # tags that can be expertise, as a vCard's CATEGORIES are read
                  "kategorien", "categories outlook", "категории", "kategorije"),
    "keywords": ("keywords", "keyword", "tags", "kljucne rijeci", "kljucne reci", "ключевые слова", "mots cles"),
    # Outlook in German, French and Russian: its mobile, fax, department, notes and middle names.
    "mobile": ("mobiltelefon", "handy", "tel mobile", "мобильныи телефон"),
    "fax": ("telecopie", "telecopie bureau", "fax geschaftlich", "рабочии факс"),
    # Personal dates and a social network's bookkeeping: not what the directory holds, and not to be asked about.
    "ignore": ("suffix", "name suffix", "nickname", "file as", "e mail type", "e mail display name", "birthday",
               "birth year", "birth month", "birth day", "anniversary", "photo", "connected on", "geburtstag",
               "jahrestag", "anniversaire", "день рождения", "годовщина"),
}  # fmt: skip
# A directory's own columns: this app's exports (exporting.COLUMNS), which a focal point imports into another
# directory, and the same columns as other directories' lists name them.
_DIRECTORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "latin_given_name": ("given name latin", "given name in latin", "given name in latin script", "latin given name",
                         "first name latin", "first name in latin", "ime latinicom", "ime na latinici"),
    "latin_family_name": ("family name latin", "family name in latin", "family name in latin script",
                          "latin family name", "surname latin", "surname in latin", "last name latin",
                          "prezime latinicom", "prezime na latinici"),
    "org_type": ("sector", "type of organisation", "type of organization", "organisation type", "organization type",
                 "type of institution", "institution type", "vrsta institucije", "tip institucije"),
    "events": ("events", "seminars", "events taken part in", "events attended", "seminars attended",
               "previous events", "dogadjaji", "seminari"),
    "last_verified": ("last verified", "date verified", "last checked", "provjereno", "provereno"),
    "shareable": ("shareable", "may be shared", "can be shared"),
    "consent_source": ("consent source", "consent given in", "consent given at", "source of consent"),
    "consent_date": ("consent date", "date of consent", "consent given on"),
    "uid": ("uid", "contact uid", "unique id", "unique identifier", "vcard uid"),
    "ignore": ("source", "created", "updated", "date created", "date updated", "last modified", "modified"),
}  # fmt: skip
for _more in (_MORE_SYNONYMS, _ADDRESS_BOOK_SYNONYMS, _DIRECTORY_SYNONYMS):
    for _field, _words in _more.items():
        _SYNONYMS[_field] = (*_SYNONYMS.get(_field, ()), *_words)


def normalise_header(text: str) -> str:
    """Lower case, diacritics and punctuation removed, parenthesised remarks and required-field stars dropped."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    if text.strip() in ("#", "№", "n°", "nº", "N°"):
        return text.strip().lower()
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "d").replace("ı", "i"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # NFKD took the breve off й: put Cyrillic short i back as и consistently (both sides are normalised alike).
    return " ".join(re.sub(r"[^\w]+", " ", stripped.casefold()).replace("_", " ").split())


# A column of contact details, read as phones: normalise_row reads the addresses in a phone cell as e-mails. Only
# as the whole header: "Contact e-mail" is an e-mail column, "Contact person" and "Emergency contact" are not ours.
_CONTACT_HEADERS = (
    "contact",
    "contacts",
    "contact details",
    "contact information",
    "contact info",
    "coordonnees",
    "kontakti",
    "kontakt podaci",
    "kontaktni podaci",
    "kontaktet",
    "te dhenat e kontaktit",
    "iletisim",
    "iletisim bilgileri",
    "контакти",
    "контакты",
    "контактные данные",
)


# Fields only a whole header names: "Events" is the events column, "Events you would like to attend" is not.
_EXACT_ONLY = frozenset({"ignore", "events", "uid"})


def _build_index() -> tuple[dict[str, str], list[tuple[str, str, re.Pattern[str]]]]:
    exact: dict[str, str] = {normalise_header(word): "phone" for word in _CONTACT_HEADERS}
    phrases: list[tuple[str, str, re.Pattern[str]]] = []
    for target, words in _SYNONYMS.items():
        for word in words:
            key = normalise_header(word)
            if not key:
                continue
            exact.setdefault(key, target)
            if target not in _EXACT_ONLY and len(key) > 2:
                phrases.append((key, target, re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")))
    phrases.sort(key=lambda p: len(p[0]), reverse=True)
    return exact, phrases


_EXACT, _PHRASES = _build_index()


_OF = re.compile(r"(.+?) (?:of|de|du|des|d) (.+)")

# The consent question of a registration form, as a header (normalised: no diacritics, lower case): "I agree that
# my contact details are shared with other participants", "GDPR consent", "Saglasnost za dijeljenje podataka",
# "Согласие", "Pëlqimi", "KVKK onayı", "J'accepte que mes coordonnées soient partagées". Written by hand: no
# library knows these questions. Shared (with other participants) unless the question is only about a list.
_CONSENT_HEADER = re.compile(
    r"\b(?:consent\w*|i agree|agree\w* (?:to|that)|gdpr|kvkk|saglasn\w*|suglasn\w*|soglasn\w*|согласи\w*"
    r"|согласен|согласна|согласност\w*|pelqim\w*|pajtohem|j accepte|accepte\w* que|d accord|einverstanden"
    r"|einwilligung|zustimmung|(?:onay\w*|izin\w*|kabul\w*) .*paylas\w*|paylas\w* .*(?:onay\w*|izin\w*|kabul\w*)"
    # "Accord pour diffusion des coordonnées", "Einverständnis zur Weitergabe", "Згода", "Acord", "Συγκατάθεση",
    # "Permission to share", "Share contact details with participants?", "May we share your e-mail?"
    r"|accord (?:pour|de|sur|relatif)|acord\w*|einverstandnis\w*|згод\w*|συγκαταθεσ\w*|συναινε\w*|permission\w*"
    r"|dozvol\w*|дозвол\w*|разрешени\w*|shar\w* (?:\w+ ){0,4}(?:with|among)|(?:may|can|could) we (?:share|include"
    r"|publish|pass on|give)|weitergabe)"
)
# A consent to photographs, filming or recording, not to the contact details being shared ("Photo consent",
# "Saglasnost za fotografisanje").
_MEDIA_CONSENT = re.compile(
    r"\b(?:photo\w*|foto\w*|фото\w*|φωτογρ\w*|video\w*|видео\w*|film\w*|record\w*|snim\w*|сним\w*|image\w*"
    r"|picture\w*|audio|camera|kamer\w*|camer\w*|media)\b"
)
_CONTACT_DETAILS = re.compile(
    r"\b(?:contact\w*|details|data|e ?mail\w*|phone\w*|address\w*|podat\w*|податоц\w*|данн\w*|подац\w*|donnees"
    r"|coordonnees|kontaktdaten|daten|iletisim|bilgi\w*|te dhena\w*|kontakt\w*)\b"
)
# To be listed: in a directory or database, or processing at all ("Согласие на обработку персональных данных").
_CONSENT_LISTED = re.compile(
    r"\b(?:list\w*|directory|database|imenik\w*|baz\w*|registr\w*|publish\w*|objav\w*|справочник\w*|annuaire"
    r"|rehber\w*|process\w*|obrad\w*|обработ\w*|обрад\w*|traitement|verarbeitung|islen\w*|perpunim\w*"
    r"|prelucr\w*|επεξεργασ\w*|обробк\w*)\b"
)
_CONSENT_SHARED = re.compile(
    r"\b(?:shar\w*|participants?|dijel\w*|podijel\w*|deli\w*|podel\w*|дел\w*|подел\w*|раздел\w*|partag\w*"
    r"|paylas\w*|ndar\w*|weitergab\w*|diffus\w*|передач\w*|передав\w*|transmit\w*|transmiter\w*|κοινοποι\w*"
    r"|communic\w*)\b"
)


_CONSENT_NO = re.compile(
    r"(?:no|n|ne|не|нет|ні|nu|nem|οχι|jo|nuk|hayir|non|nein|false|0|i do not|i don ?t|disagree|do not agree|не согла\w*"
    r"|ne slaz\w*"
    r"|nisam|nije|не сум|nuk pajtohem|kabul etmiyorum|onaylamiyorum|refuse\w*|declin\w*|je refuse\w*|je ne\b.*"
    r"|pas d accord|nicht\b.*|kein\w*|withdr[ae]wn?|revok\w*|revoqu\w*|widerruf\w*|retir\w*|ne pristaj\w*"
    r"|ne dozvolj\w*|не згод\w*|не дозвол\w*|не давам|nu sunt|nu accept\w*|nu sunt de acord|δεν\b.*"
    r"|do not share|don t share|opt\w* out)(?!\w)"
)
_NO_OBJECTION = re.compile(r"no objections?|nemam (?:nista )?protiv|nemam primjedb\w*|bez primjedb\w*|pas d objection")
# Words that make a "Yes" less than one: "Yes (but not my phone)", "Yes, only to organisers", "Yes/No" left as
# the template gave it. The answer is not understood, and the person is not shared until someone decides.
_CONSENT_RESTRICTED = re.compile(
    r"\b(?:but|except\w*|only|not|no|without|ne|не|ні|nu|jo|nuk|pas|nicht|kein\w*|sauf|seulement|uniquement|nur"
    r"|ausser|samo|само|только|лише|тільки|vetem|sadece|yalnizca|haric|osim|без|bez|doar|fara|εκτος|μονο|δεν|οχι"
    r"|hayir|non|nein|нет)\b"
)
_CONSENT_YES = re.compile(
    r"(?:yes|y|da|да|так|igen|ναι|po|evet|oui|ja|si|x|true|1|i agree|agree\w*|i accept|accept\w*|slaz\w*|se slaz\w*"
    r"|saglas\w*"
    r"|suglas\w*|согла\w*|pajtohem|kabul\w*|onayl\w*|d accord|j accepte|einverstanden|ok|okay)(?!\w)|[✓✔☑]"
)


# The boxes of a form's choice, ticked and not: "☐ Yes ☒ No" (Word's check box content control), "[X] Da [ ] Ne",
# "Yes (x) No ( )". What is ticked is the answer; the words alone say both.
_TICKED = r"[☒☑✓✔✗✘■▣◼●◉⊠]|\[\s*[xX✓✔]\s*\]|\(\s*[xX✓✔]\s*\)"
_BOX = re.compile(rf"(?P<ticked>{_TICKED})|[☐□○◯▢]|\[\s*\]|\(\s*\)")


# The words of a yes-or-no choice alone (not "agree", which a question says too).
_BARE_OPTION = re.compile(r"yes|no|y|n|da|ne|po|jo|evet|hayir|oui|non|ja|nein|si|да|нет|не|ні|так|ναι|οχι")
_OPTION_SPLIT = re.compile(r"\s*[:(/\-–—]\s*(?=[^:(/\-–—]*$)")


@functools.lru_cache(maxsize=1024)  # asked for each row's consent cells: a list's few headers, read once each
def consent_option(header: str) -> bool | None:
    """The option a consent question's column stands for, where each option has a column ticked by the person:
    True for "I agree to be shared: Yes" (or "Yes" under the question in a second header row), False for "...: No";
    None for any other column."""
    parts = _OPTION_SPLIT.split(header.strip().rstrip(")"), maxsplit=1)
    if len(parts) != 2 or not parts[1] or len(parts[1].split()) > 3:
        return None
    option = normalise_header(parts[1])
    words = normalise_header(parts[0]).split()
    if not option or not _consent_field(" ".join(words)):
        return None
    if words and _BARE_OPTION.fullmatch(words[-1]):
        return None  # "Consent (Yes/No)", "Saglasnost - Da/Ne": one column for both answers
    if _CONSENT_NO.fullmatch(option):
        return False
    return True if _CONSENT_YES.fullmatch(option) else None


def has_box(text: str) -> bool:
    """Whether a text holds a form's check box, ticked or not ("☐ Yes", "[x]")."""
    return _BOX.search(text) is not None


def _ticked_answer(text: str) -> bool | None:
    """The answer ticked among boxes: the word after each box (or before it, when the boxes come last); None when
    none or both are ticked."""
    boxes = list(_BOX.finditer(text))
    before = not text[: boxes[0].start()].strip()  # "☐ Yes ☒ No": the box before its word
    ends = [0, *(m.end() for m in boxes)]
    starts = [m.start() for m in boxes] + [len(text)]
    answers = set()
    for i, box in enumerate(boxes):
        if box["ticked"]:
            label = text[box.end() : starts[i + 1]] if before else text[ends[i] : box.start()]
            answers.add(parse_consent(label))
    answers.discard(None)
    return answers.pop() if len(answers) == 1 else None


def parse_consent(text: str) -> bool | None:
    """A consent answer: True for "Yes" / "Da" / "Evet" / "I agree" / "x", False for "No" / "Ne" / "Hayır" /
    "I do not agree", the choice ticked in "☐ Yes ☒ No"; None when it says neither."""
    if text.strip() in ("✗", "✘"):
        return False  # a cross alone, where a tick says yes
    if (box := _BOX.fullmatch(text.strip())) is not None:
        return bool(box["ticked"])  # a consent column's box alone: ticked or left empty
    if _BOX.search(text):
        return _ticked_answer(text)
    key = normalise_header(text)
    if not key:
        return None
    if _NO_OBJECTION.match(key):
        return True
    if _CONSENT_NO.match(key):
        return False
    whole = normalise_header(re.sub(r"[()\[\]]", " ", text))  # the remark in brackets too: "Yes (not my phone)"
    if (yes := _CONSENT_YES.match(whole)) and not _CONSENT_RESTRICTED.search(whole, yes.end()):
        return True
    return None


_ATTENDED_NO = re.compile(
    r"(?:absent\w*|no show|did not attend|not attend\w*|odsut\w*|отсут\w*|отсуств\w*|denied|rejected|cancell?ed"
    r"|declined|withdrawn|deleted|refunded|katilmadi|mungon\w*"
    # A registration never confirmed: the person is kept, but is not listed as having taken part.
    r"|pending|awaiting\w*|wait ?list\w*|waiting list|on hold|not approved|unapproved|na cekanju|en attente)(?!\w)"
)
_ATTENDED_YES = re.compile(
    r"(?:present\w*|attended|attending|checked in|prisut\w*|присут\w*|присуст\w*|katildi|i pranishem)(?!\w)"
)


def parse_attended(text: str) -> bool | None:
    """Whether a registered person took part: True for "Yes" / "Present" / "Prisutan", False for "No" / "Absent"
    / "Odsutan" / a registration "denied", "cancelled" or still "pending"; None when it says neither ("approved",
    "online")."""
    key = normalise_header(text)
    if _ATTENDED_NO.match(key):
        return False
    if _ATTENDED_YES.match(key):
        return True
    return parse_consent(text)


# A question asked the other way round: not to be shared, published or listed ("Do not share my details",
# "Confidential", "Ne objavljivati", "Не публиковать"): a "Yes" there withholds the person.
_WITHHELD_HEADER = re.compile(
    r"\b(?:(?:do not|don ?t|please do not) (?:share|publish|list|disclose|include|distribute|circulate)\w*"
    r"|not (?:to be )?(?:shared|published|listed|disclosed|for publication|for distribution|for circulation)"
    r"|confidential\w*|opt\w* out|withh[oe]ld\w*|ne (?:objav\w*|dijel\w*|deli\w*|podijel\w*|podel\w*|ukljuc\w*"
    r"|dostav\w*|distribu\w*)|не (?:публик\w*|опублик\w*|разглаш\w*|передав\w*|распростран\w*|споделув\w*"
    r"|објав\w*|дел\w*|вклуч\w*)|ne pas (?:partager|publier|diffuser|communiquer)"
    r"|nicht (?:weitergeben|veroffentlich\w*)|paylasilmasin|paylasilmamas\w*|yayinlanmasin|mos (?:publik\w*|nda\w*"
    r"|shper\w*)|gizli)\b"
    # "I do not want my details shared", "Ne želim da se moji podaci dijele", "Не желаю, чтобы мои данные передавались"
    r"|\b(?:(?:do not|don ?t) (?:want|wish)|ne zelim|ne zelimo|не желаю|не хочу|не сакам|nuk deshiroj|nuk dua"
    r"|ne souhaite pas|ne veux pas|mochte nicht|will nicht)\b.*\b(?:shar\w*|publish\w*|list\w*|disclos\w*|dijel\w*"
    r"|deli\w*|podijel\w*|objav\w*|перед\w*|публик\w*|распростран\w*|дел\w*|сподел\w*|објав\w*|nda\w*|publik\w*"
    r"|shper\w*|partag\w*|publi\w*|diffus\w*|weiterge\w*|veroffentlich\w*)"
    r"|\bpaylas\w* istemiyorum\b"
)
# A question to be published in the list of participants, or put in it, without the words of consent.
_PUBLISH_HEADER = re.compile(
    r"\b(?:publish\w*|include\w*|listed) (?:\w+ ){0,3}(?:list|directory|participants|contacts?)\b"
    r"|\b(?:objaviti|objavljivanje|ukljuciti) (?:\w+ ){0,3}(?:list\w*|spis\w*|imenik\w*|ucesni\w*|sudioni\w*)\b"
)


def _consent_field(key: str) -> str | None:
    if _WITHHELD_HEADER.search(key):
        return "withheld"
    if _PUBLISH_HEADER.search(key) and not _CONSENT_HEADER.search(key):
        return "consent_shared"  # "Publish in the list of participants": given to the others
    if not _CONSENT_HEADER.search(key):
        return None
    if _MEDIA_CONSENT.search(key) and not (_CONSENT_SHARED.search(key) or _CONTACT_DETAILS.search(key)):
        return None  # "Photo consent": to be photographed, not to be shared
    if _CONSENT_LISTED.search(key) and not _CONSENT_SHARED.search(key):
        return "consent_listed"
    return "consent_shared"


# Also Outlook's in German and French: "E-Mail-Typ", "E-Mail: Angezeigter Name", "Type de messagerie".
_POINT_LABEL = re.compile(
    r"(.+?) (?:label|type|kind|display name|vrsta|tip|turu|lloji|typ|angezeigter name|anzeigename"
    r"|nom complet|nom affiche|type de messagerie)"
)
# The same with the kind's word first: "Vrsta telefona", "Type of phone", "Lloji i telefonit", "Тип телефона".
_LABEL_OF_POINT = re.compile(
    r"(?:type|kind|label|vrsta|tip|lloji|тип|вид|врста)(?: of| i| e| na)? "
    r"(?:tel|phone\w*|telefon\w*|телефон\w*|mobile|mobil\w*|мобил\w*|fax|faks|факс|e ?mail\w*|e ?post\w*|email\w*"
    r"|имейл\w*|е ?пошт\w*|почт\w*|електронск\w* пошт\w*|elektronsk\w* post\w*)"
)
# An address book's address parts: Outlook's "Business Street" / "Home Postal Code", Google's "Address 1 - City".
# A home's (or a private one's) parts are never imported: the directory holds where practitioners work.
# Outlook writes them in the user's language, the qualifier before or after the part: "Straße geschäftlich",
# "Ort privat", "Рабочий адрес, почтовый индекс", "Rue (bureau)", "Ville (domicile)" (read with the brackets' words).
_ADDRESS_QUALIFIER = (
    r"address \d+|business|work|office|other|home|private|personal|geschaftlich|privat|weitere|рабочии|домашнии"
    r"|другои|bureau|domicile|autre|poslovn\w*|sluzben\w*|kucn\w*"
)
_ADDRESS_PART_WORD = (
    r"street(?: \d)?|city|postal code|post code|zip(?: ?code)?|country(?: region)?|state|region|province|po box"
    r"|extended address|formatted|type|label|strasse(?: \d)?|ort|postleitzahl|land(?: region)?|bundesland(?: kanton)?"
    r"|postfach|улица|город|почтовыи индекс|индекс|страна(?: или регион)?|область|почтовыи ящик|rue(?: \d)?|ville"
    r"|code postal|pays(?: region)?|boite postale|ulica|grad|postanski broj|drzava"
)
_ADDRESS_PART = re.compile(
    rf"(?P<q>{_ADDRESS_QUALIFIER}) (?:address |адрес |adresa |adresse )?(?P<p>{_ADDRESS_PART_WORD})"
    rf"|(?P<p2>{_ADDRESS_PART_WORD}) (?P<q2>{_ADDRESS_QUALIFIER})"
)
# What each part gives: the street and postal code make the address line; anything else is not kept.
_ADDRESS_PART_FIELD = {
    **dict.fromkeys(("street", "strasse", "улица", "rue", "ulica"), "address"),
    **dict.fromkeys(("postal", "post", "zip", "zipcode", "postleitzahl", "почтовыи", "индекс", "code", "postanski"),
                    "address"),
    **dict.fromkeys(("city", "ort", "город", "ville", "grad"), "city"),
    **dict.fromkeys(("country", "land", "страна", "pays", "drzava"), "country"),
}  # fmt: skip
_HOME_QUALIFIER = re.compile(r"home|private|personal|privat|домашнии|domicile|kucn\w*")
# Words of a header that name an address of some kind, and those that make it an e-mail or a web address.
_ADDRESS_WORD = re.compile(r"(?<!\w)(?:address|adres[aei]?|adresse|адрес|адреса|indirizzo|anschrift)(?!\w)")
_NOT_POSTAL = re.compile(r"mail|post[ae]|почт|пошт|web|site|url|internet|(?<!\w)ip(?!\w)")
_PRIVATE = re.compile(
    r"(?<!\w)(?:home|private|personal|residen\w*|domicile|kucn\w*|stanovanj\w*|prebivalist\w*|boravist\w*"
    r"|домашн\w*|shtepi\w*|ev|privatn\w*|licn\w*|лични|личн\w*|приватн\w*|prive|privee|personnel\w*|perso"
    r"|kisisel|privat\w*)(?!\w)"
)


# Headers only an address book's export has: Google Contacts, Outlook, Thunderbird, LinkedIn's connections.
_ADDRESS_BOOK_HEADERS = (
    "File As", "E-mail 1 - Value", "Phone 1 - Value", "Group Membership", "Labels", "Phonetic First Name",
    "Organization Department", "Business Street", "Business Phone", "Business Fax", "Home Street", "E-mail 2 Address",
    "E-mail Display Name", "Primary Phone", "Company Main Phone", "Assistant's Phone", "Callback", "Car Phone",
    "Radio Phone", "Other Street", "Primary Email", "Secondary Email", "Screen Name", "Pager Number", "Web Page 1",
    "Custom 1", "Connected On", "URL",
    # Outlook in German, French and Russian
    "Straße geschäftlich", "Telefon geschäftlich", "Telefon privat", "Fax geschäftlich", "E-Mail 2: Adresse",
    "Weitere Vornamen", "Rue (bureau)", "Téléphone (bureau)", "Téléphone (domicile)", "Télécopie (bureau)",
    "Adresse de messagerie 2", "Рабочий адрес, улица", "Рабочий телефон", "Домашний телефон", "Адрес 2 эл. почты",
)  # fmt: skip


def _bracketed_header(header: str) -> str:
    """A header normalised with the words in its brackets kept: "Téléphone (bureau)" is "telephone bureau"."""
    return normalise_header(header.replace("(", " ").replace(")", " "))


@functools.cache
def _address_book_keys() -> frozenset[str]:
    return frozenset(_bracketed_header(h) for h in _ADDRESS_BOOK_HEADERS)


def address_book(headers: Sequence[str]) -> bool:
    """Whether a sheet is an address book's export (two or more headers only those have): someone's contacts, not
    one seminar's participants."""
    return len({_bracketed_header(h) for h in headers if h} & _address_book_keys()) >= 2


def point_label_header(header: str) -> bool:
    """Whether a header names the kind of the e-mail or number beside it: Google Contacts' "E-mail 1 - Label"
    before "E-mail 1 - Value", "Phone Type", "Vrsta telefona"."""
    key = normalise_header(header)
    return bool(
        ((m := _POINT_LABEL.fullmatch(key)) and match_header(m[1]) in ("email", "phone", "mobile", "fax"))
        or _LABEL_OF_POINT.fullmatch(key)
    )


def private_header(header: str) -> bool:
    """Whether a header calls its column's e-mails or phones private: "Home Phone", "Personal e-mail", "Privatni
    mobilni", "Личный телефон", "E-mail (private)". Their contact points are imported as private: left out of
    exports unless included on purpose."""
    return bool(_PRIVATE.search(_bracketed_header(header)))


# "Given (Latin script)", "Prezime (latinicom)": the name's Latin spelling (the remark in brackets would be dropped
# with the others).
_LATIN_REMARK = re.compile(
    r"[(\[]\s*(?:in\s+)?(?:latin(?:\s+(?:script|letters|alphabet))?|latinic[aeiu]|latinicom|латиниц\w*)\s*[)\]]",
    re.IGNORECASE,
)


def match_header(text: str) -> str | None:
    """The field a header names ("_name"/"_title" for the ambiguous ones), or None when it says nothing known."""
    if _LATIN_REMARK.search(text):
        base = _LATIN_REMARK.sub(" ", text)
        name = {"given": "given_name", "family": "family_name"}.get(normalise_header(base)) or match_header(base)
        if name in LATIN_NAME_FIELDS:
            return LATIN_NAME_FIELDS[name]
    key = normalise_header(text)
    if not key:
        return None
    if m := _ADDRESS_PART.fullmatch(_bracketed_header(text)):
        if _HOME_QUALIFIER.fullmatch(m["q"] or m["q2"]):
            return "ignore"  # a home address is never imported
        return _ADDRESS_PART_FIELD.get((m["p"] or m["p2"]).split()[0], "ignore")
    if key in _EXACT:
        return _EXACT[key]
    # What kind of address or number the next column holds ("E-mail 1 - Label", "Phone Type", "E-mail Display
    # Name"): not an address or a number itself; read with it (normalise.py).
    if point_label_header(text):
        return "ignore"
    if consent := _consent_field(key):
        return consent  # "I agree that my name and address are shared with other participants"
    if _ADDRESS_WORD.search(key) and not _NOT_POSTAL.search(key):
        # "Institution address", "Adresa institucije", "Address of your office": not the organisation's name.
        return "ignore" if _PRIVATE.search(key) else "address"
    if m := _OF.fullmatch(key):
        # "Country of your institution", "Position of participant": the word before "of" says what the column
        # holds, except a name's: "Name of institution", "Nom de l'institution" are the organisation.
        head, tail = match_header(m[1]), match_header(m[2])
        if head in ("_name", "family_name") and tail and tail not in NAME_FIELDS and tail != "_name":
            return tail
        if head and head not in ("_name", "family_name", "ignore"):
            return head
    for _phrase, target, pattern in _PHRASES:
        if pattern.search(key) and not (target == "address" and _NOT_POSTAL.search(key)):  # "Email adresa"
            return target
    return None


# ------------------------------------------------------------------------------------------------ honorifics

# Normalised (lower case, no dots or spaces) -> kept as the canonical spelling. Written by hand: no library knows
# the honorifics of the region's languages.
_HONORIFICS = {
    "mr": "Mr",
    "mrs": "Mrs",
    "ms": "Ms",
    "miss": "Miss",
    "dr": "Dr",
    "prof": "Prof",
    "profdr": "Prof. Dr",
    "he": "H.E.",
    "m": "M.",
    "mme": "Mme",
    "mlle": "Mlle",
    "herr": "Herr",
    "frau": "Frau",
    "g": "g.",
    "gdin": "g.",
    "gosp": "gosp.",
    "gospodin": "gospodin",
    "gda": "gđa",
    "gdja": "gđa",
    "gospodja": "gospođa",
    "gospođa": "gospođa",
    "gđa": "gđa",
    "gđica": "gđica",
    "gdica": "gđica",
    "г-н": "г-н",
    "г-жа": "г-жа",
    "г-ца": "г-ца",
    "гн": "г-н",
    "гжа": "г-жа",
    "г": "г.",
    "господин": "господин",
    "госпожа": "госпожа",
    "госпођа": "госпођа",
    "г-ѓа": "г-ѓа",
    "г-ѓица": "г-ѓица",
    "z": "z.",
    "znj": "znj.",
    "zonja": "zonja",
    "zoti": "zoti",
    "bay": "Bay",
    "bayan": "Bayan",
    "sayin": "Sayın",
    "sayın": "Sayın",
    "dott": "Dott.",
    "dottssa": "Dott.ssa",
    "sr": "Sr",
    "sra": "Sra",
    "mag": "Mag.",
    "ing": "Ing.",
    "judge": "Judge",
    "his excellency": "H.E.",
    "her excellency": "H.E.",
    "hon": "Hon.",
    "amb": "Amb.",
    "ambassador": "Ambassador",
    # academic and professional titles written before the name in the region
    "mrsc": "mr. sc.",
    "drsc": "dr. sc.",
    "doc": "Doc.",
    "dipl": "Dipl.",
    "iur": "iur.",
    "av": "Av.",  # Avukat (Turkish: lawyer)
    "g-din": "g-din",
    "g-đa": "g-đa",
    "g-dja": "g-đa",
    "g-ca": "g-ca",
    "г-дин": "г-дин",
    # ranks of the police, the border police and the military, abbreviated before the name as lists write them
    "col": "Col.",
    "ltcol": "Lt. Col.",
    "lt": "Lt.",
    "maj": "Maj.",
    "capt": "Capt.",
    "cpt": "Capt.",
    "gen": "Gen.",
    "brig": "Brig.",
    "cdr": "Cdr.",
    "cmdr": "Cmdr.",
    "insp": "Insp.",
    "supt": "Supt.",
    "sgt": "Sgt.",
}
# Only these are taken off when written without a dot: the others ("M", "G", "Z") are also initials, and a rank's
# abbreviation can be a name ("Maj", "Gen").
_NEEDS_DOT = frozenset({
    "m", "g", "z", "г", "sr", "he", "mag", "ing", "amb", "doc", "dipl", "iur", "av", "col", "lt", "maj", "capt", "cpt",
    "gen", "brig", "cdr", "cmdr", "insp", "supt", "sgt",
})  # fmt: skip
# An honorific glued to the name by its dot: "Dr.Ivana", "Mr.Petar" (not "M.Petrović": an initial).
_GLUED = re.compile(r"([^\W\d_]{2,}\.)([^\W\d_].*)")


def _honorific_key(token: str) -> str:
    return token.casefold().replace(".", "").replace(" ", "")


def split_honorific(text: str) -> tuple[str, str]:
    """("Ms", "Ana MARIĆ") from "Ms. Ana MARIĆ"; several in a row are kept ("H.E. Mr"); ("", text) if none.

    At least one word is always left for the name.
    """
    words = text.split()
    found: list[str] = []
    i = 0
    while i < len(words) - 1 or (i == len(words) - 1 and "." in words[i] and _GLUED.fullmatch(words[i])):
        word = words[i]
        if "." in word and (glued := _GLUED.fullmatch(word)) and _honorific_key(glued[1]) in _HONORIFICS:
            words[i : i + 1] = [glued[1], glued[2]]  # "Dr.Ivana" is "Dr. Ivana"
            word = words[i]
        key = _honorific_key(word)
        if "/" in word and all(_honorific_key(p) in _HONORIFICS for p in word.split("/") if p):
            i += 1  # "Mr/Ms" left over from a form: says nothing, dropped
        elif key in ("mr", "dr") and i + 2 < len(words) and _honorific_key(words[i + 1]) == "sc":
            if found and found[-1] == "Prof":
                found[-1] = "Prof."  # "Prof. dr. sc.", as it is written
            found.append(f"{key}. sc.")  # "mr. sc.", "Dr. sc.": a master's or doctor's degree (Croatia, Bosnia)
            i += 2
        elif key in _HONORIFICS and (key not in _NEEDS_DOT or word.endswith(".") or "-" in word):
            found.append(_HONORIFICS[key])
            i += 1
        elif i + 2 < len(words) + 1 and _honorific_key(f"{word} {words[i + 1]}") in ("hisexcellency", "herexcellency"):
            found.append("H.E.")
            i += 2
        else:
            break
    return " ".join(found), " ".join(words[i:])


def normalise_honorific(text: str) -> str:
    """The content of an honorific column: "MS." -> "Ms", "g-đa" kept; unknown values kept as typed."""
    text = " ".join(text.split())
    if not text:
        return ""
    key = _honorific_key(text)
    return _HONORIFICS.get(key, text)


def is_honorific(text: str) -> bool:
    text = text.strip()
    return bool(text) and (
        _honorific_key(text) in _HONORIFICS
        or all(_honorific_key(p) in _HONORIFICS for p in re.split(r"[/\s]+", text) if p)
    )


# ------------------------------------------------------------------------------------------------ full names

_PARTICLES = frozenset(["van", "der", "de", "von", "da", "di", "del", "della", "la", "le", "du", "den", "des", "dos"])


def is_caps_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# Full-name headers that say the surname comes first ("Prezime i ime": "Šehić Amra"; ФИО: Фамилия Имя Отчество).
# Normalised as headers are; found as whole words anywhere in the header ("Prezime i ime učesnika").
_FAMILY_FIRST_HEADERS = (
    "prezime i ime", "prezime ime", "презиме и име", "презиме име", "фио", "ф и о", "фамилия имя",
    "фамилия и имя", "фамилия имя отчество", "nom et prenom", "nom et prenoms", "nom prenom", "nom prenoms",
    "name vorname", "nachname vorname", "nachname und vorname", "surname and name", "surname name",
    "surname and first name", "surname first name", "last name first name", "last name and first name",
    "family name first name", "family name and first name", "mbiemri dhe emri", "mbiemri emri", "soyadi adi",
    "soyad ad", "soyadi ve adi", "επωνυμο ονομα", "cognome e nome", "cognome nome", "піб",
    "прізвище ім'я по батькові", "прізвище та ім'я", "nume si prenume", "numele si prenumele", "nume prenume",
    "nev", "teljes nev",  # Hungarian names are written surname first
)  # fmt: skip
_FAMILY_FIRST = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(normalise_header(h)) for h in _FAMILY_FIRST_HEADERS) + r")(?!\w)"
)


def family_first(header: str) -> bool:
    """Whether a full-name column's header says the surname is written first."""
    return bool(_FAMILY_FIRST.search(normalise_header(header)))


# Degrees and titles written after a name ("Ana Kovač, dipl. iur.", "Ivo Horvat, univ. spec. crim.", "Jelena
# Petrović, PhD"), as their parts without dots. Those in _POST_NOMINAL_STRONG are never a name; the others ("ma",
# "ing") are taken only written with a dot, so that "Li Ma" and "Kovač, Ana" stay names.
_POST_NOMINAL_STRONG = frozenset({"phd", "llm", "mba", "msc", "bsc", "esq", "jr", "sr", "mphil", "llb", "jd"})
_POST_NOMINAL = _POST_NOMINAL_STRONG | frozenset({
    "dipl", "iur", "oec", "ing", "mag", "bacc", "spec", "univ", "crim", "pravnik", "ma", "ba", "dr", "sc", "mr",
    "polit", "soc", "pol", "kriminalist", "ecc", "rer", "nat", "med", "jur",
})  # fmt: skip
_POST_NOMINAL_WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?")  # "dipl.", "LL.M.", "dipl.iur."


def _degree(word: str) -> bool:
    key = word.casefold().rstrip(".")
    return key.replace(".", "") in _POST_NOMINAL or all(part in _POST_NOMINAL for part in key.split("."))


def split_post_nominal(text: str, *, min_words: int = 2) -> tuple[str, str]:
    """(name, the degrees written after it): ("Ana Kovač", "dipl. iur.") from "Ana Kovač, dipl. iur."; (text, "")
    when none. What is left must be a name of `min_words` words or more, or end in a comma ("Kovač, dipl. iur.")."""
    if (
        "." not in text
        and "," not in text
        and (not text.strip() or text.split()[-1].casefold() not in _POST_NOMINAL_STRONG)
    ):
        return text, ""  # most names: no dot, no comma, no "PhD" at the end (a row is read in a few microseconds)
    words = list(_POST_NOMINAL_WORD.finditer(text))
    first = len(words)  # the degrees are words[first:]
    while first > 0 and _degree(words[first - 1][0]):
        first -= 1
    degrees = words[first:]
    if not degrees or not any(
        w[0].endswith(".") or w[0].replace(".", "").casefold() in _POST_NOMINAL_STRONG for w in degrees
    ):
        return text, ""
    before = text[: degrees[0].start()]
    name = before.rstrip(" ,")
    if not name or (len(name.split()) < min_words and not before.rstrip().endswith(",")):
        return text, ""
    return name, text[degrees[0].start() :].strip()


_DASHES = frozenset({"-", "–", "—"})
_JOINING = (" -", " –", " —")


def split_full_name(text: str, *, surname_first: bool = False) -> tuple[str, str, str]:
    """(honorific, given, family) from one cell.

    "Ms. Ana MARIĆ", "MARIĆ Ana", "Marić, Ana" and "Ana Marić" all give ("Ms"/"", "Ana", "MARIĆ"/"Marić"): the
    word(s) in capitals are the surname; else a comma puts the surname first; else the last word (with a particle
    before it: "van der Berg") is the surname, or the first when `surname_first` (the column's header said so:
    "Šehić Amra", "Иванов Иван Иванович"). Casing is left to the caller.
    """
    text, degrees = split_post_nominal(" ".join(text.split()))
    honorific, rest = split_honorific(text)
    honorific = " ".join(filter(None, [honorific, degrees]))
    if "," in rest:
        family, _, given = rest.partition(",")
        return honorific, given.strip(" ,"), family.strip(" ,")
    words = rest.split()
    if len(words) <= 1:
        return honorific, "", rest
    if any(w in _DASHES for w in words[1:-1]):
        # Two surnames, a spaced dash between ("Ana Marić - Horvat"): one word of the name. The dash was taken for
        # a word, and the first name was stored as "Ana Marić -".
        joined: list[str] = []
        for w in words:
            if joined and (w in _DASHES or joined[-1].endswith(_JOINING)):
                joined[-1] = f"{joined[-1]} {w}"
            else:
                joined.append(w)
        words = joined
    caps = [is_caps_word(w) for w in words]
    if any(caps) and not all(caps):
        # The run of capitalised words is the surname, wherever it stands.
        first = caps.index(True)
        last = first
        while last + 1 < len(words) and caps[last + 1]:
            last += 1
        family_words = words[first : last + 1]
        # Particles written in lower case just before the surname belong to it ("van der BERG").
        while first > 0 and words[first - 1].casefold() in _PARTICLES and not caps[first - 1]:
            first -= 1
            family_words.insert(0, words[first])
        given_words = words[:first] + words[last + 1 :]
        return honorific, " ".join(given_words), " ".join(family_words)
    if surname_first:
        cut = 1
        while cut < len(words) - 1 and words[cut - 1].casefold() in _PARTICLES:
            cut += 1  # "van der Berg Jan"
        return honorific, " ".join(words[cut:]), " ".join(words[:cut])
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].casefold() in _PARTICLES:
        cut -= 1
    return honorific, " ".join(words[:cut]), " ".join(words[cut:])


# ------------------------------------------------------------------------------------------------ header row

HEADER_SCAN_ROWS = 30


@dataclass
class SheetPlan:
    """How a sheet is read: where its header is and what each column holds."""

    sheet: Sheet
    header_index: int | None  # index into sheet.rows; None when no header was recognised
    headers: list[str] = field(default_factory=list)
    mapping: list[str | None] = field(default_factory=list)  # field per column (None: unknown, not imported)
    title_lines: list[str] = field(default_factory=list)  # text above the header (event title, dates, place)
    part: str = "participant"  # from the sheet's name (Speakers, Organisers)
    reason: str = ""  # why the sheet is skipped, when header_index is None
    # 2 when the header takes two rows: "Kontakt" merged over "Telefon | E-mail" (header_index is the lower one)
    header_rows: int = 1
    # A list kept as one sheet per country ("Serbia", "BiH", "Sjeverna Makedonija"): the country of the rows
    # that name none, and the country their local phone numbers are read in.
    country: str | None = None
    # The heading row that gave `country` ("BOSNIA AND HERZEGOVINA" above its participants), when not the sheet's name.
    country_heading: str = ""
    # How each full-name column's names are ordered, once worked out (`names.name_order`).
    name_orders: dict = field(default_factory=dict, repr=False, compare=False)
    # The e-mail and phone columns a header calls private ("Home Phone"): worked out once (normalise.py).
    private_columns: frozenset[int] | None = field(default=None, repr=False, compare=False)
    # The column beside an e-mail or phone column that says what kind it is, per row ("Home", "Work Fax"): worked
    # out once (normalise.py).
    point_labels: dict[int, int] | None = field(default=None, repr=False, compare=False)

    @property
    def usable(self) -> bool:
        return self.header_index is not None

    @property
    def header_row_number(self) -> int | None:
        return None if self.header_index is None else self.sheet.row_numbers[self.header_index]

    @property
    def header_rows_text(self) -> str:
        """ "row 4", or "rows 4-5" for a header in two rows."""
        if self.header_index is None:
            return ""
        last = self.sheet.row_numbers[self.header_index]
        if self.header_rows == 1:
            return f"row {last}"
        return f"rows {self.sheet.row_numbers[self.header_index - self.header_rows + 1]}-{last}"

    def header_key(self) -> str:
        """Identifies a layout: the normalised header texts (to remember a user's corrected mapping)."""
        return "|".join(normalise_header(h) for h in self.headers)


_PART_SHEET_WORDS = {
    "speaker": (
        "speaker",
        "speakers",
        "presenter",
        "presenters",
        "panelist",
        "panelists",
        "panellists",
        "trainer",
        "trainers",
        "expert",
        "experts",
        "moderator",
        "moderators",
        "lecturer",
        "lecturers",
        "intervenant",
        "intervenants",
        "orateur",
        "orateurs",
        "referent",
        "referenten",
        "redner",
        "докладчики",
        "спикеры",
        "эксперты",
        "predavaci",
        "predavac",
        "govornici",
        "panelisti",
        "предавачи",
        "говорници",
        "folesit",
        "konusmacilar",
        "egitmenler",
    ),
    "organiser": (
        "organiser",
        "organisers",
        "organizer",
        "organizers",
        "organisation team",
        "organising team",
        "organizing team",
        "staff",
        "secretariat",
        "host",
        "hosts",
        "organisateurs",
        "organisateur",
        "veranstalter",
        "organisatoren",
        "organisator",  # Teams' "Rolle" in German
        "organisatorin",
        "mitorganisator",
        "co-organizer",
        "co organizer",
        "coorganisateur",
        "организаторы",
        "организатор",
        "organizatori",
        "organizator",
        "организатори",
        "организатор",
        "organizatoret",
        "organizatorët",
        "duzenleyenler",
        "organizatorler",
    ),
}


@functools.lru_cache(maxsize=1)
def _part_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """One pattern per part of `_PART_SHEET_WORDS`, its words normalised (each word was normalised and its pattern
    compiled on every call: most of the time of reading a name with something beside it)."""
    return [
        (part, re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(normalise_header(w)) for w in words)})(?!\w)"))
        for part, words in _PART_SHEET_WORDS.items()
    ]


def part_for_sheet(name: str) -> str:
    return _part_of(normalise_header(name))


def _part_of(key: str) -> str:
    for part, pattern in _part_patterns():
        if pattern.search(key):
            return part
    return "participant"


@functools.lru_cache(maxsize=4096)
def part_from_text(text: str) -> str | None:
    """ "speaker" / "organiser" / "participant" from a cell of a part column; None when it says nothing known."""
    key = normalise_header(text)
    if not key:
        return None
    part = _part_of(key)
    if part != "participant":
        return part
    if re.search(r"particip|учесни|участ|sudion|učesn|ucesn|pjesemarr|katilimci|delegate|attendee|teilnehmer", key):
        return "participant"
    return None


def _row_texts(row: Sequence[Cell]) -> list[str]:
    return [cell_text(c.value) for c in row]


def _score(texts: Sequence[str]) -> tuple[int, bool]:
    fields = [match_header(t) for t in texts if t]
    known = [f for f in fields if f is not None]
    distinct = {f for f in known if f != "ignore"}
    has_name = bool(distinct & (NAME_FIELDS | {"_name", "email"}))
    return len(distinct) + (1 if len(known) > len(distinct) else 0), has_name


def _column_values(sheet: Sheet, start: int, col: int, limit: int = 200) -> list[str]:
    out: list[str] = []
    for row in sheet.rows[start : start + limit]:
        if col < len(row):
            text = cell_text(row[col].value)
            if text:
                out.append(text)
    return out


def _is_numbering(values: Sequence[str]) -> bool:
    if len(values) < 2:
        return False
    numbers = [v.rstrip(".") for v in values]
    if not all(n.isdigit() for n in numbers[: max(2, len(numbers) - 1)]):
        return False
    ints = [int(n) for n in numbers if n.isdigit()]
    return len(ints) >= 2 and all(b - a == 1 for a, b in itertools.pairwise(ints))


def _header_like(row: Sequence[Cell], share: float) -> bool:
    """Whether a row reads as column headers: two texts at least, `share` of them naming known fields, and no
    number, date or e-mail address (which only a person's row holds)."""
    texts = [t for t in _row_texts(row) if t]
    if len(texts) < 2 or any(c.value is not None and not isinstance(c.value, str) for c in row):
        return False
    if any("@" in t for t in texts):
        return False
    known = [match_header(t) for t in texts]
    return sum(1 for f in known if f is not None) >= share * len(texts) and len({f for f in known if f}) >= 2


def _two_header_rows(rows: Sequence[Sequence[Cell]], index: int) -> tuple[int, int] | None:
    """(upper, lower) when the header found at `index` has a second row below or above it: column names under
    merged groups ("Ime i prezime" over "Ime | Prezime", "Kontakt" over "Telefon | E-mail"), or the same
    headers in a second language. Without this the lower row was imported as a person and the columns named
    only in it were left out."""
    if index + 1 < len(rows) and _header_like(rows[index], 0.5) and _header_like(rows[index + 1], 0.8):
        return index, index + 1
    if index > 0 and _header_like(rows[index - 1], 0.5) and _header_like(rows[index], 0.8):
        return index - 1, index
    return None


def _parts_only(values: Sequence[str]) -> bool:
    """Whether a column's values all name parts in an event (organiser, speaker, participant, in any form)."""
    return all(part_from_text(v) is not None for v in set(values))


_EMAIL_LIKE = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]{2,}")


def resolve_mapping(headers: Sequence[str], sheet: Sheet | None = None, data_start: int = 0) -> list[str | None]:
    """The field of each column. Ambiguous headers are decided by their neighbours and their values."""
    raw = [match_header(h) if h else None for h in headers]
    mapping: list[str | None] = []
    present = set(raw)
    filled: list[bool] = []  # whether the column holds anything a person wrote
    for col, target in enumerate(raw):
        values = _column_values(sheet, data_start, col) if sheet is not None else []
        filled.append(any(v.strip().casefold() not in _NOTHING for v in values))
        if (
            target in ("full_name", "_name")
            and values
            and any(t in NAME_FIELDS or t == "_name" for c, t in enumerate(raw) if c != col)
            and sum(1 for v in values if _EMAIL_LIKE.search(v)) >= 0.6 * len(values)
        ):
            # Teams' "Participant ID (UPN)" beside its "Name": the account's address, a guest's ID that holds
            # theirs ("ana.kovac_mup.hr#EXT#@..."), not a second name. It was kept in the notes.
            target = "email"
        if target == "_name":
            if "family_name" in present and "given_name" not in present:
                target = "given_name"
            elif "given_name" in present and "family_name" not in present:
                target = "family_name"
            else:
                target = "full_name"
        elif target == "_title":
            honorifics = sum(1 for v in values if is_honorific(v))
            target = "honorific" if values and honorifics >= 0.6 * len(values) else "position"
        elif target == "full_name" and values and all(parse_consent(v) is not None for v in set(values)):
            target = "notes"  # "Speaker: Yes" beside the names, not names: kept in the notes
        elif target in ("roles", "position", None) and values and _parts_only(values):
            # "Role: Organizer / Presenter / Attendee" (a Teams attendance report), an unknown header over such
            # words ("Ticket Type: Participant / Speaker"): the part in the event.
            target = "part"
        elif (
            target in ("address", None)
            and values
            and sum(1 for v in values if _EMAIL_LIKE.search(v)) >= 0.6 * len(values)
        ):
            target = "email"  # "Adresa" of e-mail addresses, or a header in a language the importer does not know
        elif target is None and values and _is_numbering(values):
            target = "ignore"
        elif target is None and values and sum(1 for v in values if is_honorific(v)) >= 0.8 * len(values):
            target = "honorific"
        mapping.append(target)
    # A form's own columns of who answered it (Microsoft Forms' "Email" and "Name" of the signed-in account) give
    # way to its questions: the account is the organiser's colleague who filled it in, or "anonymous".
    account = _form_account_columns(headers)
    for col in account:
        if any(t == mapping[col] for c, t in enumerate(mapping) if c not in account):
            mapping[col] = "ignore"
    # One column per single field: a second "Organisation" column (e.g. "Organisation (in English)") is kept out.
    # The first one with anything in it is kept: an empty "Name" gives way to "Full name" further on. An address
    # book's numbered addresses keep their towns and countries: the first one not a home's is taken (normalise.py).
    grouped = {col for col, h in enumerate(headers) if h and address_group(h) and col < len(mapping)}
    # A consent question with a column per option ("...: Yes", "...: No"): each column is read (normalise.py).
    grouped |= {col for col, h in enumerate(headers) if h and col < len(mapping) and consent_option(h) is not None}
    chosen: dict[str, int] = {}
    for col, target in enumerate(mapping):
        if (target is not None and target not in MULTI_FIELDS and col not in grouped) and (
            target not in chosen or (not filled[chosen[target]] and filled[col])
        ):
            chosen[target] = col
    for col, target in enumerate(mapping):
        if target is not None and target not in MULTI_FIELDS and col not in grouped and chosen[target] != col:
            mapping[col] = "notes"
    return mapping


_ADDRESS_GROUP = re.compile(r"(address \d+) .+")


def address_group(header: str) -> str | None:
    """The numbered address a header's column is part of ("address 1" for Google Contacts' "Address 1 - City" and
    "Address 1 - Label"), or None."""
    m = _ADDRESS_GROUP.fullmatch(normalise_header(header))
    return m[1] if m else None


# What a form writes for someone who did not sign in, or a cell that holds nothing.
_NOTHING = frozenset({"anonymous", "anonyme", "anonim", "-", "n/a"})
# Microsoft Forms' export begins with its own columns: "ID", "Start time", "Completion time", "Email", "Name"
# (normalised headers; the French, German and Bosnian/Croatian/Serbian exports' words for the two times).
_FORM_TIMES = frozenset({"start time", "completion time", "heure de debut", "heure de fin", "startzeit",
                         "fertigstellungszeit", "vrijeme pocetka", "vrijeme zavrsetka", "vreme pocetka",
                         "vreme zavrsetka"})  # fmt: skip


def _form_account_columns(headers: Sequence[str]) -> set[int]:
    """The columns of a Microsoft Forms export that name the account that answered (the two after its times)."""
    normalised = [normalise_header(h) if h else "" for h in headers[:8]]
    if sum(1 for h in normalised if h in _FORM_TIMES) < 2:
        return set()
    last_time = max(i for i, h in enumerate(normalised) if h in _FORM_TIMES)
    return {last_time + 1, last_time + 2} & set(range(len(headers)))


# The import report's sheet of rows (report.write_report_xlsx): what became of each row, then the row's own cells
# under their headers and this suffix. A user corrects the rows there and imports the report.
REPORT_HEADERS = ("File", "Sheet", "Row", "Status", "Name", "Reason", "Contact id")
ORIGINAL_SUFFIX = " (original)"


def is_report_layout(headers: Sequence[str]) -> bool:
    """Whether a sheet's headers are an import report's rows: its own columns, then the list's "(original)" ones."""
    n = len(REPORT_HEADERS)
    return tuple(headers[:n]) == REPORT_HEADERS and any(h.endswith(ORIGINAL_SUFFIX) for h in headers[n:])


def report_mapping(headers: Sequence[str], sheet: Sheet | None = None, data_start: int = 0) -> list[str | None] | None:
    """The mapping of an import report's rows: its own columns not imported, the list's cells mapped as the list's
    headers would be; None for any other sheet."""
    n = len(REPORT_HEADERS)
    if not is_report_layout(headers):
        return None
    originals = ["" for _ in range(n)] + [h.removesuffix(ORIGINAL_SUFFIX) for h in headers[n:]]
    return ["ignore"] * n + resolve_mapping(originals, sheet, data_start)[n:]


def plan_sheet(sheet: Sheet, mapping: Sequence[str | None] | None = None, header_index: int | None = None) -> SheetPlan:
    """Find the header row (the best-scoring of the first rows, with a name or e-mail column) and map it.

    `mapping` / `header_index` override what is detected (a user's corrections).
    """
    part = part_for_sheet(sheet.name)
    if header_index is None:
        best: tuple[int, int] | None = None  # (score, index)
        for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
            texts = [t for t in _row_texts(row) if t]
            if len(texts) < 2:
                continue
            score, has_name = _score(texts)
            if has_name and score >= 2 and (best is None or score > best[0]) and _names_below(sheet.rows, index):
                best = (score, index)
        if best is None:
            if not any(c.value is not None for row in sheet.rows for c in row):
                reason = "empty sheet"
            else:
                reason = "no header row with a name or e-mail column in the first rows"
            return SheetPlan(sheet, None, part=part, reason=reason)
        header_index = best[1]
    headers = _row_texts(sheet.rows[header_index]) if header_index < len(sheet.rows) else []
    header_rows = 1
    if (pair := _two_header_rows(sheet.rows, header_index)) is not None:
        upper, lower = (_row_texts(sheet.rows[i]) for i in pair)
        width = max(len(upper), len(lower))
        upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
        headers = [below or above for above, below in zip(upper, lower, strict=True)]  # the lower row is the finer
        question = ""
        for col, (above, below) in enumerate(zip(upper, lower, strict=True)):
            question = above or question  # a question merged over its options' columns is written in the first
            if below and question and consent_option(f"{question}: {below}") is not None:
                headers[col] = f"{question}: {below}"  # "I agree ..." over "Yes | No": an option each
        header_index, header_rows = pair[1], 2
    if mapping is None:
        detected = report_mapping(headers, sheet, header_index + 1) or resolve_mapping(headers, sheet, header_index + 1)
    else:
        detected = list(mapping) + [None] * (len(headers) - len(mapping))
        detected = detected[: max(len(headers), len(mapping))]
    title_lines: list[str] = []
    for row in sheet.rows[: header_index - header_rows + 1]:
        texts = list(dict.fromkeys(t for t in _row_texts(row) if t))
        if texts:
            title_lines.append(" ".join(texts))
    country = country_of_sheet(sheet)
    return SheetPlan(
        sheet, header_index, headers, detected, title_lines, part, header_rows=header_rows, country=country
    )


def _filled(row: Sequence[Cell]) -> int:
    """How many cells of a row hold a value, counted up to 2."""
    count = 0
    for cell in row:
        if cell.value is not None:
            count += 1
            if count == 2:
                break
    return count


def _starts_table(rows: Sequence[Sequence[Cell]], index: int) -> bool:
    """Whether the row at `index` is the header of a table of people that begins there: a header naming a name
    or e-mail column, with a blank row or a one-cell title ("Panelist Details", "2. Participants") above it."""
    if index > 0 and _filled(rows[index - 1]) > 1:
        return False
    row = rows[index]
    if any(c.value is not None and not isinstance(c.value, str) for c in row):
        return False
    texts = [t for t in _row_texts(row) if t]
    if len(texts) < 2 or any("@" in t for t in texts):
        return False
    score, has_name = _score(texts)
    if not (has_name and score >= 2):
        return False
    return _names_below(rows, index)


def _names_below(rows: Sequence[Sequence[Cell]], index: int) -> bool:
    """Whether the row under a header holds a name under its name column (when it has one). A meeting's summary
    above its people ("Topic | Start Time | User Email | Participants", then a row of numbers) holds a count."""
    below = rows[index + 1] if index + 1 < len(rows) else []
    names = [c for c, cell in enumerate(rows[index]) if cell.value is not None and match_header(cell_text(cell.value))
             in NAME_FIELDS | {"_name"}]  # fmt: skip
    if not names or not any(c < len(below) and below[c].value is not None for c in names):
        return True  # no name column, or nothing under it yet: nothing to tell
    return any(c < len(below) and isinstance(v := below[c].value, str) and any(ch.isalpha() for ch in v) for c in names)


# A name cell (folded) that holds the programme or a remark, not a person: a break or meal, a time of day, a label
# before a colon ("Napomena:", "Interpreters:"). Only on rows with no e-mail address or phone. Written by hand: the
# words of the region's seminar programmes.
_NOTE_LINE = re.compile(
    r"^(?:coffee|lunch|dinner|breakfast|break|pause|pauza|rucak|ruchak|vecera|dorucak|kahve|ogle yemegi|yemek"
    r"|kaffeepause|mittag\w*|abendessen|dejeuner|diner|obed|uzhin|pereryv|kofe|registration|registracija"
    r"|registrim\w*|registratsiya|kayit|welcome|opening|closing|otvaranje|zatvaranje|end of|session|sesija"
    r"|departure|arrival|dolazak|odlazak|transfer|excursion|reception|prijem|drustven\w*|pushim|kafe|cafe"
    r"|napomena|primjedba|note|notes|remark|primechanie)\b"
    r"|\b\d{1,2}[:.]\d{2}\b"  # a time of day: "11:00-11:30", "13.00"
    r"|\b(?:19|20)\d{2}\b"  # a year: a page's header or footer ("Skopje 2025 · list of participants")
    # "2 participant(s) did not agree to be shared and are not listed" (this app's own handout), "Participant 3"
    r"|\bparticipants?\b|\bdid not agree\b|\bnot listed\b"
    r"|^[^\W\d_]+(?: [^\W\d_]+)?\s*:"  # a label: "Napomena: ...", "Prevodioci: ...", "Interpreters: ..."
)


def note_line(text: str) -> bool:
    """Whether a text in a name cell, or above a table, is a line of the programme or a remark (`_NOTE_LINE`)."""
    return _NOTE_LINE.search(fold(text)) is not None


def split_sections(sheet: Sheet) -> list[Sheet]:
    """A sheet that holds several tables one below the other, each under its own header, as one sheet per table.

    Online meetings' reports are written so: Zoom's "Host Details", "Panelist Details" and "Attendee Details",
    Teams' "2. Participants" and "3. In-Meeting Activities", each with a header of its own. Read as one table,
    the people above the last header were taken for the list's title and lost. Each table keeps the rows above
    it from the one before (its title; the first keeps the top of the sheet, where the event is named) and the
    row numbers a user sees; it is named after its title ("Participants – Panelist Details"), which also gives
    the part its people had (`part_for_sheet`). A sheet of one table, or whose header repeats on every page with
    no title above it, is returned whole."""
    rows = sheet.rows
    starts: list[int] = []
    for i in range(len(rows)):
        if _starts_table(rows, i):
            above = [t for t in _row_texts(rows[i - 1]) if t] if i > 0 else []
            titled = bool(above) and not note_line(above[0])  # "Coffee break 11:00" above a page's header
            if starts and not titled and _row_texts(rows[i]) == _row_texts(rows[starts[-1]]):
                continue  # the header repeated after a blank row (a new page): the same table goes on
            starts.append(i)
    if len(starts) < 2:
        return [sheet]
    sections: list[Sheet] = []
    for n, start in enumerate(starts):
        begin = 0 if n == 0 else start - 1 if start > 0 else start
        end = starts[n + 1] - 1 if n + 1 < len(starts) else len(rows)
        title_row = [t for t in _row_texts(rows[start - 1]) if t] if start > 0 else []
        title = " ".join(title_row[0].split()) if title_row else f"table {n + 1}"
        numbers = sheet.row_numbers[begin:end]
        kept = set(numbers)
        sections.append(
            replace(
                sheet,
                name=f"{sheet.name} – {title}",
                rows=rows[begin:end],
                row_numbers=numbers,
                hidden_rows={r for r in sheet.hidden_rows if r in kept},
                merged_below={(r, c) for r, c in sheet.merged_below if r in kept},
                row_problems={r: p for r, p in sheet.row_problems.items() if r in kept},
            )
        )
    return sections


def country_of_sheet(sheet: Sheet) -> str | None:
    """The country a sheet is named after, or None. A short name needs a capital after its first letter ("RS",
    "MK", "BiH"): a sheet named "In" or "Da" is not India or Denmark."""
    name = " ".join(sheet.name.split())
    if len(name) <= 3 and not any(ch.isupper() for ch in name[1:]):
        return None
    if " – " in name and (section := resolve_country(name.rsplit(" – ", 1)[1])):
        return section  # a table under its country's heading ("Table 1 – Croatia (3)", `split_sections`)
    return resolve_country(name)

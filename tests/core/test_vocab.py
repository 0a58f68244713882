from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory_app.core import vocab
from directory_app.core.records import DirectoryError
from directory_app.core.vocab import (
    CONTACT_POINT_TYPES,
    EXPERTISE,
    ORG_TYPES,
    PARTS,
    ROLES,
    check_codes,
    infer_org_type,
    infer_roles,
    label,
    map_expertise,
    parse_code,
)

# ------------------------------------------------------------------------------------------------------------
# Codes and labels
# ------------------------------------------------------------------------------------------------------------


def test_codes_in_display_order() -> None:
    assert ROLES[0] == "judge" and ROLES[-1] == "other" and len(ROLES) == 10
    assert EXPERTISE[0] == "trafficking_in_human_beings" and len(EXPERTISE) == 11
    assert ORG_TYPES == (
        "court",
        "prosecution",
        "police",
        "ministry",
        "ngo",
        "osce_field_operation",
        "international_organisation",
        "other",
    )
    assert PARTS == ("participant", "speaker", "organiser")
    assert CONTACT_POINT_TYPES == ("work", "mobile", "fax", "other")


@pytest.mark.parametrize(
    ("vocabulary", "codes"),
    [
        ("role", ROLES),
        ("expertise", EXPERTISE),
        ("org_type", ORG_TYPES),
        ("part", PARTS),
        ("contact_point_type", CONTACT_POINT_TYPES),
    ],
)
def test_every_code_has_a_label_that_parses_back(vocabulary: str, codes: tuple[str, ...]) -> None:
    for code in codes:
        text = label(vocabulary, code)
        assert text and text != code
        assert parse_code(vocabulary, text) == code
        assert parse_code(vocabulary, text.upper()) == code
        assert parse_code(vocabulary, code) == code


@pytest.mark.parametrize(
    ("func", "code", "expected"),
    [
        (vocab.role_label, "police_liaison", "Police liaison officer"),
        (vocab.role_label, "central_authority", "Central authority / ministry"),
        (
            vocab.expertise_label,
            "cross_border_cooperation",
            "Cross-border co-operation (MLA, extradition, JITs)",
        ),
        (vocab.org_type_label, "ministry", "Ministry / central authority"),
        (vocab.part_label, "organiser", "Organiser"),
        (vocab.contact_point_type_label, "fax", "Fax"),
    ],
)
def test_label_conveniences(func, code: str, expected: str) -> None:
    assert func(code) == expected


def test_label_falls_back_to_english_then_to_code() -> None:
    assert label("role", "judge", locale="sr_Latn") == "Judge"
    assert label("role", "retired_code") == "retired_code"
    assert vocab.labels("part") == [
        ("participant", "Participant"),
        ("speaker", "Speaker"),
        ("organiser", "Organiser"),
    ]


def test_translation_layer_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(vocab.LABELS, "fr", {"role": {"judge": "Juge"}})
    assert label("role", "judge", "fr") == "Juge"
    assert label("role", "judge", "fr_FR") == "Juge"
    assert label("role", "prosecutor", "fr") == "Prosecutor"


@pytest.mark.parametrize(
    ("vocabulary", "text", "expected"),
    [
        ("role", "Prosecutor", "prosecutor"),
        ("role", "  law enforcement ", "law_enforcement"),
        ("role", "LAW_ENFORCEMENT", "law_enforcement"),
        ("role", "police liaison officer", "police_liaison"),
        ("org_type", "ministry / central authority", "ministry"),
        ("expertise", "Smuggling of migrants", "smuggling_of_migrants"),
        ("part", "SPEAKER", "speaker"),
        ("role", "judg", None),
        ("role", "", None),
    ],
)
def test_parse_code(vocabulary: str, text: str, expected: str | None) -> None:
    assert parse_code(vocabulary, text) == expected


def test_check_codes_returns_codes_deduplicated() -> None:
    assert check_codes("role", ["judge", "prosecutor", "judge"]) == ["judge", "prosecutor"]
    assert check_codes("roles", []) == []


@pytest.mark.parametrize("value", ["Judge", " judge", "", "JUDGE"])
def test_check_codes_is_strict(value: str) -> None:
    # Callers store what they validated, so labels and sloppy spellings are refused.
    with pytest.raises(DirectoryError, match="valid roles: judge, prosecutor"):
        check_codes("role", [value])


def test_check_codes_unknown_role_lists_valid_codes() -> None:
    with pytest.raises(DirectoryError) as excinfo:
        check_codes("role", ["judge", "judg"])
    message = str(excinfo.value)
    assert message == "unknown role 'judg'; valid roles: " + ", ".join(ROLES)
    assert "\n" not in message


@pytest.mark.parametrize("vocabulary", ["expertise", "org_type", "part", "contact_point_type"])
def test_check_codes_unknown_code_other_vocabularies(vocabulary: str) -> None:
    with pytest.raises(DirectoryError, match="valid") as excinfo:
        check_codes(vocabulary, ["nope"])
    assert ", ".join(vocab.VOCABULARIES[vocabulary]) in str(excinfo.value)


def test_unknown_vocabulary_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check_codes("colour", ["red"])


# ------------------------------------------------------------------------------------------------------------
# infer_roles
# ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        # prosecutor
        ("Prosecutor", "prosecutor"),
        ("Public Prosecutor", "prosecutor"),
        ("Deputy Chief Prosecutor", "prosecutor"),
        ("Tužilac", "prosecutor"),
        ("Tuzilac", "prosecutor"),
        ("Tužitelj", "prosecutor"),
        ("Tužiteljica", "prosecutor"),
        ("Тужилац", "prosecutor"),
        ("Јавни тужилац", "prosecutor"),
        ("Тужител", "prosecutor"),
        ("Прокурор", "prosecutor"),
        ("Procureur", "prosecutor"),
        ("Procureure de la République", "prosecutor"),
        ("Staatsanwalt", "prosecutor"),
        ("Oberstaatsanwältin", "prosecutor"),
        ("Staatsanwältin", "prosecutor"),
        ("Savcı", "prosecutor"),
        ("Cumhuriyet savcısı", "prosecutor"),
        ("CUMHURİYET SAVCISI", "prosecutor"),
        ("Prokuror", "prosecutor"),
        ("Εισαγγελέας", "prosecutor"),
        # judge
        ("Judge", "judge"),
        ("Investigating judge", "judge"),
        ("Sudija", "judge"),
        ("Sutkinja", "judge"),
        ("Sudac", "judge"),
        ("Судија", "judge"),
        ("Судья", "judge"),
        ("Съдия", "judge"),
        ("Судия", "judge"),
        ("Juge d'instruction", "judge"),
        ("Richter", "judge"),
        ("Richterin", "judge"),
        ("Hâkim", "judge"),
        ("Hakim", "judge"),
        ("Gjyqtar", "judge"),
        ("Gjykatës", "judge"),
        ("Δικαστής", "judge"),
        # law enforcement
        ("Police officer", "law_enforcement"),
        ("Inspektor, Granična policija", "law_enforcement"),
        ("Полиција", "law_enforcement"),
        ("Полиция", "law_enforcement"),
        ("Поліція", "law_enforcement"),
        ("Gendarmerie nationale", "law_enforcement"),
        ("Policier", "law_enforcement"),
        ("Ofițer de poliție", "law_enforcement"),
        ("Поліцейський", "law_enforcement"),
        ("Rendőr főhadnagy", "law_enforcement"),
        ("Poliziotto", "law_enforcement"),
        ("Judecător", "judge"),
        ("Суддя", "judge"),
        ("Sodnica", "judge"),
        ("Ügyész", "prosecutor"),
        ("Okrožna državna tožilka", "prosecutor"),
        ("Policière", "law_enforcement"),
        ("SIPA", "law_enforcement"),
        ("Državna agencija za istrage i zaštitu", "law_enforcement"),
        ("Bundespolizei", "law_enforcement"),
        ("Polizei", "law_enforcement"),
        ("Polis memuru", "law_enforcement"),
        ("Emniyet müdürü", "law_enforcement"),
        ("Jandarma", "law_enforcement"),
        ("Policia e Shtetit", "law_enforcement"),
        ("Border police", "law_enforcement"),
        ("Police inspector", "law_enforcement"),
        ("Investigator", "law_enforcement"),
        # police liaison
        ("Liaison officer", "police_liaison"),
        ("Oficir za vezu", "police_liaison"),
        ("Офицер за связь", "police_liaison"),
        ("Ofițer de legătură", "police_liaison"),
        ("Atașat de afaceri interne", "police_liaison"),
        ("Офицер за връзка", "police_liaison"),
        ("Inspector de muncă", "labour_inspector"),
        ("Инспектор по труда", "labour_inspector"),
        # central authority
        ("Ministry of Justice", "central_authority"),
        ("Ministarstvo pravde", "central_authority"),
        ("Министерство юстиции", "central_authority"),
        ("Министерство за правда", "central_authority"),
        ("Ministère de la Justice", "central_authority"),
        ("Bundesministerium für Justiz", "central_authority"),
        ("Adalet Bakanlığı", "central_authority"),
        ("Ministria e Drejtësisë", "central_authority"),
        ("National Coordinator", "central_authority"),
        ("National Anti-Trafficking Coordinator", "central_authority"),
        ("National Rapporteur", "central_authority"),
        ("Anti-Trafficking Office", "central_authority"),
        ("Central Authority for MLA", "central_authority"),
        # OSCE field operation
        ("OSCE Mission to Serbia", "osce_field_operation"),
        ("OSCE Presence in Albania", "osce_field_operation"),
        ("OSCE Programme Office in Bishkek", "osce_field_operation"),
        ("OSCE Office in Yerevan", "osce_field_operation"),
        ("Mission to Bosnia and Herzegovina", "osce_field_operation"),
        ("Misija OEBS u Srbiji", "osce_field_operation"),
        ("Мисија ОЕБС у Скопју", "osce_field_operation"),
        # international organisations
        ("IOM", "international_organisation"),
        ("UNODC", "international_organisation"),
        ("UNHCR", "international_organisation"),
        ("UNICEF", "international_organisation"),
        ("Interpol", "international_organisation"),
        ("Europol", "international_organisation"),
        ("Frontex", "international_organisation"),
        ("OSCE Secretariat", "international_organisation"),
        ("OSCE ODIHR", "international_organisation"),
        ("OSCE OSR/CTHB", "international_organisation"),
        ("OSCE", "international_organisation"),
        ("Council of Europe", "international_organisation"),
        ("GRETA", "international_organisation"),
        ("ICMPD", "international_organisation"),
        ("SELEC", "international_organisation"),
        ("EU Delegation", "international_organisation"),
        ("European Commission", "international_organisation"),
        ("UN Women", "international_organisation"),
        # NGOs
        ("NGO", "ngo"),
        ("Association for Victims", "ngo"),
        ("Udruženje Vaša prava", "ngo"),
        ("Udruga PETRA", "ngo"),
        ("Фондация Асоциация Анимус", "ngo"),
        ("Фонд", "ngo"),
        ("Foundation", "ngo"),
        ("Fondacija Lara", "ngo"),
        ("Shelter for victims", "ngo"),
        ("Sklonište za žrtve", "ngo"),
        ("Dernek", "ngo"),
        ("Vakıf", "ngo"),
        ("Shoqata Tjetër Vizion", "ngo"),
        ("La Strada", "ngo"),
        ("Caritas", "ngo"),
        ("Terre des hommes", "ngo"),
        ("ASTRA", "ngo"),
        # labour inspection
        ("Labour inspector", "labour_inspector"),
        ("Labour Inspectorate", "labour_inspector"),
        ("Inspekcija rada", "labour_inspector"),
        ("Инспекция труда", "labour_inspector"),
        ("İş müfettişi", "labour_inspector"),
    ],
)
def test_infer_roles_from_position(position: str, expected: str) -> None:
    assert expected in infer_roles(position, "")


@pytest.mark.parametrize(
    ("position", "organisation", "expected"),
    [
        ("", "Ministry of Justice", ["central_authority"]),
        ("Head of Unit", "Ministry of Justice", ["central_authority"]),
        ("", "Supreme Prosecutor's Office", ["prosecutor"]),
        ("", "Tužilaštvo BiH", ["prosecutor"]),
        ("Advisor", "Državno odvjetništvo Republike Hrvatske", ["prosecutor"]),
        ("Deputy State Attorney", "State Attorney's Office of the Republic of Croatia", ["prosecutor"]),  # in English
        # Ministry of the interior = police's ministry: both roles (documented choice).
        ("", "Ministarstvo unutrašnjih poslova", ["law_enforcement", "central_authority"]),
        ("", "Министерство внутренних дел", ["law_enforcement", "central_authority"]),
        ("", "MUP Republike Srpske", ["law_enforcement", "central_authority"]),
        ("Prosecutor", "Ministry of Interior", ["prosecutor", "central_authority"]),
        # Courts: judge only with a blank position or a president.
        ("", "Supreme Court", ["judge"]),
        ("", "Osnovni sud u Beogradu", ["judge"]),
        ("", "Врховни суд", ["judge"]),
        ("", "Yargıtay Mahkemesi", ["judge"]),
        ("President", "Court of Appeal", ["judge"]),
        ("Predsjednica", "Općinski sud", ["judge"]),
        ("Prosecutor", "Basic Court", ["prosecutor"]),
        ("Clerk", "Basic Court", []),
        ("Interpreter", "Basic Court", []),
        ("Judge", "Supreme Court", ["judge"]),
        # Several roles.
        ("Police liaison officer", "", ["law_enforcement", "police_liaison"]),
        ("National Programme Officer", "OSCE Mission to Skopje", ["osce_field_operation"]),
        ("Police adviser", "OSCE Mission to Serbia", ["law_enforcement", "osce_field_operation"]),
        ("Legal officer", "IOM", ["international_organisation"]),
        ("Project Officer", "OSCE Secretariat", ["international_organisation"]),
        # Substrings that must not fire.
        ("Policy officer", "", []),
        ("Assistant", "", []),
        ("Interpreter", "", []),
        ("Assistant", "Tužilaštvo BiH", []),
        ("", "", []),
        ("   ", "", []),
        ("Journalist", "Sudanese Broadcasting", []),
        ("Researcher", "Non-governmental organisation", ["ngo"]),
    ],
)
def test_infer_roles(position: str, organisation: str, expected: list[str]) -> None:
    assert infer_roles(position, organisation) == expected


def test_ministry_of_justice_is_not_judge() -> None:
    assert "judge" not in infer_roles("", "Ministry of Justice")
    assert "judge" not in infer_roles("Ministry of Justice", "")


def test_ministere_public_is_prosecution_not_ministry() -> None:
    assert infer_roles("", "Ministère public") == ["prosecutor"]


@given(st.text(max_size=60), st.text(max_size=60))
def test_infer_roles_never_crashes_and_returns_codes(position: str, organisation: str) -> None:
    roles = infer_roles(position, organisation)
    assert set(roles) <= set(ROLES) and "other" not in roles
    assert len(roles) == len(set(roles))


# ------------------------------------------------------------------------------------------------------------
# infer_org_type
# ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("organisation", "expected"),
    [
        ("Supreme Court of Cassation", "court"),
        ("Osnovni sud u Sarajevu", "court"),
        ("Врховни суд Србије", "court"),
        ("Ankara Mahkemesi", "court"),
        ("Landgericht Wien", "court"),
        ("Gjykata e Apelit", "court"),
        ("Supreme Prosecutor's Office", "prosecution"),
        ("Tužilaštvo BiH", "prosecution"),
        ("Prosecutor's Office at the Court of Appeal", "prosecution"),
        ("Генерална прокуратура", "prosecution"),
        ("Staatsanwaltschaft Wien", "prosecution"),
        ("Border Police", "police"),
        ("Ministry of Interior - General Police Directorate", "police"),
        ("Policia e Shtetit", "police"),
        ("Emniyet Genel Müdürlüğü", "police"),
        ("Ministry of Interior", "ministry"),
        ("Ministarstvo unutrašnjih poslova", "ministry"),
        ("Ministry of Justice", "ministry"),
        ("Adalet Bakanlığı", "ministry"),
        ("Office of the National Coordinator", "ministry"),
        ("La Strada International", "ngo"),
        ("Udruženje Vaša prava BiH", "ngo"),
        ("Terre des hommes", "ngo"),
        ("OSCE Mission to Montenegro", "osce_field_operation"),
        ("OSCE Presence in Albania", "osce_field_operation"),
        ("OSCE Secretariat", "international_organisation"),
        ("OSCE ODIHR", "international_organisation"),
        ("OSCE", "international_organisation"),
        ("IOM", "international_organisation"),
        ("UNODC", "international_organisation"),
        ("Council of Europe", "international_organisation"),
        # the international organisations and the institutions as lists from the region and beyond name them
        ("OIM", "international_organisation"),
        ("МОМ", "international_organisation"),
        ("Uluslararası Göç Örgütü", "international_organisation"),
        ("ONUDC", "international_organisation"),
        ("УНП ООН", "international_organisation"),
        ("Kancelarija Ujedinjenih nacija za drogu i kriminal", "international_organisation"),
        ("HCR", "international_organisation"),
        ("CEPOL", "international_organisation"),
        ("Yargıtay", "court"),
        ("Judecătoria Chișinău", "court"),
        ("Corte di Cassazione", "court"),
        ("Cumhuriyet Başsavcılığı", "prosecution"),
        ("Zyra e Kryeprokurorit", "prosecution"),
        ("Procura della Repubblica", "prosecution"),
        ("Inspectoratul General al Poliției", "police"),
        ("Polizia di Stato", "police"),
        ("Bundeskriminalamt", "police"),
        ("Crveni krst Srbije", "ngo"),
        ("Kızılay", "ngo"),
        ("Faculty of Political Science", None),
        ("ACME Consulting Ltd", None),
        ("", None),
    ],
)
def test_infer_org_type(organisation: str, expected: str | None) -> None:
    assert infer_org_type(organisation) == expected


# ------------------------------------------------------------------------------------------------------------
# map_expertise
# ------------------------------------------------------------------------------------------------------------

THB = "trafficking_in_human_beings"
SOM = "smuggling_of_migrants"
CBC = "cross_border_cooperation"
FIN = "financial_investigation"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("THB", THB),
        ("TIP", THB),
        ("trafficking in persons", THB),
        ("Human trafficking", THB),
        ("trgovina ljudima", THB),
        ("Trgovina ljudi", THB),
        ("трговина људима", THB),
        ("торговля людьми", THB),
        ("Traite des êtres humains", THB),
        ("Menschenhandel", THB),
        ("insan ticareti", THB),
        ("trafikimi i qenieve njerëzore", THB),
        ("SOM", SOM),
        ("migrant smuggling", SOM),
        ("Smuggling of migrants", SOM),
        ("krijumčarenje migranata", SOM),
        ("кријумчарење миграната", SOM),
        ("незаконный ввоз мигрантов", SOM),
        ("trafic de migrants", SOM),
        ("göçmen kaçakçılığı", SOM),
        ("Schleusung", SOM),
        ("JIT", CBC),
        ("joint investigation team", CBC),
        ("Joint Investigation Teams", CBC),
        ("MLA", CBC),
        ("mutual legal assistance", CBC),
        ("extradition", CBC),
        ("международное сотрудничество", CBC),
        ("međunarodna saradnja", CBC),
        ("money laundering", FIN),
        ("AML", FIN),
        ("financial investigation", FIN),
        ("financial investigations", FIN),
        ("asset recovery", FIN),
        ("pranje novca", FIN),
        ("отмывание денег", FIN),
        ("cybercrime", "cybercrime"),
        ("online exploitation", "cybercrime"),
        ("visokotehnološki kriminal", "cybercrime"),
        ("document fraud", "document_fraud"),
        ("forged documents", "document_fraud"),
        ("border management", "border_management"),
        ("border control", "border_management"),
        ("child protection", "child_protection"),
        ("children", "child_protection"),
        ("unaccompanied minors", "child_protection"),
        ("zaštita djece", "child_protection"),
        ("labour exploitation", "labour_exploitation"),
        ("forced labour", "labour_exploitation"),
        ("asylum", "asylum_migration"),
        ("migration", "asylum_migration"),
        ("refugees", "asylum_migration"),
        ("victim assistance", "victim_assistance"),
        ("victim support", "victim_assistance"),
        ("victim identification", "victim_assistance"),
        ("pomoć žrtvama", "victim_assistance"),
        ("помощь жертвам", "victim_assistance"),
    ],
)
def test_map_expertise_single(text: str, code: str) -> None:
    assert map_expertise(text) == ([code], [])


@pytest.mark.parametrize(
    ("text", "codes", "keywords"),
    [
        ("THB; SOM", [THB, SOM], []),
        ("THB/SOM", [THB, SOM], []),
        ("THB, SOM, THB", [THB, SOM], []),
        ("Gender equality", [], ["Gender equality"]),
        ("THB | gender equality\nHuman rights", [THB], ["gender equality", "Human rights"]),
        ("money laundering and asset recovery", [FIN], []),
        ("THB and forced labour", [THB, "labour_exploitation"], []),
        ("Asylum and migration", ["asylum_migration"], []),
        ("unaccompanied and separated children; THB", ["child_protection", THB], []),
        ("Cross-border co-operation (MLA, extradition, JITs)", [CBC], []),
        ("AML/CFT", [FIN], []),
        ("  Gender equality ;gender EQUALITY; ", [], ["Gender equality"]),
        ("drug trafficking", [], ["drug trafficking"]),
        ("smuggling", [SOM], []),  # on its own, as "trafficking" is
        ("cigarette smuggling", [], ["cigarette smuggling"]),
        ("smuggling of drugs", [], ["smuggling of drugs"]),
        ("", [], []),
        ("trafficking in children", [THB, "child_protection"], []),
        ("trgovina ljudima i krijumčarenje migranata", [THB, SOM], []),
    ],
)
def test_map_expertise_lists(text: str, codes: list[str], keywords: list[str]) -> None:
    assert map_expertise(text) == (codes, keywords)


@given(st.text(max_size=80))
def test_map_expertise_never_crashes(text: str) -> None:
    codes, keywords = map_expertise(text)
    assert set(codes) <= set(EXPERTISE)
    assert len(codes) == len(set(codes))
    assert all(k == k.strip() and k for k in keywords)


@pytest.mark.parametrize(
    "organisation",
    [
        "Hellenic Coast Guard",
        "Λιμενικό Σώμα",
        "Национальный инспекторат по расследованиям",
        "Sahil Güvenlik Komutanlığı",
    ],
)
def test_coast_guards_and_investigation_services_are_law_enforcement(organisation: str) -> None:
    assert infer_roles("", organisation) == ["law_enforcement"]


def test_a_role_label_with_a_slash_is_read_whole() -> None:
    """Our own export writes "Central authority / ministry": split on "/", it came back as a role and a keyword."""
    assert vocab.split_codes("role", "Central authority / ministry; Prosecutor") == ["central_authority", "Prosecutor"]
    assert vocab.split_codes("role", "Judge/Prosecutor") == ["Judge", "Prosecutor"]

"""A full-name column's order (first name first or surname first) read from the list itself when no capitals say
it: the rows written with the surname in capitals, and the e-mail addresses beside the names."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory_app.core.folding import fold_variants
from directory_app.core.importing import plan_file
from directory_app.core.importing.names import _order_in_address
from tests.core.import_helpers import write_csv


def _names(path: Path) -> list[tuple[str, str]]:
    return [(r.contact.given_name, r.contact.family_name) for r in plan_file(path).rows() if r.contact]


@pytest.mark.parametrize(
    ("words", "local", "order"),
    [
        (["Jelena", "Petrović"], "jelena.petrovic", "given"),
        (["Jelena", "Petrović"], "j.petrovic", "given"),
        (["Jelena", "Petrović"], "jpetrovic", "given"),
        (["Jelena", "Petrović"], "jelenapetrovic", "given"),
        (["Jelena", "Petrović"], "petrovic.j", "given"),  # the initial is the first name, wherever it stands
        (["Jelena", "Petrović"], "petrovicj", "given"),
        (["Petrović", "Jelena"], "jelena.petrovic", "surname"),
        (["Petrović", "Jelena"], "j.petrovic", "surname"),
        (["Đorđević", "Nenad"], "nenad.djordjevic", "surname"),
        (["Nenad", "Đorđević"], "n_dordevic2", "given"),
        (["Ana", "Marija", "Kovač"], "ana.kovac", "given"),
        (["Jelena", "Petrović"], "info", None),
        (["Jelena", "Petrović"], "petrovic", None),
        (["Jelena", "Petrović"], "j.p", None),
        (["Ivan", "Ivan"], "ivan.ivan", None),
    ],
)
def test_what_an_address_says_of_the_order(words: list[str], local: str, order: str | None) -> None:
    assert _order_in_address([set(fold_variants(w)) for w in words], local) == order


def test_a_header_that_says_surname_first_over_names_written_first_name_first(tmp_path: Path) -> None:
    # "Nom et prénom" says surname first, but the organiser typed the names first name first: the addresses show it.
    path = write_csv(
        tmp_path / "liste.csv",
        [
            ["Nom et prénom", "Courriel", "Pays"],
            ["Jelena Petrović", "jelena.petrovic@mup.gov.rs", "Serbie"],
            ["Amra Šehić", "a.sehic@tuzilastvobih.gov.ba", "Bosnie-Herzégovine"],
            ["Luan Krasniqi", "luan.krasniqi@rks-gov.net", "Kosovo"],
            ["Marie Dupont", "", "France"],
        ],
    )
    assert _names(path) == [("Jelena", "Petrović"), ("Amra", "Šehić"), ("Luan", "Krasniqi"), ("Marie", "Dupont")]
    (note,) = [n for n in plan_file(path).notes() if "names in" in n]
    assert "'Nom et prénom' read first name first, as 3 of 3 rows show" in note


def test_names_written_surname_first_under_a_header_that_does_not_say(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Participant", "E-mail"],
            ["Petrović Jelena", "jelena.petrovic@mup.gov.rs"],
            ["Đorđević Nenad", "ndjordjevic@rjt.gov.rs"],
            ["Šehić Amra", ""],  # no address: read as the rest of the list is written
        ],
    )
    assert _names(path) == [("Jelena", "Petrović"), ("Nenad", "Đorđević"), ("Amra", "Šehić")]
    assert any("read surname first, as 2 of 2 rows show" in n for n in plan_file(path).notes())


def test_the_surname_in_capitals_on_some_rows_tells_the_others(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Name", "Organisation"],
            ["PETROVIĆ Jelena", "MUP"],
            ["ĐORĐEVIĆ Nenad", "RJT"],
            ["Šehić Amra", "Tužilaštvo BiH"],
        ],
    )
    assert _names(path)[2] == ("Amra", "Šehić")


def test_one_office_writing_addresses_surname_first_does_not_turn_the_list(tmp_path: Path) -> None:
    rows = [["Name", "E-mail"]]
    rows += [[f"Ana {s}", f"ana.{s.lower()}@example.org"] for s in ("Horvat", "Kovač", "Babić", "Marić")]
    rows += [["Ivan Novak", "novak.ivan@office.example"]]  # the office's convention, not the name's order
    assert _names(write_csv(tmp_path / "list.csv", rows))[-1] == ("Ivan", "Novak")


def test_rows_without_capitals_pasted_under_a_list_of_surnames_in_capitals(tmp_path: Path) -> None:
    """Four "PETROVIĆ Marko", then "Jelena Marić" (jelena.maric@...) pasted from another list: the capitals decided
    the column, and Marić was stored as her first name though her own address says otherwise."""
    rows = [["Participant", "E-mail"]]
    people = (("Petrovic", "Marko"), ("Hodzic", "Amra"), ("Kovac", "Ivan"), ("Lekic", "Vesna"))
    rows += [[f"{s.upper()} {g}", f"{g.lower()}.{s.lower()}@example.ba"] for s, g in people]
    rows += [["Jelena Marić", "jelena.maric@example.ba"], ["Dragana Simić", "dragana.simic@example.ba"]]
    names = _names(write_csv(tmp_path / "list.csv", rows))
    assert names[0] == ("Marko", "Petrovic") and names[4:] == [("Jelena", "Marić"), ("Dragana", "Simić")]


def test_without_a_clear_majority_a_row_s_own_address_decides_then_the_header(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Prezime i ime", "E-mail"],
            ["Petrović Jelena", "jelena.petrovic@mup.gov.rs"],
            ["Nenad Đorđević", "nenad.djordjevic@rjt.gov.rs"],  # one against one: not clear
            ["Šehić Amra", ""],
        ],
    )
    assert _names(path) == [("Jelena", "Petrović"), ("Nenad", "Đorđević"), ("Amra", "Šehić")]
    assert not [n for n in plan_file(path).notes() if "names in" in n]


@pytest.mark.parametrize(
    ("words", "local", "order"),
    [(["Anna", "Kovács"], "kovacs.anna", "given"), (["Kovács", "Anna"], "kovacs.anna", "surname"),
     (["Anna", "Kovács"], "kovacsanna", "given"), (["Anna", "Kovács"], "a.kovacs", "given"),
     (["Kovács", "Anna"], "kovacs.a", "surname")],
)  # fmt: skip
def test_under_a_hungarian_domain_an_address_leads_with_the_surname(words, local, order) -> None:
    assert _order_in_address([set(fold_variants(w)) for w in words], local, surname_leads=True) == order


def test_hungarian_addresses_in_a_meeting_report_that_shows_both_orders(tmp_path: Path) -> None:
    """Each row's own address decides (one against one: no clear majority); a .hu address leads with the surname."""
    path = write_csv(
        tmp_path / "report.csv",
        [
            ["Name", "Email"],
            ["Petrović Jelena", "jelena.petrovic@mup.gov.rs"],
            ["Nenad Đorđević", "nenad.djordjevic@rjt.gov.rs"],
            ["Anna Kovács", "kovacs.anna@police.hu"],
            ["Szabó Péter", "szabo.peter@bm.gov.hu"],
        ],
    )
    assert _names(path) == [("Jelena", "Petrović"), ("Nenad", "Đorđević"), ("Anna", "Kovács"), ("Péter", "Szabó")]


def test_surnames_in_capitals_lower_the_turkish_way_when_the_name_says_so(tmp_path: Path) -> None:
    """ "Ayşe YILMAZ" of Türkiye is Yılmaz, not Yilmaz (Turkish has a dotless ı); a Romanian's "Ştefan VASILESCU"
    (the old cedilla Ş) and a foreigner's "MARIA SILVA" in Türkiye keep their i."""
    rows = [
        ["Adı Soyadı", "Ülke", "E-posta"],
        ["Ayşe YILMAZ", "Türkiye", "ayse.yilmaz@example.tr"],
        ["İpek AYDIN", "Almanya", "ipek.aydin@example.de"],
        ["Ştefan VASILESCU", "Romanya", "stefan.vasilescu@example.ro"],
        ["Maria SILVA", "Türkiye", "maria.silva@example.org"],
    ]
    assert _names(write_csv(tmp_path / "istanbul.csv", rows)) == [
        ("Ayşe", "Yılmaz"),
        ("İpek", "Aydın"),
        ("Ştefan", "Vasilescu"),
        ("Maria", "Silva"),
    ]


def test_a_name_wholly_in_capitals_is_ordered_by_its_own_e_mail(tmp_path: Path) -> None:
    """A column of given names first, and a row typed "PETROVIĆ MARKO" in capitals: no capital tells which word is the
    surname, the row's address does (it became given name "Petrović", family name "Marko")."""
    rows = [
        ["Ime i prezime", "E-mail"],
        ["Marko Petrović", "marko.petrovic@example.rs"],
        ["Ana Kola", "ana.kola@example.al"],
        ["PETROVIĆ MARKO", "m.petrovic@example.rs"],
        ["ivo ivić", "ivo.ivic@example.hr"],
    ]
    assert _names(write_csv(tmp_path / "list.csv", rows)) == [
        ("Marko", "Petrović"),
        ("Ana", "Kola"),
        ("Marko", "Petrović"),
        ("Ivo", "Ivić"),
    ]

"""Storing imports: duplicates, merging, events, one transaction, cancel, dry run, the report, the samples."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory_app.core.contacts import add_contact, contact_count, get_contacts, list_events
from directory_app.core.folding import fold
from directory_app.core.importing import (
    EventSpec,
    ImportCancelled,
    SourceRow,
    import_files,
    import_rows,
    plan_file,
    write_report_xlsx,
)
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry, PhoneEntry
from directory_app.core.search import SearchQuery, search
from tests.core.import_helpers import HEADER, person, write_csv, write_xlsx

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
EVENT = EventSpec("Sarajevo seminar 2017")


def all_records(directory):
    return search(directory, SearchQuery(), limit=None)


def test_the_consent_question_of_a_registration_form(directory, tmp_path) -> None:
    """A form's "I agree that my contact details are shared" column was read into the notes: a participant who
    answered No was exported to everybody. A later "No" withdraws a "Yes"; a later "Yes" does not undo a "No"."""
    people = [("Ante", "Kovačević"), ("Elena", "Dimitrova"), ("Ion", "Rusu")]

    def form(name: str, answers: list[str]) -> Path:
        header = ["Name", "Surname", "Email Address", "I agree that my contact details are shared with participants"]
        rows = [[g, f, f"{g.lower()}@example.org", a] for (g, f), a in zip(people, answers, strict=True)]
        return write_csv(tmp_path / name, [header, *rows])

    def consents() -> list[tuple[bool | None, bool]]:
        by_name = {r.given_name: r for r in all_records(directory)}
        return [(by_name[g].consent_shared, by_name[g].shareable) for g, _f in people]

    first = import_files(directory, [form("first.csv", ["Yes", "No", "maybe"])], event=EVENT)
    # an answer not understood is not a "yes": not shared until someone reads it
    assert consents() == [(True, True), (False, False), (None, False)]
    assert [r.consent_source for r in all_records(directory) if r.consent_source] == ["registration list first.csv"] * 2
    assert first.outcomes[1].reasons == ["does not agree to be shared: imported as not to be shared"]
    assert "consent answer 'maybe' not understood" in first.outcomes[2].reasons[0]
    second = import_files(directory, [form("second.csv", ["No", "Yes", "Yes"])], event=EVENT)
    assert consents() == [(False, False), (False, False), (True, False)]
    assert second.outcomes[1].conflicts == ["consent to be shared: kept 'no', the list says 'yes'"]
    # the "maybe" is a "yes" now, but only a person shares someone who was withheld
    assert second.outcomes[2].conflicts == [
        "not to be shared: kept, the list says they agree (edit the contact to share them)"
    ]


@pytest.mark.parametrize(
    "header_rows",
    [
        # one column per option, under the question merged over them in a second header row
        [["Name", "Surname", "E-mail", "I agree that my contact details are shared with participants", None],
         [None, None, None, "Yes", "No"]],
        # ... or with the option in each column's own header
        [["Name", "Surname", "E-mail", "Saglasnost za dijeljenje (Da)", "Saglasnost za dijeljenje (Ne)"]],
    ],
)  # fmt: skip
def test_a_consent_ticked_in_the_column_of_its_answer(tmp_path, header_rows: list) -> None:
    """ "Yes" and "No" in columns of their own, an X under the answer: the "No" column was taken for a numbering
    column, or kept in the notes, and the X ("x" reads as nothing elsewhere) left out: who ticked No was shareable."""
    rows = [*header_rows, ["Ana", "Kovač", "ana.kovac@mup.hr", "X", None], ["Ivo", "Horvat", "ivo@dorh.hr", None, "x"],
            ["Mia", "Lukić", "mia@mup.hr", None, None], ["Eva", "Šarić", "eva@mup.hr", "✓", "✓"]]  # fmt: skip
    merges = {"P": ["D1:E1", "A1:A2", "B1:B2", "C1:C2"]} if len(header_rows) == 2 else None
    path = write_xlsx(tmp_path / "list.xlsx", {"P": rows}, merges=merges)
    read = [(r.contact.given_name, r.contact.consent_shared, r.contact.shareable) for r in plan_file(path).rows()]
    assert read == [("Ana", True, True), ("Ivo", False, False), ("Mia", None, True), ("Eva", None, True)]
    eva = next(r for r in plan_file(path).rows() if r.contact.given_name == "Eva")
    assert any("both yes and no ticked" in problem for problem in eva.problems)


@pytest.mark.parametrize(("answer", "shared"), [("нет", False), ("не", False), ("x", True), ("X", True), ("-", None)])
def test_a_consent_answer_that_elsewhere_means_nothing(tmp_path, answer: str, shared: bool | None) -> None:
    """ "нет" and "x" are read as nothing in other columns ("нет" телефона); in a consent column they are answers."""
    path = write_csv(tmp_path / "list.csv", [["Name", "Surname", "E-mail", "Согласие на передачу данных участникам"],
                                             ["Ион", "Чобану", "ion@procuratura.md", answer]])  # fmt: skip
    (row,) = plan_file(path).rows()
    assert row.contact.consent_shared is shared and row.contact.shareable is (shared is not False)


@pytest.mark.parametrize(
    ("header", "field"),
    [("Do not share my details with other participants", "withheld"), ("Confidential", "withheld"),
     ("Ne objavljivati", "withheld"), ("Не публиковать", "withheld"), ("Not for publication", "withheld"),
     ("Do not include in the list of participants", "withheld"),
     ("Publish in the list of participants", "consent_shared"), ("Include in participants list", "consent_shared"),
     ("I do not want my details shared", "withheld"), ("Ne želim da se moji podaci dijele", "withheld"),
     ("Не желаю, чтобы мои данные передавались", "withheld"), ("Nuk dëshiroj që të dhënat e mia të ndahen", "withheld"),
     ("Bilgilerimin paylaşılmasını istemiyorum", "withheld"), ("Не сакам моите податоци да се споделат", "withheld"),
     ("I do not want to receive the newsletter", "notes")],
)  # fmt: skip
def test_questions_asked_the_other_way_round(header: str, field: str) -> None:
    """ "Do not share: X" was kept in the notes and the person shared; "Publish in the list of participants" was read
    as a full name."""
    from directory_app.core.importing.mapping import match_header

    assert match_header(header) == field


def test_a_person_who_asked_not_to_be_shared(tmp_path) -> None:
    rows = [["Name", "Surname", "E-mail", "Do not share my details with other participants",
             "Publish in the list of participants"],
            ["Ana", "Kovač", "ana.kovac@mup.hr", "X", "No"], ["Ivo", "Horvat", "ivo@dorh.hr", "", "Yes"],
            ["Mia", "Lukić", "mia@mup.hr", "No", ""], ["Eva", "Šarić", "eva@mup.hr", "perhaps", ""]]  # fmt: skip
    path = write_xlsx(tmp_path / "list.xlsx", {"P": rows})
    read = [(r.contact.given_name, r.contact.consent_shared, r.contact.shareable) for r in plan_file(path).rows()]
    assert read == [("Ana", False, False), ("Ivo", True, True), ("Mia", None, True), ("Eva", None, False)]
    eva = next(r for r in plan_file(path).rows() if r.contact.given_name == "Eva")
    assert any("answer 'perhaps' not understood" in problem for problem in eva.problems)


@pytest.mark.parametrize(
    ("answer", "read"),
    [("✓", True), ("✗", False), ("✘", False), ("Je refuse", False), ("Nicht einverstanden", False),
     ("Withdrawn", False), ("Nu sunt de acord", False), ("Όχι", False), ("Ні", False), ("No objection", True),
     ("Only to organisers", None), ("Only my e-mail address", None), ("Yes (but not my phone)", None),
     ("Yes, only to organisers", None), ("Yes/No", None), ("Yes (Da)", True), ("Yes, I agree (GDPR)", True)],
)  # fmt: skip
def test_consent_answers_that_restrict_or_refuse(answer: str, read: bool | None) -> None:
    """A cross, a refusal in French or German, a "yes" with a restriction: each was read as a plain "yes"."""
    from directory_app.core.importing.mapping import parse_consent

    assert parse_consent(answer) is read


@pytest.mark.parametrize(
    ("header", "field"),
    [("Share contact details with participants?", "consent_shared"),
     ("Accord pour diffusion des coordonnées", "consent_shared"),
     ("Einverständnis zur Weitergabe der Kontaktdaten", "consent_shared"),
     ("Weitergabe der Kontaktdaten", "consent_shared"), ("Згода на передачу даних", "consent_shared"),
     ("Acord privind transmiterea datelor", "consent_shared"),
     ("Συγκατάθεση για κοινοποίηση στοιχείων", "consent_shared"),
     ("Consent to photos and sharing of contact details", "consent_shared"),
     ("Photo consent", None), ("Saglasnost za fotografisanje", None), ("Permission to use photos", None)],
)  # fmt: skip
def test_consent_questions_in_more_languages_and_a_photo_consent(header: str, field: str | None) -> None:
    """ "Share contact details with participants?" was read as the full name, the German, French, Ukrainian,
    Romanian and Greek questions not at all; a photo consent was taken for the consent to be shared."""
    from directory_app.core.importing.mapping import match_header

    assert match_header(header) == field


def test_a_photo_consent_beside_the_consent_to_be_shared(tmp_path) -> None:
    """The photo consent's "Yes" was the answer and the sharing question's "No" went to the notes."""
    rows = [["Name", "Surname", "E-mail", "Photo consent", "Consent to share contact details"],
            ["Lejla", "Kurtović", "lejla@msb.gov.ba", "Yes", "No"],
            ["Petar", "Ilievski", "petar@mvr.gov.mk", "No", "Yes"]]  # fmt: skip
    path = write_xlsx(tmp_path / "list.xlsx", {"P": rows})
    read = [(r.contact.given_name, r.contact.consent_shared, r.contact.shareable) for r in plan_file(path).rows()]
    assert read == [("Lejla", False, False), ("Petar", True, True)]


def test_an_answer_not_understood_withholds_the_person(tmp_path) -> None:
    rows = [["Name", "Surname", "E-mail", "I agree that my details are shared with participants"],
            ["Ana", "Kovač", "ana@mup.hr", "Only to organisers"], ["Ivo", "Horvat", "ivo@dorh.hr", "Yes"]]  # fmt: skip
    ana, ivo = plan_file(write_xlsx(tmp_path / "list.xlsx", {"P": rows})).rows()
    assert (ana.contact.consent_shared, ana.contact.shareable, ivo.contact.shareable) == (None, False, True)
    assert ana.problems[-1:] == [
        "I agree that my details are shared with participants: consent answer 'Only to organisers' not understood: "
        "imported as not to be shared (check the answer)"
    ]
    assert "I agree that my details are shared with participants: Only to organisers" in ana.contact.notes


def test_a_later_list_that_calls_an_address_private_makes_it_private(directory, tmp_path) -> None:
    """The same gmail address and mobile, under "Private e-mail" and "Private mobile" in a later list: they stayed
    public, silently ("1 updated"). A list never makes a private one public."""
    row = ["Ivan", "Horvat", "Croatia", "ivan.horvat77@gmail.com", "091 555 6666"]
    first = write_csv(tmp_path / "a.csv", [["Name", "Surname", "Country", "E-mail", "Mobile"], row])
    second = write_csv(tmp_path / "b.csv", [["Name", "Surname", "Country", "Private e-mail", "Private mobile"], row])
    import_files(directory, [first], event=EVENT)
    report = import_files(directory, [second], event=EVENT)
    (ivan,) = all_records(directory)
    assert [e.private for e in ivan.emails] == [True] and [p.private for p in ivan.phones] == [True]
    assert report.outcomes[0].status == "updated"
    assert import_files(directory, [first], event=EVENT).outcomes[0].status == "unchanged"
    (ivan,) = all_records(directory)
    assert [e.private for e in ivan.emails] == [True] and [p.private for p in ivan.phones] == [True]


def test_another_spelling_of_the_same_name_is_not_a_conflict(directory, tmp_path) -> None:
    """The same person on three lists, in three spellings: "Djordjevic" and "Ђорђевић" are "Đorđević"."""
    existing = add_contact(
        directory,
        ContactInput(given_name="Dragan", family_name="Đorđević", country="RS", emails=[EmailEntry("dd@example.rs")]),
    )
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Ime", "Prezime", "E-mail"],
            ["Dragan", "DJORDJEVIC", "dd@example.rs"],
            ["Драган", "Ђорђевић", "dd@example.rs"],
            ["Dragan", "Đorđevski", "dd@example.rs"],
        ],
    )
    report = import_files(directory, [path], event=EVENT)
    assert [o.contact_id for o in report.outcomes] == [existing.id] * 3
    assert [o.conflicts for o in report.outcomes[:2]] == [[], []]
    assert report.outcomes[2].conflicts == ["family name: kept 'Đorđević', the list says 'Đorđevski'"]


def test_same_email_or_phone_is_the_same_person_and_merge_fills_without_overwriting(directory, tmp_path) -> None:
    existing = add_contact(
        directory,
        ContactInput(
            given_name="Ana", family_name="Marić", country="HR", position="Judge", organisation="County Court",
            emails=[EmailEntry("ana.maric@example.hr")], roles=["judge"],
        ),
    )  # fmt: skip
    other = add_contact(
        directory, ContactInput(given_name="Ivo", family_name="Ivić", country="HR", phones=[PhoneEntry("+38598123456")])
    )
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {
            "Participants": [
                HEADER,
                person(1, "MARIĆ", "Ana", "Croatia", "ANA.MARIC@example.hr", "01 4567 890", position="President"),
                person(2, "Ivić", "Ivo", "Croatia", "ivo@example.hr", "098 123 456", organisation="Police"),
            ]
        },
    )
    report = import_files(directory, [path], event=EVENT)
    assert (report.created, report.updated, report.unchanged, report.skipped) == (0, 2, 0, 0)
    ana, ivo = get_contacts(directory, [existing.id, other.id])
    assert ana.position == "Judge"  # never overwritten
    assert any("position: kept 'Judge'" in c for c in report.outcomes[0].conflicts)
    assert [p.e164 for p in ana.phones] == ["+38514567890"]  # added
    assert ana.events[0].name == EVENT.name
    assert [e.address for e in ivo.emails] == ["ivo@example.hr"] and ivo.organisation == "Police"  # filled
    assert contact_count(directory) == 2


def test_a_name_written_with_digraphs_is_a_possible_duplicate(directory, tmp_path) -> None:
    """ "Djordjevic" folds to "djordjevic", "Đorđević" to "dordevic": names were compared only within the block
    of their first three letters, so the pair was never looked at."""
    existing = add_contact(
        directory,
        ContactInput(given_name="Jelena", family_name="Đorđević", country="RS", emails=[EmailEntry("jd@mup.rs")]),
    )
    path = write_csv(
        tmp_path / "list.csv",
        [["Ime", "Prezime", "Država", "E-mail"], ["Jelena", "Djordjevic", "Srbija", "jelena.dj@gmail.example"]],
    )
    report = import_files(directory, [path], event=EVENT)
    assert [c.contact_id for c in report.outcomes[0].candidates] == [existing.id]


def test_a_serbian_name_in_russian_spelling_is_a_possible_duplicate(directory, tmp_path) -> None:
    """A list from Chișinău writes Nenad Đorđević "Джорджевич Ненад": read the Russian way it was "dzhordzhevich",
    in another block than "dordevic", and never compared."""
    existing = add_contact(directory, ContactInput(given_name="Nenad", family_name="Đorđević", country="RS"))
    path = write_csv(tmp_path / "list.csv", [["Фамилия", "Имя", "Страна"], ["Джорджевич", "Ненад", "Сербия"]])
    report = import_files(directory, [path], event=EVENT)
    assert [c.contact_id for c in report.outcomes[0].candidates] == [existing.id]


def test_a_name_shared_by_two_contacts_is_asked_about_not_merged_into_the_first(directory, tmp_path) -> None:
    """Two Ivan Živković in Serbia, a row "Ivan Živković" without e-mail or phone: it was merged into the first,
    and his organisation reported as a conflict with the other's."""
    first, second = (
        add_contact(directory, ContactInput(given_name="Ivan", family_name="Živković", country="RS", organisation=org))
        for org in ("Home Again Shelter Novi Sad", "Public Prosecutor's Office for Organised Crime")
    )
    path = write_csv(
        tmp_path / "list.csv",
        [["Name", "Surname", "Country"], ["Ivan", "Živković", "Serbia"], ["Ivan", "Živković", "Serbia"]],
    )
    report = import_files(directory, [path], event=EVENT)
    outcome, again = report.outcomes
    assert outcome.status == "created" and {c.contact_id for c in outcome.candidates} == {first.id, second.id}
    # the list's second line of the name is its first line's person, whom the import just made
    assert again.contact_id == outcome.contact_id and "same person as list row 2: merged" in again.reasons
    # one such contact: the same person, as before (re-importing a list without e-mails changes nothing)
    alone = write_csv(tmp_path / "one.csv", [["Name", "Surname", "Country"], ["Ana", "Marić", "Serbia"]])
    import_files(directory, [alone], event=EVENT)
    assert import_files(directory, [alone], event=EVENT).outcomes[0].status == "unchanged"


def test_colleagues_sharing_an_office_phone_or_mailbox_stay_separate_people(directory, tmp_path) -> None:
    """A list gives the prosecutor's office switchboard for three people: before, the second and third were
    merged into the first (their names only in the report's conflicts)."""
    existing = add_contact(
        directory,
        ContactInput(given_name="Selma", family_name="Kovač", country="BA", emails=[EmailEntry("ured@tuzilastvo.ba")]),
    )
    path = write_csv(
        tmp_path / "office.csv",
        [
            ["First name", "Last name", "Country", "Phone", "E-mail"],
            ["Amra", "Hodžić", "BiH", "033 221 599", "amra.hodzic@tuzilastvo.ba"],
            ["Nenad", "Vuković", "BiH", "033 221 599", ""],
            ["Mirza", "Delić", "BiH", "033 221 599", "ured@tuzilastvo.ba"],
            ["A.", "HODZIC", "BiH", "033 221 599", ""],  # the same person: an initial, another spelling
            ["Amra", "Hodžić-Delić", "BiH", "", "amra.hodzic@tuzilastvo.ba"],  # the same person: a second surname
        ],
    )
    report = import_files(directory, [path], event=EVENT)
    assert [o.status for o in report.outcomes] == ["created", "created", "created", "unchanged", "unchanged"]
    amra = report.outcomes[0].contact_id
    assert [o.contact_id for o in report.outcomes[3:]] == [amra, amra]
    assert report.outcomes[4].conflicts == ["family name: kept 'Hodžić', the list says 'Hodžić-Delić'"]
    names = sorted(r.display_name for r in all_records(directory))
    assert names == ["Amra Hodžić", "Mirza Delić", "Nenad Vuković", "Selma Kovač"]
    # A shared mailbox under another name is worth a look; a shared switchboard number is not.
    assert report.outcomes[2].reasons == [
        f"shares the e-mail ured@tuzilastvo.ba with Selma Kovač (#{existing.id}) under another name: "
        "imported as a separate person"
    ]
    assert not report.outcomes[1].doubtful


def test_a_mans_and_a_womans_form_of_one_name_at_one_office_are_two_people(directory, tmp_path) -> None:
    """Ivan Petrov and Ivana Petrova at one switchboard number, Dragan Nikolovski and Dragana Nikolovska at one
    mailbox: the names are close in spelling, and each second person was merged into the first (her "No" to
    being shared withheld him, her position lost)."""
    path = write_csv(
        tmp_path / "office.csv",
        [
            ["First name", "Last name", "Country", "Position", "E-mail", "Phone", "Consent to share"],
            ["Ivan", "Petrov", "Bulgaria", "Prosecutor", "", "+359 2 921 9299", "Yes"],
            ["Ivana", "Petrova", "Bulgaria", "Prosecutor", "", "+359 2 921 9299", "No"],
            ["Dragan", "Nikolovski", "North Macedonia", "Inspector", "kabinet@mvr.gov.mk", "", "Yes"],
            ["Dragana", "Nikolovska", "North Macedonia", "Analyst", "kabinet@mvr.gov.mk", "", "Yes"],
            ["Aleksandar", "Novák", "Czechia", "Judge", "", "+420 221 997 111", "Yes"],
            ["Aleksandra", "Nováková", "Czechia", "Judge", "", "+420 221 997 111", "Yes"],
            ["D.", "NIKOLOVSKI", "North Macedonia", "", "kabinet@mvr.gov.mk", "", ""],  # his initial: him again
        ],
    )
    report = import_files(directory, [path], event=EVENT)
    assert [o.status for o in report.outcomes] == ["created"] * 6 + ["unchanged"]
    assert report.outcomes[6].contact_id == report.outcomes[2].contact_id
    by_name = {r.display_name: r for r in all_records(directory)}
    assert len(by_name) == 6
    assert by_name["Ivan Petrov"].shareable and not by_name["Ivana Petrova"].shareable
    assert by_name["Dragana Nikolovska"].position == "Analyst"


def test_a_slavic_name_in_albanian_spelling_at_the_same_phone_is_the_same_person(directory, tmp_path) -> None:
    """ "Nenad GJORGJEVIQ" on a Tirana list, with Nenad Đorđević's mobile: created as someone else, unasked (the
    shared phone taken for an office's under another name)."""
    nenad = add_contact(directory, ContactInput(given_name="Nenad", family_name="Đorđević", country="RS",
                                                phones=[PhoneEntry(None, "+381 64 123 4567", "mobile")]))  # fmt: skip
    path = write_csv(tmp_path / "tirana.csv", [["Emri", "Mbiemri", "Shteti", "Telefon"],
                                               ["Nenad", "GJORGJEVIQ", "Serbia", "+381 64 123 4567"]])  # fmt: skip
    (outcome,) = import_files(directory, [path], event=EVENT).outcomes
    assert outcome.contact_id == nenad.id and len(all_records(directory)) == 1


def test_a_contact_in_the_directory_merged_twice_by_one_list_keeps_both_additions(directory, tmp_path) -> None:
    """Contacts the list knows by e-mail are read in one pass before the rows; a second row for the same person
    merges into what the first left, and rolling the import back restores the contact as it was."""
    from directory_app.core.batches import list_imports, rollback_import

    existing = add_contact(
        directory,
        ContactInput(given_name="Ana", family_name="Marić", country="HR", emails=[EmailEntry("ana@example.hr")]),
    )
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {
            "Participants": [
                HEADER,
                person(1, "MARIĆ", "Ana", "Croatia", "ana@example.hr", "01 4567 890"),
                person(2, "MARIĆ", "Ana", "Croatia", "ana@example.hr", "098 765 432", organisation="County Court"),
            ]
        },
    )
    report = import_files(directory, [path], event=EVENT)
    assert (report.created, report.updated) == (0, 2)
    (ana,) = get_contacts(directory, [existing.id])
    assert [p.e164 for p in ana.phones] == ["+38514567890", "+38598765432"]
    assert ana.organisation == "Prosecutor's Office"  # filled by the first row; the second's is a conflict
    assert any("organisation: kept" in c for c in report.outcomes[1].conflicts)
    assert [r.id for r in search(directory, SearchQuery(text="prosecutor's office"))] == [existing.id]
    rollback_import(directory, list_imports(directory)[0].id)
    (ana,) = get_contacts(directory, [existing.id])
    assert ana.phones == () and ana.organisation == "" and [e.address for e in ana.emails] == ["ana@example.hr"]
    assert search(directory, SearchQuery(text="prosecutor's office")) == []


def test_reimport_changes_nothing(directory, tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {
            "Participants": [
                HEADER,
                person(1, "Marić", "Ana", "HR", "a@example.hr"),
                person(2, "Kovač", "Ivo", "HR", ""),
            ],
            "Speakers": [["Full name", "Organisation"], ["Ms. Petra HORVAT", "OSCE Mission to Serbia"]],
        },
    )
    first = import_files(directory, [path], event=EVENT)
    assert first.created == 3
    before = [(r.uid, r.updated_at, r.events) for r in all_records(directory)]
    again = import_files(directory, [path], event=EVENT)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert [(r.uid, r.updated_at, r.events) for r in all_records(directory)] == before
    parts = {r.family_name: r.events[0].part for r in all_records(directory)}
    assert parts == {"Marić": "participant", "Kovač": "participant", "Horvat": "speaker"}


def test_possible_duplicates_across_scripts_are_listed_not_merged(directory, tmp_path) -> None:
    add_contact(directory, ContactInput(given_name="Драган", family_name="Стојановић", country="RS"))
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {"P": [HEADER, person(1, "STOJANOVIC", "Dragan", "Serbia", "dragan@example.rs"),
               person(2, "Stojanović", "Dragan", "Montenegro", "other@example.me")]},
    )  # fmt: skip
    report = import_files(directory, [path], event=EVENT)
    serbia, montenegro = report.outcomes
    assert serbia.status == "created" and [c.name for c in serbia.candidates] == ["Драган Стојановић"]
    assert montenegro.candidates == []  # another country: not compared
    assert contact_count(directory) == 3
    # The GUI's answer: merge row 2 with the existing contact.
    dup = serbia.candidates[0].contact_id
    with open_copy(directory, tmp_path) as copy:
        fp = plan_file(path)
        answered = import_rows(copy, list(fp.rows()), event=EVENT, decisions={serbia.key: dup})
        assert answered.outcomes[0].status == "updated" and answered.outcomes[0].contact_id == dup


class open_copy:
    def __init__(self, directory, tmp_path) -> None:
        from directory_app.core.store import open_directory

        self.directory = directory
        self.path = tmp_path / "fresh.db"
        self.open = open_directory

    def __enter__(self):
        self.d = self.open(self.path)
        add_contact(self.d, ContactInput(given_name="Драган", family_name="Стојановић", country="RS"))
        return self.d

    def __exit__(self, *exc) -> None:
        self.d.close()


def test_same_person_twice_in_the_file(directory, tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {
            "P": [
                HEADER,
                person(1, "Marić", "Ana", "HR", "a@example.hr"),
                person(2, "Marić", "Ana", "HR", "A@EXAMPLE.HR", "01 4567 890"),
            ]
        },
    )  # fmt: skip
    report = import_files(directory, [path], event=EVENT)
    assert [o.status for o in report.outcomes] == ["created", "updated"]
    assert "same person as P row 2" in report.outcomes[1].reason_text
    assert contact_count(directory) == 1


def test_one_transaction_failure_and_cancel_leave_the_directory_as_it_was(directory, tmp_path) -> None:
    add_contact(directory, ContactInput(given_name="Existing", family_name="Person", country="HR"))
    rows = [
        SourceRow("f.xlsx", "P", 2, {"Name": "Ana"}, ContactInput(given_name="Ana", family_name="Marić")),
        SourceRow("f.xlsx", "P", 3, {"Name": "Ivo"}, ContactInput(given_name="Ivo", family_name="Ivić")),
    ]
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(ImportCancelled):
        import_rows(directory, rows, event=EVENT, cancel=cancel)
    assert contact_count(directory) == 1 and list_events(directory) == []

    def boom(done: int, total: int) -> None:
        if done == 1:
            raise OSError("disk full")

    with pytest.raises(OSError):
        import_rows(directory, rows, event=EVENT, progress=boom)
    assert contact_count(directory) == 1 and list_events(directory) == []

    dry = import_rows(directory, rows, event=EVENT, dry_run=True)
    assert dry.created == 2 and dry.dry_run and "would be created" in dry.summary()
    assert contact_count(directory) == 1 and list_events(directory) == []


def test_unreadable_file_writes_nothing(directory, tmp_path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", {"P": [HEADER, person(1, "Marić", "Ana", "HR", "a@example.hr")]})
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(DirectoryError, match=r"bad\.xlsx"):
        import_files(directory, [good, bad], event=EVENT)
    assert contact_count(directory) == 0


def test_report_lists_every_skipped_and_doubtful_row_as_text(directory, tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {
            "P": [
                HEADER,
                person(1, "Marić", "Ana", "HR", "a@example.hr"),
                person(2, "", "", "HR", '=HYPERLINK("http://evil")'),
                person(3, "x" * 5000, "Long", "HR", "long@example.hr"),
                person(4, "Ivić", "Ivo", "Atlantis", "ivo@example.hr"),
                [None, None, "TOTAL", 4],
            ],
            "Hotel": [["Room", "Night"], [12, 3]],
        },
    )
    report = import_files(directory, [path], event=EVENT)
    assert (report.created, report.skipped, report.ignored) == (2, 2, 1)
    assert (
        "list.xlsx",
        "Hotel",
        "no header row with a name or e-mail column in the first rows",
    ) in report.skipped_sheets
    out = write_report_xlsx(report, tmp_path / "out" / "report.xlsx")
    wb = openpyxl.load_workbook(out)
    rows = list(wb["Rows"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:6] == ("File", "Sheet", "Row", "Status", "Name", "Reason")
    by_row = {r[2]: r for r in rows[1:]}
    assert set(by_row) == {3, 4, 5, 6}
    assert by_row[3][3] == "skipped" and "no name" in by_row[3][5]
    formula_cell = by_row[3][header.index("E-mail (original)")]
    assert formula_cell == '=HYPERLINK("http://evil")'  # kept as text, not a formula
    assert wb["Rows"].cell(4, header.index("E-mail (original)") + 1).data_type == "s"
    assert len(by_row[4][header.index("SURNAME (original)")]) == 5000
    assert "unknown country 'Atlantis'" in by_row[5][5]
    summary = dict(wb["Summary"].iter_rows(values_only=True))
    assert summary["Created"] == 2 and summary["Skipped"] == 2


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared samples not present")
def test_shared_samples_import(directory, tmp_path) -> None:
    files = [
        shutil.copy(SAMPLES / n, tmp_path)
        for n in ("skopje_workshop_registrations.xlsx", "chisinau_registratsiya_cp1251.csv")
    ]
    report = import_files(directory, files)
    assert (report.created, report.skipped, report.ignored) == (13, 0, 1)
    records = {r.family_name: r for r in all_records(directory)}
    assert records["Musić"].country == "BA" and records["Karagianni"].country == "GR"
    assert [e.address for e in records["Popescu"].emails] == ["andrei.popescu@sample-ro.org", "a.popescu@sample-ro.org"]
    assert records["Musić"].emails[0].address == "alma.music@sample-ba.org"
    assert records["Krasniqi"].phones[0].e164 == "+355692345678"
    assert records["Demir"].family_name == "Demir" and records["Huber"].events[0].part == "organiser"
    assert records["Стојановић"].latin_family_name == "Stojanović"
    assert import_files(directory, files).unchanged == 13


def test_a_roles_column_is_taken_as_given_instead_of_inferred(directory, tmp_path) -> None:
    path = tmp_path / "curated.csv"
    write_csv(
        path,
        [
            ["Surname", "Name", "Country", "Position", "Roles"],
            ["Kovač", "Ivan", "HR", "Public Prosecutor", "Police liaison officer; NGO"],
            ["Marić", "Ana", "HR", "Public Prosecutor", ""],
            ["Horvat", "Eva", "HR", "Adviser", "judge, astronaut"],
        ],
    )
    report = import_files(directory, [path], event=EVENT)
    by_family = {r.family_name: r for r in all_records(directory)}
    assert by_family["Kovač"].roles == ("police_liaison", "ngo")  # as given, nothing inferred
    assert by_family["Marić"].roles == ("prosecutor",)  # no roles given: inferred from the position
    assert by_family["Horvat"].roles == ("judge",) and "astronaut" in by_family["Horvat"].keywords
    (horvat,) = [o for o in report.outcomes if o.name == "Eva Horvat"]
    assert any("astronaut" in reason for reason in horvat.reasons)


def test_a_languages_column_is_read_as_the_contact_dialog_reads_it(directory, tmp_path) -> None:
    """One reader for languages (core/languages.py): the list's column and the dialog's field agree."""
    path = tmp_path / "languages.csv"
    write_csv(
        path,
        [
            ["Surname", "Name", "Country", "Languages"],
            ["Kovač", "Ivan", "HR", "engleski i njemački"],
            ["Петровски", "Марко", "MK", "Македонски, English language"],
            ["Horvat", "Eva", "HR", "srpski jezik / Dothraki"],
            ["Berisha", "Arta", "XK", "Shqip, romani, Romanes"],
        ],
    )
    import_files(directory, [path], event=EVENT)
    by_family = {r.family_name: r for r in all_records(directory)}
    assert by_family["Kovač"].languages == ("en", "de")
    assert by_family["Петровски"].languages == ("mk", "en")
    assert by_family["Horvat"].languages == ("sr",) and "Languages: Dothraki" in by_family["Horvat"].notes
    # Romani, not Romansh; "Romanes" could be Romani, Romanian or Romansh: kept as written
    assert by_family["Berisha"].languages == ("sq", "rom") and "Languages: Romanes" in by_family["Berisha"].notes


def test_a_plan_normalises_its_rows_once_and_anew_when_its_mapping_changes(directory, tmp_path) -> None:
    """The wizard's preview (a dry run), the records it shows and the import read the same rows: normalised once.
    A corrected mapping (a new sheet plan) is read anew, and the import stores what the preview showed."""
    from directory_app.core.importing import import_plans, plan_sheet

    path = write_xlsx(
        tmp_path / "list.xlsx",
        {"Participants": [HEADER, person(1, "MARIĆ", "Ana", "Croatia", "ana@example.hr", "+385 1 4567 890"),
                          person(2, "HOXHA", "Besa", "Albania", "besa@example.al")]},
    )  # fmt: skip
    plan = plan_file(path)
    preview = import_plans(directory, [plan], event=EVENT, dry_run=True)
    first = list(plan.rows())
    assert [a is b for a, b in zip(first, plan.rows(), strict=True)] == [True, True]
    assert preview.created == 2 and contact_count(directory) == 0

    sheet_plan = plan.sheets[0]
    mapping = ["ignore" if field == "position" else field for field in sheet_plan.mapping]
    plan.sheets[0] = plan_sheet(sheet_plan.sheet, mapping, sheet_plan.header_index)
    again = list(plan.rows())
    assert all(a is not b for a, b in zip(first, again, strict=True))
    assert first[0].contact.position and not again[0].contact.position

    report = import_plans(directory, [plan], event=EVENT)
    assert report.created == 2 and contact_count(directory) == 2
    assert [c.position for c in all_records(directory)] == ["", ""]


def test_a_row_is_prepared_once_while_its_contact_stays_the_same(directory) -> None:
    """The preview (a dry run) and the import after it prepare the same rows: once. A row whose contact is replaced
    is prepared anew, and a contact prepare() refuses keeps its one-line reason for both."""
    good = SourceRow("f.xlsx", "P", 2, {"Name": "Ana"}, ContactInput(given_name=" Ana ", family_name="Марић"))
    bad = SourceRow("f.xlsx", "P", 3, {"Name": "Ivo"}, ContactInput(given_name="Ivo", country="QQ"))
    preview = import_rows(directory, [good, bad], event=EVENT, dry_run=True)
    first, refused = good.prepared(), bad.prepared()
    assert first.given_name == "Ana" and first.latin_family_name == "Marić"
    assert isinstance(refused, DirectoryError) and "unknown country code 'QQ'" in str(refused)
    assert [o.status for o in preview.outcomes] == ["created", "skipped"] and contact_count(directory) == 0

    report = import_rows(directory, [good, bad], event=EVENT)
    assert good.prepared() is first and bad.prepared() is refused
    assert [o.status for o in report.outcomes] == ["created", "skipped"]
    assert "unknown country code 'QQ'" in report.outcomes[1].reason_text
    (stored,) = all_records(directory)
    assert (stored.given_name, stored.latin_family_name) == ("Ana", "Marić")

    good.contact = ContactInput(given_name="Ana", family_name="Horvat")
    assert good.prepared() is not first and good.prepared().family_name == "Horvat"
    assert SourceRow("f.xlsx", "P", 4, {}, None).prepared() is None


@given(st.text(max_size=20), st.text(max_size=20), st.text(max_size=20), st.text(max_size=20))
def test_name_keys_score_alike_by_plain_ratio_and_token_sort_ratio(g1: str, f1: str, g2: str, f2: str) -> None:
    """Possible duplicates are scored with the plain ratio on name keys (their words sorted), which must give what
    rapidfuzz's token_sort_ratio gives on the names."""
    from rapidfuzz import fuzz

    from directory_app.core.importing.pipeline import name_key

    a, b = name_key(fold(g1), fold(f1)), name_key(fold(g2), fold(f2))
    assert fuzz.ratio(a, b) == fuzz.token_sort_ratio(f"{fold(f1)} {fold(g1)}", f"{fold(g2)} {fold(f2)}")


def test_who_is_already_there_before_someone_is_added_by_hand(directory) -> None:
    from directory_app.core.contacts import add_contact
    from directory_app.core.importing.pipeline import already_there
    from directory_app.core.records import ContactInput, EmailEntry, PhoneEntry

    nenad = add_contact(
        directory,
        ContactInput(
            given_name="Nenad",
            family_name="Đorđević",
            country="RS",
            emails=[EmailEntry("nenad.djordjevic@rjt.example.rs")],
        ),
    )
    office = add_contact(directory, ContactInput(given_name="Ana", family_name="Kovač", country="HR",
                                                 phones=[PhoneEntry(None, "+385 1 4567 890")],
                                                 emails=[EmailEntry("office@dorh.example.hr")]))  # fmt: skip

    def found(**fields) -> list[tuple[int, str]]:
        return [(a.record.id, a.reason) for a in already_there(directory, ContactInput(**fields))]

    assert found(given_name="Ненад", family_name="Ђорђевић", country="RS") == [(nenad.id, "a similar name in Serbia")]
    assert found(given_name="N.", family_name="Djordjevic", emails=[EmailEntry("Nenad.Djordjevic@rjt.example.rs")]) == [
        (nenad.id, "the same e-mail")
    ]
    assert found(given_name="Ana", family_name="Kovac", phones=[PhoneEntry("+38514567890", "+385 1 4567 890")]) == [
        (office.id, "the same phone")
    ]
    # A colleague given the office's mailbox is someone else; a namesake in another country too.
    assert found(given_name="Marko", family_name="Horvat", emails=[EmailEntry("office@dorh.example.hr")]) == []
    assert found(given_name="Nenad", family_name="Đorđević", country="BA") == []


def test_an_edit_is_asked_about_only_for_the_e_mails_and_phones_it_adds(directory) -> None:
    from dataclasses import replace

    from directory_app.core.contacts import add_contact
    from directory_app.core.importing.pipeline import already_there
    from directory_app.core.records import ContactInput, EmailEntry

    nenad = add_contact(directory, ContactInput(given_name="Nenad", family_name="Đorđević", country="RS",
                                                emails=[EmailEntry("nenad.djordjevic@rjt.example.rs")]))  # fmt: skip
    typed = add_contact(directory, ContactInput(given_name="Nenad", family_name="Djordjevic", country="RS"))
    unchanged = ContactInput(given_name="Nenad", family_name="Djordjevic", country="RS", position="Prosecutor")
    assert already_there(directory, unchanged, editing=typed) == []  # the namesake was there before the edit
    with_mail = replace(unchanged, emails=[EmailEntry("Nenad.Djordjevic@rjt.example.rs")])
    assert [(a.record.id, a.reason) for a in already_there(directory, with_mail, editing=typed)] == [
        (nenad.id, "the same e-mail")
    ]
    own = replace(unchanged, given_name="Nenad", family_name="Đorđević", emails=[EmailEntry(nenad.emails[0].address)])
    assert already_there(directory, own, editing=nenad) == []  # its own address is not someone else's


def test_the_events_country_comes_from_its_city(directory, tmp_path) -> None:
    """A title gives the city ("..., Durrës, 3-4 tetor 2024"), never the country: the city's country is the
    event's, unless one is given; a place that is no known city gives none."""
    path = write_csv(tmp_path / "list.csv", [["Name", "Surname", "E-mail"], ["Ana", "Kola", "ana@example.al"]])
    for name, city, country in (("Durrës 2024", "Durrës", None), ("Online 2024", "online", None),
                                ("Skopje 2025", "Skopje", "XK")):  # fmt: skip
        import_files(directory, [path], event=EventSpec(name, city=city, country=country))
    assert {e.name: e.country for e in list_events(directory)} == {
        "Durrës 2024": "AL",
        "Online 2024": None,
        "Skopje 2025": "XK",  # as given, even if odd
    }


def test_a_moldovan_on_a_russian_list_and_a_romanian_one_is_one_person(directory, tmp_path: Path) -> None:
    """Chișinău's lists come in Russian ("Чобану Ион") and in Romanian ("Ciobanu Ion"): the Cyrillic name's Latin
    spelling is the Romanian one, so the second list finds the same people, reports no name as differing, and a
    search in either script finds them. Before, "Чобану" was spelt "Chobanu" and everyone was added twice."""
    ru = [["Фамилия", "Имя", "Страна"], ["Чобану", "Ион", "Молдова"], ["Мунтяну", "Наталья", "Молдова"]]
    ro = [["Nume", "Prenume", "Țara"], ["Ciobanu", "Ion", "Republica Moldova"], ["Munteanu", "Natalia", "Moldova"]]
    import_files(directory, [write_csv(tmp_path / "ru.csv", ru)], event=EventSpec("Seminar 2024"))
    report = import_files(directory, [write_csv(tmp_path / "ro.csv", ro)], event=EventSpec("Seminar 2025"))
    assert (report.created, report.updated) == (0, 2)
    assert [o.reasons for o in report.outcomes] == [[], []]
    people = search(directory, SearchQuery(text="ciobanu"), limit=None)
    assert [(r.family_name, r.latin_family_name) for r in people] == [("Чобану", "Ciobanu")]
    assert [r.family_name for r in search(directory, SearchQuery(text="мунтяну"), limit=None)] == ["Мунтяну"]


@pytest.mark.parametrize(
    "header", ["Consent (Yes/No)", "Saglasnost za dijeljenje - Da/Ne", "I agree to share my data: YES / NO"]
)
def test_one_column_for_both_answers_is_read_as_before(tmp_path, header: str) -> None:
    """A header that names both answers is one column of answers, not the "No" option's column (read so, every
    answer would have been read backwards)."""
    from directory_app.core.importing.mapping import consent_option

    assert consent_option(header) is None
    rows = [
        ["Name", "Surname", "E-mail", header],
        ["Ana", "Kovač", "ana@mup.hr", "Yes"],
        ["Ivo", "Horvat", "i@mup.hr", "No"],
    ]
    path = write_csv(tmp_path / "list.csv", rows)
    assert [(r.contact.given_name, r.contact.consent_shared) for r in plan_file(path).rows()] == [
        ("Ana", True), ("Ivo", False),
    ]  # fmt: skip

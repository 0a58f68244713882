"""A newer list's values taken on request: a promoted prosecutor's new position replaces the old one, which goes into
the notes; without the request the directory's values stay and the list's are reported as conflicts."""

from __future__ import annotations

from pathlib import Path

from directory_app.core.batches import list_imports, rollback_import
from directory_app.core.contacts import add_contact, get_contacts
from directory_app.core.importing import KEEP_DIRECTORY, TAKE_LIST, EventSpec, import_plans, plan_file
from directory_app.core.records import ContactInput, EmailEntry
from tests.core.import_helpers import HEADER, person, write_xlsx

EVENT = EventSpec("Skopje seminar 2026")


def _known(directory) -> list[int]:
    ana = ContactInput(
        given_name="Ana", family_name="Marić", country="HR", position="Deputy Prosecutor",
        organisation="County Prosecutor's Office", emails=[EmailEntry("ana.maric@example.hr")],
        notes="Speaks at the Zagreb trainings",
    )  # fmt: skip
    ivo = ContactInput(
        given_name="Ivo", family_name="Ivić", country="HR", position="Inspector", organisation="Police",
        emails=[EmailEntry("ivo@example.hr")], consent_shared=False, shareable=False,
    )  # fmt: skip
    return [add_contact(directory, ana).id, add_contact(directory, ivo).id]


def _newer_list(tmp_path: Path) -> Path:
    header = [*HEADER, "I agree that my contact details are shared with participants"]
    ana = person(1, "Marić", "Ana", "Croatia", "ana.maric@example.hr", position="Chief Prosecutor",
                 organisation="State Attorney's Office")  # fmt: skip
    ivo = person(2, "Ivić", "Ivo", "Croatia", "ivo@example.hr", position="Chief Inspector", organisation="Police")
    return write_xlsx(tmp_path / "skopje.xlsx", {"Participants": [header, [*ana, "Yes"], [*ivo, "Yes"]]})


def test_unasked_an_import_keeps_the_directory_values_and_says_which_the_list_could_replace(
    directory, tmp_path: Path
) -> None:
    ana_id, ivo_id = _known(directory)
    plan = plan_file(_newer_list(tmp_path))
    report = import_plans(directory, [plan], event=EVENT)
    ana, ivo = get_contacts(directory, [ana_id, ivo_id])
    assert (ana.position, ana.organisation, ivo.position) == (
        "Deputy Prosecutor",
        "County Prosecutor's Office",
        "Inspector",
    )
    first, second = report.outcomes
    assert first.conflicts == [
        "position: kept 'Deputy Prosecutor', the list says 'Chief Prosecutor'",
        "organisation: kept 'County Prosecutor's Office', the list says 'State Attorney's Office'",
    ]
    assert [(c.field, c.kept, c.other) for c in first.takeable] == [
        ("position", "Deputy Prosecutor", "Chief Prosecutor"),
        ("organisation", "County Prosecutor's Office", "State Attorney's Office"),
    ]
    assert [c.label for c in second.takeable] == ["position"]  # its consent "no" is a conflict, never taken
    assert first.taken == second.taken == []
    assert report.summary().endswith("(2 where the list differs from the directory)")


def test_a_row_answered_take_list_takes_the_new_values_and_keeps_the_old_in_the_notes(
    directory, tmp_path: Path
) -> None:
    ana_id, ivo_id = _known(directory)
    plan = plan_file(_newer_list(tmp_path))
    first_key = next(iter(plan.rows())).key
    preview = import_plans(directory, [plan], event=EVENT, dry_run=True, decisions={first_key: TAKE_LIST})
    assert preview.outcomes[0].conflicts == [] and len(preview.outcomes[0].takeable) == 2
    assert "1 would take the list's values" in preview.summary()
    unasked = import_plans(directory, [plan], event=EVENT, dry_run=True).outcomes[0]
    assert unasked.describe(take_list=True) == preview.outcomes[0].reason_text  # the wizard's words for a choice
    assert get_contacts(directory, [ana_id])[0].position == "Deputy Prosecutor"  # a dry run wrote nothing

    report = import_plans(directory, [plan], event=EVENT, decisions={first_key: TAKE_LIST})
    ana, ivo = get_contacts(directory, [ana_id, ivo_id])
    assert (ana.position, ana.organisation) == ("Chief Prosecutor", "State Attorney's Office")
    assert ana.notes.splitlines() == [
        "Speaks at the Zagreb trainings",
        "Earlier position: Deputy Prosecutor",
        "Earlier organisation: County Prosecutor's Office",
    ]
    assert report.outcomes[0].changes[:3] == [
        "honorific",  # an empty field filled, as always
        "position (was 'Deputy Prosecutor')",
        "organisation (was 'County Prosecutor's Office')",
    ]
    assert ivo.position == "Inspector" and report.outcomes[1].conflicts[0].startswith("position: kept")
    assert report.outcomes[0].taken == report.outcomes[0].changes[1:3] and report.outcomes[1].taken == []
    assert report.outcomes[0].reason_text == (
        "taken from the list: position (was 'Deputy Prosecutor'), organisation (was 'County Prosecutor's Office')"
    )
    assert "1 took the list's values; 1 where the list differs" in report.summary()

    # Undoing the import puts the old values back, notes included.
    [batch] = list_imports(directory)
    rollback_import(directory, batch.id)
    ana = get_contacts(directory, [ana_id])[0]
    assert (ana.position, ana.notes) == ("Deputy Prosecutor", "Speaks at the Zagreb trainings")


def test_take_list_values_for_every_row_but_one_kept_and_never_a_consent(directory, tmp_path: Path) -> None:
    ana_id, ivo_id = _known(directory)
    plan = plan_file(_newer_list(tmp_path))
    first_key = next(iter(plan.rows())).key
    report = import_plans(directory, [plan], event=EVENT, take_list_values=True, decisions={first_key: KEEP_DIRECTORY})
    ana, ivo = get_contacts(directory, [ana_id, ivo_id])
    assert ana.position == "Deputy Prosecutor" and len(report.outcomes[0].conflicts) == 2
    assert (ivo.position, ivo.notes) == ("Chief Inspector", "Earlier position: Inspector")
    # A "no" to being shared is the person's answer: a list's "yes" does not undo it, asked or not.
    assert (ivo.consent_shared, ivo.shareable) == (False, False)
    assert report.outcomes[1].conflicts == ["consent to be shared: kept 'no', the list says 'yes'"]


def test_a_different_country_taken_is_noted_by_its_name(directory, tmp_path: Path) -> None:
    [ana_id, _] = _known(directory)
    path = write_xlsx(
        tmp_path / "moved.xlsx",
        {"Participants": [HEADER, person(1, "Marić", "Ana", "Slovenia", "ana.maric@example.hr",
                                         position="Deputy Prosecutor", organisation="County Prosecutor's Office")]},
    )  # fmt: skip
    report = import_plans(directory, [plan_file(path)], event=EVENT, take_list_values=True)
    ana = get_contacts(directory, [ana_id])[0]
    assert ana.country == "SI" and "Earlier country: Croatia" in ana.notes.splitlines()
    assert "country (was 'Croatia')" in report.outcomes[0].changes


def test_two_rows_of_one_new_person_are_not_a_newer_list(directory, tmp_path: Path) -> None:
    """The same new person twice in a list, with two positions: the first row's stays and the second's is a
    conflict, whatever is asked: neither is the directory's older value."""
    rows = [
        person(1, "Novak", "Eva", "Slovenia", "eva@example.si", position="Inspector"),
        person(2, "Novak", "Eva", "Slovenia", "eva@example.si", position="Chief Inspector"),
    ]
    plan = plan_file(write_xlsx(tmp_path / "twice.xlsx", {"Participants": [HEADER, *rows]}))
    report = import_plans(directory, [plan], event=EVENT, take_list_values=True)
    second = report.outcomes[1]
    assert (second.takeable, second.taken) == ([], [])
    assert second.conflicts == ["position: kept 'Inspector', the list says 'Chief Inspector'"]
    assert "where the list differs" not in report.summary()


def test_a_colleagues_rows_verified_later_take_their_values_and_older_ones_do_not(directory, tmp_path: Path) -> None:
    """A colleague's export says when each contact was last verified: with `take_newer_values`, a row verified
    later than the contact here takes its values, one verified earlier keeps ours (the wizard proposes the same)."""
    from datetime import date

    ana = add_contact(directory, ContactInput(given_name="Ana", family_name="Marić", country="HR",
                                              position="Deputy Prosecutor", emails=[EmailEntry("ana@example.hr")],
                                              last_verified=date(2024, 4, 15)))  # fmt: skip
    ivo = add_contact(directory, ContactInput(given_name="Ivo", family_name="Ivić", country="HR",
                                              position="Chief Inspector", emails=[EmailEntry("ivo@example.hr")],
                                              last_verified=date(2026, 9, 1)))  # fmt: skip
    header = ["Given name", "Family name", "Country", "E-mail", "Position", "Last verified"]
    rows = [
        ["Ana", "Marić", "Croatia", "ana@example.hr", "Chief Prosecutor", date(2026, 10, 1)],
        ["Ivo", "Ivić", "Croatia", "ivo@example.hr", "Inspector", date(2023, 1, 10)],  # what he was, before
    ]
    plan = plan_file(write_xlsx(tmp_path / "colleague.xlsx", {"Contacts": [header, *rows]}))
    preview = import_plans(directory, [plan], event=EVENT, dry_run=True)
    assert [o.newer for o in preview.outcomes] == [True, False]
    report = import_plans(directory, [plan], event=EVENT, take_newer_values=True)
    ana_now, ivo_now = get_contacts(directory, [ana.id, ivo.id])
    assert (ana_now.position, ana_now.last_verified) == ("Chief Prosecutor", date(2026, 10, 1))
    assert (ivo_now.position, ivo_now.last_verified) == ("Chief Inspector", date(2026, 9, 1))
    assert report.outcomes[1].conflicts == ["position: kept 'Chief Inspector', the list says 'Inspector'"]


def test_a_russian_spelling_of_a_serbian_name_is_no_conflict_and_a_newer_address_comes_first(directory, tmp_path):
    """A Russian list's "Ненад Джорджевич" for Nenad Đorđević: reported as a conflict, and with the list's values
    taken, his name became "Nenad Джорджевич". His new address was added after the old one, which invitations,
    handouts and vCards went on using."""
    existing = add_contact(directory, ContactInput(given_name="Nenad", family_name="Đorđević", country="RS",
                                                   emails=[EmailEntry("nenad@rjt.gov.rs")]))  # fmt: skip
    path = write_xlsx(tmp_path / "ru.xlsx", {"Участники": [
        ["Имя", "Фамилия", "Страна", "Электронная почта"],
        ["Ненад", "Джорджевич", "Сербия", "nenad@rjt.gov.rs; n.djordjevic@tok.gov.rs"],
    ]})  # fmt: skip
    report = import_plans(directory, [plan_file(path)], event=EVENT, take_list_values=True)
    (outcome,) = report.outcomes
    assert not outcome.conflicts and not outcome.taken
    (after,) = get_contacts(directory, [existing.id])
    assert (after.given_name, after.family_name) == ("Nenad", "Đorđević")
    assert [e.address for e in after.emails] == ["nenad@rjt.gov.rs", "n.djordjevic@tok.gov.rs"]  # the list's order
    rows = [["Name", "Surname", "Country", "E-mail"], ["Nenad", "Đorđević", "Serbia", "n.djordjevic@tok.gov.rs"]]
    newer = write_xlsx(tmp_path / "new.xlsx", {"P": rows})
    import_plans(directory, [plan_file(newer)], event=EVENT, take_list_values=True)
    (after,) = get_contacts(directory, [existing.id])
    assert [e.address for e in after.emails] == ["n.djordjevic@tok.gov.rs", "nenad@rjt.gov.rs"]

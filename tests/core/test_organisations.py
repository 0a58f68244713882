"""One office under several names put right: renamed, or merged into the organisation of that name; undone exactly."""

from __future__ import annotations

import pytest

from directory_app.core.contacts import add_contact, get_contacts
from directory_app.core.organisations import list_organisations, rename_organisation, undo_organisation_change
from directory_app.core.records import ContactInput, DirectoryError
from directory_app.core.search import SearchQuery, search, search_ids


def _add(directory, given: str, family: str, organisation: str, country: str = "RS") -> int:
    data = ContactInput(given_name=given, family_name=family, organisation=organisation, country=country)
    return add_contact(directory, data).id


def _orgs(directory) -> list[tuple[str, str | None, int]]:
    return [(o.name, o.country, o.contacts) for o in list_organisations(directory)]


def test_an_organisation_renamed_and_merged_then_put_back(directory) -> None:
    jelena = _add(directory, "Jelena", "Petrović", "MUP")
    nenad = _add(directory, "Nenad", "Đorđević", "Ministarstvo unutrašnjih poslova")
    ivo = _add(directory, "Ivo", "Kovač", "MUP", "HR")  # Croatia's MUP: another office
    before = get_contacts(directory, [jelena, nenad, ivo])
    assert _orgs(directory) == [("Ministarstvo unutrašnjih poslova", "RS", 1), ("MUP", "HR", 1), ("MUP", "RS", 1)]

    serbian_mup = next(o for o in list_organisations(directory) if o.name == "MUP" and o.country == "RS")
    renamed = rename_organisation(directory, serbian_mup.id, "Ministry of Interior", "police")
    assert not renamed.merged
    assert search_ids(directory, SearchQuery(text="ministry interior")) == [jelena]  # the search text follows
    mup_rs = next(o for o in list_organisations(directory) if o.name == "Ministarstvo unutrašnjih poslova")
    merged = rename_organisation(directory, mup_rs.id, "Ministry of Interior")
    assert merged.merged
    assert _orgs(directory) == [("Ministry of Interior", "RS", 2), ("MUP", "HR", 1)]
    assert {r.organisation_type for r in search(directory, SearchQuery(countries=("RS",)))} == {"police"}

    undo_organisation_change(directory, merged)
    undo_organisation_change(directory, renamed)
    assert _orgs(directory) == [("Ministarstvo unutrašnjih poslova", "RS", 1), ("MUP", "HR", 1), ("MUP", "RS", 1)]
    assert get_contacts(directory, [jelena, nenad, ivo]) == before


def test_a_wrong_rename_is_refused(directory) -> None:
    _add(directory, "Jelena", "Petrović", "MUP")
    (org,) = list_organisations(directory)
    with pytest.raises(DirectoryError, match="needs a name"):
        rename_organisation(directory, org.id, "  ")
    with pytest.raises(DirectoryError, match="unknown organisation type 'castle'"):
        rename_organisation(directory, org.id, "MUP RS", "castle")
    with pytest.raises(DirectoryError, match="there is no organisation 99"):
        rename_organisation(directory, 99, "X")
    assert _orgs(directory) == [("MUP", "RS", 1)]


def test_the_command_line_lists_and_renames_organisations(directory, capsys) -> None:
    import json

    from directory_app.cli import main

    _add(directory, "Jelena", "Petrović", "MUP")
    _add(directory, "Nenad", "Đorđević", "Ministry of Interior")
    db = str(directory.path)
    assert main(["organisations", "--db", db, "--format", "json"]) == 0
    orgs = {o["name"]: o["id"] for o in json.loads(capsys.readouterr().out)}
    assert main(["organisation-rename", str(orgs["MUP"]), "Ministry of Interior", "--db", db]) == 0
    assert capsys.readouterr().out.strip() == "'MUP' merged into 'Ministry of Interior' (1 contact)"
    assert main(["organisation-rename", "MUP", "X", "--db", db]) == 2
    assert "is not an organisation id" in capsys.readouterr().err
    assert _orgs(directory) == [("Ministry of Interior", "RS", 2)]

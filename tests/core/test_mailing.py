"""The selected contacts' e-mail addresses for a mail program: one a person, names quoted where they must be, the
export's rules on what is not to be given, a mailto: link in Bcc, and the audit log."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from directory_app.core import mailing
from directory_app.core.contacts import add_contact
from directory_app.core.mailing import mail_list, mailbox
from directory_app.core.privacy import list_audit
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry


def _add(directory, given: str, family: str, *emails: EmailEntry, **extra) -> int:
    return add_contact(directory, ContactInput(given_name=given, family_name=family, emails=list(emails), **extra)).id


def test_mailbox_quotes_names_with_specials_and_keeps_every_script() -> None:
    assert mailbox("Сања Јанковић", "sanja@example.rs") == "Сања Јанковић <sanja@example.rs>"
    assert mailbox("Dr. Ana  Marić", "ana@example.hr") == '"Dr. Ana Marić" <ana@example.hr>'
    assert mailbox('Ivo "Ivek" Ivić, MSc', "ivo@example.hr") == '"Ivo \\"Ivek\\" Ivić, MSc" <ivo@example.hr>'
    assert mailbox("", "office@example.org") == "office@example.org"


def test_one_address_a_person_as_an_export_gives_them(directory) -> None:
    ids = [
        _add(directory, "Сања", "Јанковић", EmailEntry("s.private@example.com", "other", private=True),
             EmailEntry("sanja@rjt.example.rs", "work"), EmailEntry("sanja2@rjt.example.rs", "work")),
        _add(directory, "Ana", "Marić", EmailEntry("ana@example.hr", "other")),
        _add(directory, "Ivo", "Ivić", EmailEntry("ivo.private@example.com", "other", private=True)),
        _add(directory, "Neda", "Skrivena", EmailEntry("neda@example.ba"), shareable=False),
        _add(directory, "Petar", "Petrović"),
        _add(directory, "Jelena", "Kolegić", EmailEntry("ANA@example.hr")),  # the office's one address, again
    ]  # fmt: skip
    mails = mail_list(directory, ids)
    assert mails.text == "Сања Јанковић <sanja@rjt.example.rs>; Ana Marić <ana@example.hr>"
    assert (mails.count, mails.without, mails.left_out) == (2, 2, "left out: 1 contact marked not to be shared")
    [entry] = list_audit(directory)
    assert (entry.action, entry.target, entry.count) == ("copy-emails", "clipboard", 3)
    assert "2 without an address to give" in entry.detail and "1 contact marked not to be shared" in entry.detail

    link = mail_list(directory, ids, purpose="mail").mailto()
    assert link.startswith("mailto:?bcc=")
    assert unquote(link.removeprefix("mailto:?bcc=")).split(",") == ["sanja@rjt.example.rs", "ana@example.hr"]
    assert list_audit(directory)[0].action == "mail" and list_audit(directory)[0].target == "mail program"


def test_nothing_to_give_and_a_link_too_long_are_refused_and_not_recorded(directory, monkeypatch) -> None:
    hidden = _add(directory, "Neda", "Skrivena", EmailEntry("neda@example.ba"), shareable=False)
    bare = _add(directory, "Petar", "Petrović")
    with pytest.raises(DirectoryError, match="nothing to write to: the chosen contact is marked not to be shared"):
        mail_list(directory, [hidden])
    with pytest.raises(DirectoryError, match=r"none of the chosen contacts has an e-mail address to give \(left out"):
        mail_list(directory, [hidden, bare])
    many = [_add(directory, "Ana", f"Marić {i}", EmailEntry(f"ana.maric.{i}@ministry.example.hr")) for i in range(3)]
    monkeypatch.setattr(mailing, "MAIL_LINK_LIMIT", 60)
    with pytest.raises(DirectoryError, match=r"3 addresses are too many for a new message .* paste them into Bcc"):
        mail_list(directory, many, purpose="mail")
    monkeypatch.setattr(mailing, "MAIL_LIMIT", 2)
    with pytest.raises(DirectoryError, match=r"3 contacts are too many to write to at once \(at most 2\)"):
        mail_list(directory, many)
    assert list_audit(directory) == []


def test_emails_on_the_command_line(directory) -> None:
    from tests.core.cli_helpers import run_cli

    _add(directory, "Amra", "Hodžić", EmailEntry("amra@example.ba"), country="BA")
    _add(directory, "Emir", "Delić", country="BA")
    _add(directory, "Ivo", "Horvat", EmailEntry("ivo@example.hr"), country="HR")
    db = str(directory.path)
    directory.close()
    done = run_cli("emails", "--country", "BA", "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Amra Hodžić <amra@example.ba>\n"
    assert done.stderr == "1 address; 1 without an e-mail address\n"
    bare = run_cli("emails", "--separator", ",", "--db", db)
    assert bare.stdout == "amra@example.ba,ivo@example.hr\n"
    none = run_cli("emails", "nobody", "--db", db)
    assert none.returncode == 2 and none.stderr == "error: no contacts match\n"

from __future__ import annotations

import pytest

from directory_app.core.emails import check_email, split_emails


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("ana.maric@mup.example.hr", ["ana.maric@mup.example.hr"]),
        ("  MAILTO:Ana.Maric@MUP.example.HR ", ["Ana.Maric@mup.example.hr"]),
        ("a@x.example; b@y.example", ["a@x.example", "b@y.example"]),
        ("a@x.example, b@y.example / c@z.example", ["a@x.example", "b@y.example", "c@z.example"]),
        ("a@x.example\nb@y.example", ["a@x.example", "b@y.example"]),
        ("Ana Marić <ana@x.example>", ["ana@x.example"]),
        ("work: a@x.example private: b@y.example", ["a@x.example", "b@y.example"]),
        ("a@x.example ili b@y.example", ["a@x.example", "b@y.example"]),
        ("", []),
    ],
)
def test_split_emails(cell: str, expected: list[str]) -> None:
    assert [r.address for r in split_emails(cell)] == expected


@pytest.mark.parametrize("bad", ["ana.maric@", "no address", "a@b", "ana maric@x.example@y"])
def test_invalid_addresses_are_reported_with_the_text_kept(bad: str) -> None:
    results = split_emails(bad)
    assert any(r.problem for r in results)


def test_check_email_keeps_raw_text() -> None:
    r = check_email("mailto:x@y")
    assert r.address is None and r.raw == "mailto:x@y" and r.problem.startswith("not a valid e-mail")

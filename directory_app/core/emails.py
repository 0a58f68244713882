"""E-mail addresses: split a cell, clean, check syntax (email-validator, never DNS: the app is offline)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from directory_app.core.folding import fold

# Separators people put between addresses in one cell. Written by hand: no library splits free text cells.
_SPLIT = re.compile(r"[\s,;/|]+|\bor\b|\bili\b|\bили\b", re.IGNORECASE)
_MAILTO = re.compile(r"^\s*mailto:\s*", re.IGNORECASE)
_ANGLE = re.compile(r"<([^<>]+@[^<>]+)>")
# Addresses copied from a web page that hides them from robots: "ivana.kovac(at)mup.hr", "a [at] pp [dot] gov [dot] al".
_HIDDEN_AT = re.compile(r"\s*[(\[{]\s*at\s*[)\]}]\s*", re.IGNORECASE)
_HIDDEN_DOT = re.compile(r"\s*[(\[{]\s*dot\s*[)\]}]\s*", re.IGNORECASE)
# Characters a copy from a web page or a Word document leaves in an address, invisible: zero-width spaces and
# joiners, a byte-order mark, a soft hyphen. email-validator refuses the address ("unsafe characters").
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


# Fast path for the common case, plain ASCII addresses: email-validator takes about 0.4 ms an address (IDNA and
# Unicode checks), which is most of the time of importing a 10,000-row list. The pattern accepts only what
# email-validator accepts (tested against it); everything else goes to email-validator itself.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@((?:{_LABEL}\.)+[A-Za-z]{{2,63}})")
_SPECIAL_USE = tuple(SPECIAL_USE_DOMAIN_NAMES)


def _plain_ascii(address: str) -> str | None:
    m = _PLAIN.fullmatch(address)
    if m is None or len(m.group(1)) > 64 or len(address) > 254:
        return None
    domain = m.group(2).lower()
    if any(domain == d or domain.endswith("." + d) for d in _SPECIAL_USE):
        return None
    if any(label[2:4] == "--" for label in domain.split(".")):
        return None  # "xn--" and other hyphens in places 3-4 are IDNA business: email-validator decides
    return f"{m.group(1)}@{domain}"


@dataclass(frozen=True)
class EmailResult:
    address: str | None  # normalised (domain lower-cased), None when invalid
    raw: str  # as found in the cell
    problem: str | None  # one short reason when address is None


# A Teams guest's ID (user principal name) in an organisation's tenant: the guest's own address with "_" for its "@",
# then "#EXT#" ("ana.kovac_mup.hr#EXT#@osceorg.onmicrosoft.com" is ana.kovac@mup.hr). A meeting's attendance report
# gives it for the guest's e-mail. The last "_" is the "@": a domain holds none.
_GUEST_ID = re.compile(r"(.+)_([^_@]+)#ext#@[^@]+", re.IGNORECASE)
GUEST_ID_PROBLEM = "a Teams guest's ID without a readable address"


def check_email(text: str) -> EmailResult:
    """One address: `mailto:` and surrounding space or brackets removed, syntax checked. A Teams guest's ID is read
    as the guest's own address (`_GUEST_ID`)."""
    raw = (text or "").strip()
    cleaned = _MAILTO.sub("", raw).strip().strip("<>()[]\"'.,;:")
    if not cleaned:
        return EmailResult(None, raw, "empty e-mail address")
    if "#" in cleaned and "#ext#@" in cleaned.casefold():
        guest = _GUEST_ID.fullmatch(cleaned)
        if guest is None:
            return EmailResult(None, raw, GUEST_ID_PROBLEM)
        inner = check_email(f"{guest[1]}@{guest[2]}")
        return EmailResult(inner.address, raw, None if inner.address else GUEST_ID_PROBLEM)
    fast = _plain_ascii(cleaned)
    if fast is not None:
        return EmailResult(fast, raw, None)
    try:
        result = validate_email(cleaned, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        return EmailResult(None, raw, f"not a valid e-mail address: {exc}")
    return EmailResult(result.normalized, raw, None)


# "ana maric@example.hr": a name part, one space, an address. Read as two words, it gave "maric@example.hr", a
# wrong address that could even be somebody else's; a label before an address ("work a@x.org") is not this.
_SPACE_IN_ADDRESS = re.compile(r"([^\W\d_][\w.'-]*) +([\w.'+-]+@[\w.-]+)")
_LABELS = frozenset({
    "e-mail", "email", "mail", "work", "office", "private", "home", "personal", "official", "business", "posao",
    "sluzbeni", "sluzbena", "privatni", "privatna", "licni", "licna", "posta", "e-posta", "adresa", "pune", "zyrtare",
    "privat", "dienstlich", "travail", "bureau", "personnel", "is", "ev", "resmi", "kisisel",
})  # fmt: skip


def split_emails(cell: str) -> list[EmailResult]:
    """Every address in a cell ("a@x.org; b@y.org", "Name <a@x.org>", "MAILTO:a@x.org"), checked."""
    text = (cell or "").strip()
    if not text:
        return []
    if not text.isascii():
        text = text.translate(_INVISIBLE).strip()
    if "?" in text and _MAILTO.match(text):  # a link copied whole: "mailto:ana@x.org?subject=Seminar"
        text = text.split("?", 1)[0]
    if ("(" in text or "[" in text or "{" in text) and _HIDDEN_AT.search(text):
        text = _HIDDEN_DOT.sub(".", _HIDDEN_AT.sub("@", text))
    if (m := _SPACE_IN_ADDRESS.fullmatch(_MAILTO.sub("", text))) and fold(m[1]) not in _LABELS:
        return [EmailResult(None, text, "a space inside the address")]
    angled = _ANGLE.findall(text)
    parts = angled or [p for p in _SPLIT.split(_MAILTO.sub("", text)) if p]
    pieces = [p for p in (q.strip() for q in parts) if p]
    if not any("@" in p for p in pieces):
        return [check_email(text)]
    results: list[EmailResult] = []
    for piece in pieces:
        if "@" not in piece:
            continue  # words between addresses ("work:", "private")
        results.append(check_email(piece))
    return results

"""E-mail addresses: split a cell, clean, check syntax (email-validator, never DNS: the app is offline)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

# Separators people put between addresses in one cell. Written by hand: no library splits free text cells.
_SPLIT = re.compile(r"[\s,;/|]+|\bor\b|\bili\b|\bили\b", re.IGNORECASE)
_MAILTO = re.compile(r"^\s*mailto:\s*", re.IGNORECASE)
_ANGLE = re.compile(r"<([^<>]+@[^<>]+)>")


@dataclass(frozen=True)
class EmailResult:
    address: str | None  # normalised (domain lower-cased), None when invalid
    raw: str  # as found in the cell
    problem: str | None  # one short reason when address is None


def check_email(text: str) -> EmailResult:
    """One address: `mailto:` and surrounding space or brackets removed, syntax checked."""
    raw = (text or "").strip()
    cleaned = _MAILTO.sub("", raw).strip().strip("<>()[]\"'.,;:")
    if not cleaned:
        return EmailResult(None, raw, "empty e-mail address")
    try:
        result = validate_email(cleaned, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        return EmailResult(None, raw, f"not a valid e-mail address: {exc}")
    return EmailResult(result.normalized, raw, None)


def split_emails(cell: str) -> list[EmailResult]:
    """Every address in a cell ("a@x.org; b@y.org", "Name <a@x.org>", "MAILTO:a@x.org"), checked."""
    text = (cell or "").strip()
    if not text:
        return []
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

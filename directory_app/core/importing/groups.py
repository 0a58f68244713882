"""Several people on one row: a form where an institution registers its delegation ("Participant 1 - Name and
surname", "Participant 1 - E-mail", "Participant 2 - Name and surname", ...).

Read as one person a row, only the first delegate was imported, with the institution's own address, and the others
went to her notes. Here the row becomes one row per delegate, each with the row's shared columns (institution,
country), under a header without the numbers; the row numbers stay those of the file. Written by hand: no library
turns such wide rows into people.
"""

from __future__ import annotations

import re
from dataclasses import replace

from directory_app.core.importing.mapping import (
    NAME_FIELDS,
    SheetPlan,
    match_header,
    normalise_header,
    plan_sheet,
    resolve_mapping,
)
from directory_app.core.importing.reading import Cell, cell_text

__all__ = ["one_row_per_person"]

_WHO = (
    r"(?:participants?|delegates?|persons?|attendees?|members?|nominees?|ucesni(?:k|ca)|sudioni(?:k|ca)|polazni(?:k|ca)"
    r"|участни(?:к|ца)|учесни(?:к|ца)|pjesemarres|katilimci|participante|teilnehmer(?:in)?|osoba|lice)"
)
# "Participant 1 - Name", "2. Name", "1st participant e-mail" / "Name 2", "E-mail (participant 2)"
_NUMBER_FIRST = re.compile(rf"^(?:{_WHO}\s*)?(?:no\s*)?([1-9])(?:st|nd|rd|th)?\s+(?:{_WHO}\s+)?(.+)$")
_NUMBER_LAST = re.compile(rf"^(.+?)\s+(?:of\s+)?(?:(?:the\s+)?{_WHO}\s*)?(?:no\s*)?([1-9])$")
_PERSON_FIELDS = NAME_FIELDS | {"_name"}
# The same words as written (for the header shown in the wizard): "Učesnik 2 - Ime i prezime" -> "Ime i prezime".
_WHO_AS_WRITTEN = (
    r"(?:participant[se]?|delegates?|persons?|attendees?|members?|nominees?|u[čc]esni(?:k|ca)|sudioni(?:k|ca)"
    r"|polazni(?:k|ca)|участни(?:к|ца)|учесни(?:к|ца)|pj[eë]sëmarr[eë]s|pjesemarres|kat[ıi]l[ıi]mc[ıi]|teilnehmer(?:in)?"
    r"|osoba|lice)"
)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")


def _shown(header: str, number: int, rest: str) -> str:
    """The header as the wizard shows it for every delegate: without its number ("Participant 1 - E-mail" ->
    "E-mail"), else the words it was matched by."""
    marker = re.compile(
        rf"(?:{_WHO_AS_WRITTEN}\s*)?(?:no\.?|nr\.?|br\.?|#)?\s*(?<!\d){number}(?:st|nd|rd|th|\.)?(?!\d)\s*"
        rf"(?:{_WHO_AS_WRITTEN})?",
        re.IGNORECASE,
    )
    shown = _EMPTY_BRACKETS.sub("", marker.sub(" ", header, count=1))
    shown = " ".join(shown.strip(" -–—:.,/|_").split())
    shown = shown if match_header(shown) == match_header(rest) else rest
    return shown[:1].upper() + shown[1:]


# A delegate numbered in words ("First participant", "Drugi učesnik", "Troisième participant") and a remark that
# the delegate is optional ("Participant 3 (optional)", "(if any)"): read as "participant 3" alike. Written by hand:
# the ordinals of the region's forms.
_ORDINALS = {
    **dict.fromkeys(("first", "prvi", "prva", "prvo", "premier", "premiere", "erste", "erster", "pervyi", "первый",
                     "первая", "прв", "прва", "prvi"), "1"),
    **dict.fromkeys(("second", "drugi", "druga", "drugo", "deuxieme", "zweite", "zweiter", "vtoroi", "второй",
                     "вторая", "втор", "втора"), "2"),
    **dict.fromkeys(("third", "treci", "treca", "trece", "troisieme", "dritte", "dritter", "tretii", "третий",
                     "третья", "трет", "трета"), "3"),
    **dict.fromkeys(("fourth", "cetvrti", "cetvrta", "quatrieme", "vierte", "vierter", "четвертый", "четврт"), "4"),
    **dict.fromkeys(("fifth", "peti", "peta", "cinquieme", "funfte", "пятый", "петти"), "5"),
}  # fmt: skip
# Only before a delegate's word: "First name" is a given name's column, "First participant" a delegate's.
_ORDINAL_WORD = re.compile(r"\b(" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + rf")\s+(?={_WHO})")
_OPTIONAL_REMARK = re.compile(
    r"\b(?:optional|if any|if applicable|opciono|opcionalno|neobavezno|fakultativno|facultatif|facultative"
    r"|optionnel|optionnelle|freiwillig|falls vorhanden|по желанию|необязательно|nese ka|opsionale)\b"
)


def _group(header: str) -> tuple[int, str] | None:
    """(number, the header without it) of a delegate's column; None for a column of the whole row."""
    key = normalise_header(header.replace("(", " ").replace(")", " ").replace("[", " ").replace("]", " "))
    key = " ".join(_ORDINAL_WORD.sub(lambda m: _ORDINALS[m[1]] + " ", _OPTIONAL_REMARK.sub(" ", key)).split())
    if m := _NUMBER_FIRST.match(key):
        return int(m[1]), m[2]
    if m := _NUMBER_LAST.match(key):
        return int(m[2]), m[1]
    return None


def one_row_per_person(plan: SheetPlan) -> SheetPlan | None:
    """The plan of the sheet with one row per delegate, when its header numbers two groups of columns or more,
    each with a name; None otherwise (the plan stands)."""
    if plan.header_index is None:
        return None
    # number -> (the header without it, which of that name in the group) -> column
    groups: dict[int, dict[tuple[str, int], int]] = {}
    shown: dict[tuple[str, int], str] = {}  # as the wizard shows the header
    shared: list[int] = []  # the row's own columns (also any beyond the header: nothing is left out)
    width = max([len(plan.headers), *(len(r) for r in plan.sheet.rows[plan.header_index + 1 :])])
    for col in range(width):
        header = plan.headers[col] if col < len(plan.headers) else ""
        found = _group(header) if header else None
        if found is None:
            shared.append(col)
            continue
        group = groups.setdefault(found[0], {})
        key = (found[1], sum(1 for rest, _n in group if rest == found[1]))
        group[key] = col
        shown.setdefault(key, _shown(header, *found))
    if len(groups) < 2 or not all(any(match_header(h) in _PERSON_FIELDS for h, _n in g) for g in groups.values()):
        return None

    fields: list[tuple[str, int]] = []  # the delegates' columns, in the order the first group has them
    for group in groups.values():
        fields.extend(k for k in group if k not in fields)
    sheet = plan.sheet
    top = plan.header_index - plan.header_rows + 1
    header_row = [Cell(plan.headers[c] if c < len(plan.headers) else None) for c in shared]
    header_row += [Cell(shown[k]) for k in fields]
    rows: list[list[Cell]] = [*sheet.rows[:top], header_row]
    numbers: list[int] = [*sheet.row_numbers[:top], sheet.row_numbers[plan.header_index]]
    for index in range(plan.header_index + 1, len(sheet.rows)):
        row = sheet.rows[index]

        def cell(col: int | None, row: list[Cell] = row) -> Cell:
            return row[col] if col is not None and col < len(row) else Cell(None)

        people = [[cell(group.get(k)) for k in fields] for group in groups.values()]
        people = [p for p in people if any(c.value is not None for c in p)] or [[Cell(None) for _ in fields]]
        for person in people:
            rows.append([cell(c) for c in shared] + person)
            numbers.append(sheet.row_numbers[index])
    # A hidden column stays hidden where it went: a delegates' column is hidden when any group's column is.
    hidden = {i for i, c in enumerate(shared) if c in sheet.hidden_columns}
    hidden |= {len(shared) + i for i, k in enumerate(fields) if any(g.get(k) in sheet.hidden_columns for g in
               groups.values())}  # fmt: skip
    long = replace(
        sheet, rows=rows, row_numbers=numbers, hidden_columns=hidden, merged_below=set(), people_per_row=len(groups)
    )

    # A column of the whole row that names what each delegate has ("Contact person e-mail": the sender's) would
    # give the sender's address to every delegate: it is kept in their notes.
    headers = [cell_text(c.value) for c in header_row]
    mapping = resolve_mapping(headers, long, top + 1)
    theirs = {mapping[len(shared) + i] for i in range(len(fields))} - {None, "notes", "ignore"}
    for i in range(len(shared)):
        if mapping[i] in theirs:
            mapping[i] = "notes"
    return plan_sheet(long, mapping, top)

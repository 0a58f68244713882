"""A registration form: one person's details as label and answer, a pair a row ("Name and surname | Ana Kovač",
"Institution | MUP", "E-mail | ana.kovac@mup.hr"), as participants fill in and send back the Word or Excel form an
organiser mailed out. It has no header row, and was refused as "no list of people".

Read as a list of one row: the labels are its header, the answers its row, and the lines above the first label its
title (where the event is named). A form with several people's answers side by side, a column each, gives a row per
column. Written by hand: the labels are read with the importer's own header words (`mapping.match_header`), which
no library knows.
"""

from __future__ import annotations

from dataclasses import replace

from directory_app.core.importing.mapping import has_box, match_header
from directory_app.core.importing.reading import Cell, Sheet, cell_text

# At least this many labels the importer knows, a name's or an e-mail's among them, make a form.
MIN_LABELS = 3
_NAME_FIELDS = frozenset({"_name", "full_name", "given_name", "family_name", "email"})
_LABEL_LENGTH = 80  # longer is a sentence, not a label
_GAP = 2  # empty rows a form's labels may have between them


def form_sheet(sheet: Sheet) -> Sheet | None:
    """The sheet read as a list (labels as the header, each column of answers a row), or None when it is not a
    form: no column of known labels."""
    rows = sheet.rows
    for label_col in range(3):  # the labels may come after a numbering column or two
        fields = {i: field for i, row in enumerate(rows) if (field := _label(row, label_col))}
        if len(fields) >= MIN_LABELS and _NAME_FIELDS & set(fields.values()):
            return _transposed(sheet, label_col, sorted(fields))
    return None


def _label(row: list[Cell], col: int) -> str | None:
    if col >= len(row):
        return None
    text = cell_text(row[col].value)
    if not text or len(text) > _LABEL_LENGTH:
        return None
    field = match_header(text)
    return field if field and field != "ignore" else None


def _transposed(sheet: Sheet, label_col: int, known: list[int]) -> Sheet | None:
    rows = sheet.rows
    # The form's rows: from its first known label to its last, and the labelled rows right after it ("Signature").
    label_rows: list[int] = []
    last = known[-1]
    for i in range(known[0], len(rows)):
        has_label = label_col < len(rows[i]) and cell_text(rows[i][label_col].value)
        if i > last and (not has_label or (label_rows and i - label_rows[-1] > _GAP)):
            break
        if has_label:
            label_rows.append(i)
    answers: list[list[Cell]] = []
    width = max((len(rows[i]) for i in label_rows), default=0)
    rows = _choices_joined(rows, label_col, label_rows)
    for col in range(label_col + 1, width):
        column = [rows[i][col] if col < len(rows[i]) else Cell(None) for i in label_rows]
        values = [cell_text(c.value) for c in column]
        if not any(values):
            continue
        if answers and values == [cell_text(c.value) for c in answers[-1]]:
            continue  # one answer merged across several columns: one person
        answers.append(column)
    if not answers:
        return None
    header = [Cell(cell_text(rows[i][label_col].value).rstrip(" :")) for i in label_rows]
    titles = [
        (sheet.row_numbers[i], [Cell(text)])
        for i, row in enumerate(rows[: label_rows[0]])
        if (text := " ".join(t for c in row if (t := cell_text(c.value))))
    ]
    first = sheet.row_numbers[label_rows[0]]
    grid = [*(row for _n, row in titles), header, *answers]
    # The answers keep the number of the form's first row (a person in the second column: the one after it).
    numbers = [*(n for n, _row in titles), first, *(first + n for n in range(len(answers)))]
    return replace(
        sheet, rows=grid, row_numbers=numbers, hidden_rows=set(), hidden_columns=set(), merged_below=set(), links={}
    )


def _choices_joined(rows: list[list[Cell]], label_col: int, label_rows: list[int]) -> list[list[Cell]]:
    """A one-person form's choice written over several cells ("☐ Yes | ☒ No", "Yes | ☒ | No | ☐") as one answer
    in the first cell after the label: the cells are the choice's options, not several people's answers (the
    ticked "No" was a second person from Norway)."""
    answered = {i: [t for c in rows[i][label_col + 1 :] if (t := cell_text(c.value))] for i in label_rows}
    choices = [i for i in label_rows if len(answered[i]) > 1 and any(has_box(t) for t in answered[i])]
    if not choices or any(len(answered[i]) > 1 for i in label_rows if i not in choices):
        return rows  # no choice over several cells, or several people's answers side by side
    rows = list(rows)
    for i in choices:
        joined = " ".join(answered[i])
        rows[i] = [*rows[i][: label_col + 1], Cell(joined), *(Cell(None) for _c in rows[i][label_col + 2 :])]
    return rows

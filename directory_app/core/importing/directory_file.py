"""Another directory file (a colleague's `directory.db`, a backup) as a workbook for the importer.

Focal points merge their directories. The file is read as the .xlsx export of everything in it would be read: a
"Contacts" sheet under the export's headers (every contact, private details and people not to be shared
included, each marked so) and an "Events" sheet with the events' dates and places. The importer then does what it
does with an exchanged export: the same uid is the same person, rows name their events, nothing is overwritten.

The file itself is never written to: it is copied to a temporary folder first, because opening a directory of an
older version upgrades it, and a directory in use keeps recent changes in its `-wal` file (copied with it).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

import sqlcipher3
from sqlalchemy.exc import DBAPIError

from directory_app.core.importing.reading import Cell, Sheet, Workbook
from directory_app.core.records import DirectoryError

CONTACTS_SHEET = "Contacts"
CHUNK = 2_000  # contacts read at once


def read_directory_workbook(path: Path, passphrase: str | None = None) -> Workbook:
    """The directory file `path` as a workbook (see the module's notes). An encrypted one needs its `passphrase`:
    PassphraseNeeded without it, WrongPassphrase with a wrong one."""
    from directory_app.core.contacts import list_events
    from directory_app.core.exporting import EVENT_COLUMNS, EVENTS_SHEET, HEADERS, load_for_export, row_for
    from directory_app.core.search import SearchQuery, search_ids
    from directory_app.core.store import open_directory

    with tempfile.TemporaryDirectory(prefix="directory-import-") as folder:
        copy = Path(folder) / "directory.db"
        try:
            shutil.copyfile(path, copy)
            if Path(f"{path}-wal").exists():
                shutil.copyfile(f"{path}-wal", f"{copy}-wal")
        except OSError as exc:
            raise DirectoryError(f"{path.name}: cannot read the directory file ({exc.strerror or exc})") from None
        try:
            with open_directory(copy, create=False, passphrase=passphrase, daily_backup=False) as other:
                rows = [[Cell(h) for h in HEADERS]]
                # One cell for every empty one (nothing changes a cell once read), and none for what the import
                # does not take (when the source created or changed a contact); the records are read a chunk at a
                # time. A directory of 100,000 is 3.3 million cells.
                empty = Cell(None)
                skip = {HEADERS.index(h) for h in ("Source", "Created", "Updated")}
                ids = search_ids(other, SearchQuery(), build_index=False)
                if not ids:
                    raise DirectoryError(f"{path.name} is a directory with no contacts in it: nothing to import")
                for start in range(0, len(ids), CHUNK):
                    for record in load_for_export(other, ids[start : start + CHUNK]):
                        values = row_for(record, include_private=True)
                        rows.append([Cell(v) if v and i not in skip else empty for i, v in enumerate(values)])
                events = list_events(other)
        except DirectoryError as exc:
            raise type(exc)(str(exc).replace(str(copy), path.name)) from None
        except (sqlite3.DatabaseError, sqlcipher3.DatabaseError, DBAPIError) as exc:
            # A damaged file: a page overwritten, a copy cut short.
            reason = getattr(exc, "orig", None) or exc
            raise DirectoryError(f"{path.name}: the directory file is damaged ({reason}); nothing was read") from None
    sheets = [Sheet(CONTACTS_SHEET, rows, list(range(1, len(rows) + 1)))]
    if events:
        table = [[Cell(h) for h, _ in EVENT_COLUMNS]]
        table += [
            [Cell(e.name), Cell(e.start_date), Cell(e.end_date), Cell(e.city or None), Cell(e.country),
             Cell(e.organisers or None)]
            for e in events
        ]  # fmt: skip
        sheets.append(Sheet(EVENTS_SHEET, table, list(range(1, len(table) + 1))))
    return Workbook(path=path, kind="directory", sheets=sheets)

"""Undoable changes to the directory (Ctrl+Z / Ctrl+Shift+Z), each one a core call run on the worker thread.

A command is pushed once its action has succeeded, so its first `redo` does nothing. Later undos and redos
queue core calls on the worker; as that thread runs tasks in order, an undo always sees the result of the
action before it. Contacts are found again by uid: a deleted and restored contact gets a new id, never a new uid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from directory_app.core.contacts import delete_contacts, find_by_uid, restore_contacts, update_contact
from directory_app.core.events import (
    DeletedEvent,
    EventMerge,
    PartChange,
    delete_event,
    merge_events,
    restore_event,
    set_part,
    undo_delete_event,
    undo_merge_events,
    undo_set_part,
    update_event,
)
from directory_app.core.merging import (
    MergeResult,
    mark_not_duplicate,
    merge_contacts,
    undo_merge,
    unmark_not_duplicate,
)
from directory_app.core.privacy import VerifiedChange, mark_verified, undo_mark_verified
from directory_app.core.records import ContactRecord, DirectoryError, EventRecord
from directory_app.core.store import Directory


class CommandHost(Protocol):
    def run_command(self, label: str, work: Callable[[], list[int]]) -> None:
        """Run `work` on the worker; it returns the ids to select afterwards."""


def ids_for(directory: Directory, uids: Sequence[str]) -> list[int]:
    """Current ids of the contacts with these uids (missing ones left out)."""
    with directory.read() as session:
        found = [find_by_uid(session, uid) for uid in uids]
    return [i for i in found if i is not None]


def _names(records: Sequence[ContactRecord]) -> str:
    if len(records) == 1:
        return records[0].display_name or "1 contact"
    return f"{len(records):,} contacts"


Work = Callable[[], list[int]]  # runs on the worker thread; returns the ids to select afterwards


class DirectoryCommand(QUndoCommand):
    """`forward` does the action again, `backward` undoes it."""

    def __init__(self, host: CommandHost, directory: Directory, text: str, forward: Work, backward: Work) -> None:
        super().__init__(text)
        self.host = host
        self.directory = directory
        self._forward = forward
        self._backward = backward
        self._done_already = True

    def redo(self) -> None:
        if self._done_already:
            self._done_already = False
            return
        self.host.run_command(f"Redo {self.text()}", self._forward)

    def undo(self) -> None:
        self.host.run_command(f"Undo {self.text()}", self._backward)


class DeleteContactsCommand(DirectoryCommand):
    def __init__(self, host: CommandHost, directory: Directory, records: Sequence[ContactRecord]) -> None:
        super().__init__(host, directory, f"Delete {_names(records)}", self.forward, self.backward)
        self.records = list(records)

    def forward(self) -> list[int]:
        self.records = delete_contacts(self.directory, ids_for(self.directory, [r.uid for r in self.records]))
        return []

    def backward(self) -> list[int]:
        return restore_contacts(self.directory, self.records)


class AddContactCommand(DirectoryCommand):
    def __init__(self, host: CommandHost, directory: Directory, record: ContactRecord) -> None:
        super().__init__(host, directory, f"Add {_names([record])}", self.forward, self.backward)
        self.records = [record]

    def forward(self) -> list[int]:
        return restore_contacts(self.directory, self.records)

    def backward(self) -> list[int]:
        self.records = delete_contacts(self.directory, ids_for(self.directory, [r.uid for r in self.records]))
        return []


class EditContactCommand(DirectoryCommand):
    def __init__(self, host: CommandHost, directory: Directory, before: ContactRecord, after: ContactRecord) -> None:
        super().__init__(host, directory, f"Edit {_names([after])}", self.forward, self.backward)
        self.before = before
        self.after = after

    def _apply(self, record: ContactRecord) -> list[int]:
        ids = ids_for(self.directory, [record.uid])
        if not ids:
            raise DirectoryError(f"{record.display_name} is no longer in the directory")
        return [update_contact(self.directory, ids[0], record.to_input()).id]

    def forward(self) -> list[int]:
        return self._apply(self.after)

    def backward(self) -> list[int]:
        return self._apply(self.before)


class MergeContactsCommand(DirectoryCommand):
    """A merge (core/merging.py): undo puts both contacts back, redo merges them again with the same choices."""

    def __init__(self, host: CommandHost, directory: Directory, result: MergeResult, take: Sequence[str]) -> None:
        super().__init__(host, directory, f"Merge {_names([result.merged])}", self.forward, self.backward)
        self.result = result
        self.take = list(take)

    def forward(self) -> list[int]:
        ids = [ids_for(self.directory, [r.uid]) for r in (self.result.keep_before, self.result.other)]
        if not all(ids):
            raise DirectoryError("one of the two contacts is no longer in the directory")
        self.result = merge_contacts(self.directory, ids[0][0], ids[1][0], self.take)
        return [self.result.merged.id]

    def backward(self) -> list[int]:
        return undo_merge(self.directory, self.result)


class MarkDifferentCommand(DirectoryCommand):
    """Two contacts marked as different people (no longer listed as possible duplicates)."""

    def __init__(self, host: CommandHost, directory: Directory, uids: tuple[str, str], names: str) -> None:
        super().__init__(host, directory, f"Mark {names} as Different People", self.forward, self.backward)
        self.uids = uids

    def forward(self) -> list[int]:
        mark_not_duplicate(self.directory, *self.uids)
        return []

    def backward(self) -> list[int]:
        unmark_not_duplicate(self.directory, *self.uids)
        return []


class EditEventCommand(DirectoryCommand):
    """An event's details corrected (core/events.py): undo puts them back."""

    def __init__(self, host: CommandHost, directory: Directory, before: EventRecord, after: EventRecord) -> None:
        super().__init__(host, directory, f"Edit Event {after.name}", self.forward, self.backward)
        self.before = before
        self.after = after

    def forward(self) -> list[int]:
        a = self.after
        update_event(self.directory, a.id, name=a.name, start_date=a.start_date, end_date=a.end_date, city=a.city,
                     country=a.country, organisers=a.organisers)  # fmt: skip
        return []

    def backward(self) -> list[int]:
        restore_event(self.directory, self.before)
        return []


class MergeEventsCommand(DirectoryCommand):
    """Two events merged into one: undo puts both back with their participants and imports."""

    def __init__(self, host: CommandHost, directory: Directory, merge: EventMerge) -> None:
        super().__init__(host, directory, f"Merge Events into {merge.keep.name}", self.forward, self.backward)
        self.merge = merge

    def forward(self) -> list[int]:
        self.merge = merge_events(self.directory, self.merge.keep.id, self.merge.other.id)
        return []

    def backward(self) -> list[int]:
        undo_merge_events(self.directory, self.merge)
        return []


class DeleteEventCommand(DirectoryCommand):
    """An event deleted (its people stay): undo puts it back with its participants."""

    def __init__(self, host: CommandHost, directory: Directory, deleted: DeletedEvent) -> None:
        super().__init__(host, directory, f"Delete Event {deleted.event.name}", self.forward, self.backward)
        self.deleted = deleted

    def forward(self) -> list[int]:
        self.deleted = delete_event(self.directory, self.deleted.event.id)
        return []

    def backward(self) -> list[int]:
        undo_delete_event(self.directory, self.deleted)
        return []


class EventPartCommand(DirectoryCommand):
    """Contacts added to an event or taken off it: undo puts their parts back."""

    def __init__(self, host: CommandHost, directory: Directory, change: PartChange, event_name: str) -> None:
        n = len(change.before)
        who = "1 Contact" if n == 1 else f"{n:,} Contacts"
        text = f"Take {who} off {event_name}" if change.part is None else f"Add {who} to {event_name}"
        super().__init__(host, directory, text, self.forward, self.backward)
        self.change = change

    def forward(self) -> list[int]:
        ids = ids_for(self.directory, [uid for uid, _part in self.change.before])
        self.change = set_part(self.directory, ids, self.change.event_id, self.change.part)
        return ids

    def backward(self) -> list[int]:
        return undo_set_part(self.directory, self.change)


class CreateEventCommand(DirectoryCommand):
    """A new event (no one in it yet): undo removes it, redo puts it back with the same id."""

    def __init__(self, host: CommandHost, directory: Directory, event: EventRecord) -> None:
        super().__init__(host, directory, f"New Event {event.name}", self.forward, self.backward)
        self.event = event
        self.deleted: DeletedEvent | None = None

    def forward(self) -> list[int]:
        if self.deleted is not None:
            undo_delete_event(self.directory, self.deleted)
        return []

    def backward(self) -> list[int]:
        self.deleted = delete_event(self.directory, self.event.id)
        return []


class MarkVerifiedCommand(DirectoryCommand):
    """Contacts marked as verified on a day: undo puts back the dates they had."""

    def __init__(self, host: CommandHost, directory: Directory, change: VerifiedChange) -> None:
        n = len(change.before)
        who = "1 Contact" if n == 1 else f"{n:,} Contacts"
        super().__init__(host, directory, f"Mark {who} as Verified", self.forward, self.backward)
        self.change = change

    def forward(self) -> list[int]:
        ids = ids_for(self.directory, [uid for uid, _was in self.change.before])
        self.change = mark_verified(self.directory, ids, self.change.day)
        return ids

    def backward(self) -> list[int]:
        return undo_mark_verified(self.directory, self.change)

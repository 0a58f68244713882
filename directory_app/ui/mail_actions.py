"""Edit > Copy E-mail Addresses and Edit > Write E-mail… (also on a right click on the contacts): the selected
contacts' addresses for a mail program. Thin wrappers over core.mailing.mail_list, run on the window's worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication

from directory_app.core.mailing import MailList, mail_list
from directory_app.core.records import plural
from directory_app.ui.icons import themed_icon
from directory_app.ui.menus import insert_after
from directory_app.ui.tasks import error_message


class MailActions:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.action_copy = QAction("Copy E-&mail Addresses", window)
        self.action_copy.setObjectName("actionCopyEmails")
        self.action_copy.setStatusTip("Copy the selected contacts' e-mail addresses, to paste into To or Bcc")
        self.action_copy.triggered.connect(lambda _checked=False: self.copy())
        self.action_write = QAction("&Write E-mail…", window)
        self.action_write.setObjectName("actionWriteEmail")
        self.action_write.setStatusTip("A new message in your mail program to the selected contacts, in Bcc")
        self.action_write.setIcon(themed_icon("mail", window.palette()))
        self.action_write.triggered.connect(lambda _checked=False: self.write())
        insert_after(window.edit_menu, window.action_copy, self.action_copy, self.action_write)
        window.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        window.directoryChanged.connect(lambda *_: self._update())
        self._update()

    def _update(self) -> None:
        on = self.window.directory is not None and bool(self.window.selected_rows())
        self.action_copy.setEnabled(on)
        self.action_write.setEnabled(on)

    def copy(self) -> None:
        """The addresses on the clipboard as "Name <address>; ..."; the status bar says how many and who had none."""

        def done(mails: MailList) -> None:
            QGuiApplication.clipboard().setText(mails.text)
            self._say(f"Copied {plural(mails.count, 'e-mail address', 'e-mail addresses')}", mails)

        self._run("copy", done)

    def write(self) -> None:
        """A new message in the mail program, the addresses in Bcc (recipients do not see each other's)."""

        def done(mails: MailList) -> None:
            if not QDesktopServices.openUrl(QUrl(mails.mailto())):
                self.window.show_error(
                    "No mail program opened the message. Copy the addresses (Edit > Copy E-mail Addresses) and "
                    "paste them into your mail program instead.",
                    "Write E-mail",
                )
                return
            who = plural(mails.count, "person", "people")
            self._say(f"A new message to {who} (in Bcc) opened in your mail program", mails)

        self._run("mail", done)

    def _run(self, purpose: str, done) -> None:
        window = self.window
        ids = window.selected_contact_ids()
        if not ids or window.directory is None:
            return
        directory = window.directory
        title = "Copy E-mail Addresses" if purpose == "copy" else "Write E-mail"
        window.runner.run(
            lambda: mail_list(directory, ids, purpose=purpose),  # type: ignore[arg-type]
            done,
            lambda exc: window.show_error(error_message(exc), title),
        )

    def _say(self, message: str, mails: MailList) -> None:
        self.window.statusBar().showMessage(message + (f"; {mails.notes}" if mails.notes else ""), 10_000)


def install(window: Any) -> MailActions:
    """Add Copy E-mail Addresses and Write E-mail… after Edit > Copy Contact Details."""
    actions = MailActions(window)
    window.mail = actions
    return actions

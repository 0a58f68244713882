"""The panel shown instead of an empty table: what the app is for and the first things to do."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QCommandLinkButton, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from directory_app import APP_NAME
from directory_app.ui.icons import app_icon


class WelcomePanel(QWidget):
    """A column of large buttons. Features add theirs with `add_action_button` (import puts its own first).

    Buttons that work on the open directory (import, add a contact) are shown only while one is open: with no
    directory the panel offers what works then (the demo, open, new), not a button that answers "open one first".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        self.setAccessibleName("Welcome")
        self.buttons: list[QCommandLinkButton] = []
        self._need_directory: list[QCommandLinkButton] = []
        self._directory_open = False

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(72, 72))
        icon.setMinimumHeight(76)
        icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title = QLabel(f"Welcome to the {APP_NAME}")
        self.title.setObjectName("welcomeTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("welcomeMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        column = QWidget()
        # A fixed width lets the wrapped texts and buttons ask for the height they need at that width.
        column.setFixedWidth(self.fontMetrics().averageCharWidth() * 80)
        column.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        self._column = QVBoxLayout(column)
        self._column.setSpacing(10)
        self._column.addWidget(icon)
        self._column.addWidget(self.title)
        self._column.addWidget(self.message)
        self._column.addSpacing(12)
        self._first_button_at = self._column.count()

        # Centred by stretches, not by an alignment flag: an aligned widget gets its plain size hint, which
        # ignores how tall its wrapped texts need to be at its width.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def set_message(self, text: str) -> None:
        self.message.setText(text)

    def set_directory_open(self, is_open: bool) -> None:
        """Show the buttons that need an open directory only while one is open."""
        self._directory_open = is_open
        for button in self._need_directory:
            button.setVisible(is_open)

    def add_action_button(
        self,
        text: str,
        callback: Callable[[], object],
        description: str = "",
        index: int | None = None,
        *,
        needs_directory: bool = False,
    ) -> QCommandLinkButton:
        """A large button running `callback`; `index` 0 puts it first. Returns it (to hide or rename later).

        `needs_directory`: it works on the open directory, and is hidden while none is open."""
        button = QCommandLinkButton(text, description)
        button.setAccessibleName(text.rstrip("…."))
        if description:
            button.setAccessibleDescription(description)
        button.clicked.connect(lambda _checked=False: callback())
        position = len(self.buttons) if index is None else max(0, min(index, len(self.buttons)))
        self.buttons.insert(position, button)
        self._column.insertWidget(self._first_button_at + position, button)
        if needs_directory:
            self._need_directory.append(button)
            button.setVisible(self._directory_open)
        return button

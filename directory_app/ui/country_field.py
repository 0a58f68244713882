"""The editable country field of the contact and event dialogs: every country by name, completed as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from directory_app.core.countries import all_countries, country_name, is_country_code, resolve_country


def country_combo(name: str, accessible: str = "Country") -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", None)
    for info in all_countries():
        combo.addItem(info.name, info.code)
    combo.lineEdit().setPlaceholderText("Type a country name")
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return combo


def set_country(combo: QComboBox, code: str | None) -> None:
    """Show the country `code`; one missing from the list (a code kept from an older directory) is added to it."""
    index = combo.findData(code) if code else 0
    if index < 0 and code:
        combo.addItem(country_name(code), code)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


def chosen_country(combo: QComboBox) -> str | None:
    """The code of the country typed or chosen; None when empty or not a country (`is_country` tells which)."""
    text = combo.currentText().strip()
    if not text:
        return None
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if index > 0:
        return combo.itemData(index)  # type: ignore[no-any-return]
    if is_country_code(text) and len(text) == 2:
        return text.upper()
    return resolve_country(text)


def is_country(combo: QComboBox) -> bool:
    """Whether the field is empty or names a country."""
    return not combo.currentText().strip() or chosen_country(combo) is not None

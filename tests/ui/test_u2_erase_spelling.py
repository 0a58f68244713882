"""Erase Person Completely: the name typed as the search would find it, accents and script aside."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from directory_app.core.contacts import add_contact
from directory_app.core.records import ContactInput
from directory_app.ui.trust_dialogs import EraseDialog


def _dialog(qtbot, directory, given: str, family: str) -> EraseDialog:
    record = add_contact(directory, ContactInput(given_name=given, family_name=family, country="RS"))
    dialog = EraseDialog(record)
    qtbot.addWidget(dialog)
    return dialog


def _accepts(dialog: EraseDialog, typed: str) -> bool:
    dialog.confirm_edit.setText(typed)
    return dialog.erase_button.isEnabled()


def test_accents_may_be_left_out(qtbot, directory) -> None:
    dialog = _dialog(qtbot, directory, "Hüseyin", "Aksoy")
    assert _accepts(dialog, "Huseyin Aksoy") and _accepts(dialog, "hueseyin aksoy")
    assert _accepts(dialog, " HÜSEYIN  AKSOY ")
    assert not _accepts(dialog, "Huseyin") and not _accepts(dialog, "Huseyin Aksoyy") and not _accepts(dialog, "")
    prompt = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "accents may be left out" in prompt


def test_cyrillic_and_greek_names_typed_in_latin_letters(qtbot, directory) -> None:
    dialog = _dialog(qtbot, directory, "Ђорђе", "Ђорђевић")
    assert (
        _accepts(dialog, "Djordje Djordjevic")
        and _accepts(dialog, "Đorđe Đorđević")
        and _accepts(dialog, "Ђорђе Ђорђевић")
    )
    assert not _accepts(dialog, "Djordje Petrovic")
    greek = _dialog(qtbot, directory, "Γιώργος", "Παπαδόπουλος")
    assert _accepts(greek, "Giorgos Papadopoulos") and _accepts(greek, "Yorgos Papadopoulos")
    assert _accepts(greek, greek.record.latin_display_name)
    assert not _accepts(greek, "Giorgos")
    greek.confirm_edit.setText("Giorgos Papadopoulos")
    greek.accept()
    assert greek.result() == EraseDialog.DialogCode.Accepted

"""Keys and small screens: "Already in the directory?" and the QR image's buttons have access keys that clash with
nothing shown beside them; QR Codes on Screen fits a 1024x600 screen (and a 1920x1080 one); Esc in Merge Contacts and
in the Export dialog asks before the choices made are thrown away."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTabBar,
    QWidget,
)

from directory_app.core.contacts import add_contact, get_contact, get_contacts
from directory_app.core.merging import plan_merge
from directory_app.core.records import ContactInput
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import open_directory
from directory_app.ui.main_window import MainWindow
from directory_app.ui.merge_dialogs import MergeDialog
from tests.ui.conftest import wait_idle
from tests.ui.test_contact_dialog import open_add_dialog
from tests.ui.test_u2_menu_keys import mnemonic

ROOT = Path(__file__).resolve().parents[2]


def _button_keys(box: QWidget) -> dict[str, list[str]]:
    """Access key -> the texts of the visible buttons of `box` that have it."""
    keys: dict[str, list[str]] = defaultdict(list)
    for button in box.findChildren(QAbstractButton):
        key = mnemonic(button.text()) if button.isVisibleTo(box) else None
        if key is not None:
            keys[key].append(button.text())
    return keys


def _check_box_keys(box: QMessageBox) -> None:
    """Every button of a message box but Cancel/OK (Esc, Enter) has an access key, no two the same."""
    escape_or_enter = (box.escapeButton(), box.button(QMessageBox.StandardButton.Ok))
    plain = [b.text() for b in box.buttons() if mnemonic(b.text()) is None and b not in escape_or_enter]
    assert plain == [], f"{box.windowTitle()}: no access key on {plain}"
    shared = {k: t for k, t in _button_keys(box).items() if len(t) > 1}
    assert shared == {}, f"{box.windowTitle()}: {shared}"
    assert _shared_on_gnome(box) == {}, box.windowTitle()


# Where the platform gives standard buttons access keys (GNOME's theme: Qt's qgenericunixthemes), the texts they
# have there; offscreen, as on Windows, they have none, so a clash with them is not seen without this.
GNOME_TEXTS = {
    QMessageBox.StandardButton.Ok: "&OK",
    QMessageBox.StandardButton.Save: "&Save",
    QMessageBox.StandardButton.Cancel: "&Cancel",
    QMessageBox.StandardButton.Close: "&Close",
}


def _keys_on_gnome(widget: QWidget) -> dict[str, list[str]]:
    """Access key -> the texts of `widget`'s visible buttons and labelled fields that have it, the standard buttons
    with the texts GNOME gives them."""
    standard: dict[QAbstractButton, str] = {}
    if isinstance(widget, QMessageBox):
        for button in widget.buttons():
            which = QMessageBox.StandardButton(widget.standardButton(button))
            if which in GNOME_TEXTS and button.text() == GNOME_TEXTS[which].replace("&", ""):
                standard[button] = GNOME_TEXTS[which]
    for box in widget.findChildren(QDialogButtonBox):
        for button in box.buttons():
            which = QMessageBox.StandardButton(box.standardButton(button).value)
            if which in GNOME_TEXTS and button.text() == GNOME_TEXTS[which].replace("&", ""):
                standard[button] = GNOME_TEXTS[which]
    keys: dict[str, list[str]] = defaultdict(list)
    texts = [standard.get(b, b.text()) for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget)]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.buddy() and label.isVisibleTo(widget)]
    for text in texts:
        key = mnemonic(text)
        if key is not None:
            keys[key].append(text)
    return keys


def _shared_on_gnome(widget: QWidget) -> dict[str, list[str]]:
    return {key: texts for key, texts in _keys_on_gnome(widget).items() if len(texts) > 1}


def test_export_keys_do_not_clash_with_gnome_s_cancel_and_ok(qtbot, window: MainWindow, tmp_path: Path) -> None:
    """'Only contacts added or &changed since' and Cancel ('&Cancel' on GNOME); Open and OK ('&OK') when a list to
    print is written."""
    window.table.selectRow(0)
    wait_idle(qtbot, window)
    for action in ("actionExportVCard", "actionExportPdf"):
        dialog = _open_export(qtbot, window, action)
        assert dialog.since_check.isVisible()
        assert _shared_on_gnome(dialog) == {}, dialog.windowTitle()
        if action == "actionExportPdf":
            window.last_export = None
            dialog.path_edit.setText(str(tmp_path / "list.pdf"))
            dialog.export_button.click()
            qtbot.waitUntil(lambda: window.last_export is not None, timeout=30_000)
            box = window.export_done_box
            qtbot.waitUntil(box.isVisible)
            assert [b.text() for b in box.buttons() if "Open" in b.text()] == ["&Open"]
            assert _shared_on_gnome(box) == {}
            qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc closes it, as Enter does
            assert not box.isVisible()
        else:
            dialog.reject()
    wait_idle(qtbot, window)


# ------------------------------------------------------------------------------------------------ already there


def _already_there(qtbot, window: MainWindow, dialog) -> QMessageBox:
    window.already_there_box = None
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "already_there_box", None) is not None
                    and window.already_there_box.isVisible())  # fmt: skip
    return window.already_there_box


def test_already_in_the_directory_has_access_keys_adding_and_editing(qtbot, window: MainWindow, demo_copy) -> None:
    dialog = open_add_dialog(qtbot, window)
    dialog.findChild(QLineEdit, "givenNameEdit").insert("Ненад")
    dialog.findChild(QLineEdit, "familyNameEdit").insert("Ђорђевић")
    dialog.findChild(QComboBox, "countryCombo").setCurrentText("Serbia")
    box = _already_there(qtbot, window, dialog)
    _check_box_keys(box)
    assert {mnemonic(b.text()) for b in box.buttons()} >= {"a", "s"}
    # Alt+S is Show Existing: the contact already there comes up above the form
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    qtbot.keyClick(box, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.existing.isVisible()
    dialog.existing.close_button.click()
    # Alt+A is Add Anyway
    box = _already_there(qtbot, window, dialog)
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    before = len(search_ids(window.directory, SearchQuery()))
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.contact_dialog is None)
    wait_idle(qtbot, window)
    with open_directory(demo_copy) as directory:
        assert len(search_ids(directory, SearchQuery())) == before + 1

    # Editing: Save Anyway and Show Existing (both begin with S) keep keys of their own
    with open_directory(demo_copy) as directory:
        [nenad_id, *_] = search_ids(directory, SearchQuery(text="nenad dordevic"))
        nenad = get_contact(directory, nenad_id)
        typed = add_contact(directory, ContactInput(given_name="Nenad", family_name="Djordjevich", country="RS"))
    window.refresh(select_ids=[typed.id])
    wait_idle(qtbot, window)
    window.edit_contact()
    qtbot.waitUntil(lambda: window.contact_dialog is not None and window.contact_dialog.isVisible())
    editing = window.contact_dialog
    editing.findChild(QLineEdit, "emailEdit").insert(nenad.emails[0].address)
    box = _already_there(qtbot, window, editing)
    assert sorted(b.text() for b in box.buttons() if b.text() != "Cancel") == ["&Show Existing", "Save &Anyway"]
    _check_box_keys(box)


def test_the_delete_question_has_its_key_too(qtbot, window: MainWindow) -> None:
    window.table.selectRow(0)
    wait_idle(qtbot, window)
    window.delete_contacts()
    box = window.findChild(QMessageBox, "confirmDeleteBox")
    qtbot.waitUntil(box.isVisible)
    _check_box_keys(box)
    box.reject()


# ------------------------------------------------------------------------------------------------ the main window


def _window_keys(window: MainWindow) -> dict[str, list[str]]:
    """Every access key the main window shows at once: the menu bar's, and its visible buttons', labels' (with a
    field to go to), group boxes' and tabs'."""
    keys: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        key = mnemonic(text)
        if key is not None:
            keys[key].append(text)

    for action in window.menuBar().actions():
        if action.isVisible():
            add(action.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            add(button.text())
    for label in window.findChildren(QLabel):
        if label.buddy() is not None and label.isVisibleTo(window):
            add(label.text())
    for group in window.findChildren(QGroupBox):
        if group.isVisibleTo(window):
            add(group.title())
    for bar in window.findChildren(QTabBar):
        if bar.isVisibleTo(window):
            for i in range(bar.count()):
                add(bar.tabText(i))
    return keys


def test_the_qr_image_buttons_have_keys_no_menu_or_button_of_the_window_shares(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.selectRow(0)
    wait_idle(qtbot, window)
    widget = window.qr_widget
    qtbot.waitUntil(lambda: widget.qr is not None and widget.save_button.isVisible(), timeout=10_000)
    keys = _window_keys(window)
    assert {"f", "e", "v", "h"} <= set(keys)  # the menu bar is counted
    assert mnemonic(widget.save_button.text()) and mnemonic(widget.copy_button.text())
    assert {k: t for k, t in keys.items() if len(t) > 1} == {}

    # The keys do what the buttons do, with the focus in the table
    window.table.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(window.table, mnemonic(widget.copy_button.text()).upper(), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "copied" in window.statusBar().currentMessage(), timeout=10_000)
    assert not QGuiApplication.clipboard().image().isNull()
    window.qr_file_dialog = None
    qtbot.keyClick(window.table, mnemonic(widget.save_button.text()).upper(), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.qr_file_dialog is not None and window.qr_file_dialog.isVisible())
    window.qr_file_dialog.reject()


# ------------------------------------------------------------------------------------------------ QR codes on screen

_SHOW_CODES = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from directory_app.ui.compat import guard_singleton_refcounts
guard_singleton_refcounts()
app = QApplication([])
for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
    QSettings.setPath(fmt, QSettings.Scope.UserScope, sys.argv[2])
from directory_app.ui.main_window import MainWindow

def until(done):
    end = time.monotonic() + 30
    while not done():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        app.processEvents()

def rect(r):
    return [r.x(), r.y(), r.width(), r.height()]

window = MainWindow(Path(sys.argv[1]))
window.show()
until(lambda: window.directory is not None and window.model.rowCount() > 0 and window.is_idle())
window.action_show_codes.trigger()
until(lambda: window.qr_show_dialog is not None and window.qr_show_dialog.isVisible())
dialog = window.qr_show_dialog
until(lambda: dialog.shown_code() is not None)
out = {"area": rect(dialog.screen().availableGeometry()), "shown": rect(dialog.frameGeometry())}
dialog.showNormal()  # F11 twice, or a window manager that does not maximise dialogs
for _ in range(20):
    app.processEvents()
out["normal"] = rect(dialog.frameGeometry())
out["size"] = [dialog.width(), dialog.height()]
if len(sys.argv) > 3:
    dialog.grab().save(sys.argv[3])
print(json.dumps(out))
dialog.close()
window.close()
"""


@pytest.mark.parametrize("screen", [(1024, 600), (1920, 1080)])
def test_qr_codes_on_screen_fit_the_screen_maximised_and_not(tmp_path: Path, screen: tuple[int, int]) -> None:
    """On the offscreen platform with a screen of that size (its own process: a screen is set when Qt starts)."""
    width, height = screen
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))  # fmt: skip
    path = tmp_path / "few.db"
    with open_directory(path) as directory:
        add_contact(directory, ContactInput(given_name="Ana", family_name="Kovač", country="HR", position="Judge"))
    (tmp_path / "settings").mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", _SHOW_CODES, str(path), str(tmp_path / "settings")],
        env=env, capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["area"] == [0, 0, width, height]

    def inside(r: list[int]) -> bool:
        x, y, w, h = r
        return x >= 0 and y >= 0 and x + w <= width and y + h <= height

    assert inside(out["shown"]), out
    assert inside(out["normal"]), out
    if height >= 1000:
        assert out["size"] == [900, 900]  # a large screen gives the size asked for


# ------------------------------------------------------------------------------------------------ merge


def _two_that_differ(directory) -> tuple:
    """Two demo contacts whose merge has fields to choose between."""
    records = get_contacts(directory, search_ids(directory, SearchQuery())[:20])
    for first in records:
        for second in records:
            if first is not second and len(plan_merge(first, second).conflicts) >= 2:
                return first, second
    raise AssertionError("no two demo contacts differ")


def _discard_box(dialog) -> QMessageBox | None:
    boxes = [b for b in dialog.findChildren(QMessageBox, "discardChangesBox") if b.isVisible()]
    return boxes[0] if boxes else None


def test_merge_escape_asks_once_a_choice_was_changed(qtbot, demo_directory) -> None:
    first, second = _two_that_differ(demo_directory)
    dialog = MergeDialog(first, second)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # As opened: Esc closes at once
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and _discard_box(dialog) is None

    dialog.show()
    field = dialog.plan.conflicts[1].field
    dialog.findChild(QRadioButton, f"take_{field}").click()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    box = _discard_box(dialog)
    assert box is not None and box.text() == "Discard your choices?" and dialog.isVisible()
    assert "not been merged" in box.informativeText()
    assert box.escapeButton().text() == "&Back to the Choices"  # not "Keep Editing": nothing was typed
    assert box.findChild(QPushButton, "discardButton").text() == "&Discard"
    # Esc again (or Enter) keeps the choices: losing them takes a deliberate Discard
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _discard_box(dialog) is None)
    assert dialog.isVisible() and dialog.taken_fields() == [field]
    # Cancel asks too; Discard closes
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    box = _discard_box(dialog)
    assert box is not None
    box.findChild(QPushButton, "discardButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_merge_keeping_the_other_one_is_a_choice_and_choosing_back_is_none(qtbot, demo_directory) -> None:
    first, second = _two_that_differ(demo_directory)
    dialog = MergeDialog(first, second)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.swap_button.click()
    dialog.reject()
    box = _discard_box(dialog)
    assert box is not None and dialog.isVisible()
    box.findChild(QPushButton, "keepEditingButton").click()
    qtbot.waitUntil(lambda: _discard_box(dialog) is None)
    dialog.swap_button.click()  # back as it was offered
    dialog.reject()
    assert not dialog.isVisible() and _discard_box(dialog) is None


def test_a_merge_closed_by_the_application_is_not_asked_about(qtbot, window: MainWindow) -> None:
    """Another merge opened, or another directory: the window closes the dialog, no question left behind."""
    first, second = _two_that_differ(window.directory)
    merge = window.merging.open_merge(first, second)
    merge.findChild(QRadioButton, f"take_{merge.plan.conflicts[0].field}").click()
    again = window.merging.open_merge(second, first)
    assert not merge.isVisible() and _discard_box(merge) is None and again.isVisible()
    again.close()


# ------------------------------------------------------------------------------------------------ export


def _open_export(qtbot, window: MainWindow, action: str = "actionExportExcel"):
    window.export_dialog = None
    getattr(window, action).trigger()
    qtbot.waitUntil(lambda: window.export_dialog is not None and window.export_dialog.isVisible(), timeout=10_000)
    return window.export_dialog


def test_export_escape_closes_at_once_with_the_choices_offered(qtbot, window: MainWindow) -> None:
    dialog = _open_export(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and _discard_box(dialog) is None
    # A choice changed and changed back is no choice
    dialog = _open_export(qtbot, window, "actionExportVCard")
    dialog.private_check.setChecked(True)
    dialog.split_check.setChecked(True)
    dialog.private_check.setChecked(False)
    dialog.split_check.setChecked(False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and _discard_box(dialog) is None


def test_export_escape_asks_when_the_choices_differ_from_those_offered(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = _open_export(qtbot, window)
    dialog.private_check.setChecked(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    box = _discard_box(dialog)
    assert box is not None and box.text() == "Discard your choices?" and dialog.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Keep Editing: the choice stays
    qtbot.waitUntil(lambda: _discard_box(dialog) is None)
    assert dialog.isVisible() and dialog.private_check.isChecked()

    dialog.private_check.setChecked(False)
    target = tmp_path / "for the prosecutors.xlsx"
    dialog.path_edit.setText(str(target))  # a file of the user's own is a choice too
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    box = _discard_box(dialog)
    assert box is not None
    box.findChild(QPushButton, "discardButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, window)
    assert not target.exists()  # nothing was exported


def test_export_another_scope_or_event_is_a_choice(qtbot, window: MainWindow) -> None:
    dialog = _open_export(qtbot, window)
    if not dialog.radio_event.isEnabled():
        pytest.skip("the demo network has no event with participants")
    dialog.radio_event.setChecked(True)
    dialog.reject()
    box = _discard_box(dialog)
    assert box is not None and dialog.isVisible()
    box.findChild(QPushButton, "discardButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())

"""The contact dialog's Show Existing shows the contact already there above the form (which keeps what was typed),
with Edit Instead and Add Anyway; every export remembers its folder once the file is written, not when it is
chosen; the dialogs' keys (mnemonics, Enter, Esc) and first focus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QRadioButton

from directory_app.core.contacts import get_contact, list_events
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import open_directory
from directory_app.ui.contact_dialog import ContactDialog
from directory_app.ui.export_actions import FOLDER_KEY, export_folder, export_written
from directory_app.ui.main_window import MainWindow
from directory_app.ui.settings import app_settings
from tests.ui.conftest import wait_idle
from tests.ui.test_contact_dialog import open_add_dialog

# ------------------------------------------------------------------------------------------------ Show Existing


def _type_nenad_again(qtbot, window: MainWindow, email: str = "") -> ContactDialog:
    """Add Nenad Đorđević (already in the demo network) again, in Cyrillic, and answer Show Existing."""
    dialog = open_add_dialog(qtbot, window)
    dialog.findChild(QLineEdit, "givenNameEdit").insert("Ненад")
    dialog.findChild(QLineEdit, "familyNameEdit").insert("Ђорђевић")
    dialog.findChild(QComboBox, "countryCombo").setCurrentText("Serbia")
    if email:
        dialog.findChild(QLineEdit, "emailEdit").insert(email)
    window.already_there_box = None
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "already_there_box", None) is not None
                    and window.already_there_box.isVisible())  # fmt: skip
    box: QMessageBox = window.already_there_box
    next(b for b in box.buttons() if b.text().replace("&", "") == "Show Existing").click()
    return dialog


def _count(path: Path) -> int:
    with open_directory(path) as directory:
        return len(search_ids(directory, SearchQuery()))


def test_show_existing_shows_the_contact_beside_the_form_which_keeps_what_was_typed(
    qtbot, window: MainWindow, demo_copy: Path
) -> None:
    with open_directory(demo_copy) as directory:
        [existing] = search_ids(directory, SearchQuery(text="nenad dordevic"))
    dialog = _type_nenad_again(qtbot, window, "nenad@example.rs")
    panel = dialog.existing
    # In the dialog, not a window over it: the form and the contact already there are seen at once
    assert dialog.isVisible() and not dialog.findChildren(QMessageBox, "discardChangesBox")
    assert panel.isVisible() and dialog.isAncestorOf(panel) and panel.current().id == existing
    person = panel.findChild(QLabel, "existingPerson").text()
    assert "Nenad Đorđević" in person and "a similar name in Serbia" in person
    assert "@" in panel.findChild(QLabel, "existingReach").text()
    given = dialog.findChild(QLineEdit, "givenNameEdit")
    assert given.text() == "Ненад" and dialog.findChild(QLineEdit, "emailEdit").text() == "nenad@example.rs"
    assert not given.visibleRegion().isEmpty()  # the name typed shows under the contact already there
    assert panel.geometry().bottom() < dialog.form_scroll.geometry().top()
    assert dialog.height() <= dialog.screen().availableGeometry().height()
    assert "Not added yet" in dialog.findChild(QLabel, "problemLabel").text()
    assert dialog.findChild(QPushButton, "saveButton").isEnabled()
    # Hidden again (the ✕): back to the form as it was
    panel.findChild(type(panel.close_button), "existingClose").click()
    assert not panel.isVisible() and given.text() == "Ненад" and dialog.focusWidget() is given
    dialog.reject()
    dialog.findChild(QMessageBox, "discardChangesBox").findChild(QPushButton, "discardButton").click()
    qtbot.waitUntil(lambda: window.contact_dialog is None)


def test_add_anyway_beside_the_existing_contact_adds_without_asking_again(
    qtbot, window: MainWindow, demo_copy: Path
) -> None:
    before = _count(demo_copy)
    dialog = _type_nenad_again(qtbot, window)
    asked = window.already_there_box
    dialog.existing.findChild(QPushButton, "addAnywayButton").click()
    qtbot.waitUntil(lambda: window.contact_dialog is None)
    wait_idle(qtbot, window)
    assert window.already_there_box is asked  # not asked a second time
    assert _count(demo_copy) == before + 1


def test_edit_instead_edits_the_existing_contact_with_what_was_typed(
    qtbot, window: MainWindow, demo_copy: Path
) -> None:
    with open_directory(demo_copy) as directory:
        [existing] = search_ids(directory, SearchQuery(text="nenad dordevic"))
        nenad = get_contact(directory, existing)
    before = _count(demo_copy)
    dialog = _type_nenad_again(qtbot, window, "nenad.new@example.rs")
    edit = dialog.existing.findChild(QPushButton, "editExistingButton")
    assert edit.text() == "&Edit Nenad Đorđević Instead"
    edit.click()
    assert dialog.record is not None and dialog.record.id == existing
    assert dialog.windowTitle() == "Edit Nenad Đorđević" and not dialog.existing.isVisible()
    # Their own names and details stay; the new e-mail is added to theirs
    assert dialog.findChild(QLineEdit, "givenNameEdit").text() == nenad.given_name
    addresses = [row.text() for row in dialog.emails.rows]
    assert addresses == [*(e.address for e in nenad.emails), "nenad.new@example.rs"]
    assert "e-mail" in dialog.findChild(QLabel, "problemLabel").text() and dialog.has_changes()
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.contact_dialog is None)
    wait_idle(qtbot, window)
    with open_directory(demo_copy) as directory:
        after = get_contact(directory, existing)
    assert [e.address for e in after.emails][-1] == "nenad.new@example.rs"
    assert (after.given_name, after.position) == (nenad.given_name, nenad.position)
    assert _count(demo_copy) == before  # no second Nenad


def test_several_contacts_already_there_are_chosen_between(qtbot, demo_directory) -> None:
    dialog = ContactDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    first, second = (get_contact(demo_directory, i) for i in search_ids(demo_directory, SearchQuery())[:2])
    dialog.show_existing([(first, "the same e-mail"), (second, "a similar name in Albania")])
    choice = dialog.existing.findChild(QComboBox, "existingChoice")
    assert choice.isVisible() and choice.count() == 2 and dialog.focusWidget() is choice
    choice.setCurrentIndex(1)
    assert dialog.existing.current() is second
    assert second.display_name in dialog.existing.findChild(QLabel, "existingPerson").text()


# ------------------------------------------------------------------------------------------------ export folders


class _Chooser:
    """The file dialog's answer ("" is Cancel)."""

    def __init__(self, monkeypatch, answer: str) -> None:
        self.answer = answer
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (self.answer, ""))


def _remembered() -> str:
    return str(app_settings().value(FOLDER_KEY, ""))


def _smallest_event(window: MainWindow):
    return min((e for e in list_events(window.directory) if e.participant_count), key=lambda e: e.participant_count)


def _dismiss_error(qtbot, window: MainWindow) -> str:
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, "errorBox")))
    box = next(b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible())
    text = box.text()
    box.close()
    return text


def test_export_written_remembers_only_a_file_that_is_there(tmp_path: Path) -> None:
    app_settings().setValue(FOLDER_KEY, str(tmp_path))
    export_written(tmp_path / "gone" / "list.pdf")  # not written
    assert _remembered() == str(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "list.pdf").write_bytes(b"%PDF")
    export_written(tmp_path / "out" / "list.pdf")
    assert _remembered() == str(tmp_path / "out") and export_folder() == tmp_path / "out"


def test_participants_list_remembers_its_folder_once_written(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    event = _smallest_event(window)
    start = tmp_path / "start"
    start.mkdir()
    app_settings().setValue(FOLDER_KEY, str(start))
    # Cancelled in the file dialog: nothing written, nothing remembered
    _Chooser(monkeypatch, "")
    window.events.export_participants(event, "xlsx")
    wait_idle(qtbot, window)
    assert _remembered() == str(start)
    # Chosen, but the file cannot be written there (its "folder" is a file): the folder stays the last one
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file")
    _Chooser(monkeypatch, str(blocker / "list.xlsx"))
    window.events.export_participants(event, "xlsx")
    wait_idle(qtbot, window)
    assert _dismiss_error(qtbot, window)
    assert _remembered() == str(start)
    # Written: the next export is offered there
    (tmp_path / "lists").mkdir()
    _Chooser(monkeypatch, str(tmp_path / "lists" / "list.xlsx"))
    window.events.export_participants(event, "xlsx")
    wait_idle(qtbot, window)
    assert (tmp_path / "lists" / "list.xlsx").is_file()
    assert _remembered() == str(tmp_path / "lists")


def test_participants_qr_codes_remember_their_folder_once_written(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    event = _smallest_event(window)
    app_settings().setValue(FOLDER_KEY, str(tmp_path))
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file")
    _Chooser(monkeypatch, str(blocker / "codes.pdf"))
    window.events.export_participants(event, "qr")
    wait_idle(qtbot, window)
    assert _dismiss_error(qtbot, window)
    assert _remembered() == str(tmp_path)
    (tmp_path / "codes").mkdir()
    _Chooser(monkeypatch, str(tmp_path / "codes" / "codes.pdf"))
    window.events.export_participants(event, "qr")
    wait_idle(qtbot, window)
    assert (tmp_path / "codes" / "codes.pdf").is_file()
    assert _remembered() == str(tmp_path / "codes")


def test_coverage_participants_list_remembers_its_folder_once_written(
    qtbot, demo_directory, tmp_path: Path, monkeypatch
) -> None:
    from directory_app.ui.coverage_view import CoverageView

    view = CoverageView(demo_directory)
    qtbot.addWidget(view)
    if view.model.matrix is None:
        with qtbot.waitSignal(view.loaded, timeout=20_000):
            pass
    event = next(e for e in view._events if e.participant_count)
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.set_filters(event_id=event.id)
    app_settings().setValue(FOLDER_KEY, str(tmp_path))
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file")
    _Chooser(monkeypatch, str(blocker / "list.pdf"))
    with qtbot.waitSignal(view.message, timeout=20_000) as said:
        view.export_participants("pdf")
    assert "saved" not in said.args[0] and _remembered() == str(tmp_path)
    (tmp_path / "lists").mkdir()
    _Chooser(monkeypatch, str(tmp_path / "lists" / "list.pdf"))
    with qtbot.waitSignal(view.message, timeout=20_000) as said:
        view.export_participants("pdf")
    assert "saved to" in said.args[0] and _remembered() == str(tmp_path / "lists")


def test_qr_image_is_offered_in_the_export_folder_and_remembers_it_once_saved(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from directory_app.ui.qr_widget import save_image

    app_settings().setValue(FOLDER_KEY, str(tmp_path))
    window.table.selectRow(0)
    wait_idle(qtbot, window)
    widget = window.qr_widget
    qtbot.waitUntil(lambda: widget.qr is not None and widget.save_button.isVisible(), timeout=10_000)
    widget.save_button.click()
    qtbot.waitUntil(lambda: window.qr_file_dialog is not None and window.qr_file_dialog.isVisible())
    dialog = window.qr_file_dialog
    assert Path(dialog.directory().absolutePath()) == tmp_path  # where the last export went, not the home folder
    dialog.reject()
    assert _remembered() == str(tmp_path)
    save_image(window, widget.record, tmp_path / "missing" / "badge.png")  # a folder that is not there
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.qr_failed_box is not None and window.qr_failed_box.isVisible())
    window.qr_failed_box.close()
    assert _remembered() == str(tmp_path)
    (tmp_path / "badges").mkdir()
    save_image(window, widget.record, tmp_path / "badges" / "badge.png")
    qtbot.waitUntil(lambda: "saved to" in window.statusBar().currentMessage(), timeout=10_000)
    assert _remembered() == str(tmp_path / "badges")


# ------------------------------------------------------------------------------------------------ keys


def _mnemonics(dialog) -> dict[str, list[str]]:
    """The access keys of the dialog's visible buttons and labelled fields: letter -> the texts that have it."""
    from PySide6.QtWidgets import QAbstractButton

    keys: dict[str, list[str]] = {}
    texts = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog)]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy() and label.isVisibleTo(dialog)]
    for text in texts:
        at = text.replace("&&", "").find("&")
        if at >= 0:
            keys.setdefault(text.replace("&&", "")[at + 1].lower(), []).append(text)
    return keys


def _check_keys(dialog, exempt: tuple[str, ...] = ("Cancel", "Close")) -> None:
    """Every visible push button but Cancel/Close (Esc) has an access key, and no two controls share one."""
    unmarked = [
        b.text()
        for b in dialog.findChildren(QPushButton)
        if b.isVisibleTo(dialog) and "&" not in b.text() and b.text() not in exempt and b.text()
    ]
    assert unmarked == [], f"{dialog.windowTitle()}: no access key on {unmarked}"
    shared = {key: texts for key, texts in _mnemonics(dialog).items() if len(texts) > 1}
    assert shared == {}, f"{dialog.windowTitle()}: {shared}"


def test_every_dialog_s_buttons_have_their_own_access_keys(qtbot, window: MainWindow, demo_directory) -> None:
    from directory_app.core.merging import find_duplicates
    from directory_app.ui.merge_dialogs import DuplicatesDialog, MergeDialog

    first, second = (get_contact(demo_directory, i) for i in search_ids(demo_directory, SearchQuery())[:2])
    adding = ContactDialog()
    qtbot.addWidget(adding)
    adding.show()
    _check_keys(adding)
    adding.show_existing([(first, "the same e-mail")])  # Edit … Instead and Add Anyway join in
    _check_keys(adding)
    editing = ContactDialog(first)
    qtbot.addWidget(editing)
    editing.show()
    editing.show_existing([(second, "the same e-mail")])
    _check_keys(editing)
    merge = MergeDialog(first, second)
    qtbot.addWidget(merge)
    merge.show()
    _check_keys(merge)
    duplicates = DuplicatesDialog()
    qtbot.addWidget(duplicates)
    duplicates.show()
    duplicates.set_scan(find_duplicates(demo_directory))
    _check_keys(duplicates)
    for action in ("actionExportVCard", "actionExportExcel", "actionExportPdf", "actionExportQr"):
        window.export_dialog = None
        getattr(window, action).trigger()
        qtbot.waitUntil(lambda: window.export_dialog is not None and window.export_dialog.isVisible())
        _check_keys(window.export_dialog)
        window.export_dialog.reject()
    window.table.selectRow(0)
    wait_idle(qtbot, window)
    window.action_show_codes.trigger()
    qtbot.waitUntil(lambda: window.qr_show_dialog is not None and window.qr_show_dialog.isVisible())
    _check_keys(window.qr_show_dialog)
    window.qr_show_dialog.close()
    wait_idle(qtbot, window)


def test_enter_moves_on_to_the_next_code_on_screen(qtbot, window: MainWindow) -> None:
    window.table.selectAll()
    wait_idle(qtbot, window)
    window.action_show_codes.trigger()
    qtbot.waitUntil(lambda: window.qr_show_dialog is not None and window.qr_show_dialog.isVisible())
    dialog = window.qr_show_dialog
    assert dialog.counter.text().startswith("1 of ")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.counter.text().startswith("2 of ") and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Enter)  # the number pad's
    assert dialog.counter.text().startswith("3 of ")
    dialog.close()
    wait_idle(qtbot, window)


def test_an_event_s_whole_name_shows_in_the_export_dialog(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    window.export_dialog = None
    window.actionExportExcel.trigger()
    qtbot.waitUntil(lambda: window.export_dialog is not None and window.export_dialog.isVisible())
    dialog = window.export_dialog
    combo = dialog.event_combo
    longest = max(range(combo.count()), key=lambda i: combo.fontMetrics().horizontalAdvance(combo.itemText(i)))
    dialog.radio_event.setChecked(True)
    combo.setCurrentIndex(longest)
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)  # fmt: skip
    text = combo.itemText(longest)
    assert combo.fontMetrics().horizontalAdvance(text) <= field.width(), (text, field.width())
    assert combo.toolTip() == text
    assert dialog.width() <= dialog.screen().availableGeometry().width() - 48
    dialog.reject()


def test_the_existing_contact_s_buttons_come_first_in_the_tab_order(qtbot, demo_directory) -> None:
    first = get_contact(demo_directory, search_ids(demo_directory, SearchQuery())[0])
    dialog = ContactDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.show_existing([(first, "the same e-mail")])
    panel = dialog.existing
    assert dialog.focusWidget() is panel.edit_button
    order = []
    for _ in range(4):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        order.append(dialog.focusWidget())
    assert order == [panel.anyway_button, panel.close_button, dialog.honorific_edit, dialog.given_edit]
    last = dialog._buttons_in_view_order()[-1]
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)  # round from the last button to the top of the dialog
    assert dialog.focusWidget() is panel.edit_button
    qtbot.keyClick(panel.edit_button, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is last


def test_the_merge_dialog_opens_with_the_focus_on_the_first_choice(qtbot, demo_directory) -> None:
    from directory_app.ui.merge_dialogs import MergeDialog

    first, second = (get_contact(demo_directory, i) for i in search_ids(demo_directory, SearchQuery())[:2])
    dialog = MergeDialog(first, second)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    field = dialog.plan.conflicts[0].field
    assert dialog.focusWidget() is dialog.findChild(QRadioButton, f"keep_{field}")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # Enter merges from there
    assert not dialog.merge_button.isEnabled()  # the merge was asked for (the window runs it)


def test_the_export_s_questions_and_answer_have_access_keys(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from directory_app.core.fileio import ExportResult
    from directory_app.ui.export_actions import _report

    window.export_dialog = None
    window.actionExportPdf.trigger()
    qtbot.waitUntil(lambda: window.export_dialog is not None and window.export_dialog.isVisible())
    dialog = window.export_dialog
    there = tmp_path / "list.pdf"
    there.write_bytes(b"%PDF last week's")
    dialog.path_edit.setText(str(there))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.replace_box is not None and dialog.replace_box.isVisible())
    _check_keys(dialog.replace_box)
    dialog.replace_box.reject()
    dialog.reject()
    _report(window, ExportResult(there, 3))
    _check_keys(window.export_done_box, exempt=("OK",))
    window.export_done_box.close()

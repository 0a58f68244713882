"""Adding and editing contacts through the dialog: validation as you type, saving, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QListWidget, QPushButton

from directory_app.core.contacts import get_contact
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import open_directory
from directory_app.ui.contact_dialog import ContactDialog
from directory_app.ui.detail import ContactDetail
from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


def open_add_dialog(qtbot, window: MainWindow) -> ContactDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.search_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.contact_dialog is not None and window.contact_dialog.isVisible())
    return window.contact_dialog


def test_add_dialog_validates_as_you_type(qtbot, window: MainWindow, demo_copy: Path) -> None:
    dialog = open_add_dialog(qtbot, window)
    save = dialog.findChild(QPushButton, "saveButton")
    problem = dialog.findChild(QLabel, "problemLabel")
    assert not save.isEnabled(), "an empty name blocks saving"
    assert "name" in problem.text().lower()

    # QTest can only type ASCII keys; insert() is what an input method does with Cyrillic.
    dialog.findChild(QLineEdit, "familyNameEdit").insert("Ђорђевић")
    dialog.findChild(QLineEdit, "givenNameEdit").insert("Милица")
    assert save.isEnabled()
    assert dialog.findChild(QLineEdit, "latinFamilyNameEdit").placeholderText() == "Đorđević"

    email = dialog.findChild(QLineEdit, "emailEdit")
    qtbot.keyClicks(email, "milica@")
    assert not save.isEnabled(), "a bad e-mail blocks saving"
    assert problem.text().startswith("E-mail 1: not a valid e-mail address")
    assert email.toolTip() == problem.text()
    qtbot.keyClicks(email, "mup.gov.rs.example")
    assert save.isEnabled()

    country = dialog.findChild(QComboBox, "countryCombo")
    country.setCurrentText("Atlantis")
    assert not save.isEnabled() and "not a country" in problem.text()
    country.setCurrentText("Serbia")
    assert save.isEnabled()

    phone = dialog.findChild(QLineEdit, "phoneEdit")
    qtbot.keyClicks(phone, "011 3234567")
    assert dialog.findChild(QLabel, "phoneHint").text() == "Will be saved as +381 11 3234567"
    phone.editingFinished.emit()  # what leaving the field does
    assert phone.text() == "+381 11 3234567", "phones are shown back in international format"
    phone.clear()
    qtbot.keyClicks(phone, "12")
    assert not save.isEnabled() and problem.text().startswith("Phone 1:")
    phone.clear()
    qtbot.keyClicks(phone, "064 123 4567")

    roles = dialog.findChild(QListWidget)
    finder = dialog.findChild(QLineEdit)
    assert roles is not None and finder is not None
    dialog.roles.finder.setText("Prosecutor")
    qtbot.keyClick(dialog.roles.finder, Qt.Key.Key_Return)
    assert dialog.roles.codes() == ["prosecutor"]
    qtbot.keyClicks(dialog.findChild(QLineEdit, "keywordsEdit"), "JIT, online recruitment")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "languagesEdit"), "srpski, English")

    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.contact_dialog is None)
    wait_idle(qtbot, window)

    with open_directory(demo_copy) as directory:
        [new_id] = search_ids(directory, SearchQuery(text="milica dordevic"))
        record = get_contact(directory, new_id)
    assert record.latin_display_name == "Milica Đorđević"
    assert record.country == "RS"
    assert [p.e164 for p in record.phones] == ["+381641234567"]
    assert [e.address for e in record.emails] == ["milica@mup.gov.rs.example"]
    assert record.roles == ("prosecutor",)
    assert record.keywords == ("JIT", "online recruitment")
    assert record.languages == ("sr", "en")
    assert window.selected_contact_ids() == [new_id], "the new contact is selected"
    assert window.model.rowCount() == 301
    detail = window.findChild(ContactDetail, "contactDetail")
    assert "+381 64 1234567" in " ".join(label.text() for label in detail.findChildren(QLabel, "detailLink"))

    window.action_undo.trigger()
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 300


def test_cancel_keeps_the_directory_unchanged(qtbot, window: MainWindow) -> None:
    dialog = open_add_dialog(qtbot, window)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "givenNameEdit"), "Nobody")
    dialog.reject()
    _discard_box(dialog).findChild(QPushButton, "discardButton").click()
    qtbot.waitUntil(lambda: window.contact_dialog is None)
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 300
    assert not window.undo_stack.canUndo()


def test_enter_edits_the_selected_contact_and_undo_reverts(qtbot, window: MainWindow, demo_copy: Path) -> None:
    window.table.setFocus()
    window.table.selectRow(7)
    wait_idle(qtbot, window)
    [contact_id] = window.selected_contact_ids()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.contact_dialog is not None)
    dialog = window.contact_dialog
    with open_directory(demo_copy) as directory:
        before = get_contact(directory, contact_id)
    assert dialog.record == before
    assert dialog.findChild(QLineEdit, "givenNameEdit").text() == before.given_name
    events = dialog.findChild(QLabel, "eventsLabel").text()
    assert all(ref.name in events for ref in before.events)

    position = dialog.findChild(QLineEdit, "positionEdit")
    position.setText("Head of the Anti-Trafficking Unit")
    address = dialog.findChild(QLineEdit, "addressEdit")
    assert before.address and address.text() == before.address
    address.setText("  Bulevar Mihajla Pupina 2,  11070 ")
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.contact_dialog is None)
    wait_idle(qtbot, window)
    detail = window.findChild(ContactDetail, "contactDetail")
    assert detail.record().position == "Head of the Anti-Trafficking Unit"
    assert detail.record().address == "Bulevar Mihajla Pupina 2, 11070"
    assert detail.findChild(QLabel, "detail_address").text() == "Bulevar Mihajla Pupina 2, 11070"
    assert detail.record().events == before.events, "editing keeps the event history"
    assert window.selected_contact_ids() == [contact_id]

    window.action_undo.trigger()
    wait_idle(qtbot, window)
    with open_directory(demo_copy) as directory:
        assert get_contact(directory, contact_id).position == before.position
        assert get_contact(directory, contact_id).address == before.address
    assert window.findChild(ContactDetail, "contactDetail").record().position == before.position


def test_double_click_opens_the_editor(qtbot, window: MainWindow) -> None:
    index = window.model.index(0, 1)
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.contact_dialog is not None)
    assert window.contact_dialog.record.id == index.data(window.model.ContactIdRole)
    window.contact_dialog.reject()


def test_someone_already_there_is_asked_about_before_adding(qtbot, window: MainWindow, demo_copy: Path) -> None:
    """A person an import brought in, typed in by hand in another spelling: asked about, not added twice."""
    from PySide6.QtWidgets import QMessageBox

    with open_directory(demo_copy) as directory:
        [existing] = search_ids(directory, SearchQuery(text="nenad dordevic"))
        before = len(search_ids(directory, SearchQuery()))
    window.country_filter.set_selected(["AL"])  # the search shows other people: Show Existing shows them anyway
    wait_idle(qtbot, window)

    def add_again() -> ContactDialog:
        dialog = open_add_dialog(qtbot, window)
        dialog.findChild(QLineEdit, "givenNameEdit").insert("Ненад")
        dialog.findChild(QLineEdit, "familyNameEdit").insert("Ђорђевић")
        dialog.findChild(QComboBox, "countryCombo").setCurrentText("Serbia")
        window.already_there_box = None  # the last one went with its dialog
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(window, "already_there_box", None) is not None
                        and window.already_there_box.isVisible())  # fmt: skip
        return dialog

    def press(text: str) -> None:
        box: QMessageBox = window.already_there_box
        next(b for b in box.buttons() if b.text().replace("&", "") == text).click()

    dialog = add_again()
    text = window.already_there_box.text()
    assert "The directory already has this person:" in text and "Nenad Đorđević" in text
    assert "(a similar name in Serbia)" in text
    press("Cancel")
    assert dialog.isVisible() and "Not added yet" in dialog.findChild(QLabel, "problemLabel").text()
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.already_there_box.isVisible())
    press("Show Existing")
    # The contact already there is shown above the form, which keeps what was typed (see test_dialogs_s18.py).
    assert dialog.isVisible() and dialog.existing.isVisible() and dialog.existing.current().id == existing
    assert dialog.findChild(QLineEdit, "givenNameEdit").text() == "Ненад"
    assert "Not added yet" in dialog.findChild(QLabel, "problemLabel").text()
    assert dialog.findChild(QPushButton, "saveButton").isEnabled()
    dialog.reject()  # What was typed is not thrown away unasked
    _discard_box(dialog).findChild(QPushButton, "discardButton").click()
    qtbot.waitUntil(lambda: window.contact_dialog is None)

    add_again()
    press("Add Anyway")
    qtbot.waitUntil(lambda: window.contact_dialog is None)
    wait_idle(qtbot, window)
    with open_directory(demo_copy) as directory:
        assert len(search_ids(directory, SearchQuery())) == before + 1


def test_an_edit_giving_another_contact_s_e_mail_is_asked_about(qtbot, window: MainWindow, demo_copy: Path) -> None:
    from directory_app.core.contacts import add_contact
    from directory_app.core.records import ContactInput

    with open_directory(demo_copy) as directory:
        [nenad_id] = search_ids(directory, SearchQuery(text="nenad dordevic"))
        nenad = get_contact(directory, nenad_id)
        typed = add_contact(directory, ContactInput(given_name="Nenad", family_name="Djordjevic", country="RS"))
    window.refresh(select_ids=[typed.id])
    wait_idle(qtbot, window)
    assert window.selected_contact_ids() == [typed.id]
    window.edit_contact()
    qtbot.waitUntil(lambda: window.contact_dialog is not None and window.contact_dialog.isVisible())
    dialog = window.contact_dialog
    qtbot.keyClicks(dialog.findChild(QLineEdit, "emailEdit"), nenad.emails[0].address)
    window.already_there_box = None
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.already_there_box is not None and window.already_there_box.isVisible())
    box = window.already_there_box
    assert "Nenad Đorđević" in box.text() and "(the same e-mail)" in box.text() and "Save the changes" in box.text()
    next(b for b in box.buttons() if b.text().replace("&", "") == "Save Anyway").click()
    qtbot.waitUntil(lambda: window.contact_dialog is None)
    wait_idle(qtbot, window)
    with open_directory(demo_copy) as directory:
        assert [e.address for e in get_contact(directory, typed.id).emails] == [nenad.emails[0].address]


# ------------------------------------------------------------------------------------------- closing, Tab, Enter


def _standalone(qtbot, record=None) -> ContactDialog:
    dialog = ContactDialog(record)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _discard_box(dialog: ContactDialog):
    from PySide6.QtWidgets import QMessageBox

    return next((b for b in dialog.findChildren(QMessageBox, "discardChangesBox") if b.isVisible()), None)


def test_closing_with_changes_asks_before_discarding_them(qtbot) -> None:
    dialog = _standalone(qtbot)
    given = dialog.findChild(QLineEdit, "givenNameEdit")
    qtbot.keyClicks(given, "Ana")

    qtbot.keyClick(given, Qt.Key.Key_Escape)
    box = _discard_box(dialog)
    assert box is not None and box.text() == "Discard your changes?"
    assert box.defaultButton().text() == "&Keep Editing" and box.escapeButton().text() == "&Keep Editing"
    box.defaultButton().click()
    assert dialog.isVisible() and given.text() == "Ana", "Keep Editing keeps what was typed"

    dialog.close()  # the window's close button
    assert dialog.isVisible()
    _discard_box(dialog).findChild(QPushButton, "keepEditingButton").click()
    assert dialog.isVisible()

    cancel = next(b for b in dialog.buttons.buttons() if b is not dialog.save_button)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    _discard_box(dialog).findChild(QPushButton, "discardButton").click()
    assert not dialog.isVisible() and dialog.result() == ContactDialog.DialogCode.Rejected


def test_closing_without_changes_asks_nothing(qtbot, demo_copy: Path) -> None:
    with open_directory(demo_copy) as directory:
        record = get_contact(directory, search_ids(directory, SearchQuery(text="nenad dordevic"))[0])
    dialog = _standalone(qtbot, record)
    position = dialog.findChild(QLineEdit, "positionEdit")
    position.setText(position.text() + " x")
    assert dialog.has_changes()
    position.setText(record.position)  # typed and taken back: nothing to lose
    for row in dialog.phones.rows:
        row.edit.editingFinished.emit()  # a phone shown again in international format is no change
    assert not dialog.has_changes()
    qtbot.keyClick(position, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and _discard_box(dialog) is None

    empty = _standalone(qtbot)
    empty.reject()
    assert not empty.isVisible(), "an Add dialog left empty closes at once"


def test_tab_goes_down_each_column_then_to_the_buttons(qtbot) -> None:
    dialog = _standalone(qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.honorific_edit.setFocus()
    order = [dialog.honorific_edit]
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget in order:
            break
        order.append(widget)
    names = [w.objectName() or w.accessibleName() for w in order]
    expected = ["honorificEdit", "givenNameEdit", "familyNameEdit", "latinGivenNameEdit", "latinFamilyNameEdit",
                "positionEdit", "organisationEdit", "orgTypeCombo", "countryCombo", "cityEdit", "addressEdit",
                "languagesEdit", "keywordsEdit", "verifiedCheck", "notesEdit", "E-mail type", "emailEdit",
                "Private e-mail", "Remove e-mail", "addEmailButton", "Phone type", "phoneEdit", "Private phone",
                "Remove phone", "addPhoneButton", "Add a role", "A role", "Add an area of expertise",
                "An area of expertise", "shareableCheck", "consentListedCombo", "consentSharedCombo",
                "consentSourceEdit"]  # fmt: skip
    assert names[: len(expected)] == expected
    cancel = next(b for b in dialog.buttons.buttons() if b is not dialog.save_button)
    assert order[-1] is cancel, "then Cancel (Save is disabled while the form is empty)"

    dialog.emails.add_button.click()  # a second e-mail row comes right after the first in the Tab order
    second = dialog.emails.rows[1]
    assert QApplication.focusWidget() is second.edit
    qtbot.waitUntil(second.isVisible)  # a row added to a shown dialog is shown on the next turn of the event loop
    dialog.emails.rows[0].remove.setFocus()
    qtbot.keyClick(dialog.emails.rows[0].remove, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is second.type_combo
    qtbot.keyClick(second.type_combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is second.edit


def test_enter_saves_only_a_form_that_can_be_saved(qtbot) -> None:
    dialog = _standalone(qtbot)
    sent: list = []
    dialog.submitted.connect(sent.append)
    position = dialog.findChild(QLineEdit, "positionEdit")
    qtbot.keyClicks(position, "Judge")
    qtbot.keyClick(position, Qt.Key.Key_Return)
    assert sent == [] and dialog.isVisible(), "no name yet: Enter does not save (Save is disabled)"
    qtbot.keyClicks(dialog.findChild(QLineEdit, "familyNameEdit"), "Hoxha")
    qtbot.keyClick(position, Qt.Key.Key_Return)
    assert [data.family_name for data in sent] == ["Hoxha"], "Enter is Save, the default button"


def test_tab_brings_the_field_it_reaches_into_view(qtbot) -> None:
    """On a small screen, Tab from Cancel went to Honorific while the form stayed scrolled down: what was typed
    went into a field out of sight."""
    dialog = _standalone(qtbot)
    dialog.resize(700, 260)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    bar = dialog.form_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    cancel = next(b for b in dialog.buttons.buttons() if b is not dialog.save_button)
    cancel.setFocus()
    qtbot.keyClick(cancel, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.honorific_edit
    assert bar.value() == 0 and not dialog.honorific_edit.visibleRegion().isEmpty()

"""Export menu and QR widget, driven with qtbot on the real main window and the demo network."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.ui.conftest import wait_idle
from tests.vcard_checks import read_cards, validate_vcf


def _open_dialog(qtbot, window, action_name: str):
    window.export_dialog = None
    getattr(window, action_name).trigger()
    qtbot.waitUntil(lambda: window.export_dialog is not None and window.export_dialog.isVisible(), timeout=10_000)
    return window.export_dialog


def _export(qtbot, window, dialog, path: Path):
    window.last_export = None
    dialog.path_edit.setText(str(path))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=30_000)
    wait_idle(qtbot, window)
    return window.last_export


def test_menu_and_shortcut(window) -> None:
    assert window.actionExportVCard.shortcut() == QKeySequence("Ctrl+E")
    assert [a.objectName() for a in window.export_menu.actions()] == [
        "actionExportVCard", "actionExportExcel", "actionExportCsv", "actionExportPdf", "actionExportQr",
    ]  # fmt: skip
    assert window.actionExportPdf.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)


def test_a_contact_list_to_print(qtbot, window, tmp_path: Path) -> None:
    """There was no way to print the directory's contacts: the participants handout is an event's, without phones."""
    from pypdf import PdfReader

    window.table.selectRow(0)
    window.table.selectionModel().select(
        window.model.index(5, 0),
        window.table.selectionModel().SelectionFlag.Select | window.table.selectionModel().SelectionFlag.Rows,
    )  # two people: the layout of the whole demo network takes seconds
    wait_idle(qtbot, window)
    dialog = _open_dialog(qtbot, window, "actionExportPdf")
    assert dialog.windowTitle() == "Contact List to Print" and dialog.path_edit.text().endswith("contacts.pdf")
    assert dialog.radio_selected.isChecked()
    total = dialog.plan().count
    result = _export(qtbot, window, dialog, tmp_path / "list.pdf")
    assert result.count == total
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "list.pdf").pages)
    assert f"{total} people from" in text and "do not pass them on" in text
    box = window.export_done_box
    assert {"Open", "Show in Folder"} <= {b.text().replace("&", "") for b in box.buttons()}
    box.close()


def test_qr_codes_to_print(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    """An organiser prints people's codes, so that they add each other with their phones' cameras."""
    from pypdf import PdfReader

    from directory_app.ui import export_actions

    window.table.selectRow(0)
    window.table.selectionModel().select(
        window.model.index(5, 0),
        window.table.selectionModel().SelectionFlag.Select | window.table.selectionModel().SelectionFlag.Rows,
    )  # two people: a code takes 30-60 ms to make
    wait_idle(qtbot, window)
    dialog = _open_dialog(qtbot, window, "actionExportQr")
    assert dialog.windowTitle() == "QR Codes to Print" and dialog.path_edit.text().endswith("qr-codes.pdf")
    assert dialog.radio_selected.isChecked()
    count = dialog.plan().count
    assert dialog.count_label.text().startswith(f"{count} contacts will be given a card with a code")
    monkeypatch.setitem(export_actions.LIMITS, "qr", (1, "QR codes to print"))
    dialog.private_check.toggle()  # the count is worked out again, against the lowered limit
    assert "too many for QR codes to print (at most 1)" in dialog.count_label.text()
    assert not dialog.export_button.isEnabled()
    monkeypatch.setitem(export_actions.LIMITS, "qr", (600, "QR codes to print"))
    dialog.private_check.toggle()
    result = _export(qtbot, window, dialog, tmp_path / "codes.pdf")
    assert result.count == count == 2
    assert "2 people" in PdfReader(tmp_path / "codes.pdf").pages[0].extract_text()
    box = window.export_done_box
    assert {"Open", "Show in Folder"} <= {b.text().replace("&", "") for b in box.buttons()}
    box.close()


def test_export_selected_contacts_as_vcards(qtbot, window, tmp_path: Path) -> None:
    window.table.selectAll()
    wait_idle(qtbot, window)
    selected = window.selected_contact_ids()
    assert selected
    dialog = _open_dialog(qtbot, window, "actionExportVCard")
    assert dialog.radio_selected.isChecked()
    assert dialog.count_label.text().startswith(f"{len(selected)} contact")
    result = _export(qtbot, window, dialog, tmp_path / "picked.vcf")
    assert result.count == len(selected)
    assert validate_vcf((tmp_path / "picked.vcf").read_bytes()) == len(selected)
    assert "written to" in window.statusBar().currentMessage()
    box = window.export_done_box
    assert box.isVisible() and any(b.text() == "&Show in Folder" for b in box.buttons())
    box.close()


def test_export_event_participants_to_zip_and_excel(qtbot, window, tmp_path: Path) -> None:
    dialog = _open_dialog(qtbot, window, "actionExportVCard")
    dialog.radio_event.setChecked(True)
    assert dialog.event_combo.isEnabled() and dialog.event_combo.count() > 0
    dialog.split_check.setChecked(True)
    assert not dialog.exchange_note.isVisible()  # a workbook's use, said in its own dialog
    n = dialog.plan().count
    assert f"{n} contacts will be written in {n} files" in dialog.count_label.text()
    assert dialog.path_edit.text().endswith(".zip")
    result = _export(qtbot, window, dialog, tmp_path / "event.zip")
    with zipfile.ZipFile(tmp_path / "event.zip") as zf:
        assert len(zf.namelist()) == n == result.files
    window.export_done_box.close()

    dialog = _open_dialog(qtbot, window, "actionExportExcel")
    assert not dialog.split_check.isVisible()
    assert dialog.exchange_note.isVisible() and "Another focal point can import" in dialog.exchange_note.text()
    dialog.radio_search.setChecked(True)
    total = dialog.plan().count
    _export(qtbot, window, dialog, tmp_path / "all.xlsx")
    assert openpyxl.load_workbook(tmp_path / "all.xlsx").active.max_row == total + 1
    window.export_done_box.close()


def test_failed_export_says_why_and_the_dialog_stays_as_it_was(qtbot, window, tmp_path: Path) -> None:
    """The error box came and the dialog was gone: scope and options had to be chosen again to fix a path."""
    dialog = _open_dialog(qtbot, window, "actionExportCsv")
    dialog.radio_search.setChecked(True)
    dialog.private_check.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "missing" / "x.csv"))
    window.export_failed_box = None
    dialog.export_button.click()
    qtbot.waitUntil(lambda: window.export_failed_box is not None, timeout=10_000)
    box = window.export_failed_box
    assert box.text().startswith(f"Cannot write {tmp_path / 'missing' / 'x.csv'}") and "does not exist" in box.text()
    assert box.parent() is dialog and box.isVisible()
    assert not (tmp_path / "missing").exists()
    box.close()
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    assert dialog.radio_search.isChecked() and dialog.private_check.isChecked()
    assert dialog.path_edit.text() == str(tmp_path / "missing" / "x.csv")
    total = dialog.plan().count
    result = _export(qtbot, window, dialog, tmp_path / "x.csv")  # the path corrected, the rest as it was
    assert result.count == total and not dialog.isVisible()
    window.export_done_box.close()


def test_offered_in_the_folder_last_exported_to_and_named_after_the_scope(qtbot, window, tmp_path: Path) -> None:
    """The path was always ~/contacts.<ext>: the folder is remembered, the name is the event's or saved search's."""
    from directory_app.core.saved_searches import save_search
    from directory_app.core.search import SearchQuery

    dialog = _open_dialog(qtbot, window, "actionExportVCard")
    assert dialog.path_edit.text() == str(Path.home() / "contacts.vcf")  # nothing exported yet
    dialog.radio_event.setChecked(True)
    event = dialog.choices.events[dialog.event_combo.currentIndex()]
    assert Path(dialog.path_edit.text()).name == f"{event.name}.vcf"
    dialog.split_check.setChecked(True)
    assert Path(dialog.path_edit.text()).name == f"{event.name}.zip"
    dialog.split_check.setChecked(False)
    dialog.radio_search.setChecked(True)
    assert Path(dialog.path_edit.text()).name == "contacts.vcf"
    (tmp_path / "cards").mkdir()
    _export(qtbot, window, dialog, tmp_path / "cards" / "mine.vcf")
    window.export_done_box.close()

    save_search(window.directory, "Judges: Serbia/Kosovo*", SearchQuery(countries=("RS",), roles=("judge",)))
    window.show_filtered(countries=("RS",), roles=("judge",))
    wait_idle(qtbot, window)
    dialog = _open_dialog(qtbot, window, "actionExportExcel")
    assert dialog.radio_search.isChecked()
    assert dialog.path_edit.text() == str(tmp_path / "cards" / "Judges Serbia Kosovo.xlsx")
    dialog.path_edit.setText(str(tmp_path / "cards" / "for Ana.xlsx"))  # a name of the user's own is kept
    dialog.radio_event.setChecked(True)
    assert dialog.path_edit.text() == str(tmp_path / "cards" / "for Ana.xlsx")
    dialog.reject()  # choices of the user's own: asked before they are thrown away (test_keys_s18.py)
    dialog.findChild(QMessageBox, "discardChangesBox").findChild(QPushButton, "discardButton").click()
    assert not dialog.isVisible()


def test_an_existing_file_is_replaced_only_when_the_user_says_so(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    """A second export to /x/all.vcf silently replaced the first."""
    from PySide6.QtWidgets import QMessageBox

    from directory_app.ui import export_actions

    target = tmp_path / "all.vcf"
    target.write_bytes(b"the first export")
    dialog = _open_dialog(qtbot, window, "actionExportVCard")
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    box = dialog.replace_box
    assert box is not None and box.isVisible()
    assert box.text() == "“all.vcf” already exists. Do you want to replace it?"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)  # a slip of Enter loses nothing
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert not box.isVisible() and dialog.isVisible() and target.read_bytes() == b"the first export"

    dialog.replace_box = None
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.replace_box is not None and dialog.replace_box.isVisible())
    window.last_export = None
    dialog.replace_box.findChild(QPushButton, "replaceButton").click()
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=30_000)
    wait_idle(qtbot, window)
    assert validate_vcf(target.read_bytes()) == window.last_export.count
    window.export_done_box.close()

    # Chosen in Browse…, whose file dialog asked already: not asked twice.
    monkeypatch.setattr(
        export_actions.QFileDialog, "getSaveFileName", lambda *args: (str(target), "vCard files (*.vcf)")
    )
    dialog = _open_dialog(qtbot, window, "actionExportVCard")
    dialog._browse()
    assert dialog.path_edit.text() == str(target)
    window.last_export = None
    dialog.replace_box = None
    dialog.export_button.click()
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=30_000)
    assert dialog.replace_box is None
    wait_idle(qtbot, window)
    window.export_done_box.close()


def test_counts_in_words_and_with_thousands_separators(qtbot) -> None:
    """ "100000 contacts will be written", "1 contacts": the dialog, with the choices of a large directory."""
    from directory_app.core.exporting import ExportPlan
    from directory_app.ui.export_actions import Choices, ExportDialog

    many, one = tuple(range(1, 100_002)), (7,)
    choices = Choices(selected=many, search=one, events=(), event_ids={})
    plans = {
        "selected|0": ExportPlan(many[:-1], withheld=1),
        "selected|1": ExportPlan(many),
        "search|0": ExportPlan(one),
        "search|1": ExportPlan(one),
    }
    dialog = ExportDialog("vcard", choices, plans)
    qtbot.addWidget(dialog)
    assert dialog.radio_selected.text().replace("&", "") == "The selected contacts (100,001)"
    assert dialog.count_label.text() == "100,000 contacts will be written. 1 marked not to be shared will be left out."
    dialog.split_check.setChecked(True)
    assert dialog.count_label.text().startswith("100,000 contacts will be written in 100,000 files (zip).")
    dialog.radio_search.setChecked(True)
    assert dialog.count_label.text() == "1 contact will be written."


def test_the_dialog_fits_the_screen(qtbot, window) -> None:
    """Sized with screen_fit, not a bare resize (screenshots at 1024x600 in the change that made it so)."""
    from directory_app.ui.screen_fit import available_area

    dialog = _open_dialog(qtbot, window, "actionExportExcel")
    area = available_area(dialog)
    assert dialog.width() <= area.width() - 48 and dialog.height() <= area.height() - 48
    assert dialog.height() >= dialog.minimumSizeHint().height()
    dialog.reject()


def test_qr_widget_follows_the_selected_contact(qtbot, window) -> None:
    window.table.selectRow(0)
    wait_idle(qtbot, window)
    widget = window.qr_widget
    qtbot.waitUntil(lambda: widget.isVisible() and widget.qr is not None, timeout=10_000)
    pixmap = widget.image.pixmap()
    assert not pixmap.isNull() and pixmap.width() >= 150
    zxingcpp = pytest.importorskip("zxingcpp")
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.toImage().save(buffer, "PNG")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))
    assert [r.text for r in decoded] == [widget.qr.payload]
    card = read_cards(widget.qr.payload.encode())[0]
    assert card.fn.value
    assert widget.note.isVisible() == widget.qr.compact
    window.table.selectAll()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not widget.isVisible(), timeout=10_000)


def test_the_code_shown_is_saved_as_an_image_and_copied(qtbot, window, tmp_path: Path) -> None:
    """For a badge, a slide or a message: Save Image… and Copy Image under the code, and on a right click."""
    from PySide6.QtWidgets import QApplication

    from directory_app.core.privacy import list_audit

    zxingcpp = pytest.importorskip("zxingcpp")
    window.table.selectRow(0)
    wait_idle(qtbot, window)
    widget = window.qr_widget
    qtbot.waitUntil(lambda: widget.qr is not None and widget.save_button.isVisible(), timeout=10_000)
    assert [a.text() for a in widget.image.actions()] == ["Save Image…", "Copy Image"]
    name = widget.record.display_name

    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.qr_file_dialog is not None and window.qr_file_dialog.isVisible())
    dialog = window.qr_file_dialog
    assert dialog.selectedFiles()[0].endswith(" QR.png")
    dialog.selectFile(str(tmp_path / "badge.png"))
    dialog.accept()
    qtbot.waitUntil(lambda: "saved to" in window.statusBar().currentMessage(), timeout=10_000)
    assert window.statusBar().currentMessage() == f"QR code of {name} saved to {tmp_path / 'badge.png'}"
    image = Image.open(tmp_path / "badge.png")
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [widget.qr.payload]

    QApplication.clipboard().clear()
    qtbot.mouseClick(widget.copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not QApplication.clipboard().image().isNull(), timeout=10_000)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QApplication.clipboard().image().save(buffer, "PNG")
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))] == [widget.qr.payload]
    assert [e.action for e in list_audit(window.directory)[:2]] == ["copy-qr", "export-qr-png"]

    from directory_app.core.privacy import set_consent

    contact_id = widget.record.id
    set_consent(window.directory, [contact_id], shareable=False)  # asked not to be passed on
    window.refresh(select_ids=[contact_id])
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: widget.record is not None and not widget.record.shareable and widget.qr is not None,
                    timeout=10_000)  # fmt: skip
    assert not widget.save_button.isEnabled() and not widget.copy_button.isEnabled()
    assert not any(a.isEnabled() for a in widget.image.actions())

    from directory_app.ui.qr_widget import save_image

    save_image(window, widget.record, tmp_path / "missing" / "badge.png")
    qtbot.waitUntil(lambda: getattr(window, "qr_failed_box", None) is not None, timeout=10_000)
    assert window.qr_failed_box.text().startswith("Cannot write") and "does not exist" in window.qr_failed_box.text()
    window.qr_failed_box.close()


def test_moving_through_contacts_builds_only_the_code_of_the_one_it_stops_at(qtbot, window, monkeypatch) -> None:
    """The code is built on the worker once the selection rests: moving through ten contacts with the arrow keys
    builds one code, the last one's, and none on the GUI thread."""
    import threading

    from directory_app.ui import qr_widget

    built: list[tuple[str, str]] = []
    original = qr_widget._build

    def counting(record, dpr):
        built.append((record.display_name, threading.current_thread() is threading.main_thread()))
        return original(record, dpr)

    monkeypatch.setattr(qr_widget, "_build", counting)
    widget = window.qr_widget
    window.table.selectRow(0)
    window.table.setFocus()
    for _ in range(9):
        wait_idle(qtbot, window)  # each contact's details are shown
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: widget.qr is not None, timeout=10_000)
    last = window.detail.record()
    assert window.table.currentIndex().row() == 9 and last is widget.record
    assert built == [(last.display_name, False)]  # once, not on the GUI thread
    assert read_cards(widget.qr.payload.encode())[0].fn.value == last.display_name


def test_only_the_contacts_added_or_changed_since_a_day(qtbot, window, tmp_path: Path) -> None:
    """For a colleague given the directory before: what they do not have yet."""
    from datetime import date, timedelta

    from directory_app.core.store import open_directory

    with open_directory(window.directory_path) as d, d.write() as session:
        conn = session.connection()
        conn.exec_driver_sql("UPDATE contact SET updated_at = '2025-01-10 09:00:00'")
        conn.exec_driver_sql(
            "UPDATE contact SET updated_at = '2026-02-01 12:00:00' WHERE id IN (SELECT id FROM contact LIMIT 3)"
        )
    dialog = _open_dialog(qtbot, window, "actionExportExcel")
    dialog.radio_search.setChecked(True)
    everyone = dialog.plan().count
    assert not dialog.since_edit.isEnabled()
    dialog.since_edit.setDate(date(2026, 1, 15))  # nothing happens until the box is ticked
    assert dialog.plan().count == everyone
    dialog.since_check.setChecked(True)
    qtbot.waitUntil(lambda: dialog.since is not None, timeout=10_000)
    assert dialog.plan().count == 3 and len(dialog.ids()) == 3
    assert dialog.count_label.text() == "3 contacts added or changed since then will be written."
    dialog.since_edit.setDate(date.today() - timedelta(days=1))
    dialog.radio_event.setChecked(True)
    dialog.radio_search.setChecked(True)  # another scope while it counts: still counting, nothing to export yet
    assert dialog.count_label.text() == "Counting…" and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.since is not None and dialog.since[0] == dialog.since_day(), timeout=10_000)
    assert dialog.plan().count == 0 and not dialog.export_button.isEnabled()
    dialog.since_edit.setDate(date(2026, 1, 15))
    qtbot.waitUntil(lambda: dialog.since is not None and dialog.since[0] == date(2026, 1, 15), timeout=10_000)
    result = _export(qtbot, window, dialog, tmp_path / "new.xlsx")
    assert result.count == 3 and openpyxl.load_workbook(tmp_path / "new.xlsx")["Contacts"].max_row == 4
    window.export_done_box.close()

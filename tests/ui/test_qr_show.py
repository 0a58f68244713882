"""View > QR Codes on Screen: the codes large, one after another, for a room to scan; who is shown follows the
export's rules."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt

from directory_app.core.contacts import get_contacts
from directory_app.core.privacy import list_audit, set_consent
from directory_app.core.qr import contact_qr
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import open_directory
from tests.ui.conftest import wait_idle


def _scan(pixmap) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.toImage().save(buffer, "PNG")
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))]


def test_the_selected_codes_one_after_another(qtbot, window) -> None:
    with open_directory(window.directory_path) as d:
        people = get_contacts(d, search_ids(d, SearchQuery(text="jovanovic")))[:3]
        set_consent(d, [people[1].id], shareable=False)  # asked not to be passed on: not shown to a room
        shown = get_contacts(d, [people[0].id, people[2].id])
    window.search_edit.setText("jovanovic")
    wait_idle(qtbot, window)
    window.table.clearSelection()
    for record in people:
        index = window.model.index(window.model.row_of(record.id), 0)
        window.table.selectionModel().select(index, window.table.selectionModel().SelectionFlag.Select |
                                             window.table.selectionModel().SelectionFlag.Rows)  # fmt: skip
    wait_idle(qtbot, window)
    window.action_show_codes.trigger()
    qtbot.waitUntil(lambda: window.qr_show_dialog is not None and window.qr_show_dialog.isVisible(), timeout=10_000)
    dialog = window.qr_show_dialog
    assert dialog.counter.text() == "1 of 2" and "marked not to be shared" in dialog.hint.text()
    assert dialog.name_label.text() == shown[0].display_name
    qtbot.waitUntil(lambda: dialog.shown_code() is not None, timeout=10_000)
    assert _scan(dialog.shown_code()) == [contact_qr(shown[0]).payload]

    qtbot.keyClick(dialog, Qt.Key.Key_Right)
    assert dialog.counter.text() == "2 of 2" and dialog.name_label.text() == shown[1].display_name
    qtbot.waitUntil(lambda: dialog.shown_code() is not None, timeout=10_000)
    assert _scan(dialog.shown_code()) == [contact_qr(shown[1]).payload]
    qtbot.keyClick(dialog, Qt.Key.Key_Right)  # the last one stays
    assert dialog.counter.text() == "2 of 2" and not dialog.next_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Home)
    assert dialog.counter.text() == "1 of 2" and not dialog.previous_button.isEnabled()
    dialog.close()
    with open_directory(window.directory_path) as d:
        [entry] = list_audit(d, action="show-qr")
    assert (entry.target, entry.count) == ("screen", 2)


def test_with_nothing_selected_the_search_is_shown(qtbot, window) -> None:
    window.search_edit.setText("dordevic")
    wait_idle(qtbot, window)
    window.table.clearSelection()
    wait_idle(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.qr_show_dialog is not None and window.qr_show_dialog.isVisible(), timeout=10_000)
    assert window.qr_show_dialog.counter.text() == f"1 of {window.model.rowCount()}"
    window.qr_show_dialog.close()  # at once, while its first codes are being made
    wait_idle(qtbot, window)  # their results come to a closed window: nothing happens (they raised, now and then)

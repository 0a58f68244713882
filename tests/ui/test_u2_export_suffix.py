"""A file name typed in the Export dialog without an ending gets the format's, as Browse… gives it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QPushButton

from tests.ui.conftest import wait_idle


def _open_dialog(qtbot, window, action_name: str):
    window.export_dialog = None
    getattr(window, action_name).trigger()
    qtbot.waitUntil(lambda: window.export_dialog is not None and window.export_dialog.isVisible(), timeout=10_000)
    return window.export_dialog


def test_a_typed_name_without_an_ending_gets_the_formats(qtbot, window, tmp_path: Path) -> None:
    """'/tmp/x/mylist' for Excel was written as 'mylist', which Excel and a double-click do not open."""
    window.table.selectionModel().select(
        window.model.index(0, 0),
        window.table.selectionModel().SelectionFlag.Select | window.table.selectionModel().SelectionFlag.Rows,
    )
    wait_idle(qtbot, window)
    dialog = _open_dialog(qtbot, window, "actionExportExcel")
    dialog.radio_selected.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "mylist"))
    assert dialog.path() == tmp_path / "mylist.xlsx"
    dialog.path_edit.setText(str(tmp_path / "list.XLSX"))
    assert dialog.path() == tmp_path / "list.XLSX"  # already has it, in any case
    window.last_export = None
    dialog.path_edit.setText(str(tmp_path / "mylist"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=30_000)
    wait_idle(qtbot, window)
    assert not (tmp_path / "mylist").exists()
    assert openpyxl.load_workbook(tmp_path / "mylist.xlsx").active.max_row == 2  # heading and the one selected
    window.export_done_box.close()


def test_the_replace_question_is_about_the_file_with_the_ending(qtbot, window, tmp_path: Path) -> None:
    target = tmp_path / "all.csv"
    target.write_bytes(b"the first export")
    (tmp_path / "all").write_bytes(b"not this one")
    dialog = _open_dialog(qtbot, window, "actionExportCsv")
    dialog.path_edit.setText(str(tmp_path / "all"))
    dialog.export_button.click()
    box = dialog.replace_box
    assert box is not None and box.isVisible()
    assert box.text() == "“all.csv” already exists. Do you want to replace it?"
    window.last_export = None
    box.findChild(QPushButton, "replaceButton").click()
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=30_000)
    wait_idle(qtbot, window)
    assert target.read_bytes() != b"the first export" and (tmp_path / "all").read_bytes() == b"not this one"
    window.export_done_box.close()


def test_vcards_split_into_files_get_zip(qtbot, window, tmp_path: Path) -> None:
    dialog = _open_dialog(qtbot, window, "actionExportVCard")
    dialog.path_edit.setText(str(tmp_path / "cards"))
    assert dialog.path() == tmp_path / "cards.vcf"
    dialog.split_check.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "cards"))
    assert dialog.path() == tmp_path / "cards.zip"

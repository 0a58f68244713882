"""Edit > Organisations… in the real window on the demo network: a rename that merges two, then undone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from directory_app.core.organisations import list_organisations
from directory_app.core.store import open_directory
from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


def _orgs(path: Path) -> dict[tuple[str, str | None], int]:
    with open_directory(path) as d:
        return {(o.name, o.country): o.contacts for o in list_organisations(d)}


def test_two_organisations_made_one_then_undone(qtbot, window: MainWindow, demo_copy: Path) -> None:
    before = _orgs(demo_copy)
    justice, interior = ("Ministry of Justice", "RS"), ("Ministry of Interior", "RS")
    assert before[justice] and before[interior]
    window.findChild(type(window.action_add), "actionOrganisations").trigger()
    dialog = window.organisations.dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(before))
    dialog.filter_edit.setText("Ministry of Justice")
    row = next(r for r in range(dialog.proxy.rowCount()) if dialog.proxy.index(r, 1).data() == "Serbia")
    dialog.view.selectRow(row)
    qtbot.mouseClick(dialog.findChild(QPushButton, "renameOrganisationButton"), Qt.MouseButton.LeftButton)
    rename = window.organisations.rename_dialog
    qtbot.waitUntil(rename.isVisible)
    ok = rename.findChild(QPushButton, "renameOrganisationYes")
    assert not ok.isEnabled(), "nothing changed yet"
    rename.findChild(QLineEdit, "organisationNameEdit").setText("ministry of interior")
    assert ok.text() == "Merge" and ok.isEnabled()
    assert "the two become one" in rename.findChild(QLabel, "organisationHint").text()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    after = _orgs(demo_copy)
    assert justice not in after and after[interior] == before[interior] + before[justice]

    window.action_undo.trigger()
    wait_idle(qtbot, window)
    assert _orgs(demo_copy) == before

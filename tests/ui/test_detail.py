"""The detail pane in a narrow window: nothing cut at its right edge, and addresses copied as they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from directory_app.core.contacts import add_contact
from directory_app.core.records import ContactInput, ContactRecord, EmailEntry, PhoneEntry
from directory_app.core.store import open_directory
from directory_app.ui.detail import ContactDetail, breakable

LONG_ADDRESS = "mimoza.ahmeti@labourinspectorate-kosovo.example"


@pytest.fixture
def record(tmp_path: Path) -> ContactRecord:
    with open_directory(tmp_path / "network.db") as directory:
        return add_contact(
            directory,
            ContactInput(
                given_name="Mimoza",
                family_name="Ahmeti",
                position="Labour Inspector",
                organisation="State Labour Inspectorate",
                country="XK",
                emails=[EmailEntry(LONG_ADDRESS, "work")],
                phones=[PhoneEntry("+38338390402", "", "work")],
                expertise=["smuggling_of_migrants", "labour_exploitation"],
            ),
        )


def _pane(qtbot, record: ContactRecord, width: int) -> ContactDetail:
    pane = ContactDetail()
    qtbot.addWidget(pane)
    pane.resize(width, 700)
    pane.show()
    pane.show_record(record)
    qtbot.waitExposed(pane)
    qtbot.wait(10)
    return pane


def _same_row(pane: ContactDetail, widget_name: str) -> bool:
    widget = pane.findChild(QWidget, widget_name)
    label = pane._row_labels[widget]
    return abs(label.mapTo(pane, label.rect().topLeft()).y() - widget.mapTo(pane, widget.rect().topLeft()).y()) < 4


def test_a_narrow_pane_puts_labels_above_values_and_cuts_nothing(qtbot, record: ContactRecord) -> None:
    """A long e-mail address set the pane's narrowest width: in a narrow pane everything right of it (organisation,
    expertise, events, the QR caption) was cut at the pane's edge."""
    wide = _pane(qtbot, record, 520)
    assert _same_row(wide, "detail_organisation") and _same_row(wide, "detailEmails")
    assert wide.widget().width() <= wide.viewport().width()

    narrow = _pane(qtbot, record, 250)
    assert not _same_row(narrow, "detail_organisation")  # the label is above its value
    assert narrow.widget().width() <= narrow.viewport().width()
    [link] = [w for w in narrow.findChildren(QLabel, "detailLink") if "mailto:" in w.text()]
    assert link.geometry().right() <= narrow.viewport().width() and link.height() > link.fontMetrics().height()

    narrow.resize(520, 700)  # wide again: back beside each other
    qtbot.wait(10)
    assert _same_row(narrow, "detail_organisation")


def test_an_address_is_copied_without_its_wrapping_places(qtbot, record: ContactRecord) -> None:
    pane = _pane(qtbot, record, 250)
    [link] = [w for w in pane.findChildren(QLabel, "detailLink") if "mailto:" in w.text()]
    link.setFocus()
    link.setSelection(0, len(breakable(LONG_ADDRESS)))
    assert "\u200b" in link.selectedText()  # where the address may wrap
    qtbot.keyClick(link, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == LONG_ADDRESS

    QGuiApplication.clipboard().clear()
    link.setSelection(0, 9)  # "mimoza.", the wrapping place after it, "a"
    actions = {a.text(): a for a in link.context_menu().actions()}
    actions["&Copy"].trigger()
    assert QGuiApplication.clipboard().text() == "mimoza.a"
    actions["Copy the E-mail"].trigger()
    assert QGuiApplication.clipboard().text() == LONG_ADDRESS


def test_a_pane_narrower_than_its_card_takes_the_width_it_needs(qtbot, window) -> None:
    """A layout remembered from a narrower window left the pane narrower than its QR code: the card was wider than
    the pane, and the values were cut at its right edge."""
    sizes = window.splitter.sizes()
    window.splitter.setSizes([sizes[0], sum(sizes) - sizes[0] - 120, 120])
    window.table.selectRow(0)
    pane = window.detail
    qtbot.waitUntil(lambda: pane.findChild(QWidget, "contactQr").isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: pane.widget().width() <= pane.viewport().width(), timeout=5_000)
    # The code's buttons show with it and widen the card again: the pane claims that width a turn of the event
    # loop later.
    qtbot.waitUntil(lambda: window.splitter.sizes()[2] >= pane.minimumSizeHint().width(), timeout=5_000)
    assert pane.minimumSizeHint().width() > 120

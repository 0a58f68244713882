"""The main window driven through its widgets, found by objectName, on a copy of the demo network."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QMessageBox, QPushButton, QTableView

from directory_app.core.contacts import contact_count, get_contact, get_contacts
from directory_app.core.countries import country_name
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import open_directory
from directory_app.ui.contact_model import ContactTableModel
from directory_app.ui.detail import ContactDetail
from directory_app.ui.facets import FacetFilter
from directory_app.ui.main_window import MainWindow, _runs
from tests.ui.conftest import wait_idle


def rows(window: MainWindow) -> list[tuple[str, str, str, str]]:
    """(name, Latin name, country, roles) of every row in the table."""
    model = window.model
    out = []
    for row in range(model.rowCount()):
        name = model.index(row, ContactTableModel.NAME)
        out.append(
            (
                name.data(),
                name.data(ContactTableModel.LatinNameRole) or name.data(),
                model.index(row, ContactTableModel.COUNTRY).data(),
                model.index(row, ContactTableModel.ROLES).data(),
            )
        )
    return out


def click_facet(qtbot, window: MainWindow, object_name: str, key: object) -> None:
    facet = window.findChild(FacetFilter, object_name)
    view = facet.findChild(QListView)
    row = facet.model.row_of(key)
    assert row is not None, f"{key} not offered in {object_name}"
    index = facet.model.index(row)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    wait_idle(qtbot, window)


def test_objectnames_are_the_contract(window: MainWindow) -> None:
    assert window.objectName() == "MainWindow"
    for name in ("searchEdit", "countryFilter", "roleFilter", "expertiseFilter", "eventFilter", "contactTable",
                 "contactDetail"):  # fmt: skip
        widget = window.findChild(object, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    assert isinstance(window.findChild(QTableView, "contactTable"), QTableView)
    assert window.findChild(QLabel, "resultCount").text() == "300 contacts"


def test_typing_dordevic_leaves_only_dordevic(qtbot, window: MainWindow) -> None:
    search = window.findChild(QLineEdit, "searchEdit")
    qtbot.keyClicks(search, "dordevic")
    wait_idle(qtbot, window)
    shown = rows(window)
    assert len(shown) >= 3
    assert all("Đorđević" in latin for _name, latin, _country, _roles in shown), shown
    assert any("Ђорђевић" in name for name, *_ in shown), "the Cyrillic spelling is found too"
    assert window.findChild(QLabel, "resultCount").text() == f"{len(shown)} of 300 contacts"
    # Escape clears the search again.
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 300


def test_a_search_that_finds_nobody_says_so_and_what_to_try(qtbot, window: MainWindow) -> None:
    """An empty table said nothing: was the search still running, or was the spelling wrong?"""
    table = window.table
    assert table.empty_message() == ("", "")
    qtbot.keyClicks(window.search_edit, "zzzzq")
    wait_idle(qtbot, window)
    title, hint = table.empty_message()
    assert window.model.rowCount() == 0 and title == "No contact matches “zzzzq”."
    assert "Check the spelling" in hint and "Ctrl+Shift+L" in hint
    window.search_edit.clear()
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 300 and table.empty_message() == ("", "")


def test_a_country_typed_in_the_search_lists_its_contacts_and_says_so(qtbot, window: MainWindow) -> None:
    with open_directory(window.directory_path) as d:
        in_serbia = len(search_ids(d, SearchQuery(countries=("RS",))))
    qtbot.keyClicks(window.search_edit, "serbia")
    wait_idle(qtbot, window)
    assert window.model.rowCount() >= in_serbia
    label = window.findChild(QLabel, "resultCount").text()
    assert label.endswith(" · also read as Serbia (country)"), label


def test_facet_filters_show_counts_and_combine(qtbot, window: MainWindow, demo_copy: Path) -> None:
    countries = window.findChild(FacetFilter, "countryFilter")
    serbia_row = countries.model.row_of("RS")
    with open_directory(demo_copy) as directory:
        in_serbia = len(search_ids(directory, SearchQuery(countries=("RS",))))
        serbian_prosecutors = search_ids(directory, SearchQuery(countries=("RS",), roles=("prosecutor",)))
    assert countries.model.index(serbia_row).data() == f"Serbia ({in_serbia})"

    click_facet(qtbot, window, "countryFilter", "RS")
    assert countries.selected() == ("RS",)
    assert window.model.rowCount() == in_serbia
    assert {country for *_, country, _roles in rows(window)} == {"Serbia"}

    click_facet(qtbot, window, "roleFilter", "prosecutor")
    shown = rows(window)
    assert window.model.ids() == serbian_prosecutors
    assert all(country == "Serbia" and "Prosecutor" in roles for *_, country, roles in shown)
    # Counts follow the other filters: the country list now counts prosecutors only.
    assert countries.model.index(serbia_row).data() == f"Serbia ({len(serbian_prosecutors)})"
    assert window.current_query() == SearchQuery(countries=("RS",), roles=("prosecutor",))

    window.findChild(QPushButton, "clearFiltersButton").click()
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 300
    assert countries.selected() == ()


def test_selecting_a_row_shows_every_detail(qtbot, window: MainWindow, demo_copy: Path) -> None:
    table = window.findChild(QTableView, "contactTable")
    index = window.model.index(2, ContactTableModel.ORGANISATION)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    wait_idle(qtbot, window)
    contact_id = index.data(ContactTableModel.ContactIdRole)
    assert window.selected_contact_ids() == [contact_id]
    with open_directory(demo_copy) as directory:
        record = get_contact(directory, contact_id)
    detail = window.findChild(ContactDetail, "contactDetail")
    assert detail.record() == record
    assert record.display_name in detail.findChild(QLabel, "detailName").text()
    links = " ".join(label.text() for label in detail.findChildren(QLabel, "detailLink"))
    for email in record.emails:
        assert f'href="mailto:{email.address}"' in links
    for phone in record.phones:
        if phone.e164:
            assert f'href="tel:{phone.e164}"' in links
    assert detail.findChild(QLabel, "detail_country").text() == country_name(record.country)
    if record.events:
        assert record.events[0].name.split(",")[0] in detail.findChild(QLabel, "detail_events").text()


def test_delete_asks_then_undo_restores(qtbot, window: MainWindow, demo_copy: Path) -> None:
    table = window.findChild(QTableView, "contactTable")
    table.setFocus()
    table.selectRow(5)
    wait_idle(qtbot, window)
    [contact_id] = window.selected_contact_ids()
    with open_directory(demo_copy) as directory:
        uid = get_contact(directory, contact_id).uid

    qtbot.keyClick(table, Qt.Key.Key_Delete)
    box = window.findChild(QMessageBox, "confirmDeleteBox")
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.findChild(QPushButton, "confirmDeleteButton"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 299
    assert contact_id not in window.model.ids()
    assert window.findChild(QLabel, "resultCount").text() == "299 contacts"
    assert len(window.selected_contact_ids()) == 1, "the next contact is selected"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 300
    [restored] = window.selected_contact_ids()
    with open_directory(demo_copy) as directory:
        assert contact_count(directory) == 300
        assert get_contact(directory, restored).uid == uid

    window.action_redo.trigger()
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 299


def test_scattered_rows_selected_deleted_and_restored_as_they_were(qtbot, window: MainWindow) -> None:
    """Rows picked with Ctrl-click and a Shift-click run: their ids in table order, the count, Delete, then Undo
    selects the same rows again, as one selection range per run of adjacent rows."""
    table = window.table
    table.setFocus()
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier

    def click(row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        index = window.model.index(row, ContactTableModel.NAME)
        table.scrollTo(index)
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, table.visualRect(index).center())

    click(2)
    click(4, shift)  # rows 2, 3, 4
    click(9, ctrl)
    click(7, ctrl)
    wait_idle(qtbot, window)
    expected = [window.model.contact_id(r) for r in (2, 3, 4, 7, 9)]
    uids = [c.uid for c in get_contacts(window.directory, expected)]
    assert window.selected_rows() == [2, 3, 4, 7, 9]
    assert window.selected_contact_ids() == expected
    assert window.findChild(QLabel, "resultCount").text() == "300 contacts · 5 selected"
    assert window.action_delete.text() == "&Delete 5 Contacts…"

    window._delete(window.directory, expected)
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 295 and not set(expected) & set(window.model.ids())
    window.undo_stack.undo()
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 300
    restored = window.selected_contact_ids()  # the same people, restored under new ids
    assert [c.uid for c in get_contacts(window.directory, restored)] == uids
    runs = len(table.selectionModel().selection())  # one range per run of adjacent rows
    assert runs == len(_runs(window.selected_rows())) < 5


def test_select_all_counts_every_row(qtbot, window: MainWindow) -> None:
    window.action_select_all.trigger()
    assert window.selected_rows() == list(range(300))
    assert window.selected_contact_ids() == window.model.ids()
    assert window.findChild(QLabel, "resultCount").text() == "300 contacts · 300 selected"


def test_cancelled_delete_changes_nothing(qtbot, window: MainWindow) -> None:
    window.table.selectRow(0)
    wait_idle(qtbot, window)
    window.action_delete.trigger()
    box = window.findChild(QMessageBox, "confirmDeleteBox")
    box.button(QMessageBox.StandardButton.Cancel).click()
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 300
    assert not window.undo_stack.canUndo()


def test_enter_deletes_one_contact_but_cancels_deleting_several(qtbot, window: MainWindow) -> None:
    """Ctrl+A, Del, Enter must not empty the directory: for several contacts the confirmation's default is Cancel;
    for one it is Delete (Del, Enter removes the contact, as in a file manager)."""
    window.table.setFocus()
    window.action_select_all.trigger()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    box = window.findChild(QMessageBox, "confirmDeleteBox")
    assert box is not None and box.isVisible() and box.text() == "Delete 300 contacts?"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "confirmDeleteBox") is None)
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 300 and not window.undo_stack.canUndo()

    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    window.table.selectionModel().select(window.model.index(0, 0), flags)
    wait_idle(qtbot, window)
    window.action_delete.trigger()
    box = window.findChild(QMessageBox, "confirmDeleteBox")
    assert box.defaultButton() is box.findChild(QPushButton, "confirmDeleteButton")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 299 and window.undo_stack.canUndo()


def test_sorting_by_a_column_header(qtbot, window: MainWindow) -> None:
    header = window.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().center().__class__(header.sectionViewportPosition(ContactTableModel.COUNTRY) + 10, 5),
    )
    wait_idle(qtbot, window)
    countries = [c for *_, c, _r in rows(window)]
    filled = [c for c in countries if c]
    assert filled == sorted(filled, key=str.casefold)
    assert window.model.rowCount() == 300


def test_layout_is_remembered(qtbot, demo_copy: Path) -> None:
    first = MainWindow(demo_copy)
    qtbot.addWidget(first)
    first.show()
    wait_idle(qtbot, first)
    first.resize(720, 560)  # within the offscreen platform's 800x600 screen
    first.column_actions[ContactTableModel.POSITION].setChecked(False)
    first.table.setColumnWidth(ContactTableModel.ORGANISATION, 321)
    first.close()

    second = MainWindow(demo_copy)
    qtbot.addWidget(second)
    second.show()
    wait_idle(qtbot, second)
    assert second.table.isColumnHidden(ContactTableModel.POSITION)
    assert not second.column_actions[ContactTableModel.POSITION].isChecked()
    assert second.table.columnWidth(ContactTableModel.ORGANISATION) == 321
    assert abs(second.width() - 720) <= 8 and abs(second.height() - 560) <= 8
    assert demo_copy.resolve() == second.recent.paths()[0]
    second.close()


def test_table_keeps_its_room_when_the_window_comes_back_smaller(qtbot, demo_copy: Path) -> None:
    """Side panes widened in a big window (remembered), then the window is smaller (a laptop off its monitor):
    the panes give back width in proportion; the table is not squeezed to a sliver."""
    first = MainWindow(demo_copy)
    qtbot.addWidget(first)
    first.show()
    wait_idle(qtbot, first)
    first.resize(790, 560)
    qtbot.waitUntil(lambda: sum(first.splitter.sizes()) > 700)
    first.splitter.setSizes([260, 200, 300])  # the user dragged both panes wide
    filters, _table, details = first.splitter.sizes()
    first.close()

    second = MainWindow(demo_copy)
    qtbot.addWidget(second)
    second.show()
    wait_idle(qtbot, second)
    second.resize(520, 560)
    qtbot.waitUntil(lambda: sum(second.splitter.sizes()) < 520)

    def balanced() -> bool:
        f, t, d = second.splitter.sizes()
        return t >= 0.4 * (f + t + d) and f < filters and d < details and abs(f / d - filters / details) < 0.25

    qtbot.waitUntil(balanced, timeout=2000)
    second.close()


def test_runs_of_adjacent_rows() -> None:
    assert _runs([]) == [] and _runs([4]) == [(4, 4)]
    assert _runs([1, 2, 3, 7, 9, 10]) == [(1, 3), (7, 7), (9, 10)]


def test_right_click_on_a_contact_offers_what_can_be_done_with_it(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QMenu

    rect = window.table.visualRect(window.model.index(3, 0))
    window.table.customContextMenuRequested.emit(rect.center())  # what a right click on the row does
    menu = window.findChild(QMenu, "contactsMenu")
    qtbot.waitUntil(menu.isVisible)
    assert window.table.selectionModel().selectedRows()[0].row() == 3, "the row right-clicked is selected"
    wait_idle(qtbot, window)
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Edit Contact…", "Copy Contact Details", "Delete Contact…", "Merge Contacts…",
                     "Copy E-mail Addresses", "Write E-mail…", "Add to Event…", "Take Off Event…", "Export",
                     "Mark as Verified Today", "Who Was Given This Contact…"]  # fmt: skip
    export = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert [a.text() for a in export.actions()] == [
        "&vCards for Phones (.vcf)…", "&Excel Workbook (.xlsx)…", "&CSV File (.csv)…", "Contact List to &Print (.pdf)…",
        "&QR Codes to Print (.pdf)…",
    ]  # fmt: skip
    enabled = {a.text().replace("&", "") for a in menu.actions() if a.isEnabled() and not a.isSeparator()}
    assert "Edit Contact…" in enabled and "Add to Event…" in enabled and "Merge Contacts…" not in enabled
    assert "Mark as Verified Today" in enabled
    menu.close()


def test_ctrl_c_in_the_table_copies_the_selected_contacts_as_text(qtbot, window: MainWindow) -> None:
    """There was no way to copy contacts to paste them into an e-mail, short of exporting a file."""
    from PySide6.QtGui import QGuiApplication

    from directory_app.core.privacy import audit_for_contact, set_consent

    with open_directory(window.directory_path) as d:
        records = get_contacts(d, search_ids(d, SearchQuery()))
        shared = [r for r in records if r.shareable and r.emails][:2]
        withheld = next(r for r in records if r.shareable and r not in shared)
        set_consent(d, [withheld.id], shareable=False)  # someone asked not to be passed on
    QGuiApplication.clipboard().setText("before")
    window.search_edit.setFocus()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "before", "in the search field Ctrl+C is the field's own"

    window.table.clearSelection()
    for record in (*shared, withheld):
        index = window.model.index(window.model.row_of(record.id), 0)
        window.table.selectionModel().select(index, window.table.selectionModel().SelectionFlag.Select |
                                             window.table.selectionModel().SelectionFlag.Rows)  # fmt: skip
    wait_idle(qtbot, window)
    assert window.action_copy.text() == "&Copy 3 Contacts' Details"
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() != "before")
    text = QGuiApplication.clipboard().text()
    for record in shared:
        assert record.display_name in text and record.emails[0].address in text
    assert withheld.display_name not in text
    assert "left out: 1 contact marked not to be shared" in window.statusBar().currentMessage()
    with open_directory(window.directory_path) as d:
        assert [e.action for e in audit_for_contact(d, shared[0].uid)][:1] == ["copy"]


def test_the_selected_contacts_addresses_are_copied_or_given_to_the_mail_program(qtbot, window: MainWindow) -> None:
    """To write to the prosecutors of a search: their addresses for To or Bcc, or a new message in the mail
    program with them in Bcc."""
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices, QGuiApplication

    from directory_app.core.privacy import list_audit

    class MailProgram(QObject):  # stands in for the desktop's mail program, through Qt's own hook for links
        def __init__(self) -> None:
            super().__init__()
            self.urls: list[str] = []

        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            self.urls.append(url.toString())

    with open_directory(window.directory_path) as d:
        people = [r for r in get_contacts(d, search_ids(d, SearchQuery())) if r.shareable and r.emails][:3]
    window.table.clearSelection()
    wait_idle(qtbot, window)
    assert not window.mail.action_copy.isEnabled() and not window.mail.action_write.isEnabled()
    for record in people:
        index = window.model.index(window.model.row_of(record.id), 0)
        window.table.selectionModel().select(index, window.table.selectionModel().SelectionFlag.Select |
                                             window.table.selectionModel().SelectionFlag.Rows)  # fmt: skip
    wait_idle(qtbot, window)
    assert window.mail.action_copy.isEnabled() and window.mail.action_write.isEnabled()
    QGuiApplication.clipboard().setText("before")
    window.mail.action_copy.trigger()
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() != "before")
    pasted = QGuiApplication.clipboard().text().split("; ")
    assert len(pasted) == 3 and all("<" in mailbox and "@" in mailbox for mailbox in pasted)
    assert window.statusBar().currentMessage() == "Copied 3 e-mail addresses"

    program = MailProgram()
    QDesktopServices.setUrlHandler("mailto", program, "open")
    try:
        window.mail.action_write.trigger()
        qtbot.waitUntil(lambda: bool(program.urls))
    finally:
        QDesktopServices.unsetUrlHandler("mailto")
    assert program.urls[0].startswith("mailto:?bcc=") and program.urls[0].count("@") == 3
    assert "opened in your mail program" in window.statusBar().currentMessage()
    with open_directory(window.directory_path) as d:
        assert [e.action for e in list_audit(d)[:2]] == ["mail", "copy-emails"]


def test_an_event_in_the_detail_pane_lists_who_took_part(qtbot, window: MainWindow) -> None:
    with open_directory(window.directory_path) as d:
        someone = next(r for r in get_contacts(d, search_ids(d, SearchQuery())) if r.events)
    window.table.selectRow(window.model.row_of(someone.id))
    wait_idle(qtbot, window)
    detail = window.findChild(ContactDetail, "contactDetail")
    record = detail.record()
    assert record.id == someone.id
    label = detail.findChild(QLabel, "detail_events")
    assert f'<a href="event:{record.events[0].id}">' in label.text()
    label.linkActivated.emit(f"event:{record.events[0].id}")  # what clicking the name does
    wait_idle(qtbot, window)
    assert window.event_filter.selected() == (record.events[0].id,)
    with open_directory(window.directory_path) as d:
        expected = len(search_ids(d, SearchQuery(events=(record.events[0].id,))))
    assert window.model.rowCount() == expected


def test_event_names_keep_their_place_and_year_in_sight(qtbot, window: MainWindow) -> None:
    """Seminars are told apart by the end of their names ("..., Istanbul 2025"): the start is elided, and the whole
    name is the tooltip."""
    facet = window.event_filter
    assert facet.view.textElideMode() == Qt.TextElideMode.ElideLeft
    index = facet.model.index(0)
    name = index.data(facet.model.LabelRole)
    assert name.startswith("Regional") and index.data(Qt.ItemDataRole.ToolTipRole).startswith(name)
    shown = facet.view.fontMetrics().elidedText(name, facet.view.textElideMode(), 150)
    assert shown.endswith(name[-14:]) and shown.startswith("…")

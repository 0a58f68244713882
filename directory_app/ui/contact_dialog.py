"""The add / edit contact dialog: validates as you type, with the same core checks the store applies.

Names: one of given or family name is required. E-mails are checked with `emails.check_email`; phones are read
with `phones.normalise_phone` using the contact's country and shown back in international format. Country,
roles, expertise and languages come from their vocabularies, with completion. The dialog does not write: it
hands a ContactInput to `submit` (the window saves it on the worker thread) and closes when told it was saved,
so nothing typed is lost when saving fails.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QStringListModel, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from directory_app.core import vocab
from directory_app.core.contacts import prepare
from directory_app.core.countries import country_name
from directory_app.core.emails import check_email
from directory_app.core.languages import all_languages, language_name, parse_languages
from directory_app.core.phones import format_international, normalise_phone, phone_text
from directory_app.core.records import ContactInput, ContactRecord, DirectoryError, EmailEntry, PhoneEntry, plural
from directory_app.core.suggestions import Suggestions
from directory_app.ui.a11y import name_clear_button
from directory_app.ui.country_field import chosen_country, country_combo, set_country
from directory_app.ui.discard import ask_to_discard
from directory_app.ui.icons import themed_icon
from directory_app.ui.labels import country_label, phone_label, vocab_label, vocab_labels
from directory_app.ui.screen_fit import fit_to_screen, scrolling

_TRISTATE = (("Not recorded", None), ("Yes", True), ("No", False))


def _split_list(text: str) -> list[str]:
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


class _ListCompleter(QCompleter):
    """Completes the last item of a comma-separated list ("English, Ser" -> "English, Serbian, ")."""

    def __init__(self, words: Sequence[str], parent: QWidget) -> None:
        super().__init__(list(words), parent)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def set_words(self, words: Sequence[str]) -> None:
        model = self.model()
        if isinstance(model, QStringListModel):
            model.setStringList(list(words))

    def splitPath(self, path: str) -> list[str]:
        return [path.replace(";", ",").split(",")[-1].strip()]

    def pathFromIndex(self, index: QModelIndex) -> str:
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.replace(";", ",").rsplit(",", 1)[0] if "," in text.replace(";", ",") else ""
        value = str(index.data())
        return f"{head.strip()}, {value}, " if head.strip() else f"{value}, "


class CodeChecklist(QWidget):
    """Values of a vocabulary as a checkable list, with a field that completes a label and checks it."""

    changed = Signal()

    def __init__(self, vocabulary: str, noun: str, parent: QWidget | None = None, *, short: str = "") -> None:
        super().__init__(parent)
        self.vocabulary = vocabulary
        self.finder = QLineEdit()
        # `short`: the noun in few letters, for the field's hint (half the dialog wide: "…an area of experti")
        self.finder.setPlaceholderText(f"Type to add {short or noun}…")
        self.finder.setAccessibleName(f"Add {noun}")
        name_clear_button(self.finder, "Clear the text")
        labels = [text for _, text in vocab.labels(vocabulary)]
        completer = QCompleter(labels, self.finder)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._add_label)
        self.finder.setCompleter(completer)
        self.finder.installEventFilter(self)

        self.list = QListWidget()
        self.list.setAccessibleName(noun.capitalize())
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        for code, text in vocab.labels(vocabulary):
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        rows = min(self.list.count(), 8)
        self.list.setMinimumHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.finder)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.finder)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in the field adds the value; it must not reach the dialog, whose default button saves.
        if watched is self.finder and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.finder.text().strip():
                self._add_label(self.finder.text())
                return True
        return super().eventFilter(watched, event)

    def codes(self) -> list[str]:
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_codes(self, codes: Sequence[str]) -> None:
        wanted = set(codes)
        for row in range(self.list.count()):
            item = self.list.item(row)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def _add_label(self, text: str) -> None:
        code = vocab.parse_code(self.vocabulary, text)
        if code is None:
            return
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked)
                self.list.scrollToItem(item)
        # Clear after the completer has finished writing its text into the field.
        self.finder.clear()
        QTimer.singleShot(0, self.finder.clear)


class _EntryRow(QWidget):
    """One e-mail or phone: type, text, private flag, remove button, and a line saying what is wrong or how the
    number will be stored."""

    changed = Signal()
    removeRequested = Signal(object)

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        noun = "e-mail" if kind == "email" else "phone"
        self.original: str | None = None  # the stored value when editing: an unchanged one never blocks saving
        self.type_combo = QComboBox()
        for code, text in vocab.labels("contact_point_type"):
            self.type_combo.addItem(text, code)
        self.type_combo.setAccessibleName(f"{noun.capitalize()} type")
        self.type_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.edit = QLineEdit()
        self.edit.setObjectName("emailEdit" if kind == "email" else "phoneEdit")
        self.edit.setAccessibleName("E-mail address" if kind == "email" else "Phone number")
        self.edit.setPlaceholderText("name@example.org" if kind == "email" else "+381 11 1234567 or a local number")
        self.private = QCheckBox("Private")
        self.private.setToolTip(f"A private {noun} is left out of exports unless included on purpose")
        self.private.setAccessibleName(f"Private {noun}")
        self.remove = QToolButton()
        self.remove.setIcon(themed_icon("delete", self.palette()))
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(f"Remove this {noun}")
        self._noun = noun
        self._name_remove("")
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))
        self.warning = QAction(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning), "", self.edit)
        self.edit.addAction(self.warning, QLineEdit.ActionPosition.TrailingPosition)
        self.warning.setVisible(False)
        self.hint = QLabel()
        self.hint.setObjectName("emailHint" if kind == "email" else "phoneHint")
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setVisible(False)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(0)
        grid.addWidget(self.type_combo, 0, 0)
        grid.addWidget(self.edit, 0, 1)
        grid.addWidget(self.private, 0, 2)
        grid.addWidget(self.remove, 0, 3)
        grid.addWidget(self.hint, 1, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        self.edit.textChanged.connect(self._name_remove)
        self.type_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def _name_remove(self, text: str) -> None:
        """The remove button says which one it removes ("Remove phone +381 64 1234567"): a screen reader going
        through the rows otherwise hears "Remove phone" three times."""
        self.remove.setAccessibleName(f"Remove {self._noun} {text.strip()}".strip())

    def set_type(self, code: str) -> None:
        index = self.type_combo.findData(code)
        self.type_combo.setCurrentIndex(max(index, 0))

    def type_code(self) -> str:
        return str(self.type_combo.currentData())

    def text(self) -> str:
        return self.edit.text().strip()

    def show_problem(self, problem: str | None, hint: str = "") -> None:
        self.warning.setVisible(bool(problem))
        self.warning.setText(problem or "")  # the warning icon's name to a screen reader
        self.warning.setToolTip(problem or "")
        self.edit.setToolTip(problem or "")
        self.hint.setText(problem or hint)
        self.hint.setVisible(bool(problem or hint))


class _EntryList(QWidget):
    changed = Signal()
    rowEdited = Signal(object)  # a row's field lost focus or Enter was pressed
    rowsChanged = Signal()  # a row was added or removed: the dialog puts it in the Tab order

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.rows: list[_EntryRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.add_button = QPushButton("Add E-&mail" if kind == "email" else "Add Pho&ne")
        self.add_button.setObjectName("addEmailButton" if kind == "email" else "addPhoneButton")
        self.add_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.add_button.clicked.connect(lambda: self.add_row().edit.setFocus())
        self._layout.addWidget(self.add_button)

    def add_row(self, text: str = "", type_code: str | None = None, private: bool = False) -> _EntryRow:
        row = _EntryRow(self.kind)
        row.edit.setText(text)
        row.original = text or None
        row.set_type(type_code or "work")
        row.private.setChecked(private)
        row.changed.connect(self.changed)
        row.private.toggled.connect(lambda _on: self.changed.emit())
        row.removeRequested.connect(self._remove)
        row.edit.editingFinished.connect(lambda: self.rowEdited.emit(row))
        self._layout.insertWidget(len(self.rows), row)
        self.rows.append(row)
        self.rowsChanged.emit()
        self.changed.emit()
        return row

    def _remove(self, row: _EntryRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            row.hide()
            row.deleteLater()
            self.add_button.setFocus()
            self.rowsChanged.emit()
            self.changed.emit()

    def focus_widgets(self) -> list[QWidget]:
        """The rows' fields in the order they are shown, then the button under them."""
        out: list[QWidget] = []
        for row in self.rows:
            out += [row.type_combo, row.edit, row.private, row.remove]
        return [*out, self.add_button]


class ExistingPanel(QFrame):
    """The contacts already in the directory whom the form may describe, read-only, above the form: to be compared
    with what was typed, which stays as it is (Show Existing in the window's "Already in the directory?").

    The user then does what they came to do: edit the contact already there instead (add only: what was typed and
    the contact lacks is carried over), add or save all the same, or hide the panel and go on typing."""

    editRequested = Signal(object)  # ContactRecord: edit it instead of adding a new contact
    anywayRequested = Signal()  # add (save) the form as it is: the user says it is someone else
    hidden_ = Signal()

    def __init__(self, adding: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("existingPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Already in the directory")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.found: list[tuple[ContactRecord, str]] = []
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion).pixmap(size))
        self.heading = QLabel()
        self.heading.setObjectName("existingHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.choice = QComboBox()
        self.choice.setObjectName("existingChoice")
        self.choice.setAccessibleName("Contact already in the directory")
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.choice.currentIndexChanged.connect(self._show)
        close = QToolButton()
        close.setObjectName("existingClose")
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip("Hide the contact already in the directory and go on with the form")
        close.setAccessibleName("Hide the contact already in the directory")
        close.clicked.connect(self.dismiss)
        self.close_button = close
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(icon)
        head.addWidget(self.heading)
        head.addWidget(self.choice)
        head.addStretch(1)
        head.addWidget(close)

        # Two columns, as the form below: the person on the left, how to reach them and their work on the right.
        self.person_label = self._value("existingPerson")
        self.reach_label = self._value("existingReach")
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.person_label, 1)
        body.addWidget(self.reach_label, 1)

        self.edit_button = QPushButton("&Edit This Contact Instead")
        self.edit_button.setObjectName("editExistingButton")
        self.edit_button.setToolTip(
            "Edit the contact already in the directory: what you typed that it does not have is filled in"
        )
        self.edit_button.setVisible(adding)
        self.edit_button.clicked.connect(lambda: self.editRequested.emit(self.current()))
        self.anyway_button = QPushButton("&Add Anyway" if adding else "Save &Anyway")
        self.anyway_button.setObjectName("addAnywayButton")
        self.anyway_button.setToolTip(
            "It is someone else: add the contact you typed" if adding else "Save your changes all the same"
        )
        self.anyway_button.clicked.connect(self.anywayRequested)
        for button in (self.edit_button, self.anyway_button):
            button.setAutoDefault(False)  # Enter in the form still saves (and asks again)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addStretch(1)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.anyway_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addLayout(body)
        layout.addLayout(actions)
        self.setVisible(False)

    @staticmethod
    def _value(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return label

    def show_found(self, found: Sequence[tuple[ContactRecord, str]]) -> None:
        """Show `found` ((record, why it may be the same person), most likely first)."""
        self.found = list(found)
        many = len(self.found) > 1
        self.heading.setText(
            f"Already in the directory? {len(self.found)} contacts look like the one you typed:"
            if many
            else "Already in the directory?"
        )
        self.choice.blockSignals(True)
        self.choice.clear()
        for record, why in self.found:
            self.choice.addItem(f"{record.display_name or '(no name)'} ({why})")
        self.choice.blockSignals(False)
        self.choice.setVisible(many)
        self._show(0)
        self.setVisible(True)

    def current(self) -> ContactRecord:
        return self.found[max(self.choice.currentIndex(), 0)][0]

    def _show(self, index: int) -> None:
        if not self.found:
            return
        record, why = self.found[max(index, 0)]
        esc = html.escape
        name = " ".join(p for p in (record.honorific, record.display_name) if p) or "(no name)"
        lines = [f"<b>{esc(name)}</b>" + ("" if len(self.found) > 1 else f" – {esc(why)}")]
        if record.latin_display_name and record.latin_display_name != record.display_name:
            lines.append(esc(record.latin_display_name))
        org = record.organisation
        if record.organisation_type:
            org = f"{org} ({vocab_label('org_type', record.organisation_type)})" if org else ""
        place = ", ".join(p for p in (record.city, country_label(record.country)) if p)
        lines += [esc(p) for p in (record.position, org, place) if p]
        if record.events:
            others = len(record.events) - 1
            more = f" and {plural(others, 'other event')}" if others else ""
            lines.append(esc(f"Took part in {record.events[-1].name}{more}"))
        self.person_label.setText("<br>".join(lines))
        reach = [esc(e.address) for e in record.emails]
        reach += [esc(phone_label(p.e164 or p.text)) for p in record.phones]
        if not reach:
            reach.append("<i>no e-mail or phone</i>")
        if record.roles:
            reach.append(esc(vocab_labels("role", record.roles)))
        if record.expertise:
            reach.append(esc(vocab_labels("expertise", record.expertise)))
        self.reach_label.setText("<br>".join(reach))
        self.edit_button.setText(
            "&Edit This Contact Instead"
            if len(self.found) > 1
            else f"&Edit {(record.display_name or 'It').replace('&', '&&')} Instead"
        )

    def dismiss(self) -> None:
        self.setVisible(False)
        self.hidden_.emit()


class ContactDialog(QDialog):
    """Add or edit one contact. `submit(ContactInput)` is called on Save; call `saved()` or `save_failed(msg)`."""

    submitted = Signal(object)  # ContactInput, already checked by core.contacts.prepare
    # The same after the user said that the contacts already in the directory, shown above the form, are someone
    # else (Add Anyway): the window saves it without asking again.
    submittedAnyway = Signal(object)
    # The same, after the user said the contact(s) already in the directory shown above the form are someone else:
    # the window saves it without asking again.
    submittedAnyway = Signal(object)

    def __init__(
        self,
        record: ContactRecord | None = None,
        suggestions: Suggestions | None = None,
        parent: QWidget | None = None,
        *,
        default_country: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.record = record
        self.setWindowTitle(f"Edit {record.display_name}" if record else "Add a contact")
        self.setAccessibleName(self.windowTitle())
        self._loaded_latin = ("", "")
        self._loaded_names = ("", "")
        self._saving = False
        self.problems: list[str] = []

        self._build()
        self.set_suggestions(suggestions or Suggestions())
        if record is not None:
            self._load(record)
        else:
            if default_country:
                self.set_country(default_country)
            self.emails.add_row()
            self.phones.add_row()
        self._validate()
        self._fix_tab_order()
        self._fit()
        # What the form held when it opened: closing with anything else asks before discarding it.
        self._initial = self.contact_input()
        self._discard_box: QMessageBox | None = None
        self._discarding = False
        self.given_edit.setFocus()

    # ------------------------------------------------------------------------------------------- layout

    def _line(self, name: str, accessible: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self._validate)
        return edit

    def _build(self) -> None:
        # Above the form, so that both are seen at once on a 1024x600 screen (a window of its own covered the form);
        # made first, in the dialog, to come first in the Tab order as it does on screen.
        self.existing = ExistingPanel(self.record is None, self)
        self.existing.editRequested.connect(self._edit_instead)
        self.existing.anywayRequested.connect(self._submit_anyway)
        self.existing.hidden_.connect(self._existing_hidden)

        self.honorific_edit = self._line("honorificEdit", "Honorific", "Dr, Judge, Mr, Ms…")
        self.given_edit = self._line("givenNameEdit", "Given name", "in the person's own script")
        self.family_edit = self._line("familyNameEdit", "Family name", "in the person's own script")
        self.latin_given_edit = self._line("latinGivenNameEdit", "Given name in Latin letters")
        self.latin_family_edit = self._line("latinFamilyNameEdit", "Family name in Latin letters")
        self.position_edit = self._line("positionEdit", "Position", "e.g. Public Prosecutor")
        self.organisation_edit = self._line("organisationEdit", "Organisation")
        self.org_type_combo = QComboBox()
        self.org_type_combo.setObjectName("orgTypeCombo")
        self.org_type_combo.setAccessibleName("Organisation type")
        self.org_type_combo.addItem("Not set", None)
        for code, text in vocab.labels("org_type"):
            self.org_type_combo.addItem(text, code)

        self.country_combo = country_combo("countryCombo")
        self.country_combo.currentTextChanged.connect(self._country_changed)
        self.city_edit = self._line("cityEdit", "City")
        self.address_edit = self._line("addressEdit", "Postal address", "street and number, postal code (the office's)")

        self.languages_edit = self._line("languagesEdit", "Languages", "e.g. Serbian, English")
        self.languages_edit.setCompleter(_ListCompleter([n for _, n in all_languages()], self.languages_edit))
        self.keywords_edit = self._line("keywordsEdit", "Keywords", "free words, separated by commas")
        self._keyword_completer = _ListCompleter([], self.keywords_edit)
        self.keywords_edit.setCompleter(self._keyword_completer)

        self.emails = _EntryList("email")
        self.emails.setObjectName("emailList")
        self.emails.changed.connect(self._validate)
        self.emails.rowsChanged.connect(self._fix_tab_order)
        self.phones = _EntryList("phone")
        self.phones.setObjectName("phoneList")
        self.phones.changed.connect(self._validate)
        self.phones.rowsChanged.connect(self._fix_tab_order)
        self.phones.rowEdited.connect(lambda _row: self._reformat_phones())

        self.roles = CodeChecklist("role", "a role")
        self.roles.setObjectName("rolesChecklist")
        self.roles.changed.connect(self._validate)
        self.expertise = CodeChecklist("expertise", "an area of expertise", short="expertise")
        self.expertise.setObjectName("expertiseChecklist")
        self.expertise.changed.connect(self._validate)

        self.verified_check = QCheckBox("&Verified on")
        self.verified_check.setObjectName("verifiedCheck")
        self.verified_date = QDateEdit(QDate.currentDate())
        self.verified_date.setObjectName("verifiedDate")
        self.verified_date.setCalendarPopup(True)
        self.verified_date.setDisplayFormat("d MMM yyyy")
        self.verified_date.setAccessibleName("Date the details were last verified")
        self.verified_date.setEnabled(False)
        self.verified_check.toggled.connect(self.verified_date.setEnabled)

        self.shareable_check = QCheckBox("May &be shared (included in exports)")
        self.shareable_check.setObjectName("shareableCheck")
        self.shareable_check.setChecked(True)
        self.consent_listed_combo = self._tristate("consentListedCombo", "Consented to be listed")
        self.consent_shared_combo = self._tristate("consentSharedCombo", "Consented to be shared")
        self.consent_source_edit = self._line("consentSourceEdit", "Consent source", "e.g. registration form 2024")
        self.consent_check = QCheckBox("Given on")
        self.consent_date = QDateEdit(QDate.currentDate())
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setDisplayFormat("d MMM yyyy")
        self.consent_date.setAccessibleName("Date consent was given")
        self.consent_date.setEnabled(False)
        self.consent_check.toggled.connect(self.consent_date.setEnabled)

        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.events_label = QLabel()
        self.events_label.setObjectName("eventsLabel")
        self.events_label.setWordWrap(True)
        self.events_label.setTextFormat(Qt.TextFormat.PlainText)
        self.events_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.events_label.setText("None yet (imports record them; Edit > Add to Event… adds one)")

        # Person (left) ------------------------------------------------------------------------------
        person = QGroupBox("Person")
        form = QFormLayout(person)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Honorific", self.honorific_edit)
        form.addRow("&Given name", self.given_edit)
        form.addRow("&Family name", self.family_edit)
        latin = QHBoxLayout()
        latin.addWidget(self.latin_given_edit)
        latin.addWidget(self.latin_family_edit)
        latin_label = QLabel("In &Latin letters")
        latin_label.setBuddy(self.latin_given_edit)
        form.addRow(latin_label, latin)
        form.addRow("&Position", self.position_edit)
        form.addRow("&Organisation", self.organisation_edit)
        form.addRow("Organisation &type", self.org_type_combo)
        form.addRow("&Country", self.country_combo)
        form.addRow("C&ity", self.city_edit)
        form.addRow("A&ddress", self.address_edit)
        form.addRow("Lang&uages", self.languages_edit)  # G is Given name's
        form.addRow("&Keywords", self.keywords_edit)
        verified = QHBoxLayout()
        verified.addWidget(self.verified_check)
        verified.addWidget(self.verified_date, 1)
        form.addRow("Last verified", verified)
        form.addRow("Notes", self.notes_edit)
        self._set_buddy(form, self.given_edit)

        # Contact points, roles (right) ----------------------------------------------------------------
        reach = QGroupBox("E-mail and phone")
        reach_layout = QVBoxLayout(reach)
        reach_layout.addWidget(self.emails)
        reach_layout.addWidget(self.phones)

        work = QGroupBox("Roles and expertise")
        work_layout = QHBoxLayout(work)
        work_layout.addWidget(self.roles)
        work_layout.addWidget(self.expertise)

        sharing = QGroupBox("Sharing and consent")
        sharing_form = QFormLayout(sharing)
        sharing_form.addRow(self.shareable_check)
        consent = QHBoxLayout()
        consent.addWidget(QLabel("Listed"))
        consent.addWidget(self.consent_listed_combo)
        consent.addSpacing(8)
        consent.addWidget(QLabel("Shared"))
        consent.addWidget(self.consent_shared_combo)
        consent.addStretch(1)
        sharing_form.addRow("Consent", consent)
        consent_when = QHBoxLayout()
        consent_when.addWidget(self.consent_source_edit, 1)
        consent_when.addWidget(self.consent_check)
        consent_when.addWidget(self.consent_date)
        sharing_form.addRow("Source", consent_when)
        sharing_form.addRow("Events", self.events_label)

        right = QVBoxLayout()
        right.addWidget(reach)
        right.addWidget(work, 1)
        right.addWidget(sharing)

        columns = QHBoxLayout()
        columns.addWidget(person, 1)
        columns.addLayout(right, 1)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("problemLabel")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problems")
        self.problem_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.problem_icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("dialogButtons")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setText("&Save")  # Alt+S as well as Ctrl+S and Enter
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problem_icon)
        bottom.addWidget(self.problem_label, 1)
        bottom.addWidget(self.buttons)

        # The fields scroll and the buttons stay below them: on a 1024x600 screen the whole form is taller than
        # the screen, and Save and Cancel must never be below its edge.
        form_area = QWidget()
        form_area.setObjectName("contactForm")
        form_area.setLayout(columns)
        columns.setContentsMargins(0, 0, 0, 0)
        self.form_scroll = scrolling(form_area)
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not to the area

        layout = QVBoxLayout(self)
        layout.addWidget(self.existing)
        layout.addWidget(self.form_scroll, 1)
        layout.addLayout(bottom)

        save_shortcut = QAction(self)
        save_shortcut.setShortcut(QKeySequence.StandardKey.Save)
        save_shortcut.triggered.connect(self._submit)
        self.addAction(save_shortcut)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab bring the field they reach into view: from Cancel back to Honorific on a small screen,
        the form stayed scrolled down and what was typed went into a field out of sight. From the last button Tab
        goes round to the first control on screen (the contact already there when it is shown, else Honorific) and
        Shift+Tab back: the wrap is not left to the focus chain, which passes through widgets outside the order."""
        ends = [w for w in (*self._panel_focus(), self.honorific_edit) if self._tabbable(w)]
        buttons = [b for b in self._buttons_in_view_order() if self._tabbable(b)]
        current = self.focusWidget()
        target: QWidget | None = None
        if buttons and ends:
            if next and current is buttons[-1]:
                target = ends[0]
            elif not next and current is ends[0]:
                target = buttons[-1]
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
            moved = True
        else:
            moved = super().focusNextPrevChild(next)
        field = self.focusWidget()
        if moved and field is not None and self.form_scroll.widget().isAncestorOf(field):
            self.form_scroll.ensureWidgetVisible(field, 0, 40)
        return moved

    def _panel_focus(self) -> list[QWidget]:
        return [
            self.existing.choice,
            self.existing.edit_button,
            self.existing.anyway_button,
            self.existing.close_button,
        ]

    def _tabbable(self, widget: QWidget) -> bool:
        return widget.isVisibleTo(self) and widget.isEnabled() and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)

    def _fit(self) -> None:
        """Tall enough for the whole form with a few events on a large screen; never taller than the screen (the
        form scrolls above the buttons there)."""
        fit_to_screen(self, self.fontMetrics().averageCharWidth() * 150, self.fontMetrics().lineSpacing() * 50)

    def _fix_tab_order(self) -> None:
        """Tab goes down the Person column, then down the right one, then to Save and Cancel: the order they are
        read in. E-mail and phone rows come and go, so this is set again whenever one does."""
        if not hasattr(self, "buttons"):
            return  # rows added while the dialog is being built: set once it is
        chain: list[QWidget] = [
            *self._panel_focus(),  # the contact already in the directory, shown above the form (skipped while hidden)
            self.honorific_edit,
            self.given_edit,
            self.family_edit,
            self.latin_given_edit,
            self.latin_family_edit,
            self.position_edit,
            self.organisation_edit,
            self.org_type_combo,
            self.country_combo,
            self.city_edit,
            self.address_edit,
            self.languages_edit,
            self.keywords_edit,
            self.verified_check,
            self.verified_date,
            self.notes_edit,
            *self.emails.focus_widgets(),
            *self.phones.focus_widgets(),
            self.roles.finder,
            self.roles.list,
            self.expertise.finder,
            self.expertise.list,
            self.shareable_check,
            self.consent_listed_combo,
            self.consent_shared_combo,
            self.consent_source_edit,
            self.consent_check,
            self.consent_date,
            *self._buttons_in_view_order(),
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _buttons_in_view_order(self) -> list[QWidget]:
        """Save and Cancel in the order the platform's button box shows them (Cancel first on some desktops)."""
        layout = self.buttons.layout()
        items = [layout.itemAt(i).widget() for i in range(layout.count())] if layout is not None else []
        return [w for w in items if isinstance(w, QAbstractButton)]

    def _tristate(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for text, value in _TRISTATE:
            combo.addItem(text, value)
        return combo

    @staticmethod
    def _set_buddy(form: QFormLayout, _first: QWidget) -> None:
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label and field and isinstance(label.widget(), QLabel) and field.widget() is not None:
                label.widget().setBuddy(field.widget())

    # ------------------------------------------------------------------------------------------- data in/out

    def set_suggestions(self, suggestions: Suggestions) -> None:
        """Completions from the directory (organisations, cities, keywords); may arrive after the dialog opens."""
        for edit, words in (
            (self.organisation_edit, suggestions.organisations),
            (self.city_edit, suggestions.cities),
        ):
            completer = QCompleter(list(words), edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        self._keyword_completer.set_words(suggestions.keywords)

    def set_country(self, code: str | None) -> None:
        set_country(self.country_combo, code)

    def _load(self, record: ContactRecord) -> None:
        self.honorific_edit.setText(record.honorific)
        self.given_edit.setText(record.given_name)
        self.family_edit.setText(record.family_name)
        self.latin_given_edit.setText(record.latin_given_name)
        self.latin_family_edit.setText(record.latin_family_name)
        self._loaded_latin = (record.latin_given_name, record.latin_family_name)
        self._loaded_names = (record.given_name, record.family_name)
        self.position_edit.setText(record.position)
        self.organisation_edit.setText(record.organisation)
        self.org_type_combo.setCurrentIndex(max(self.org_type_combo.findData(record.organisation_type), 0))
        self.set_country(record.country)
        self.city_edit.setText(record.city)
        self.address_edit.setText(record.address)
        self.languages_edit.setText(", ".join(language_name(c) for c in record.languages))
        self.keywords_edit.setText(", ".join(record.keywords))
        for e in record.emails:
            self.emails.add_row(e.address, e.type, e.private)
        for p in record.phones:
            row = self.phones.add_row(phone_text(p), p.type, p.private)
            row.original = row.edit.text()
        if not record.emails:
            self.emails.add_row()
        if not record.phones:
            self.phones.add_row()
        self.roles.set_codes(record.roles)
        self.expertise.set_codes(record.expertise)
        if record.last_verified:
            self.verified_check.setChecked(True)
            self.verified_date.setDate(QDate(record.last_verified))
        self.notes_edit.setPlainText(record.notes)
        self.shareable_check.setChecked(record.shareable)
        for combo, value in (
            (self.consent_listed_combo, record.consent_listed),
            (self.consent_shared_combo, record.consent_shared),
        ):
            combo.setCurrentIndex([v for _, v in _TRISTATE].index(value))
        self.consent_source_edit.setText(record.consent_source)
        if record.consent_date:
            self.consent_check.setChecked(True)
            self.consent_date.setDate(QDate(record.consent_date))
        events = [f"{e.name} ({vocab_label('part', e.part).lower()})" for e in record.events]
        if events:
            self.events_label.setText("\n".join(events))
        for edit in self.findChildren(QLineEdit):
            edit.setCursorPosition(0)  # long values show their beginning

    def country_code(self) -> str | None:
        """The chosen country's code; None when empty or not a country (see problems)."""
        return chosen_country(self.country_combo)

    def _languages(self) -> tuple[list[str], list[str]]:
        return parse_languages(self.languages_edit.text())

    def _date(self, check: QCheckBox, edit: QDateEdit) -> date | None:
        return edit.date().toPython() if check.isChecked() else None

    def contact_input(self) -> ContactInput:
        """What the form holds, as a ContactInput (phones already in E.164 where they could be read)."""
        country = self.country_code()
        emails = []
        for row in self.emails.rows:
            if row.text():
                result = check_email(row.text())
                emails.append(EmailEntry(result.address or row.text(), row.type_code(), row.private.isChecked()))
        phones = []
        for row in self.phones.rows:
            if row.text():
                result = normalise_phone(row.text(), country)
                phones.append(
                    PhoneEntry(result.e164, "" if result.e164 else row.text(), row.type_code(), row.private.isChecked())
                )
        given, family = self.given_edit.text(), self.family_edit.text()
        latin_given, latin_family = self.latin_given_edit.text(), self.latin_family_edit.text()
        if (given, family) != self._loaded_names and (latin_given, latin_family) == self._loaded_latin:
            latin_given = latin_family = ""  # the name changed: let the store spell it in Latin again
        return ContactInput(
            given_name=given,
            family_name=family,
            honorific=self.honorific_edit.text(),
            latin_given_name=latin_given,
            latin_family_name=latin_family,
            position=self.position_edit.text(),
            organisation=self.organisation_edit.text(),
            organisation_type=self.org_type_combo.currentData(),
            country=country,
            city=self.city_edit.text(),
            address=self.address_edit.text(),
            languages=self._languages()[0],
            notes=self.notes_edit.toPlainText(),
            source=self.record.source if self.record else "manual",
            emails=emails,
            phones=phones,
            roles=self.roles.codes(),
            expertise=self.expertise.codes(),
            keywords=_split_list(self.keywords_edit.text()),
            last_verified=self._date(self.verified_check, self.verified_date),
            uid=self.record.uid if self.record else None,
            shareable=self.shareable_check.isChecked(),
            consent_listed=self.consent_listed_combo.currentData(),
            consent_shared=self.consent_shared_combo.currentData(),
            consent_source=self.consent_source_edit.text(),
            consent_date=self._date(self.consent_check, self.consent_date),
        )

    # ------------------------------------------------------------------------------------------- validation

    def _country_changed(self, _text: str) -> None:
        self._validate()

    def _validate(self) -> None:
        problems: list[str] = []  # blocking, one line each
        if not self.given_edit.text().strip() and not self.family_edit.text().strip():
            problems.append("Enter a given name or a family name.")
        country_text = self.country_combo.currentText().strip()
        country = self.country_code()
        if country_text and country is None:
            problems.append(f"'{country_text}' is not a country; choose one from the list.")

        for n, row in enumerate(self.emails.rows, 1):
            text = row.text()
            if not text:
                row.show_problem(None)
                continue
            result = check_email(text)
            if result.address is None:
                message = f"E-mail {n}: {result.problem}"
                row.show_problem(message)
                if text != row.original:
                    problems.append(message)
            else:
                row.show_problem(None)

        for n, row in enumerate(self.phones.rows, 1):
            text = row.text()
            if not text:
                row.show_problem(None)
                continue
            result = normalise_phone(text, country)
            if result.e164:
                shown = format_international(result.e164)
                row.show_problem(None, "" if shown == text else f"Will be saved as {shown}")
            else:
                where = f" for {country_name(country)}" if country else " (choose the country to read local numbers)"
                message = f"Phone {n}: {result.problem or 'not a phone number'}{where}"
                row.show_problem(message)
                if text != row.original:
                    problems.append(message)

        _codes, unknown = self._languages()
        if unknown:
            problems.append(f"Unknown language: {', '.join(unknown)}.")

        self._preview_latin(country)

        self.problems = problems
        self.problem_label.setText(problems[0] if problems else "")
        if len(problems) > 1:
            self.problem_label.setToolTip("\n".join(problems))
        else:
            self.problem_label.setToolTip("")
        self.problem_icon.setVisible(bool(problems))
        self.save_button.setEnabled(not problems and not self._saving)

    def _preview_latin(self, country: str | None) -> None:
        """The placeholders show the Latin spelling the store will compute when the fields are left empty."""
        given, family = self.given_edit.text(), self.family_edit.text()
        latin_given = latin_family = ""
        if given.strip() or family.strip():
            try:
                preview = prepare(ContactInput(given_name=given, family_name=family, country=country))
            except DirectoryError:
                preview = None
            if preview is not None:
                latin_given, latin_family = preview.latin_given_name, preview.latin_family_name
        self.latin_given_edit.setPlaceholderText(latin_given or "given name")
        self.latin_family_edit.setPlaceholderText(latin_family or "family name")

    def _reformat_phones(self) -> None:
        country = self.country_code()
        for row in self.phones.rows:
            result = normalise_phone(row.text(), country) if row.text() else None
            if result and result.e164:
                shown = format_international(result.e164)
                if shown != row.text():
                    row.edit.setText(shown)

    # ------------------------------------------------------------------------------------------- saving

    def _submit(self) -> None:
        self._send(self.submitted)

    def _submit_anyway(self) -> None:
        self._send(self.submittedAnyway)

    def _send(self, signal: SignalInstance) -> None:
        self._validate()
        if self.problems or self._saving:
            return
        self._reformat_phones()
        data = self.contact_input()
        try:
            prepare(data)  # the store checks it again when saving; this answers at once
        except DirectoryError as exc:
            self.save_failed(str(exc))
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self.problem_icon.setVisible(False)
        self.problem_label.setText("Saving…")
        signal.emit(data)

    def saved(self) -> None:
        self._saving = False
        self.accept()

    # ------------------------------------------------------------------------------------------- closing

    def has_changes(self) -> bool:
        """Whether the form holds anything other than what it opened with (a phone only reformatted is no change)."""
        return self.contact_input() != self._initial

    def reject(self) -> None:
        """Esc, Cancel and the window's close button: with unsaved changes, ask before they are thrown away; with
        none, close at once."""
        if self._discarding or not self.has_changes():
            super().reject()
            return
        self._ask_to_discard()

    def _ask_to_discard(self) -> None:
        if self._discard_box is not None:
            self._discard_box.raise_()
            return
        if self.record is None:
            detail = "The contact you typed has not been added to the directory."
        else:
            detail = f"Your changes to {self.record.display_name} have not been saved."

        def discard() -> None:
            self._discarding = True
            self.reject()

        box = ask_to_discard(self, detail, discard)
        box.finished.connect(lambda _result: setattr(self, "_discard_box", None))
        self._discard_box = box

    # ------------------------------------------------------------------------------------------- already there

    def show_existing(self, found: Sequence[tuple[ContactRecord, str]]) -> None:
        """Show the contacts already in the directory whom the form may describe ((record, why), most likely first)
        above the form, read-only; what was typed stays. The save the window asked about is not made: the user
        edits the contact already there instead, adds (saves) all the same, or hides them and goes on."""
        if not found:
            return
        self._saving = False
        self.existing.show_found(found)
        self._validate()
        self.problem_icon.setVisible(True)
        self.problem_label.setText(
            ("Not added" if self.record is None else "Not saved")
            + " yet: compare with the contact already in the directory, above."
        )
        self.form_scroll.ensureWidgetVisible(self.honorific_edit)  # the names, to compare
        first = self.existing.choice if len(found) > 1 else self.existing.edit_button
        if not first.isVisibleTo(self):
            first = self.existing.anyway_button
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _existing_hidden(self) -> None:
        if not self._saving:
            self._validate()
            self.problem_icon.setVisible(bool(self.problems))
        self.given_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edit_instead(self, record: ContactRecord) -> None:
        """Edit `record` (already in the directory) in this dialog instead of adding the contact typed: what was
        typed and the contact does not have yet (an e-mail, a phone, a role, an empty field's value) is filled in,
        nothing of theirs is replaced. Nothing is saved until Save; Esc asks before it is thrown away."""
        typed = self.contact_input()
        for entries in (self.emails, self.phones):
            for row in list(entries.rows):
                entries.rows.remove(row)
                row.hide()
                row.deleteLater()
        self.record = record
        self.setWindowTitle(f"Edit {record.display_name}")
        self.setAccessibleName(self.windowTitle())
        self._load(record)
        self._initial = self.contact_input()
        carried = self._carry_over(typed)
        self.existing.setVisible(False)
        self._validate()
        self._fix_tab_order()
        what = f" ({', '.join(carried)})" if carried else ""
        self.problem_icon.setVisible(bool(self.problems))
        self.problem_label.setText(
            self.problems[0]
            if self.problems
            else f"Editing {record.display_name}: what you typed that was missing is filled in{what}; "
            "check it and Save."
            if carried
            else f"Editing {record.display_name}: they already have everything you typed."
        )
        self.form_scroll.ensureWidgetVisible(self.honorific_edit)
        self.given_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _carry_over(self, typed: ContactInput) -> list[str]:
        """Put what `typed` holds and the form (the contact loaded) lacks into the form; what was carried, named."""
        carried: list[str] = []
        for edit, value, name in (
            (self.honorific_edit, typed.honorific, "honorific"),
            (self.position_edit, typed.position, "position"),
            (self.organisation_edit, typed.organisation, "organisation"),
            (self.city_edit, typed.city, "city"),
            (self.address_edit, typed.address, "address"),
        ):
            if value.strip() and not edit.text().strip():
                edit.setText(value.strip())
                carried.append(name)
        if typed.organisation_type and self.org_type_combo.currentData() is None:
            self.org_type_combo.setCurrentIndex(max(self.org_type_combo.findData(typed.organisation_type), 0))
            carried.append("organisation type")
        if typed.country and self.country_code() is None:
            self.set_country(typed.country)
            carried.append("country")
        have_languages = self._languages()[0]
        new_languages = [c for c in typed.languages if c not in have_languages]
        if new_languages:
            self.languages_edit.setText(", ".join(language_name(c) for c in [*have_languages, *new_languages]))
            carried.append("languages")
        have_keywords = {k.casefold() for k in _split_list(self.keywords_edit.text())}
        new_keywords = [k for k in typed.keywords if k.casefold() not in have_keywords]
        if new_keywords:
            self.keywords_edit.setText(", ".join([*_split_list(self.keywords_edit.text()), *new_keywords]))
            carried.append("keywords")
        if typed.notes.strip() and typed.notes.strip() not in self.notes_edit.toPlainText():
            old = self.notes_edit.toPlainText().rstrip()
            self.notes_edit.setPlainText(f"{old}\n{typed.notes.strip()}" if old else typed.notes.strip())
            carried.append("notes")
        have_emails = {row.text().casefold() for row in self.emails.rows if row.text()}
        emails = [e for e in typed.emails if e.address.casefold() not in have_emails]
        have_phones = {p.e164 or p.text for p in self.contact_input().phones}
        phones = [p for p in typed.phones if (p.e164 or p.text) not in have_phones]
        for entries, new, noun in ((self.emails, emails, "e-mail"), (self.phones, phones, "phone")):
            for entry in new:
                blank = next((row for row in entries.rows if not row.text()), None)
                text = entry.address if isinstance(entry, EmailEntry) else phone_text(entry)
                row = blank or entries.add_row()
                row.edit.setText(text)
                row.set_type(entry.type)
                row.private.setChecked(entry.private)
            if new:
                carried.append(noun if len(new) == 1 else f"{noun}s")
        for checklist, codes, noun in ((self.roles, typed.roles, "roles"), (self.expertise, typed.expertise,
                                                                            "expertise")):  # fmt: skip
            have = checklist.codes()
            if any(c not in have for c in codes):
                checklist.set_codes([*have, *codes])
                carried.append(noun)
        return carried

    def save_failed(self, message: str) -> None:
        """Saving did not work: say why, keep everything typed."""
        self._saving = False
        self._validate()
        self.problem_icon.setVisible(True)
        self.problem_label.setText(message[:1].upper() + message[1:])
        self.save_button.setEnabled(not self.problems)


def open_contact_dialog(
    parent: QWidget,
    record: ContactRecord | None,
    suggestions: Suggestions | None,
    on_submit: Callable[..., None],
    default_country: str | None = None,
) -> ContactDialog:
    """Create and show (window-modal, not blocking) a dialog wired to `on_submit(dialog, data, checked=False)`:
    `checked` is True when the user said the contacts already in the directory are someone else (Add Anyway)."""
    dialog = ContactDialog(record, suggestions, parent, default_country=default_country)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.submitted.connect(lambda data: on_submit(dialog, data))
    dialog.submittedAnyway.connect(lambda data: on_submit(dialog, data, checked=True))
    dialog.open()
    return dialog

"""The filter lists draw a value's name whole when it fits, elided when not: never cut by the clip."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from directory_app.ui.facets import fitted_text

NAMES = (
    "Regional Workshop on Trafficking, Bucharest 2025",
    "Seminar on Cybercrime, Skopje 2024",
    "Обука за истражни техники, Београд 2023",
    "Συνάντηση εργασίας, Θεσσαλονίκη 2022",
)


def test_the_text_drawn_fits_the_rect_at_every_width(qtbot) -> None:
    image = QImage(600, 40, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        painter.setFont(QApplication.font())
        flags = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        for name in NAMES:
            whole = painter.boundingRect(QRect(0, 0, 600, 30), flags, name).width()
            for width in range(30, whole + 3):
                rect = QRect(0, 0, width, 30)
                text = fitted_text(painter, rect, flags, name, Qt.TextElideMode.ElideRight)
                assert painter.boundingRect(rect, flags, text).width() <= width, (name, width, text)
                assert text == name or text.endswith("…"), (name, width, text)
            rect = QRect(0, 0, whole, 30)
            assert fitted_text(painter, rect, flags, name, Qt.TextElideMode.ElideRight) == name  # fits: whole
    finally:
        painter.end()


def test_the_title_says_how_many_are_selected_in_the_room_it_has(qtbot) -> None:
    """ "Country · 2 selected" beside Clear, "Country · 2" in a column too narrow for it (it read "Country · 2
    selecte"), the title alone when nothing is checked; the whole count in the tooltip."""
    from directory_app.ui.facets import FacetFilter

    facet = FacetFilter("country", "Country", "countryFilter")
    qtbot.addWidget(facet)
    facet.set_values([("BA", "Bosnia and Herzegovina"), ("RS", "Serbia"), ("HR", "Croatia")])
    facet.resize(400, 300)
    facet.show()
    qtbot.waitExposed(facet)
    facet.set_selected(["BA", "RS"])
    assert facet.title_label.text() == "Country · 2 selected"
    facet.resize(150, 300)
    qtbot.waitUntil(lambda: facet.title_label.text() == "Country · 2")
    assert facet.title_label.toolTip() == "2 selected"
    label = facet.title_label
    assert label.fontMetrics().horizontalAdvance(label.text()) + facet.clear_button.width() <= facet.width()
    facet.clear()
    assert facet.title_label.text() == "Country" and not facet.clear_button.isVisible()

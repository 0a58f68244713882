"""Windows and dialogs that fit the screen they open on: a 1024x600 netbook as well as a large monitor.

A dialog asks for the size it would like; it gets that size, or the screen's available area less a margin when
the screen is smaller, and a dialog whose content is taller than the screen scrolls (`scrolling`) instead of
putting its buttons below the screen's edge.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Room left around a dialog for the window frame and title bar, which availableGeometry() does not count.
_FRAME_MARGIN = 48


def available_area(widget: QWidget) -> QRect | None:
    """The available geometry of the screen `widget` is on (or the primary screen); None without a screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to `width` x `height`, or to the screen's available area less a margin when it is
    smaller; a minimum size larger than the screen is lowered to fit (the content scrolls, see `scrolling`)."""
    area = available_area(widget)
    if area is None:
        widget.resize(width, height)
        return
    max_width = max(200, area.width() - _FRAME_MARGIN)
    max_height = max(200, area.height() - _FRAME_MARGIN)
    minimum = widget.minimumSize()
    if minimum.width() > max_width or minimum.height() > max_height:
        widget.setMinimumSize(min(minimum.width(), max_width), min(minimum.height(), max_height))
    widget.resize(min(width, max_width), min(height, max_height))


def centre_on_screen(widget: QWidget) -> None:
    """Move `widget` (a window sized by `fit_to_screen`, not shown yet) to the middle of its screen's available area,
    its frame and title bar on the screen too: a dialog is otherwise centred over its parent, which can put a
    large one partly off a small screen (Qt keeps only its top left corner on it)."""
    area = available_area(widget)
    if area is None:
        return
    x = area.x() + max(0, (area.width() - widget.width()) // 2)
    y = area.y() + max(0, (area.height() - widget.height() - _FRAME_MARGIN) // 2)
    widget.move(x, y)


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area that scrolls only when the window is too small to show it whole."""
    area = QScrollArea()
    area.setObjectName(f"{content.objectName() or 'content'}Scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    return area

"""Icons drawn as SVG in resources/icons. Monochrome ones use `currentColor`, painted in the palette's text
colour so they suit light and dark themes; they are rendered at several sizes, sharp at any DPI."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from directory_app.core.paths import RESOURCES

ICON_DIR = RESOURCES / "icons"
_SIZES = (16, 20, 24, 32, 48, 64)


def app_icon() -> QIcon:
    return QIcon(str(ICON_DIR / "app.svg"))


@cache
def _svg(name: str) -> str:
    return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")


@cache
def _icon(name: str, color: str, disabled_color: str) -> QIcon:
    icon = QIcon()
    for mode, fill in ((QIcon.Mode.Normal, color), (QIcon.Mode.Disabled, disabled_color)):
        renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", fill).encode("utf-8")))
        for size in _SIZES:
            image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            icon.addPixmap(QPixmap.fromImage(image), mode)
    return icon


def themed_icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The monochrome icon `name` in the palette's button text colour (the application palette by default)."""
    palette = palette or QApplication.palette()
    color: QColor = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled: QColor = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    return _icon(name, color.name(), disabled.name())

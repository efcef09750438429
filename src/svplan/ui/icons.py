"""Icons: the app icon and our own set of toolbar and button icons, all prebuilt PNGs.

The set is drawn by us (resources/icons/set/NAME.svg: one style, so Windows, Linux and the
screenshots look the same); `python -m svplan.ui.icons` renders each to
resources/icons/png/NAME-SIZE.png and regenerates svplan.png and the multi-size svplan.ico the
Windows installer uses (ICO written by hand: BMP entries, PNG for 256 px) from svplan.svg. The
running app only loads the prebuilt PNGs: no SVG rendering (and no QtSvg) at run time.
"""

from __future__ import annotations

import struct
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from svplan import PACKAGE_DIR

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)


def icons_folder() -> Path:
    return PACKAGE_DIR / "resources" / "icons"


def render_svg(path: Path, size: int) -> QImage:
    """The SVG drawn into a transparent square image (for the icon generator only)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(str(path))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


@cache
def app_icon() -> QIcon:
    """The application icon, from the prebuilt files (empty icon if they are missing).

    svplan.ico holds the icon drawn at each size from 16 to 256 px (crisp small sizes); the
    256 px PNG is the fallback where Qt has no ICO reader.
    """
    folder = icons_folder()
    ico, png = folder / "svplan.ico", folder / "svplan.png"
    icon = QIcon(str(ico)) if ico.is_file() else QIcon()
    if not icon.availableSizes() and png.is_file():
        icon = QIcon(str(png))
    return icon


SET_SIZES = (16, 24, 32, 48)  # pixels; Qt scales the next size up for 20, 30, 36 (150%)
_FALLBACK = {  # only if a PNG is missing (a broken installation): the style's own icon
    "undo": "SP_ArrowBack",
    "redo": "SP_ArrowForward",
    "add": "SP_FileDialogNewFolder",
    "remove": "SP_TrashIcon",
}  # names, not values: QStyle's enums are built on first use (~3 ms), never on a good install


def set_folder() -> Path:
    return icons_folder() / "set"


def png_folder() -> Path:
    return icons_folder() / "png"


def icon_names() -> list[str]:
    """The names of our icon set (one SVG each)."""
    return sorted(p.stem for p in set_folder().glob("*.svg"))


@cache
def icon(name: str) -> QIcon:
    """One of our icons (new, open, save, undo, redo, bid, export, add, calendar, …)."""
    found = QIcon()
    for size in SET_SIZES:
        path = png_folder() / f"{name}-{size}.png"
        if path.is_file():
            found.addFile(str(path), QSize(size, size))  # sized: read when first drawn, not now
    if not found.isNull():
        return found
    from PySide6.QtWidgets import QStyle  # its enums cost ~3 ms to build: only when needed

    app = QApplication.instance()
    standard = getattr(QStyle.StandardPixmap, _FALLBACK.get(name, "SP_FileIcon"))
    return app.style().standardIcon(standard) if isinstance(app, QApplication) else QIcon()


# Generating the icon files (the app itself only reads them) ----------------------------------


def png_bytes(image: QImage) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _dib_bytes(image: QImage) -> bytes:
    """An ICO entry as a 32-bit BMP (BGRA rows bottom-up, then the 1-bit AND mask)."""
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    w, h = image.width(), image.height()
    header = struct.pack("<IiiHHIIiiII", 40, w, h * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(h - 1, -1, -1):
        line = image.constScanLine(y)
        rows.append(bytes(line)[: w * 4])  # ARGB32 is B,G,R,A in memory on little-endian
    mask_row = b"\x00" * (((w + 31) // 32) * 4)
    return header + b"".join(rows) + mask_row * h


def ico_bytes(images: list[QImage]) -> bytes:
    """A Windows .ico holding each image (BMP for small sizes, PNG for 256 px)."""
    entries = [(img, png_bytes(img) if img.width() >= 256 else _dib_bytes(img)) for img in images]
    out = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    for img, data in entries:
        size = img.width()
        byte = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", byte, byte, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in entries)


def write_icon_files(folder: Path | None = None) -> list[Path]:
    """Regenerate svplan.png (256 px) and svplan.ico (16-256 px) from svplan.svg, and the PNGs
    of the icon set (png/NAME-SIZE.png) from set/NAME.svg."""
    folder = folder or icons_folder()
    svg = icons_folder() / "svplan.svg"
    png = folder / "svplan.png"
    ico = folder / "svplan.ico"
    png.write_bytes(png_bytes(render_svg(svg, 256)))
    ico.write_bytes(ico_bytes([render_svg(svg, s) for s in ICO_SIZES]))
    return [png, ico, *write_set_pngs(folder / "png")]


def write_set_pngs(out: Path) -> list[Path]:
    """Render every icon of the set at each size in SET_SIZES (old PNGs are replaced)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    written = []
    for name in icon_names():
        for size in SET_SIZES:
            path = out / f"{name}-{size}.png"
            path.write_bytes(png_bytes(render_svg(set_folder() / f"{name}.svg", size)))
            written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication([])
    for written in write_icon_files():
        print(written)

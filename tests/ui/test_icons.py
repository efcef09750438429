"""The app icon: SVG source, PNG and a multi-size Windows .ico for the installer."""

from __future__ import annotations

import struct

from PySide6.QtGui import QImageReader

from svplan.ui.icons import ICO_SIZES, app_icon, ico_bytes, icon, icons_folder, render_svg


def test_icon_files_are_shipped() -> None:
    folder = icons_folder()
    for name in ("svplan.svg", "svplan.png", "svplan.ico"):
        assert (folder / name).is_file(), name


def test_ico_holds_every_size(qtbot) -> None:
    data = (icons_folder() / "svplan.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(ICO_SIZES))
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _planes, bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        sizes.append(width or 256)
        assert bpp == 32 and offset + length <= len(data)
    assert sizes == list(ICO_SIZES)
    reader = QImageReader(str(icons_folder() / "svplan.ico"))
    assert reader.imageCount() == len(ICO_SIZES)


def test_written_ico_reads_back(qtbot, tmp_path) -> None:
    images = [render_svg(icons_folder() / "svplan.svg", s) for s in (16, 32, 256)]
    path = tmp_path / "x.ico"
    path.write_bytes(ico_bytes(images))
    reader = QImageReader(str(path))
    assert reader.imageCount() == 3
    first = reader.read()
    assert first.width() == 16 and not first.isNull()


def test_app_and_toolbar_icons(qtbot) -> None:
    assert not app_icon().isNull()
    assert 256 in [s.width() for s in app_icon().availableSizes()]
    for name in ("new", "open", "save", "undo", "redo", "export", "add", "remove"):
        assert not icon(name).isNull(), name

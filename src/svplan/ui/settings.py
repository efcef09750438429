"""User settings kept between sessions (QSettings, INI format in the user's profile)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from svplan import ORG_NAME

MAX_RECENT = 10


class Settings:
    """Typed access to the few things the app remembers: window layout, files, options."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, "svplan"
        )

    @property
    def qsettings(self) -> QSettings:
        return self._s

    def sync(self) -> None:
        self._s.sync()

    # Window layout ------------------------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, data: QByteArray) -> None:
        self._s.setValue("window/geometry", data)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, data: QByteArray) -> None:
        self._s.setValue("window/state", data)

    def splitter_state(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def set_splitter_state(self, data: QByteArray) -> None:
        self._s.setValue("window/splitter", data)

    # Files ------------------------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Recently opened plans, newest first, files that no longer exist left out."""
        raw = self._s.value("files/recent", [])
        if isinstance(raw, str):
            raw = [raw]
        paths = [Path(p) for p in (raw or []) if isinstance(p, str) and p]
        existing = [p for p in paths if p.is_file()][:MAX_RECENT]
        if len(existing) != len(paths):
            self._store_recent(existing)
        return existing

    def add_recent_file(self, path: Path) -> None:
        path = Path(path).absolute()
        paths = [p for p in self.recent_files() if _key(p) != _key(path)]
        self._store_recent([path, *paths][:MAX_RECENT])

    def remove_recent_file(self, path: Path) -> None:
        self._store_recent([p for p in self.recent_files() if _key(p) != _key(Path(path))])

    def clear_recent_files(self) -> None:
        self._store_recent([])

    def _store_recent(self, paths: list[Path]) -> None:
        self._s.setValue("files/recent", [str(p) for p in paths])

    def last_folder(self) -> Path | None:
        value = self._s.value("files/last_folder", "")
        return Path(value) if isinstance(value, str) and value and Path(value).is_dir() else None

    def set_last_folder(self, folder: Path) -> None:
        self._s.setValue("files/last_folder", str(folder))

    # Catalogue and export -------------------------------------------------------------------

    def last_catalogue(self) -> Path | None:
        """The council catalogue file chosen with 'Use another catalogue…', if any."""
        value = self._s.value("catalogue/path", "")
        return Path(value) if isinstance(value, str) and value else None

    def set_last_catalogue(self, path: Path | None) -> None:
        self._s.setValue("catalogue/path", str(path) if path is not None else "")

    def open_after_export(self) -> bool:
        return _bool(self._s.value("export/open_after", False))

    def set_open_after_export(self, on: bool) -> None:
        self._s.setValue("export/open_after", bool(on))


def _key(path: Path) -> str:
    return str(path.absolute()).casefold()


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)

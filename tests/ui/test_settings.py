"""Settings: recent files (newest first, at most 10, missing ones pruned), options."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from svplan.ui.settings import MAX_RECENT, Settings


def test_recent_files_newest_first_unique_and_capped(settings: Settings, tmp_path: Path) -> None:
    paths = []
    for i in range(MAX_RECENT + 3):
        path = tmp_path / f"plan{i}.svplan"
        path.write_text("svplan: 1\n", "utf-8")
        paths.append(path)
        settings.add_recent_file(path)
    settings.add_recent_file(paths[5])
    recent = settings.recent_files()
    assert len(recent) == MAX_RECENT
    assert recent[0] == paths[5]
    assert recent[1] == paths[-1]
    assert len(set(recent)) == len(recent)


def test_missing_recent_files_are_pruned(settings: Settings, tmp_path: Path) -> None:
    kept = tmp_path / "kept.svplan"
    kept.write_text("svplan: 1\n", "utf-8")
    settings.add_recent_file(tmp_path / "gone.svplan")
    settings.add_recent_file(kept)
    assert settings.recent_files() == [kept]
    assert settings.qsettings.value("files/recent") in ([str(kept)], str(kept))


def test_options_round_trip(tmp_path: Path) -> None:
    ini = str(tmp_path / "s.ini")
    first = Settings(QSettings(ini, QSettings.Format.IniFormat))
    first.set_open_after_export(True)
    first.set_last_catalogue(tmp_path / "council.yaml")
    first.set_last_folder(tmp_path)
    first.sync()
    second = Settings(QSettings(ini, QSettings.Format.IniFormat))
    assert second.open_after_export() is True
    assert second.last_catalogue() == tmp_path / "council.yaml"
    assert second.last_folder() == tmp_path
    second.set_last_catalogue(None)
    assert second.last_catalogue() is None


def test_default_settings_use_the_private_test_folder(tmp_path: Path) -> None:
    settings = Settings()
    assert "qsettings" in settings.qsettings.fileName()

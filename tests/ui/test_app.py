"""App entry points: startup catalogue choice and the installation self-test."""

from __future__ import annotations

import pytest

from svplan.core.catalogue import default_catalogue_path
from svplan.core.errors import CatalogueError
from svplan.ui import app


def test_startup_catalogue_explicit_path_must_load(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("nonsense: [", "utf-8")
    with pytest.raises(CatalogueError):
        app.startup_catalogue(bad, None)


def test_startup_catalogue_remembered_one_falls_back(tmp_path, lancashire) -> None:
    catalogue, note = app.startup_catalogue(None, tmp_path / "missing.yaml")
    assert catalogue.info.id == lancashire.info.id
    assert note.startswith("Using the built-in catalogue")
    catalogue, note = app.startup_catalogue(None, None)
    assert note == ""


def test_self_test_prints_ok(qtbot, capsys) -> None:
    if not default_catalogue_path().is_file():
        pytest.skip("the Lancashire catalogue is not there yet")
    code = app.self_test()
    out = capsys.readouterr().out.strip()
    assert code == 0, out
    assert out == "OK"

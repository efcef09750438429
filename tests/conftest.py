"""Shared fixtures. Tests never touch the user's real folders or settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
MINI_CATALOGUE = DATA / "catalogues" / "mini.yaml"
SAMPLE_PLAN = ROOT / "examples" / "sample.svplan"


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point platformdirs' per-user folders (logs, recovery copies, settings) at a temp folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture(scope="session")
def mini_catalogue():
    from svplan.core.catalogue import load_catalogue

    return load_catalogue(MINI_CATALOGUE)


@pytest.fixture(scope="session")
def lancashire():
    from svplan.core.catalogue import load_default_catalogue

    return load_default_catalogue()

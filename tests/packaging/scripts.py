"""The packaging scripts, imported as modules for the tests.

They run as `python packaging/NAME.py`, so packaging/ is their first import folder and they
import each other by their plain names (gui_check from check_installer, check_installer from
icu_stub and build_installer). The tests import them the same way, each module once.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    """packaging/NAME.py as the module NAME (packaging/ goes last on sys.path: it shadows
    nothing)."""
    if str(PACKAGING) not in sys.path:
        sys.path.append(str(PACKAGING))
    return importlib.import_module(name)

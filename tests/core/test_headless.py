"""The core, the export and the headless commands must run with no Qt at all."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import MINI_CATALOGUE

PROBE = """
import sys
import svplan.core.catalogue, svplan.core.plan, svplan.core.planio, svplan.core.checks
import svplan.core.schema, svplan.export, svplan.cli
from svplan.cli import main
code = main(sys.argv[1:])
assert code in (0, 1), code
bad = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print("QT:" + ",".join(bad))
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["--catalogue", str(MINI_CATALOGUE), "measures"],
        ["--catalogue", str(MINI_CATALOGUE), "partners", "NT3"],
        ["schema"],
    ],
)
def test_headless_paths_do_not_import_qt(argv):
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().endswith("QT:")


def test_no_core_or_export_module_mentions_pyside():
    from tests.conftest import ROOT

    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("core", "export")
        for p in (ROOT / "src" / "svplan" / folder).rglob("*.py")
        if "PySide6" in p.read_text(encoding="utf-8")
    ]
    offenders += [] if "PySide6" not in (ROOT / "src/svplan/cli.py").read_text() else ["cli.py"]
    assert offenders == []

"""The Qt binding itself: a PySide6 build that breaks reference counts kills long sessions."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and True are immortal from 3.12")
def test_calling_qt_methods_leaves_none_and_true_alone(qtbot):
    """PySide6 6.12.0 under Python 3.11 released None once per call of a method returning
    nothing; after a few thousand edits the interpreter freed None and aborted."""
    obj = QObject()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2_000):
        obj.setObjectName("x")
        obj.blockSignals(False)
    assert sys.getrefcount(None) - none_before in range(-5, 6)
    assert sys.getrefcount(True) - true_before in range(-5, 6)

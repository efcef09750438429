"""make installer-check: inspect the Windows installer and run its Windows Python under wine.

Runs with the project's Linux venv (.venv: python-docx, and svplan itself to read the sample
plan and to export it on Linux for comparison). Each check prints PASS or FAIL with what it
looked at; the last line is "installer-check: N passed, N failed"; any failure exits 1.

1. The file: dist/SocialValuePlanBuilder-<version>-setup.exe, within the size budget, and
   `file` calls it a Nullsoft installer.
2. `7z l`: the app package (pkgs/svplan/..., every file of src/svplan), the catalogue, the
   embeddable Python, Qt6Core/Gui/Widgets and the Windows platform plugin, the launchers; and
   none of what the build strips (PySide6-Addons, QML, translations, tools, *.pyi).
3. Under wine64 (Debian's, headless, own prefix in packaging/build/wineprefix), with the
   payload unpacked by `7z x` exactly as the installer lays it out in the install folder:
   - the bundled python.exe imports every dependency (the compiled ones included);
   - the launchers work: bin\\svplan.exe (the `svplan` command, distlib launcher ->
     Python\\python.exe with pkgs on sys.path) and launch_svplan.pyw (the Start-menu/.svplan
     launcher, its sys.path set-up) print the version;
   - `python -m compileall pkgs` (what the installer runs) succeeds;
   - `svplan check SAMPLE` gives the same exit code and output as on Linux;
   - `svplan export SAMPLE -o out.docx` writes a .docx that python-docx (Linux) opens, with
     the cover title and a heading for every commitment code of the sample plan, and the
     same headings as the Linux export of the same plan.
   This proves the Windows build of everything but Qt: Qt6Core.dll needs Windows' own ICU
   (icuuc.dll), which wine does not have. `make installer-gui-check` (packaging/gui_check.py)
   installs the real setup.exe and starts the window with a test-only ICU stand-in; Windows'
   real ICU, DPI scaling and fonts only the Windows workflow sees (.github/workflows/windows.yml).

Two things about wine 8 (Debian 12) that this script works around, only in its own prefix:
- a Windows console program whose stdin/stdout/stderr are Unix pipes or files cannot set up
  Python's standard streams ("init_sys_streams ... Invalid handle"), so every command runs
  from a .cmd file with cmd.exe doing the redirection to files;
- wine 8 has no bcryptprimitives.dll (Windows 8 and later do; wine 9 added it), which
  pydantic-core (Rust) imports for ProcessPrng: the check puts a code-less forwarder DLL
  (ProcessPrng -> advapi32.SystemFunction036, i.e. RtlGenRandom) into the prefix's
  system32. It is never part of the installer.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import build_installer
from icu_stub import SECTION_RVA, export_table, pe_image

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "packaging" / "build"
CHECK = BUILD / "check"
PREFIX = BUILD / "wineprefix"
SRC_PKG = ROOT / "src" / "svplan"
DEFAULT_SAMPLE = ROOT / "examples" / "sample.svplan"
MAX_BYTES = int(float(os.environ.get("SVPLAN_INSTALLER_MAX_MB", "80")) * 1_000_000)
COVER_TITLE = "Social Value Delivery Plan"

PY_VERSION = "3.11.9"
REQUIRED = [
    "pkgs/svplan/__init__.py",
    "pkgs/svplan/cli.py",
    "pkgs/svplan/data/lancashire-toms.yaml",
    "pkgs/svplan/resources/sample.svplan",
    "Python/python.exe",
    "Python/pythonw.exe",
    "Python/python311.dll",
    "Python/python311.zip",
    "pkgs/PySide6/Qt6Core.dll",
    "pkgs/PySide6/Qt6Gui.dll",
    "pkgs/PySide6/Qt6Widgets.dll",
    "pkgs/PySide6/plugins/platforms/qwindows.dll",
    "pkgs/PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "pkgs/PySide6/plugins/imageformats/qico.dll",
    "pkgs/PySide6/plugins/imageformats/qsvg.dll",
    "pkgs/shiboken6/Shiboken.pyd",
    "bin/svplan.exe",
    "launch_svplan.pyw",
    "svplan.ico",
    "uninstall.exe",
]
FORBIDDEN = [
    (r"(^|/)PySide6_Addons", "PySide6-Addons"),
    (r"^pkgs/PySide6/Qt6(WebEngine|Quick|Qml|Designer|3D|Multimedia)", "unused Qt modules"),
    (r"^pkgs/PySide6/(translations|qml|metatypes|typesystems|include|resources)/", "Qt extras"),
    (r"^pkgs/PySide6/[^/]+\.exe$", "Qt tools"),
    (r"^pkgs/PySide6/opengl32sw\.dll$", "software OpenGL"),
    (r"\.pyi$", "type stubs"),
    (r"(^|/)__pycache__/", "bytecode caches"),
    (r"(?i)(^|/)icu[^/]*\.dll$", "ICU DLLs (Windows has its own; the wine stand-in is test-only)"),
]

# Imported by the bundled python.exe; versions printed for the log.
PROBE = r"""
import importlib.metadata as md, json, os, sys
import svplan, svplan.cli
import yaml, pydantic, pydantic_core, docx, lxml.etree, platformdirs, shiboken6, openpyxl
pkgs = [p for p in sys.path if os.path.basename(p.rstrip("\\/")) == "pkgs"]
print(json.dumps({
    "python": sys.version.split()[0],
    "machine": __import__("platform").machine(),
    "pkgs_on_path": pkgs,
    "svplan": svplan.__version__,
    "pydantic": pydantic.VERSION,
    "pydantic_core": pydantic_core.__version__,
    "libyaml": bool(yaml.__with_libyaml__),
    "lxml": ".".join(map(str, lxml.etree.LXML_VERSION)),
    "python-docx": md.version("python-docx"),
    "platformdirs": platformdirs.__version__,
    "openpyxl": openpyxl.__version__,
    "shiboken6": shiboken6.__version__,
    "user_data_dir": platformdirs.user_data_dir("svplan", appauthor=False),
    "user_log_dir": platformdirs.user_log_dir("svplan", appauthor=False),
}))
"""


class Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def record(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"  {'PASS' if ok else 'FAIL'}  {what}" + (f": {detail}" if detail else ""))
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        sys.stdout.flush()
        return ok

    def finish(self, name: str) -> int:
        """The last line, "NAME: N passed, N failed", and the exit status (1 on any failure)."""
        print(f"{name}: {self.passed} passed, {self.failed} failed")
        if self.failed:
            print(f"{name}: FAILED (see the FAIL lines above)", file=sys.stderr)
            return 1
        return 0


def shown(path: Path) -> str:
    """A path relative to the repository when it is inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def section(title: str) -> None:
    print(f"==> {title}", flush=True)


def app_version() -> str:
    try:
        return build_installer.app_version()  # the version the installer was built with
    except build_installer.BuildError as exc:
        raise SystemExit(f"installer-check: {exc}") from None


def need_tool(name: str, *fallbacks: str) -> str:
    for candidate in (shutil.which(name), *fallbacks):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit(
        f"installer-check: {name} not found. Install it with `bash packaging/sysdeps.sh "
        "installer` (as root), or run `make installer-check`, which does."
    )


def forwarder_dll(dll_name: str, exports: dict[str, str]) -> bytes:
    """A PE32+ (x64) DLL without code whose exports forward to 'module.Function'."""
    names = sorted(exports)
    edata = export_table(dll_name, names, [exports[name] for name in names], SECTION_RVA)
    return pe_image(edata, SECTION_RVA, len(edata), code=False, image_base=0x180000000)


def winpath(path: Path) -> str:
    """Wine maps the Unix root to drive Z:."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


class Wine:
    def __init__(self, wine64: str, workdir: Path) -> None:
        self.wine64 = wine64
        self.workdir = workdir
        self.env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
        self.env.update(
            WINEPREFIX=str(PREFIX),
            WINEDEBUG="-all",
            # no Mono/Gecko install prompts, no menu entries or file types on this Linux desktop
            WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d",
        )
        self.count = 0

    def init_prefix(self) -> str:
        PREFIX.mkdir(parents=True, exist_ok=True)
        out = subprocess.run(
            [self.wine64, "wineboot", "--init"],
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        system32 = PREFIX / "drive_c" / "windows" / "system32"
        if not system32.is_dir():
            raise SystemExit(
                f"installer-check: wine did not create {system32} (wineboot exit "
                f"{out.returncode}): {out.stderr.strip()[-800:]}"
            )
        shim = system32 / "bcryptprimitives.dll"
        if not shim.exists():  # wine 9+ ships its own
            shim.write_bytes(
                forwarder_dll("bcryptprimitives.dll", {"ProcessPrng": "advapi32.SystemFunction036"})
            )
        version = subprocess.run(
            [self.wine64, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        return version or "wine64"

    def run(self, exe: Path, *args: str, timeout: int = 300) -> tuple[int, str, str]:
        """Run a Windows console program in workdir; returns (exit code, stdout, stderr)."""
        self.count += 1
        out, err = self.workdir / f"cmd{self.count}.out", self.workdir / f"cmd{self.count}.err"
        quoted = " ".join(f'"{a}"' if (" " in a or not a) else a for a in args)
        script = self.workdir / f"cmd{self.count}.cmd"
        script.write_text(
            f'@cd /d "{winpath(self.workdir)}"\r\n'
            f'@"{winpath(exe)}" {quoted} > "{out.name}" 2> "{err.name}" < NUL\r\n'
            "@exit /b %ERRORLEVEL%\r\n",
            encoding="ascii",
        )
        proc = subprocess.run(
            [self.wine64, "cmd", "/c", winpath(script)],
            cwd=self.workdir,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )

        def read(path: Path) -> str:
            if not path.exists():
                return ""
            return path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").strip()

        return proc.returncode, read(out), read(err)

    def stop(self) -> None:
        """End this prefix's wineserver (and so any program of ours still running in it)."""
        for candidate in (
            shutil.which("wineserver"),
            "/usr/lib/wine/wineserver64",
            "/usr/lib/wine/wineserver",
        ):
            if candidate and Path(candidate).exists():
                subprocess.run([candidate, "-k"], env=self.env, capture_output=True, check=False)
                return


# Checks -----------------------------------------------------------------------------------------


def check_file(checks: Checks, exe: Path) -> None:
    size = exe.stat().st_size
    checks.record(
        size <= MAX_BYTES,
        "size within budget",
        f"{size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) <= {MAX_BYTES / 1e6:.0f} MB",
    )
    kind = subprocess.run(
        [need_tool("file"), "-b", str(exe)], capture_output=True, text=True, check=False
    ).stdout.strip()
    checks.record("Nullsoft Installer" in kind, "file(1) says it is a Nullsoft installer", kind)


def listing(exe: Path) -> list[str]:
    out = subprocess.run(
        [need_tool("7z"), "l", "-slt", "-ba", str(exe)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"installer-check: 7z cannot list {exe}: {out.stderr.strip()}")
    paths = [
        line[7:].replace("\\", "/")
        for line in out.stdout.splitlines()
        if line.startswith("Path = ")
    ]
    return sorted(set(paths))


def check_listing(checks: Checks, paths: list[str]) -> None:
    present = set(paths)
    print(f"    7z lists {len(present)} entries")
    missing = [p for p in REQUIRED if p not in present]
    checks.record(
        not missing,
        f"7z l shows the {len(REQUIRED)} key files (svplan package, catalogue, Python, Qt6Core...)",
        "missing " + ", ".join(missing) if missing else "e.g. " + ", ".join(REQUIRED[2:7]),
    )
    src = [
        "pkgs/svplan/" + p.relative_to(SRC_PKG).as_posix()
        for p in SRC_PKG.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    ]
    absent = [p for p in src if p not in present]
    checks.record(
        not absent,
        f"every file of src/svplan is in the installer ({len(src)} files)",
        ("missing (rebuild with make installer?): " + ", ".join(absent[:8])) if absent else "",
    )
    bad = []
    for pattern, what in FORBIDDEN:
        hits = [p for p in paths if re.search(pattern, p)]
        if hits:
            bad.append(f"{what}: {hits[0]} (+{len(hits) - 1})")
    checks.record(
        not bad, "no stripped files (Addons, QML, translations, tools, stubs)", "; ".join(bad)
    )


def unpack(exe: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    out = subprocess.run(
        [need_tool("7z"), "x", "-y", f"-o{target}", str(exe)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"installer-check: 7z x failed: {out.stderr.strip()[-800:]}")


def paragraphs(document) -> list:
    """Body paragraphs, including those inside (nested) tables, in order."""
    out = []

    def walk_table(table) -> None:
        for row in table.rows:
            for cell in row.cells:
                out.extend(cell.paragraphs)
                for inner in cell.tables:
                    walk_table(inner)

    out.extend(document.paragraphs)
    for table in document.tables:
        walk_table(table)
    return out


def is_heading(paragraph) -> bool:
    style = paragraph.style
    while style is not None:
        if style.name and style.name.lower().startswith(("heading", "title")):
            return True
        ppr = style.element.pPr
        if ppr is not None and ppr.find(f"{{{W_NS}}}outlineLvl") is not None:
            return True
        style = style.base_style
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(f"{{{W_NS}}}outlineLvl") is not None


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def headings_of(path: Path) -> tuple[list[str], list[str]]:
    import docx

    document = docx.Document(str(path))
    paras = paragraphs(document)
    texts = [p.text.strip() for p in paras if p.text.strip()]
    heads = [p.text.strip() for p in paras if p.text.strip() and is_heading(p)]
    return texts, heads


def check_real_commands(
    checks: Checks, wine: Wine, svplan_exe: Path, sample: Path, workdir: Path
) -> None:
    from svplan.core.planio import load_plan

    local = workdir / sample.name
    shutil.copy2(sample, local)
    codes = load_plan(local).plan.codes
    print(f"    sample {shown(sample)}: commitments {', '.join(codes)}")

    linux = subprocess.run(
        [sys.executable, "-m", "svplan", "check", local.name],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    code, out, err = wine.run(svplan_exe, "check", local.name)
    same = (code, out) == (linux.returncode, linux.stdout.replace("\r\n", "\n").strip())
    checks.record(
        code in (0, 1) and same,
        f"svplan check {local.name} (wine) matches Linux",
        f"exit {code} (Linux {linux.returncode}); {err.splitlines()[-1] if err else out[-200:]}"
        + (
            ""
            if same
            else f"\n      wine stdout: {out[-600:]!r}\n      linux stdout: "
            f"{linux.stdout.strip()[-600:]!r}\n      wine stderr: {err[-600:]!r}"
        ),
    )

    win_docx = workdir / "sample-windows.docx"
    win_docx.unlink(missing_ok=True)
    code, out, err = wine.run(svplan_exe, "export", local.name, "-o", win_docx.name)
    wrote = code == 0 and win_docx.is_file() and win_docx.stat().st_size > 0
    checks.record(
        wrote,
        f"svplan export {local.name} -o {win_docx.name} (wine)",
        f"exit {code}, {win_docx.stat().st_size if win_docx.exists() else 0} bytes"
        + ("" if wrote else f"; stdout {out[-400:]!r}; stderr {err[-800:]!r}"),
    )
    if not wrote:
        return
    try:
        texts, heads = headings_of(win_docx)
    except Exception as exc:
        checks.record(False, "python-docx (Linux) opens the Windows-written .docx", repr(exc))
        return
    checks.record(
        True, "python-docx (Linux) opens the Windows-written .docx", f"{len(texts)} paragraphs"
    )
    checks.record(
        any(COVER_TITLE in t for t in texts), f'cover title "{COVER_TITLE}" is in the document'
    )
    missing = [
        c for c in codes if not any(re.search(rf"\b{re.escape(c)}\b", h, re.I) for h in heads)
    ]
    checks.record(
        bool(codes) and not missing,
        f"a heading for each of the {len(codes)} commitment codes",
        ("no heading for " + ", ".join(missing)) if missing else ", ".join(codes),
    )
    linux_docx = workdir / "sample-linux.docx"
    linux_docx.unlink(missing_ok=True)
    made = subprocess.run(
        [sys.executable, "-m", "svplan", "export", local.name, "-o", linux_docx.name],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        checks.record(False, "Linux export for comparison", made.stderr.strip()[-400:])
        return
    _, linux_heads = headings_of(linux_docx)
    checks.record(
        heads == linux_heads,
        "same headings as the Linux export of the same plan",
        f"{len(heads)} headings" if heads == linux_heads else f"{heads} vs {linux_heads}",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--installer", type=Path, help="default: dist/SocialValuePlanBuilder-<version>-setup.exe"
    )
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE, help="plan for check/export")
    parser.add_argument(
        "--mechanics-only",
        action="store_true",
        help="skip svplan check/export of the sample (only imports, launchers, compileall)",
    )
    args = parser.parse_args(argv)
    version = app_version()
    exe = args.installer or ROOT / "dist" / f"SocialValuePlanBuilder-{version}-setup.exe"
    if not exe.is_file():
        raise SystemExit(f"installer-check: {shown(exe)} not found: run `make installer` first")
    checks = Checks()

    section(f"Installer file {shown(exe)}")
    check_file(checks, exe)

    section("Contents (7z l)")
    check_listing(checks, listing(exe))

    section("Unpacking the payload (7z x), laid out as in the install folder")
    payload = CHECK / "payload"
    unpack(exe, payload)
    print(f"    {shown(payload)}")
    python_exe = payload / "Python" / "python.exe"
    svplan_exe = payload / "bin" / "svplan.exe"
    workdir = CHECK / "work"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)

    wine64 = need_tool("wine64", "/usr/lib/wine/wine64")
    wine = Wine(wine64, workdir)
    section(f"Windows Python under wine (prefix {shown(PREFIX)}, no display)")
    try:
        print(f"    {wine.init_prefix()}; test-only bcryptprimitives.dll forwarder in the prefix")
        probe = workdir / "probe.py"
        probe.write_text(PROBE, encoding="utf-8")
        code, out, err = wine.run(python_exe, probe.name)
        try:
            info = json.loads(out.splitlines()[-1]) if code == 0 and out else {}
        except (ValueError, IndexError):
            info = {}
        ok = (
            bool(info)
            and info["python"] == PY_VERSION
            and info["svplan"] == version
            and info["libyaml"]
            and bool(info["pkgs_on_path"])
        )
        checks.record(
            ok,
            "python.exe imports svplan and every dependency (pydantic-core, libyaml, lxml...)",
            json.dumps(info) if info else f"exit {code}: {err[-1200:]}",
        )
        code, out, err = wine.run(svplan_exe, "--version")
        checks.record(
            code == 0 and out == f"svplan {version}",
            "bin\\svplan.exe --version (the installed `svplan` command)",
            out or err[-600:],
        )
        launcher = payload / "launch_svplan.pyw"
        code, out, err = wine.run(python_exe, winpath(launcher), "--version")
        checks.record(
            code == 0 and out == f"svplan {version}",
            "launch_svplan.pyw --version (the Start-menu/.svplan launcher, run by python.exe)",
            out or err[-600:],
        )
        code, out, err = wine.run(python_exe, "-m", "compileall", "-q", winpath(payload / "pkgs"))
        checks.record(
            code == 0,
            "python -m compileall pkgs (as the installer does)",
            "ok" if code == 0 else (out + err)[-800:],
        )
        if args.mechanics_only:
            print("  SKIP  svplan check/export of the sample (--mechanics-only)")
        elif not args.sample.is_file():
            checks.record(False, "sample plan", f"{args.sample} not found")
        else:
            check_real_commands(checks, wine, svplan_exe, args.sample.resolve(), workdir)
    finally:
        wine.stop()

    return checks.finish("installer-check")


if __name__ == "__main__":
    sys.exit(main())

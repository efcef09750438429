"""make installer-gui-check: install the real setup.exe under wine and see the app's window.

Run by `make installer-gui-check` (after `make installer`) with the project venv, under
`xvfb-run -a`. Each check prints PASS or FAIL; the last line is
"installer-gui-check: N passed, N failed"; any failure exits 1 and prints the app's logs.

1. A fresh wine prefix (packaging/build/gui-check/prefix), reporting Windows 10.
2. `setup.exe /S`: the real installer, silently, as a user's machine gets it. The installer is a
   32-bit NSIS program and Debian 12's wine64 runs 32-bit programs only in its WoW64 mode, which
   needs wine's 32-bit Windows DLLs: they come from Debian's libwine:i386 package (the same
   version as wine64), fetched by apt-get into packaging/cache/ and unpacked into
   packaging/build/ (nothing is installed system-wide; WINEDLLPATH points wine at them).
3. A TEST-ONLY stand-in icuuc.dll in the prefix's system32 (packaging/icu_stub.py), made from
   the ICU functions the installed Qt6Core.dll imports; its failures are checked through ctypes.
   The installer and the installed folder carry no ICU DLL (checked).
4. The app started the way the Start-menu shortcut starts it (pythonw.exe + launch_svplan.pyw,
   working folder Documents), opening the installed sample, in a wine virtual desktop of
   1280x800, through a .cmd with stdin from NUL (pythonw with Unix stdio fails with WinError 6).
   Its window must appear with the exact title, still be there 4 s later, and is saved to
   packaging/build/gui-check/window.png; then it is closed like a user closes it (WM_CLOSE).
5. The installed `svplan --self-test` with the real Windows platform plugin prints OK.
6. `uninstall.exe /S`: the program folder and its registrations go; the user's plan in
   Documents, the settings, the recovery folder (with a copy written by the installed app's own
   code) and the logs stay.
Every wine process is ended at the end (`wineserver -k`).

Test-only parts, all in the prefix: the icuuc.dll stand-in, a bcryptprimitives.dll forwarder
(wine 8 lacks it; see check_installer.py) and "Segoe UI" faces made from Liberation Sans
(packaging/wine_fonts.py) so that the screenshot is not in a fallback serif.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from check_installer import (
    ROOT,
    Checks,
    app_version,
    forwarder_dll,
    listing,
    need_tool,
    section,
    shown,
    winpath,
)
from icu_stub import PROBE, StubError, imported_functions, probe_table, stub_dll
from wine_fonts import install_segoe_ui

BUILD = ROOT / "packaging" / "build"
GUI = BUILD / "gui-check"
PREFIX = GUI / "prefix"
WORK = GUI / "work"
SCREENSHOT = GUI / "window.png"
APP_EXIT = WORK / "app-exit.txt"  # pythonw's exit code, written by the .cmd when it ends
HOME = GUI / "home"  # wine links the prefix's Documents etc. to $HOME: never the real one
APT_DIR = BUILD / "apt-i386"  # private apt lists and cache for the one i386 download
DEB_CACHE = ROOT / "packaging" / "cache" / "wine-i386"
DESKTOP = "1280x800"
APP_NAME = "Social Value Plan Builder"
TITLE = f"sample.svplan — {APP_NAME}"
WINDOW_TIMEOUT = 180  # s until the window must be there (about 5 s on a warm machine)
STILL_RUNNING_AFTER = 4  # s

USER = "root" if os.geteuid() == 0 else os.environ.get("USER", "user")

GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
shot = app.primaryScreen().grabWindow(0)
sys.exit(0 if shot.save(sys.argv[1]) else 1)
"""

FONT_METRICS = ("CaptionFont", "SmCaptionFont", "MenuFont", "StatusFont", "MessageFont", "IconFont")


def logfont_hex(face: str, weight: int = 400, height: int = -12) -> str:
    """A LOGFONTW (9 pt at 96 dpi) as regedit hex: what Windows 10 keeps in WindowMetrics."""
    import struct

    data = struct.pack("<iiiii8B", height, 0, 0, 0, weight, 0, 0, 0, 1, 0, 0, 0, 0)
    data += face.encode("utf-16-le").ljust(64, b"\0")
    return ",".join(f"{b:02x}" for b in data)


class Wine:
    """wine64 in the test prefix, on the Xvfb display, with the 32-bit DLLs for WoW64."""

    def __init__(self, wine64: str, dll_path: Path) -> None:
        self.wine64 = wine64
        self.server = need_tool("wineserver", "/usr/lib/wine/wineserver64")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WINE"))}
        self.env.update(
            HOME=str(HOME),
            WINEPREFIX=str(PREFIX),
            WINEDEBUG="-all",
            WINEDLLPATH=str(dll_path),
            WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d",
        )
        self.count = 0

    def call(self, *args: str, timeout: int = 300, **env: str) -> int:
        """Run wine64 ARGS to the end; its output goes to a log file in WORK."""
        self.count += 1
        log = WORK / f"wine{self.count}.log"
        with log.open("wb") as out:
            return subprocess.run(
                [self.wine64, *args],
                env={**self.env, **env},
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            ).returncode

    def script(self, name: str, lines: list[str]) -> str:
        """Write WORK/name.cmd (CRLF) and return its Windows path."""
        path = WORK / f"{name}.cmd"
        path.write_text("".join(f"@{line}\r\n" for line in lines), encoding="utf-8")
        return winpath(path)

    def desktop(self, *args: str) -> list[str]:
        """The command line that runs ARGS in the 1280x800 virtual desktop."""
        return [self.wine64, "explorer", f"/desktop=svplan,{DESKTOP}", *args]

    def wait(self, timeout: int = 120) -> bool:
        """Until every process of the prefix has ended (the uninstaller runs as a copy)."""
        try:
            subprocess.run([self.server, "-w"], env=self.env, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return False
        return True

    def kill(self) -> None:
        subprocess.run([self.server, "-k"], env=self.env, capture_output=True, check=False)


# The 32-bit half of wine (for the 32-bit NSIS installer) ---------------------------------------


def wine_i386_dlls() -> Path:
    """A folder with i386-windows/ (wine's 32-bit PE DLLs) for WINEDLLPATH."""
    version = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "libwine"], capture_output=True, text=True
    ).stdout.strip()
    if not version:
        raise SystemExit("installer-gui-check: Debian's wine64 (libwine) is not installed")
    target = BUILD / "wine-i386" / version
    dlls = target / "usr/lib/i386-linux-gnu/wine"
    if (dlls / "i386-windows" / "ntdll.dll").is_file():
        return dlls
    deb_name = f"libwine_{version.replace(':', '%3a')}_i386.deb"
    deb = DEB_CACHE / deb_name
    if not deb.is_file():
        print(
            f"    fetching libwine:i386 {version} with apt-get (private lists in {shown(APT_DIR)})"
        )
        lists, cache = APT_DIR / "lists", APT_DIR / "cache"
        for d in (lists / "partial", cache / "archives" / "partial", DEB_CACHE):
            d.mkdir(parents=True, exist_ok=True)
        opts = [
            "-q",
            "-o",
            "APT::Architectures::=amd64",
            "-o",
            "APT::Architectures::=i386",
            "-o",
            f"Dir::State::Lists={lists}",
            "-o",
            f"Dir::Cache={cache}",
        ]
        # An i386 index that fails (e.g. a mirror mid-sync) is no problem as long as the
        # download below finds the package: apt checks it against the signed index.
        update = subprocess.run(["apt-get", *opts, "update"], capture_output=True, text=True)
        got = subprocess.run(
            ["apt-get", *opts, "download", f"libwine:i386={version}"],
            cwd=DEB_CACHE,
            capture_output=True,
            text=True,
        )
        if got.returncode != 0 or not deb.is_file():
            detail = (got.stderr.strip() or update.stderr.strip()).splitlines()
            raise SystemExit(
                f"installer-gui-check: cannot download libwine:i386 {version} with apt-get: "
                + (detail[-1] if detail else f"exit {got.returncode}")
            )
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    unpack = (
        f"dpkg-deb --fsys-tarfile '{deb}' | tar -x -C '{target}' --wildcards '*/i386-windows/*'"
    )
    subprocess.run(["bash", "-o", "pipefail", "-c", unpack], check=True)
    return dlls


# Steps ----------------------------------------------------------------------------------------


def cpath(path: Path) -> str:
    """The Windows path of a file in the prefix's drive C:, as the app sees it."""
    rel = path.relative_to(PREFIX / "drive_c")
    return "C:\\" + "\\".join(rel.parts)


def prepare_prefix(checks: Checks, wine: Wine) -> None:
    shutil.rmtree(PREFIX, ignore_errors=True)
    shutil.rmtree(HOME, ignore_errors=True)
    PREFIX.mkdir(parents=True)
    HOME.mkdir(parents=True)
    code = wine.call("wineboot", "--init", timeout=600)
    system32 = PREFIX / "drive_c" / "windows" / "system32"
    if not system32.is_dir():
        raise SystemExit(f"installer-gui-check: wineboot did not make a prefix (exit {code})")
    for link in (PREFIX / "drive_c" / "users" / USER).iterdir():
        if link.is_symlink():  # Documents, Desktop...: real folders inside the prefix
            link.unlink()
            link.mkdir()
    wine.call("winecfg", "-v", "win10")
    if not (system32 / "bcryptprimitives.dll").exists():  # wine 8; wine 9+ has its own
        shim = forwarder_dll("bcryptprimitives.dll", {"ProcessPrng": "advapi32.SystemFunction036"})
        (system32 / "bcryptprimitives.dll").write_bytes(shim)
    fonts = install_segoe_ui(PREFIX / "drive_c" / "windows" / "Fonts")
    metrics = [f'"{m}"=hex:{logfont_hex("Segoe UI")}' for m in FONT_METRICS]
    reg = WORK / "test-fonts.reg"
    reg.write_text(
        "Windows Registry Editor Version 5.00\r\n\r\n"
        "[HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Fonts]\r\n"
        + "".join(f"{line}\r\n" for line in fonts)
        + "\r\n[HKEY_CURRENT_USER\\Control Panel\\Desktop\\WindowMetrics]\r\n"
        + "".join(f"{line}\r\n" for line in metrics),
        encoding="utf-16",
    )
    wine.call("regedit", "/S", winpath(reg))
    wine.wait()
    checks.record(True, "fresh wine prefix, Windows 10, test-only fonts and DLLs", shown(PREFIX))


def user_dirs() -> dict[str, Path]:
    users = PREFIX / "drive_c" / "users" / USER
    return {
        "program": users / "AppData" / "Local" / "Programs" / APP_NAME,
        "documents": users / "Documents",
        "settings": users / "AppData" / "Roaming" / "svplan",
        "data": users / "AppData" / "Local" / "svplan",
    }


def install(checks: Checks, wine: Wine, exe: Path) -> Path:
    code = wine.call(winpath(exe), "/S", timeout=600)
    wine.wait()
    program = user_dirs()["program"]
    present = [
        p
        for p in (
            "Python/pythonw.exe",
            "launch_svplan.pyw",
            "bin/svplan.exe",
            "pkgs/svplan/resources/sample.svplan",
            "uninstall.exe",
        )
        if (program / p).is_file()
    ]
    checks.record(
        code == 0 and len(present) == 5,
        f"setup.exe /S installs into %LOCALAPPDATA%\\Programs\\{APP_NAME}",
        f"exit {code}; {', '.join(present) or 'nothing installed'}",
    )
    icu = sorted(str(p.relative_to(program)) for p in program.rglob("icu*.dll"))
    checks.record(not icu, "the installed program has no ICU DLL of its own", ", ".join(icu))
    return program


def put_icu_stand_in(checks: Checks, wine: Wine, program: Path) -> bool:
    qtcore = program / "pkgs" / "PySide6" / "Qt6Core.dll"
    names = imported_functions(qtcore, "icuuc.dll")
    try:
        data = stub_dll(names)
    except StubError as exc:
        print(f"installer-gui-check: {exc}", file=sys.stderr)
        checks.record(False, "test-only icuuc.dll stand-in", str(exc))
        return False
    (PREFIX / "drive_c" / "windows" / "system32" / "icuuc.dll").write_bytes(data)
    probe = WORK / "icu_probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    table = WORK / "icu_probe.json"
    table.write_text(json.dumps(probe_table(names)), encoding="utf-8")
    out = WORK / "icu_probe.out"
    python = cpath(program / "Python" / "python.exe")
    cmd = wine.script(
        "icu_probe",
        [
            f'"{python}" "{winpath(probe)}" "{winpath(table)}" > "{winpath(out)}" 2>&1 < NUL',
        ],
    )
    wine.call("cmd", "/c", cmd)
    result = out.read_text(errors="replace").strip() if out.exists() else ""
    return checks.record(
        result == f"all {len(names)} fail as ICU does",
        f"test-only icuuc.dll in the prefix: the {len(names)} ICU functions Qt6Core.dll imports, "
        "each called through ctypes, fail as ICU does (U_UNSUPPORTED_ERROR, NULL)",
        result[-600:] or "no output",
    )


def window_titles(display_env: dict[str, str]) -> list[str]:
    out = subprocess.run(
        [need_tool("xwininfo"), "-root", "-tree"],
        env=display_env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    titles = []
    for line in out.splitlines():
        start = line.find('"')
        end = line.find('":', start + 1)
        if start >= 0 and end > start:
            titles.append(line[start + 1 : end])
    return titles


def start_window(checks: Checks, wine: Wine, program: Path) -> subprocess.Popen | None:
    """The app as the Start-menu shortcut starts it, opening the installed sample."""
    sample = program / "pkgs" / "svplan" / "resources" / "sample.svplan"
    cmd = wine.script(
        "start_app",
        [
            'cd /d "%USERPROFILE%\\Documents"',
            f'start "{APP_NAME}" /wait "{cpath(program / "Python" / "pythonw.exe")}" '
            f'"{cpath(program / "launch_svplan.pyw")}" "{cpath(sample)}" < NUL',
            f'echo %ERRORLEVEL%> "{winpath(APP_EXIT)}"',
        ],
    )
    with (WORK / "app-wine.log").open("wb") as log:  # the child keeps its own handle
        proc = subprocess.Popen(
            wine.desktop("cmd", "/c", cmd),
            env=wine.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    started = time.monotonic()
    while time.monotonic() - started < WINDOW_TIMEOUT and proc.poll() is None:
        if TITLE in window_titles(wine.env):
            break
        time.sleep(0.5)
    waited = time.monotonic() - started
    titles = window_titles(wine.env)
    if not checks.record(
        TITLE in titles,
        f'the window "{TITLE}" appears (pythonw + launch_svplan.pyw, desktop {DESKTOP})',
        f"after {waited:.1f} s" if TITLE in titles else f"windows: {titles}; exit {proc.poll()}",
    ):
        return proc
    time.sleep(STILL_RUNNING_AFTER)
    alive = proc.poll() is None and TITLE in window_titles(wine.env)
    checks.record(alive, f"the app is still running {STILL_RUNNING_AFTER} s later")
    problem = grab(SCREENSHOT, wine.env)
    checks.record(not problem, "screenshot of the desktop", problem or shown(SCREENSHOT))
    return proc


def grab(target: Path, display_env: dict[str, str]) -> str:
    """Save the X screen to target (PNG) with Qt; returns what went wrong, or ''."""
    shot = subprocess.run(
        [sys.executable, "-c", GRAB, str(target)],
        env={**display_env, "QT_QPA_PLATFORM": "xcb"},
        capture_output=True,
        text=True,
        check=False,
    )
    return "" if shot.returncode == 0 and target.is_file() else shot.stderr.strip()[-400:]


def close_window(checks: Checks, wine: Wine) -> None:
    """Close it as a user does (WM_CLOSE to its window); it must end by itself, exit 0."""
    # from inside the same virtual desktop: a program sees only its own desktop's windows
    wine.call("explorer", f"/desktop=svplan,{DESKTOP}", "taskkill", "/im", "pythonw.exe")
    deadline = time.monotonic() + 60
    while not APP_EXIT.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    code = APP_EXIT.read_text().strip() if APP_EXIT.exists() else "none (still running)"
    if not checks.record(code == "0", "closing the window (WM_CLOSE) ends the app", f"exit {code}"):
        grab(GUI / "after-close.png", wine.env)


def self_test(checks: Checks, wine: Wine, program: Path) -> None:
    out = WORK / "self-test.out"
    cmd = wine.script(
        "self_test",
        [f'"{cpath(program / "bin" / "svplan.exe")}" --self-test > "{winpath(out)}" 2>&1 < NUL'],
    )
    subprocess.run(
        wine.desktop("cmd", "/c", cmd),
        env={**wine.env, "QT_QPA_PLATFORM": "windows"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=300,
        check=False,
    )
    text = out.read_text(encoding="utf-8", errors="replace").strip() if out.exists() else ""
    print(f"    svplan --self-test (installed, QT_QPA_PLATFORM=windows) printed: {text!r}")
    checks.record(text.splitlines()[-1:] == ["OK"], "the installed svplan --self-test prints OK")


def seed_user_data(checks: Checks, wine: Wine, program: Path) -> dict[str, Path]:
    """A plan in Documents (made by the installed `svplan new`) and a recovery copy (written by
    the installed app's own code, as after a crash)."""
    dirs = user_dirs()
    plan = dirs["documents"] / "Highways bid.svplan"
    script = WORK / "recovery.py"
    script.write_text(
        "from svplan.core import recovery\n"
        "from svplan.core.planio import load_plan\n"
        f"plan = load_plan(r'{cpath(plan)}').plan\n"
        f"print(recovery.write_recovery(plan, r'{cpath(plan)}', recovery.new_session_id()))\n",
        encoding="utf-8",
    )
    svplan = cpath(program / "bin" / "svplan.exe")
    cmd = wine.script(
        "seed",
        [
            f'"{svplan}" new -o "{cpath(plan)}" --bid-title "Highways maintenance" '
            f'--bidder "Example Ltd" > "{winpath(WORK / "seed.out")}" 2>&1 < NUL',
            f'"{cpath(program / "Python" / "python.exe")}" "{winpath(script)}" '
            f'>> "{winpath(WORK / "seed.out")}" 2>&1 < NUL',
        ],
    )
    wine.call("cmd", "/c", cmd)
    kept = {
        "the plan in Documents": plan,
        "the settings (svplan.ini)": dirs["settings"] / "svplan.ini",
        "the recovery folder": dirs["data"] / "recovery",
        "the logs": dirs["data"] / "Logs",
    }
    there = [what for what, path in kept.items() if path.exists()]
    copies = list((dirs["data"] / "recovery").glob("*"))
    checks.record(
        len(there) == len(kept) and bool(copies),
        "before uninstalling, the user has a plan, settings, a recovery copy and logs",
        ", ".join(there) + f"; {len(copies)} recovery copy",
    )
    return kept


def uninstall(checks: Checks, wine: Wine, program: Path, kept: dict[str, Path]) -> None:
    code = wine.call(cpath(program / "uninstall.exe"), "/S")
    if not wine.wait():  # the uninstaller runs as a copy in %TEMP%: wait for every process
        print("    wine processes still running after 120 s: ending them (wineserver -k)")
        wine.kill()
    checks.record(
        code == 0 and not program.exists(),
        "uninstall.exe /S removes the program folder",
        f"exit {code}"
        + (f"; left: {sorted(p.name for p in program.iterdir())}" if program.exists() else ""),
    )
    user_reg = (PREFIX / "user.reg").read_text(encoding="utf-8", errors="replace")
    left = [
        k
        for k in ("SocialValuePlanBuilder.Plan", "Uninstall\\\\SocialValuePlanBuilder")
        if k in user_reg
    ]
    checks.record(not left, "its file type and Apps entry are gone", ", ".join(left))
    missing = [what for what, path in kept.items() if not path.exists()]
    checks.record(
        not missing,
        "the user's plan, settings, recovery folder and logs are kept",
        ("gone: " + ", ".join(missing)) if missing else ", ".join(kept),
    )


def print_logs() -> None:
    dirs = user_dirs()
    for log in (
        dirs["data"] / "Logs" / "launcher.log",
        dirs["data"] / "Logs" / "svplan.log",
        WORK / "app-wine.log",
    ):
        if log.is_file():
            text = log.read_text(encoding="utf-8", errors="replace").strip()
            print(f"---- {shown(log)} ----\n{text[-4000:] or '(empty)'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--installer", type=Path, help="default: dist/SocialValuePlanBuilder-<version>-setup.exe"
    )
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        raise SystemExit("installer-gui-check: no DISPLAY: run it with xvfb-run -a (make does)")
    exe = args.installer or ROOT / "dist" / f"SocialValuePlanBuilder-{app_version()}-setup.exe"
    if not exe.is_file():
        raise SystemExit(f"installer-gui-check: {shown(exe)} not found: run `make installer`")
    checks = Checks()
    started = time.monotonic()
    section(f"The installer {shown(exe)}")
    icu = [p for p in listing(exe) if os.path.basename(p).lower().startswith("icu")]
    checks.record(not icu, "the installer carries no ICU DLL (the stand-in is test-only)", str(icu))

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    SCREENSHOT.unlink(missing_ok=True)
    section("wine's 32-bit DLLs for the 32-bit installer (Debian libwine:i386, WoW64 mode)")
    dlls = wine_i386_dlls()
    print(f"    {shown(dlls)}")
    wine = Wine(need_tool("wine64", "/usr/lib/wine/wine64"), dlls)
    proc = None
    try:
        section(f"A fresh prefix {shown(PREFIX)}")
        prepare_prefix(checks, wine)
        section("setup.exe /S")
        program = install(checks, wine, exe)
        if program.is_dir() and put_icu_stand_in(checks, wine, program):
            section("The window, started like the Start-menu shortcut")
            proc = start_window(checks, wine, program)
            if proc is not None and proc.poll() is None:
                close_window(checks, wine)
            section("The installed self-test, with the real window")
            self_test(checks, wine, program)
        if program.is_dir():
            section("uninstall.exe /S")
            kept = seed_user_data(checks, wine, program)
            uninstall(checks, wine, program, kept)
        if checks.failed:
            print_logs()
    finally:  # every process this check started ends here
        wine.kill()
        if proc is not None:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    print(f"    took {time.monotonic() - started:.0f} s")
    return checks.finish("installer-gui-check")


if __name__ == "__main__":
    sys.exit(main())

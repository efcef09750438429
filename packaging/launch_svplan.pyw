"""Windowed launcher of the installed app: `pythonw.exe launch_svplan.pyw [PLAN.svplan]`.

The Start-menu shortcut and a double-click on a .svplan file (HKCU file association) run this
with the bundled pythonw.exe. It sets up sys.path the way pynsist's launchers do (the wheels are
unpacked into pkgs\\ beside this file), sends stdout/stderr to a log file (pythonw has no
console), then calls the GUI entry point svplan.cli:gui_main. If the app cannot even start, the
user gets a message box that names the log file instead of nothing at all.
"""

import os
import site
import sys

INSTALL_DIR = os.path.dirname(os.path.abspath(__file__))
PKG_DIR = os.path.join(INSTALL_DIR, "pkgs")
sys.path.insert(0, PKG_DIR)
site.addsitedir(PKG_DIR)
os.environ["PYTHONPATH"] = PKG_DIR + os.pathsep + os.environ.get("PYTHONPATH", "")


def _log_path():
    try:
        import platformdirs

        folder = platformdirs.user_log_dir("svplan", appauthor=False)
    except Exception:
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
        folder = os.path.join(base, "svplan", "Logs")
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, "launcher.log")


def _redirect_output():
    """pythonw has no stdout/stderr: send them to the launcher log (overwritten each start)."""
    if sys.stdout is not None and sys.stderr is not None:
        return None
    try:
        path = _log_path()
        stream = open(path, "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError:
        stream, path = open(os.devnull, "w"), None  # noqa: SIM115
    sys.stdout = sys.stderr = stream
    return path


def _tell_user(log_path):
    text = "Social Value Plan Builder could not start."
    if log_path:
        text += f"\n\nThe details are in:\n{log_path}"
    try:
        import ctypes

        ctypes.windll.user32.MessageBoxW(None, text, "Social Value Plan Builder", 0x10)
    except Exception:
        pass


def main():
    log_path = _redirect_output()
    try:
        from svplan.cli import gui_main

        code = gui_main()
    except SystemExit as exc:  # argparse refusing the command line, for one
        code = exc.code
        if code not in (None, 0):
            _tell_user(log_path)
    except BaseException:
        import traceback

        traceback.print_exc()
        sys.stderr.flush()
        _tell_user(log_path)
        code = 1
    sys.exit(code)


if __name__ == "__main__":
    main()

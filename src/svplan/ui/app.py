"""Starting the desktop app: run_gui (the app), self_test (installation check), smoke_start."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from svplan import APP_NAME, ORG_NAME
from svplan.core.errors import SvplanError

if TYPE_CHECKING:
    from svplan.core.catalogue import Catalogue

APP_USER_MODEL_ID = "svplan.SocialValuePlanBuilder"


def create_application() -> QApplication:
    """The QApplication, themed, with the app's name and icon (reused if one exists)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("svplan")
    app.setOrganizationName(ORG_NAME)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        try:
            import ctypes

            ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_USER_MODEL_ID)
        except (AttributeError, OSError):
            pass
    from svplan.ui.icons import app_icon
    from svplan.ui.theme import apply_theme

    app.setWindowIcon(app_icon())
    apply_theme(app)
    return app


@contextlib.contextmanager
def long_lived_objects() -> Iterator[None]:
    """Around the start-up work that creates objects the app keeps until it exits.

    Importing the GUI and the core models (pydantic builds a validator for every model) and
    loading the catalogue create ~45,000 objects that live as long as the process. Collecting
    garbage while they are being created finds nothing and is wasted work; afterwards every full
    collection, including those the interpreter runs at exit, would walk all of them again. So
    the collector is paused while they are created, and `gc.freeze()` then moves them to the
    permanent generation, where collections no longer look. Later objects (the window, plans)
    are collected as usual. Measured: ~50 ms less from start to exit for `--smoke-start`.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def startup_catalogue(
    catalogue_path: Path | None, remembered: Path | None
) -> tuple[Catalogue, str]:
    """The catalogue to start with, and a note for the status bar ('' if none).

    An explicit path must load (CatalogueError otherwise); a remembered one that no longer
    loads falls back to the built-in catalogue with a note.
    """
    from svplan.core.catalogue import load_catalogue, load_default_catalogue

    if catalogue_path is not None:
        return load_catalogue(catalogue_path), ""
    if remembered is not None:
        try:
            return load_catalogue(remembered), ""
        except SvplanError as exc:
            note = f"Using the built-in catalogue: {exc.message}"
            return load_default_catalogue(), note
    return load_default_catalogue(), ""


def run_gui(plan_path: Path | None = None, catalogue_path: Path | None = None) -> int:
    """Show the main window at once, load the catalogue after its first paint, run till closed.

    The start page needs no catalogue: the window is on screen before the catalogue, pydantic
    and the features are loaded (docs/performance.md, "Start-up"). A plan named on the command
    line opens once the catalogue is there.
    """
    with long_lived_objects():
        app = create_application()
        from svplan.ui import dialogs, errors
        from svplan.ui.main_window import MainWindow
        from svplan.ui.settings import Settings

        window: MainWindow | None = None
        handler = errors.ExceptionHandler(lambda: window)
        handler.install()
        settings = Settings()
    window = MainWindow(None, settings)

    def load() -> None:
        if window.is_ready():
            return
        remembered = settings.last_catalogue() if catalogue_path is None else None
        try:
            with long_lived_objects():
                catalogue, note = startup_catalogue(catalogue_path, remembered)
        except SvplanError as exc:
            dialogs.show_error(window, exc, "Could not load the catalogue")
            app.exit(2)
            return
        if note:
            settings.set_last_catalogue(None)
        window.finish_start(catalogue)
        if note:
            window.show_status(note, 10_000)
        if plan_path is not None:
            window.files.open_path(Path(plan_path), ask=False)

    window.load_catalogue = load
    window.show_first()
    window.after_first_paint(load)
    try:
        return app.exec()
    finally:
        handler.uninstall()


def self_test() -> int:
    """Build the window, load the catalogue and export the sample; print OK.

    Offscreen, unless QT_QPA_PLATFORM names a platform: `windows` shows the real window
    (the Windows workflow and `make installer-gui-check` do that)."""
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    try:
        create_application()
        from svplan.core.catalogue import load_default_catalogue
        from svplan.core.planio import load_plan
        from svplan.export import export_plan
        from svplan.ui.main_window import MainWindow, sample_plan_path
        from svplan.ui.settings import Settings

        with tempfile.TemporaryDirectory(prefix="svplan-self-test-") as tmp:
            settings = Settings(
                QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
            )
            catalogue = load_default_catalogue()
            window = MainWindow(catalogue, settings, autosave=False)
            sample = sample_plan_path()
            if sample is None:
                raise RuntimeError("the sample plan is missing")
            load_plan(sample, catalogue)  # raises with the reason if the sample does not load
            window.files.open_plan(sample, copy=True)  # builds every panel of the workspace
            window.show()
            QApplication.processEvents()
            out = export_plan(window.document.plan, catalogue, Path(tmp) / "self-test.docx")
            out = Path(out) if out else Path(tmp) / "self-test.docx"
            if not out.is_file() or out.stat().st_size == 0:
                raise RuntimeError("the Word export wrote nothing")
            window.document.undo_stack.clear()
            window.close()
    except SvplanError as exc:
        print(f"{APP_NAME} self-test failed: {exc.message}")
        return 1
    except Exception as exc:
        print(f"{APP_NAME} self-test failed: {type(exc).__name__}: {exc}")
        return 1
    print("OK")
    return 0


def smoke_start() -> int:
    """Start as `run_gui` does with no plan named, and exit once the app is ready.

    The window is shown first (start page); the catalogue is loaded after its first paint, as in
    `run_gui`; the process exits only after that, with no autosave and leaving the user's layout
    alone. "Ready" is what start-up benchmarks time.
    """
    with long_lived_objects():
        app = create_application()
        from svplan.ui.main_window import MainWindow

    window = MainWindow(None, autosave=False)
    window.remember_layout = False

    def load() -> None:
        with long_lived_objects():
            from svplan.core.catalogue import load_default_catalogue

            catalogue = load_default_catalogue()
        window.finish_start(catalogue)
        QTimer.singleShot(0, app.quit)

    window.load_catalogue = load
    window.show_first()
    window.after_first_paint(load)
    app.exec()
    return 0

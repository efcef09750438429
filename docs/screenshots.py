"""Screenshots of the real window for the README: `make screenshots` (runs under Xvfb).

Opens examples/sample.svplan in the main window with private settings (so nothing of the
user's leaks in), selects a measure, and saves PNGs into docs/screenshots/:

    main-window.png    the Measures view: browser, commitment editor, partners panel
    partners-panel.png the partners panel on its own, at full height
    overview.png       the Overview tab with the readiness findings
    start-page.png     the start page shown when no plan is open
    bid-details.png    the bid details dialog
    answer.png         the Answer tab: the tender answer at 750 words, a Portal entry
    entry-sheet.png    the Portal entry sheet (.xlsx) as LibreOffice Calc shows it (needs soffice
                       and pdftoppm; skipped with a note without them)

Usage: python docs/screenshots.py [OUT_DIR] [--measure CODE] [--plan FILE] [--size WxH]
                                  [--suffix TEXT] [--only NAME,NAME]

`make screenshots` also takes the window at a laptop's 1366x768 (start-page-1366x768.png,
main-window-1366x768.png) and at 150% scaling (QT_SCALE_FACTOR=1.5: main-window-150.png,
bid-details-150.png), so a small screen is looked at whenever the window changes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINDOW_SIZE = (1440, 900)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--measure", default="NT8", help="measure to show (default NT8)")
    parser.add_argument("--plan", type=Path, default=ROOT / "examples" / "sample.svplan")
    parser.add_argument("--size", default="x".join(map(str, WINDOW_SIZE)), help="window WxH")
    parser.add_argument("--suffix", default="", help="added to each file name, e.g. -150")
    parser.add_argument("--only", default="", help="comma-separated shot names to take")
    args = parser.parse_args(argv)
    size = tuple(int(n) for n in args.size.lower().split("x"))
    wanted = {n.strip() for n in args.only.split(",") if n.strip()}

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QDialog

    from svplan.core.catalogue import load_default_catalogue
    from svplan.ui.app import create_application
    from svplan.ui.main_window import MainWindow
    from svplan.ui.settings import Settings
    from svplan.ui.workspace import OVERVIEW as TAB_OVERVIEW

    app = create_application()
    args.out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(widget, name: str) -> None:
        if wanted and name.removesuffix(".png") not in wanted:
            return
        for _ in range(3):  # let layouts, fonts and lazy widgets settle
            app.processEvents()
        path = args.out / name.replace(".png", f"{args.suffix}.png")
        if not widget.grab().save(str(path), "PNG"):
            raise SystemExit(f"screenshots: could not write {path}")
        saved.append(path)

    with tempfile.TemporaryDirectory(prefix="svplan-shots-") as tmp:
        settings = Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        settings.add_recent_file(args.plan.resolve())  # the start page lists it, as in real use
        window = MainWindow(load_default_catalogue(), settings, autosave=False)
        window.remember_layout = False
        window.resize(*size)
        window.show()
        save(window, "start-page.png")

        if not window.files.open_path(args.plan, ask=False):
            raise SystemExit(f"screenshots: could not open {args.plan}")
        window.workspace.go_to_measure(args.measure)
        window.workspace.browser.setFocus()
        save(window, "main-window.png")
        save(window.workspace.partners, "partners-panel.png")

        window.workspace.show_view(TAB_OVERVIEW)
        save(window, "overview.png")

        window.workspace.show_view("answer")  # ui/tender.py
        answer = window.workspace.view("answer")
        answer.words_box.setValue(750)
        answer.refresh()
        answer.measure_combo.setCurrentIndex(answer.measure_combo.findData("NT10"))
        save(window, "answer.png")
        if not wanted or "entry-sheet" in wanted:
            entry_sheet_png(window.document, Path(tmp), args.out / "entry-sheet.png", saved)

        def grab_dialog() -> None:
            dialog = next(
                (w for w in app.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()),
                None,
            )
            if dialog is not None:
                save(dialog, "bid-details.png")
                dialog.reject()

        QTimer.singleShot(200, grab_dialog)
        window.files.show_bid_details()

        window.document.undo_stack.setClean()
        window.close()
    for path in saved:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


def entry_sheet_png(document, tmp: Path, out: Path, saved: list[Path]) -> None:
    """The entry sheet exported, rendered by LibreOffice Calc, its table cropped to a PNG."""
    import shutil
    import subprocess

    from PySide6.QtGui import QImage

    from svplan.export.entry_sheet import write_entry_sheet

    soffice, pdftoppm = (
        shutil.which("soffice") or shutil.which("libreoffice"),
        shutil.which("pdftoppm"),
    )
    if not (soffice and pdftoppm):
        print("screenshots: entry-sheet.png not taken (needs LibreOffice and pdftoppm)")
        return
    sheet = write_entry_sheet(document.plan, document.catalogue, tmp / "entry-sheet.xlsx")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(sheet)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    page = tmp / "page"
    pdf = str(sheet.with_suffix(".pdf"))
    subprocess.run(
        [pdftoppm, "-png", "-r", "130", "-f", "1", "-l", "1", pdf, str(page)], check=True
    )
    image = QImage(str(next(tmp.glob("page*.png"))))
    top, bottom, left, right = image.height(), 0, image.width(), 0
    for y in range(0, image.height(), 3):  # the printed area: everything not white
        for x in range(0, image.width(), 3):
            if image.pixelColor(x, y).lightness() < 245:
                top, bottom = min(top, y), max(bottom, y)
                left, right = min(left, x), max(right, x)
    margin = 12
    image.copy(
        max(0, left - margin),
        max(0, top - margin),
        right - left + 2 * margin,
        min(bottom - top + 2 * margin, 760),  # the first rows: header and a few commitments
    ).save(str(out), "PNG")
    saved.append(out)


if __name__ == "__main__":
    sys.exit(main())

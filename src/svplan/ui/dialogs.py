"""Every question the app asks and every message box it shows, in one place.

Controllers ask the user only through these functions, so a test answers for the user by
replacing `exec_box` (message boxes) and `exec_dialog` (dialogs), or the file choosers.
Each function returns plain values (a path, True/False, a choice), never a widget to poke at.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QMessageBox,
    QWidget,
)

from svplan import APP_NAME, __version__
from svplan.core.errors import SvplanError

if TYPE_CHECKING:
    from svplan.core.catalogue import CatalogueInfo
    from svplan.ui.plan_document import PlanDocument

PLAN_SUFFIX = ".svplan"  # the same as core.planio.PLAN_SUFFIX (not imported: no pydantic here)
PLAN_FILTER = f"Social value plans (*{PLAN_SUFFIX});;All files (*)"
WORD_FILTER = "Word documents (*.docx)"
CATALOGUE_FILTER = "Council TOMs files (*.yaml *.yml);;All files (*)"
PROXY_FILTER = "Proxy value tables (*.csv *.xlsx);;All files (*)"
Btn = QMessageBox.StandardButton


# Showing (tests replace these two) ------------------------------------------------------------


def exec_box(box: QMessageBox) -> QAbstractButton | None:
    """Show a message box modally; returns the button the user clicked (None if closed)."""
    box.exec()
    return box.clickedButton()


def exec_dialog(dialog: QDialog) -> int:
    """Show a dialog modally (tests replace this)."""
    return dialog.exec()


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    details: str = "",
    informative: str = "",
) -> QMessageBox:
    """A message box with the app's title, one sentence, and optional expandable details."""
    box = QMessageBox(icon, f"{title} — {APP_NAME}" if title else APP_NAME, text, parent=parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    return box


def bulleted(items: list[str], limit: int, more: str = "…", *, capital: bool = False) -> str:
    """The first `limit` items as '• item' lines, then `more` if any were left out (`{n}` in it
    says how many); capital=True starts each item with a capital letter."""
    lines = [f"• {i[:1].upper() + i[1:] if capital else i}" for i in items[:limit]]
    if len(items) > limit:
        lines.append(more.format(n=len(items) - limit))
    return "\n".join(lines)


def tell(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    informative: str = "",
    details: str = "",
    warning: bool = False,
) -> None:
    """A message the user reads and closes with OK: information, or a warning."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = message_box(parent, icon, title, text, details, informative)
    box.setStandardButtons(Btn.Ok)
    exec_box(box)


def show_error(
    parent: QWidget | None, error: SvplanError | str, title: str = "Problem", details: str = ""
) -> None:
    """Show an error the user can act on: its one-sentence message, details expandable."""
    text = error.message if isinstance(error, SvplanError) else str(error)
    if isinstance(error, SvplanError) and error.details:
        details = details or error.details
    tell(parent, title, text, details=details, warning=True)


@contextlib.contextmanager
def busy() -> Iterator[None]:
    """The wait cursor while something slow (loading, saving, exporting) runs."""
    QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


# Questions --------------------------------------------------------------------------------------


def ask_save_changes(parent: QWidget | None, name: str) -> bool | None:
    """Save / Discard / Cancel for unsaved changes: True save, False discard, None cancel."""
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        "Unsaved changes",
        f"Do you want to save the changes to {name}?",
        informative="If you don't save, your changes will be lost.",
    )
    box.setStandardButtons(Btn.Save | Btn.Discard | Btn.Cancel)
    box.setDefaultButton(Btn.Save)
    box.setEscapeButton(Btn.Cancel)
    clicked = exec_box(box)
    choice = box.standardButton(clicked) if clicked is not None else Btn.Cancel
    if choice == Btn.Save:
        return True
    return False if choice == Btn.Discard else None


def confirm_discard_recovered(parent: QWidget | None) -> bool:
    """Whether the user really wants the recovery copies deleted."""
    box = message_box(
        parent,
        QMessageBox.Icon.Question,
        "Discard unsaved work",
        "Delete the unsaved copies from the earlier session? This cannot be undone.",
    )
    box.setStandardButtons(Btn.Discard | Btn.Cancel)
    box.setDefaultButton(Btn.Cancel)
    clicked = exec_box(box)
    return clicked is not None and box.standardButton(clicked) == Btn.Discard


def offer_save_as(parent: QWidget | None, error: SvplanError) -> bool:
    """A save failed: say why, that nothing is lost, and whether the user wants Save As."""
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        "Could not save",
        error.message,
        details=error.details,
        informative="Your plan is still open and nothing is lost. You can save it somewhere else.",
    )
    save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(Btn.Cancel)
    box.setDefaultButton(save_as)
    return exec_box(box) is save_as


def show_notes(parent: QWidget | None, name: str, notes: list[str]) -> QMessageBox:
    """Load notes in a box that does not block the window; returns the box (already shown)."""
    count = len(notes)
    box = message_box(
        parent,
        QMessageBox.Icon.Information,
        "Opened with notes",
        f"{name} opened, with {count} thing{'s' if count != 1 else ''} worth knowing:",
        details="\n".join(notes),
        informative=bulleted(notes, 5),
    )
    box.setStandardButtons(Btn.Ok)
    box.setWindowModality(QtCore.Qt.WindowModality.NonModal)
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


def after_export(parent: QWidget | None, name: str, note: str) -> tuple[str | None, bool]:
    """'Exported': returns ('open' | 'folder' | None, whether to always open from now on)."""
    box = message_box(
        parent, QMessageBox.Icon.Information, "Exported", f"Saved {name}.", informative=note
    )
    open_button = box.addButton("&Open Document", QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton("Show in &Folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(Btn.Close)
    box.setDefaultButton(open_button)
    always = QCheckBox("Always open the document after exporting")
    box.setCheckBox(always)
    clicked = exec_box(box)
    choice = "open" if clicked is open_button else "folder" if clicked is folder_button else None
    return choice, always.isChecked()


def ask_export_with_problems(parent: QWidget | None, summary: str, problems: list[str]) -> bool:
    """A plan with problems: True for 'Export anyway', False for 'Fix first' (or closed)."""
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        "Export with problems?",
        f"The plan still has {summary}. An evaluator will notice:",
        details="\n".join(problems),
        informative=bulleted(problems, 6, "…and {n} more", capital=True),
    )
    fix = box.addButton("&Fix First", QMessageBox.ButtonRole.RejectRole)
    anyway = box.addButton("&Export Anyway", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(fix)
    box.setEscapeButton(fix)
    return exec_box(box) is anyway


def confirm_overwrite(parent: QWidget | None, path: Path) -> bool:
    """The export's file exists already: True to replace it."""
    box = message_box(
        parent,
        QMessageBox.Icon.Question,
        "Replace the file?",
        f"{path.name} already exists in {path.parent}. Replace it with this export?",
        informative="The file you have now is lost when it is replaced.",
    )
    replace = box.addButton("&Replace", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(Btn.Cancel)
    box.setDefaultButton(Btn.Cancel)
    box.setEscapeButton(Btn.Cancel)
    return exec_box(box) is replace


def no_program_for(parent: QWidget | None, path: Path) -> None:
    """No program opens the document: say so; its path is on the clipboard."""
    tell(
        parent,
        "No program to open it",
        f"No program on this computer opens {path.suffix or 'these'} files, so {path.name} "
        "could not be opened.",
        informative=f"It is saved in {path.parent}; that path is on the clipboard. Open the "
        "file in Word (or send it to someone who has Word).",
    )


def show_glossary(parent: QWidget | None, terms: list[tuple[str, str]]) -> None:
    """Help > Glossary: every abbreviation and what it stands for, in a scrolling table."""
    from PySide6.QtWidgets import (
        QDialogButtonBox,
        QHeaderView,
        QLabel,
        QTableWidget,
        QTableWidgetItem,
        QVBoxLayout,
    )

    dialog = QDialog(parent)
    dialog.setWindowTitle(f"Glossary — {APP_NAME}")
    table = QTableWidget(len(terms), 2, dialog)
    table.setHorizontalHeaderLabels(["Term", "What it means"])
    table.setAccessibleName("Glossary")
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    for row, (term, meaning) in enumerate(terms):
        table.setItem(row, 0, QTableWidgetItem(term))
        table.setItem(row, 1, QTableWidgetItem(meaning))
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    intro = QLabel("What the abbreviations in the measures, the partners and the plan stand for.")
    intro.setWordWrap(True)
    layout.addWidget(intro)
    layout.addWidget(table, 1)
    layout.addWidget(buttons)
    dialog.resize(640, 480)
    exec_dialog(dialog)
    dialog.deleteLater()


def show_about(parent: QWidget | None, info: CatalogueInfo) -> None:
    from svplan.ui.icons import app_icon

    source = f"{info.source_title} ({info.publisher})"
    url = f"\n{info.source_url}" if info.source_url else ""
    box = message_box(
        parent,
        QMessageBox.Icon.NoIcon,
        "About",
        f"{APP_NAME} {__version__}",
        informative=(
            "Write a social value delivery plan against the TOMs measures and export it "
            "to Word.\n\n"
            f"Catalogue: {info.title}, edition {info.edition}\n"
            f"Data source: {source}{url}\n\n"
            "Partner contacts come from the published source and are stored only on this "
            "computer. The app contains no proxy (£) values."
        ),
    )
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setStandardButtons(Btn.Ok)
    exec_box(box)


def show_folders(parent: QWidget | None, logs: Path, autosaves: Path) -> Path | None:
    """Where logs and autosaves are; returns the folder the user asked to open (or None)."""
    box = message_box(
        parent,
        QMessageBox.Icon.Information,
        "Logs and autosaves",
        "Where the app keeps its files on this computer:",
        informative=(
            f"Log (for support; no plan contents):\n{logs}\n\n"
            f"Autosaved copies of unsaved work (every minute):\n{autosaves}"
        ),
    )
    logs_button = box.addButton("Open &Log Folder", QMessageBox.ButtonRole.ActionRole)
    auto_button = box.addButton("Open &Autosave Folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(Btn.Close)
    clicked = exec_box(box)
    return logs if clicked is logs_button else autosaves if clicked is auto_button else None


def bid_details(document: PlanDocument, parent: QWidget | None, first_time: bool) -> bool:
    """The Bid details dialog (one undo step when accepted); True if accepted."""
    from svplan.ui.bid_dialog import BidDialog

    dialog = BidDialog(document, parent, first_time=first_time)
    accepted = exec_dialog(dialog) == BidDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


# Proxy values (docs/money.md) ------------------------------------------------------------------


def confirm_proxy_import(parent: QWidget | None, lines: list[str]) -> bool:
    """The import preview (core.proxy_import lines): True to import, False to change nothing."""
    concerns = [line for line in lines[1:] if not line.startswith("Matched ")]
    box = message_box(
        parent,
        QMessageBox.Icon.Question,
        "Import proxy values",
        lines[0] if lines else "Import these proxy values?",
        details="\n".join(lines),
        informative="\n".join(f"• {line}" for line in concerns[:8])
        + ("\n…" if len(concerns) > 8 else "")
        + ("\n\n" if concerns else "")
        + "Import them into the plan? (Undo takes them out again.)",
    )
    import_button = box.addButton("&Import", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(Btn.Cancel)
    box.setDefaultButton(import_button)
    return exec_box(box) is import_button


def ask_proxy_source(parent: QWidget | None, name: str) -> str | None:
    """The source of a table that names none (the plan and the Word plan print it)."""
    from PySide6.QtWidgets import QInputDialog

    dialog = QInputDialog(parent)
    dialog.setWindowTitle(f"Source of the proxy values — {APP_NAME}")
    dialog.setLabelText(
        f"{name} does not say where its values come from. Name the source (it is printed with "
        "the figures), e.g. the council's social value calculator 2025:"
    )
    dialog.setTextValue("")
    if exec_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue().strip() or None


def show_import_error(parent: QWidget | None, error: SvplanError, title: str) -> None:
    """A file that cannot be imported: its sentence, then every row at fault (error.details)."""
    rows = [line.split(", ", 1)[-1] for line in error.details.splitlines() if line.strip()]
    informative = bulleted(rows, 12, capital=True) if len(rows) > 1 else ""
    tell(parent, title, error.message, informative=informative, details=error.details, warning=True)


def show_money_breakdown(parent: QWidget | None, text: str, lines: list[str]) -> None:
    tell(parent, "Social value in money terms", text, informative="\n".join(lines))


def choose_proxy_table(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import proxy values", str(folder), PROXY_FILTER)
    return Path(name) if name else None


# Files --------------------------------------------------------------------------------------


def documents_folder() -> Path:
    """The user's Documents folder (home if there is none): where file dialogs start."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def safe_file_stem(text: str) -> str:
    """A file name made of a title: no characters Windows refuses, at most 80 long."""
    stem = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", text).strip(" .")
    return re.sub(r"\s+", " ", stem)[:80]


def _with_suffix(name: str, suffix: str) -> Path:
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def choose_plan_to_open(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open a plan", str(folder), PLAN_FILTER)
    return Path(name) if name else None


def choose_plan_to_save(parent: QWidget | None, suggestion: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save plan as", str(suggestion), PLAN_FILTER)
    return _with_suffix(name, PLAN_SUFFIX) if name else None


def choose_export_file(parent: QWidget | None, suggestion: Path) -> Path | None:
    # The app asks about replacing a file itself (Exporter): also when ".docx" was added here.
    name, _ = QFileDialog.getSaveFileName(
        parent,
        "Export Word plan",
        str(suggestion),
        WORD_FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return _with_suffix(name, ".docx") if name else None


def choose_catalogue_file(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Use a council's TOMs file", str(folder), CATALOGUE_FILTER
    )
    return Path(name) if name else None

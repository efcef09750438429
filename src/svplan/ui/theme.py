"""The app's look: Fusion style, a calm light palette, a readable font, a few named styles."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2A74A8"
ACCENT_DARK = "#17496F"
MUTED = "#56677A"
PROBLEM = "#A12A1B"  # refused input: the border and the reason next to the field

STYLE_SHEET = f"""
QLabel#section {{
    font-weight: 600; font-size: 11pt; color: {ACCENT_DARK};
    padding-top: 14px; padding-bottom: 3px; border-bottom: 1px solid #D3DDE8;
    margin-bottom: 4px;
}}
QLabel#hint {{ color: {MUTED}; }}
QLabel#hint[state="ok"] {{ color: #1D7047; }}
QLabel#hint[state="warn"] {{ color: #8F5300; }}
QLabel#hint[state="problem"] {{ color: {PROBLEM}; }}
QLabel#codeBadge {{
    background: {ACCENT_DARK}; color: white; border-radius: 4px;
    padding: 3px 9px; font-weight: 600; font-size: 12pt;
}}
QLabel#measureTitle {{ font-size: 14pt; font-weight: 600; color: #1B2733; }}
QLabel#wording {{ font-size: 10.5pt; color: #24313E; }}
QLabel#todo {{ border-radius: 5px; padding: 8px 12px; }}
QLabel#todo[state="warn"] {{ background: #FFF5E2; border: 1px solid #EDC98C; color: #5E3D00; }}
QLabel#todo[state="ok"] {{ background: #E9F6EF; border: 1px solid #A9D7BD; color: #1B5A38; }}
QLabel#todo[state="note"] {{ background: #EEF3F8; border: 1px solid #C7D5E3; color: #24313E; }}
QLabel#explain {{ font-size: 10.5pt; color: #24313E; }}
QCheckBox#commitBox {{ font-weight: 600; font-size: 11pt; spacing: 8px; padding: 4px 0; }}
QFrame#rule {{ color: #D3DDE8; }}
QLabel#startTitle {{ font-size: 20pt; font-weight: 600; color: {ACCENT_DARK}; }}
QLabel#emptyState {{ color: {MUTED}; font-size: 11pt; padding: 40px; }}
QWidget#editorHolder, QWidget#editorContent, QWidget#commitmentForm {{ background: white; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QToolBar {{ spacing: 4px; padding: 3px; border: none; border-bottom: 1px solid #D3DDE8; }}
QTabWidget::pane {{ border: none; }}
QLineEdit[invalid="true"], QAbstractSpinBox[invalid="true"] {{
    border: 1px solid {PROBLEM}; background: #FFF4F2;
}}
QLabel#fieldProblem {{ color: {PROBLEM}; }}
QAbstractItemView {{ border: 1px solid #C3CDD8; padding: 1px; }}
QAbstractItemView:focus {{ border: 2px solid {ACCENT}; padding: 0px; }}
QCommandLinkButton {{ border: 2px solid transparent; border-radius: 4px; }}
QCommandLinkButton:hover {{ border-color: #C3CDD8; background: white; }}
QCommandLinkButton:focus {{ border-color: {ACCENT}; }}
QScrollArea#partnerCards {{ border: 2px solid transparent; }}
QScrollArea#partnerCards:focus {{ border-color: {ACCENT}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QFrame#undoBar {{ background: #FFF8E6; border: 1px solid #E8C872; border-radius: 5px; }}
"""


def light_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#F2F4F7",
        QPalette.ColorRole.WindowText: "#1B2733",
        QPalette.ColorRole.Base: "#FFFFFF",
        QPalette.ColorRole.AlternateBase: "#F6F8FB",
        QPalette.ColorRole.Text: "#1B2733",
        QPalette.ColorRole.Button: "#F7F9FB",
        QPalette.ColorRole.ButtonText: "#1B2733",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: "#FFFFF2",
        QPalette.ColorRole.ToolTipText: "#1B2733",
        QPalette.ColorRole.PlaceholderText: "#8593A3",
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.Light: "#FFFFFF",
        QPalette.ColorRole.Midlight: "#E7ECF1",
        QPalette.ColorRole.Mid: "#C3CDD8",
        QPalette.ColorRole.Dark: "#9AA8B7",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#98A3AF"))
    return palette


def apply_theme(app: QApplication) -> None:
    """Fusion with the light palette; Segoe UI 9.5 pt on Windows, 10 pt elsewhere."""
    app.setStyle("Fusion")
    app.setPalette(light_palette())
    font = QFont(app.font())
    if sys.platform == "win32":
        font.setFamily("Segoe UI")
        font.setPointSizeF(9.5)
    else:
        font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)


def apply_widget_icons() -> None:
    """The app's icons for the reusable widgets (svplan.ui.widgets.ICONS)."""
    from svplan.ui.icons import icon
    from svplan.ui.widgets import ICONS

    ICONS["calendar"] = icon("calendar")

"""Acronyms explained where they appear: tooltips built from core.glossary.

`explain(widget)` sets a widget's tooltip to what each acronym in its text stands for (TOMs, FTE,
NEET, VCSE, MSME, tCO2e, T-Level, RLW, LWBLEF, MaCaW…); `glossary_rows()` is the whole list for
Help > Glossary.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from svplan.core.glossary import GLOSSARY, used_in


def tip_for(text: str, lead: str = "") -> str:
    """'FTE: full-time equivalent: …' for each acronym in `text` (after `lead`, if given)."""
    lines = [f"{t.term}: {t.meaning}" for t in used_in([text])]
    return "\n".join(([lead] if lead and lines else []) + lines)


def explain(widget: QWidget, lead: str = "", text: str | None = None) -> str:
    """Set the widget's tooltip to the acronyms its text (or `text`) uses; returns it."""
    if text is None:
        text = widget.text() if isinstance(widget, QLabel) else ""
    tip = tip_for(text, lead)
    widget.setToolTip(tip)
    return tip


def glossary_rows() -> list[tuple[str, str]]:
    """Every term and its meaning, alphabetically (for Help > Glossary)."""
    terms = sorted(GLOSSARY, key=lambda t: t.term.casefold())
    return [(t.term, t.meaning[:1].upper() + t.meaning[1:]) for t in terms]

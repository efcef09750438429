"""A one-line link (an email, a website) shortened with "…" to the width it is given, so a long
address never pushes a narrow panel wider than the screen. The whole address is its tooltip and
stays the link's target; `linkActivated(str)` carries the target as for any QLabel link."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLink(QLabel):
    def __init__(self, href: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._href = href
        self._full = text
        self._shown = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setOpenExternalLinks(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("mmmm…"))
        self.setToolTip(text)
        self._fit(10_000)

    def full_text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        return self._shown

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if shown != self._shown:
            self._shown = shown
            href = html.escape(self._href, quote=True)
            self.setText(f'<a href="{href}">{html.escape(shown)}</a>')

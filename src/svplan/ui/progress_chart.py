"""A small chart of one commitment's delivery: cumulative actual against the profile to date, by
quarter (for a level measure: the level reported against the level due). Drawn with QPainter:
QtCharts is not in PySide6-Essentials."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from svplan.core.delivery import CommitmentStatus, fmt

PROFILE = QColor("#7f7f7f")
ACTUAL = QColor("#1f5f8b")
GRID = QColor("#e3e3e3")


class ProgressChart(QWidget):
    """Profile to date (dashed) and actual to date (solid, with a dot per reported quarter)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(QSize(260, 150))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Progress chart")
        self._row: CommitmentStatus | None = None

    def set_status(self, row: CommitmentStatus | None) -> None:
        self._row = row
        self.setAccessibleDescription(self.describe())
        self.setToolTip(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart in words (for screen readers and the tooltip)."""
        row = self._row
        if row is None or not row.quarters or not row.effective.rated:
            return "No progress to show yet."
        now = row.quarters[-1]
        what = "Level reported" if row.level_measure else "Actual to date"
        due = "level due" if row.level_measure else "profile to date"
        return (
            f"{row.code}: {what} {row.format(now.cumulative)} against {due} "
            f"{row.format(now.to_date)} at the end of {now.period.key}."
        )

    def series(self) -> tuple[list[str], list[float], list[float | None]]:
        """Quarter keys, the profile to date, the actual to date (None before anything)."""
        row = self._row
        if row is None or not row.effective.rated:
            return [], [], []
        keys = [q.period.key for q in row.quarters]
        return keys, [q.to_date for q in row.quarters], [q.cumulative for q in row.quarters]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        keys, profile, actual = self.series()
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        if not keys:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No progress to show yet")
            return
        metrics = painter.fontMetrics()
        top = max([*profile, *(a for a in actual if a is not None), 0.0]) or 1.0
        unit = self._row.unit if self._row else None
        label = fmt(unit, top)
        left = area.left() + metrics.horizontalAdvance(label) + 6
        legend = metrics.height() + 4
        right = area.right() - metrics.horizontalAdvance("Y10Q4") / 2  # room for the last key
        plot = QRectF(left, area.top() + legend, right - left, area.height() - legend * 2)

        def point(i: int, value: float) -> QPointF:
            step = plot.width() / max(1, len(keys) - 1)
            x = plot.left() + (step * i if len(keys) > 1 else plot.width() / 2)
            return QPointF(x, plot.bottom() - plot.height() * value / top)

        painter.setPen(QPen(GRID, 1))
        for frac in (0.0, 0.5, 1.0):
            y = plot.bottom() - plot.height() * frac
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        text = self.palette().windowText().color()
        painter.setPen(text)
        painter.drawText(
            QRectF(area.left(), plot.top() - metrics.height() / 2, left - area.left() - 4, 20),
            Qt.AlignmentFlag.AlignRight,
            label,
        )
        painter.drawText(
            QRectF(area.left(), plot.bottom() - metrics.height() / 2, left - area.left() - 4, 20),
            Qt.AlignmentFlag.AlignRight,
            "0",
        )
        for i in {0, len(keys) - 1}:
            p = point(i, 0)
            painter.drawText(
                QRectF(p.x() - 30, plot.bottom() + 2, 60, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter,
                keys[i],
            )
        self._line(painter, [point(i, v) for i, v in enumerate(profile)], PROFILE, dashed=True)
        points = [point(i, v) for i, v in enumerate(actual) if v is not None]
        self._line(painter, points, ACTUAL, dashed=False)
        painter.setBrush(ACTUAL)
        for p in points:
            painter.drawEllipse(p, 2.5, 2.5)
        level = self._row.level_measure if self._row else False
        self._legend(painter, area, metrics.height(), level)

    @staticmethod
    def _line(painter: QPainter, points: list[QPointF], colour: QColor, *, dashed: bool) -> None:
        if not points:
            return
        pen = QPen(colour, 2)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(points[0])
        for p in points[1:]:
            path.lineTo(p)
        painter.drawPath(path)

    def _legend(self, painter: QPainter, area: QRectF, height: float, level: bool) -> None:
        x = area.left()
        items = (
            (ACTUAL, "Level reported" if level else "Actual to date", False),
            (PROFILE, "Level due" if level else "Profile to date", True),
        )
        for colour, text, dashed in items:
            pen = QPen(colour, 2)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            y = area.top() + height / 2
            painter.drawLine(QPointF(x, y), QPointF(x + 18, y))
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QPointF(x + 22, area.top() + height - 3), text)
            x += 22 + painter.fontMetrics().horizontalAdvance(text) + 16

"""What a user does in several UI tests: fill in the Bid details dialog, drop a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QWidget

from svplan.ui.bid_dialog import BidDialog


def fill_bid(dialog: QDialog) -> int:
    """What a user types into the Bid details dialog of a new plan (a `dialogs` handler)."""
    assert isinstance(dialog, BidDialog)
    dialog.title.setText("Highways maintenance")
    dialog.bidder.setText("Acme Ltd")
    dialog.authority.setText("Example Borough Council")
    dialog.start.set_value(dt.date(2027, 4, 1))
    dialog.months.setValue(36)
    dialog.value.set_number(2_500_000)
    dialog.lead_name.setText("Sam Taylor")
    dialog.lead_email.setText("sam@example.com")
    dialog.lead_phone.setText("01772 000000")
    dialog.accept()
    return QDialog.DialogCode.Accepted


def drop_file(widget: QWidget, path: Path) -> None:
    """Drop a file from the file manager onto the widget."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)

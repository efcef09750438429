"""The start-up baseline: an empty QMainWindow shown the way `svplan --smoke-start` shows the app.

QApplication, show, QTimer.singleShot(0, quit), exec: the process exits once the window has been
shown and the event loop has gone idle once. Run by benchmarks/run.py, alternating with the app.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare window")
    window.resize(1200, 800)
    window.show()
    QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

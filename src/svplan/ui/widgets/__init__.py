"""Small reusable widgets used by the editor and dialogs.

They import no app module: the app gives them its icons through `ICONS` (ui/theme.py), so the
start-up need not import a widget (and what it imports) just to give it an icon.
"""

from PySide6.QtGui import QIcon

ICONS: dict[str, QIcon] = {}  # "calendar": the button of DateLine

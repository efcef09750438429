"""Social Value Plan Builder: Lancashire TOMs social value delivery plans, exported to Word."""

from pathlib import Path

__version__ = "0.2.0"
APP_NAME = "Social Value Plan Builder"
ORG_NAME = "svplan"

# The package's own folder. The app is always installed as files (editable, a wheel, or the
# Windows installer's pkgs folder), so its data sits beside this file; reading it through
# importlib.resources would cost ~6 ms of imports before the window can show.
PACKAGE_DIR = Path(__file__).resolve().parent

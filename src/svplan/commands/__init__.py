"""Command-line commands beyond the core ones in svplan.cli, one module per feature.

Every module in this package other than `common` has `register(sub)`, which adds its subcommands
to the parser (each with `func`), and imports nothing heavy at module level. svplan.cli finds the
modules itself, so a feature adds a command by adding a file here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType


def feature_modules() -> list[ModuleType]:
    """The command modules, in name order (so `svplan --help` lists them the same every time)."""
    import importlib
    import pkgutil  # here, not above: the app's plain start never builds the parser

    names = sorted(
        info.name for info in pkgutil.iter_modules(__path__) if info.name not in {"common"}
    )
    return [importlib.import_module(f"{__name__}.{name}") for name in names]

"""Command-line commands beyond the core ones in svplan.cli, one module per feature.

Each module has `register(sub)`, which adds its subcommands to the parser (setting `func`), and
imports nothing heavy at module level: the app's own start must stay fast. svplan.cli calls every
module listed in FEATURES.
"""

FEATURES: tuple[str, ...] = ()

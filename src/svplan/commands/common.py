"""What every command shares: exit codes, the one-line failure, safe terminal text."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> int:
    """One line on stderr and exit code 2: how every command reports bad input."""
    print(f"svplan: {one_line(message)}", file=sys.stderr)
    return EXIT_ERROR


def warn(message: str) -> None:
    print(f"svplan: warning: {one_line(message)}", file=sys.stderr)


def one_line(message: str) -> str:
    """Text that may come from a file (names, codes, keys) as one line, with control characters
    escaped so that a plan cannot send escape sequences to the user's terminal."""
    text = " ".join(message.splitlines())
    return "".join(repr(ch)[1:-1] if unicodedata.category(ch) == "Cc" else ch for ch in text)


def print_lines(lines: Iterable[str]) -> None:
    """Print lines that may quote a file (a preview), each as one safe line (one_line)."""
    for line in lines:
        print(one_line(line))


def saved(plan: Any, path: Path, done: str) -> int:
    """Save a changed plan atomically (the previous file kept as NAME.svplan.bak), say what
    changed on one line, and return EXIT_OK: how every command that changes a plan ends."""
    from svplan.core.planio import save_plan

    save_plan(plan, path)
    print(one_line(done))
    return EXIT_OK


def safe_lines(text: str) -> str:
    """one_line for text of several lines (a description, guidance): its line breaks kept as
    "\n", every other control character (ESC, BEL, the C1 codes) escaped."""
    return "\n".join(one_line(line) for line in text.split("\n"))


def safe_json(text: str) -> str:
    """JSON from json.dumps(ensure_ascii=False) with DEL and the C1 controls escaped too (JSON
    escapes only U+0000-U+001F, and U+009B starts an escape sequence in many terminals)."""
    return "".join(f"\\u{ord(ch):04x}" if "\x7f" <= ch <= "\x9f" else ch for ch in text)


def catalogue_for(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The catalogue named by --catalogue, else the shipped Lancashire one."""
    from svplan.core.catalogue import load_catalogue, load_default_catalogue

    path = getattr(args, "catalogue", None)
    return load_catalogue(path) if path else load_default_catalogue()


def load_plan_for(args: argparse.Namespace, path=None):  # type: ignore[no-untyped-def]
    """(plan, catalogue) for a command, with the plan's load warnings printed."""
    from svplan.core.planio import load_plan

    catalogue = catalogue_for(args)
    loaded = load_plan(path if path is not None else args.plan, catalogue)
    for warning in loaded.warnings:
        warn(warning)
    return loaded.plan, catalogue

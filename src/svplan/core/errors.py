"""Typed errors raised by the core. Each message is one sentence a bid manager can act on."""

from __future__ import annotations

from pathlib import Path


class SvplanError(Exception):
    """Base of every error the app reports to the user instead of a traceback."""

    def __init__(self, message: str, *, path: Path | str | None = None, details: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.details = details

    def __str__(self) -> str:
        return self.message


class FileFormatError(SvplanError):
    """A YAML file could not be read: too big, not text, bad YAML, forbidden tags."""


class CatalogueError(SvplanError):
    """A catalogue file is unusable."""


class PlanError(SvplanError):
    """A plan file is unusable."""


class NewerFormatError(PlanError):
    """The plan was written by a newer version of the app."""


class SaveError(SvplanError):
    """Writing a file failed; the previous file is untouched."""


class ExportError(SvplanError):
    """Writing the Word document failed."""


class UnknownMeasureError(SvplanError):
    """A measure code is not in the catalogue."""


class ImportFileError(SvplanError):
    """A table the user imports (CSV or Excel) cannot be used; nothing was changed."""

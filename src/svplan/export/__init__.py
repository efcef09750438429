"""Word export: `export_plan` writes the social value delivery plan as a .docx.

Importing this package is cheap: python-docx is imported on the first export, not here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from svplan.core.errors import ExportError, SaveError, SvplanError

if TYPE_CHECKING:
    from svplan.core.catalogue import Catalogue
    from svplan.core.plan import Plan

__all__ = ["build_docx", "export_plan"]


def build_docx(
    plan: Plan,
    catalogue: Catalogue,
    *,
    template: Path | str | None = None,
    issued: dt.date | None = None,
    contact_details: bool | None = None,
) -> bytes:
    """The delivery plan as .docx bytes (nothing is written to disk)."""
    from svplan.export.docx_writer import render
    from svplan.export.sections import build_document

    day = plan.bid.issued or issued or dt.date.today()
    document = build_document(plan, catalogue, day, contact_details=contact_details)
    return render(document, template)


def export_plan(
    plan: Plan,
    catalogue: Catalogue,
    out: Path | str,
    *,
    template: Path | str | None = None,
    issued: dt.date | None = None,
    contact_details: bool | None = None,
    sources: Mapping[str, Path | str | None] | None = None,
) -> Path:
    """Write the delivery plan to `out` (.docx) atomically and return the path written.

    The date of issue is the plan's `bid.issued`, else `issued`, else today. `template` is a
    company .docx or .dotx whose styles, page setup, headers and footers are used.
    `contact_details` False leaves named people's phones and emails out (organisations' own
    lines and websites stay); None follows the plan's `options.contact_details`.
    `sources` names further files the output must never replace (the plan file, the catalogue),
    as {"plan file": path}.
    Raises ExportError (bad template, unexpected failure) or SaveError (the file could not be
    written, or `out` is the template itself or a file that must not be replaced: see
    svplan.core.outputs; an existing file is left untouched), each with one sentence for the user.
    """
    from svplan.core.atomic import atomic_write_bytes
    from svplan.core.outputs import check_output

    out = check_output(out, {**(sources or {}), "template": template}, verb="export")
    try:
        data = build_docx(
            plan, catalogue, template=template, issued=issued, contact_details=contact_details
        )
    except SvplanError:
        raise
    except Exception as exc:
        raise ExportError(
            f"Could not export {out.name}: something unexpected went wrong while building the "
            "document.",
            path=out,
            details=repr(exc),
        ) from exc
    try:
        atomic_write_bytes(out, data, verb="export")
    except SaveError as exc:
        cause = exc.__context__
        if isinstance(cause, PermissionError) and out.is_file():
            raise SaveError(
                f"Could not export {out.name}: the file may be open in Word or another program, "
                "or its folder is read-only; close it and try again.",
                path=out,
                details=exc.details,
            ) from None
        raise
    return out

"""Opening the Word template (.docx or .dotx) and finding its styles by their built-in names.

Only styles and layout are taken from a template (the allow-list is in template_clean: no
macros, embedded objects, external links or document properties ever reach the export).

The export uses only Word's built-in style names (plus "Plan Table", which falls back to
"Table Grid"), so a company's own template restyles the whole document. A style the template lacks
is replaced by simple direct formatting: the export never fails because a style is missing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from svplan.core.errors import ExportError
from svplan.core.inputs import FileTooLargeError, NotAFileError, read_regular_bytes
from svplan.export.template_clean import clean_package

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

DEFAULT_TEMPLATE_NAME = "template.docx"
TEMPLATE_SUFFIXES = (".docx", ".dotx")
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Fallback:
    """Direct formatting used when the template has no style for a role."""

    bold: bool = False
    italic: bool = False
    size: int | None = None  # half-points
    color: str | None = None
    indent: int = 0  # twips
    prefix: str = ""  # text put before the paragraph ("• " for bullets)
    outline: int | None = None  # outline level (0 = level 1) so Word's navigation still works


# role -> (style names to try, in order; fallback formatting)
PARAGRAPH_ROLES: dict[str, tuple[tuple[str, ...], Fallback]] = {
    "body": (("Normal",), Fallback()),
    "title": (("Title",), Fallback(bold=True, size=52)),
    "subtitle": (("Subtitle",), Fallback(size=30)),
    "h1": (("Heading 1",), Fallback(bold=True, size=32, outline=0)),
    "h2": (("Heading 2",), Fallback(bold=True, size=26, outline=1)),
    "h3": (("Heading 3",), Fallback(bold=True, size=23, outline=2)),
    "h4": (("Heading 4",), Fallback(bold=True)),
    "bullet": (("List Bullet",), Fallback(indent=360, prefix="• ")),
    "quote": (("Quote",), Fallback(italic=True)),
    "caption": (("Caption",), Fallback(size=16)),
    "toc_heading": (("TOC Heading", "Heading 1"), Fallback(bold=True, size=32)),
    "toc1": (("toc 1",), Fallback(bold=True)),
    "toc2": (("toc 2",), Fallback(indent=280)),
    "toc3": (("toc 3",), Fallback(indent=560)),
    "header": (("Header",), Fallback(size=16)),
    "footer": (("Footer",), Fallback(size=16)),
}
LINK_FALLBACK = Fallback(color="0563C1")
TABLE_STYLES = ("Plan Table", "Table Grid")
HEADING_ROLES = {"h1", "h2", "h3", "h4", "title", "subtitle", "toc_heading"}


def default_template_bytes() -> bytes:
    return (resources.files("svplan") / "resources" / DEFAULT_TEMPLATE_NAME).read_bytes()


def read_template(template: Path | str | None) -> bytes:
    """The template's styles and layout as a clean .docx package (template_clean's allow-list).

    The file must be a regular .docx or .dotx file of at most 50 MB: a pipe or device is refused
    before it is opened. Raises ExportError with one sentence naming the template.
    """
    if template is None:
        return clean_package(default_template_bytes(), DEFAULT_TEMPLATE_NAME)
    path = Path(template)
    name = path.name or str(path)
    if path.suffix.lower() not in TEMPLATE_SUFFIXES:
        raise ExportError(f"The template {name} is not a Word .docx or .dotx file.", path=path)
    try:
        data = read_regular_bytes(path, MAX_TEMPLATE_BYTES)
    except FileNotFoundError:
        raise ExportError(f"The template {name} was not found.", path=path) from None
    except IsADirectoryError:
        raise ExportError(f"The template {name} is a folder, not a Word file.", path=path) from None
    except NotAFileError:
        raise ExportError(
            f"The template {name} is a device or a pipe, not a Word file.", path=path
        ) from None
    except FileTooLargeError:
        raise ExportError(
            f"The template {name} is too large to be a Word template.", path=path
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(
            f"The template {name} could not be read: {reason}.", path=path, details=str(exc)
        ) from None
    return clean_package(data, name, path)


def open_template(template: Path | str | None) -> DocxDocument:
    """The template's clean package opened with python-docx: an empty body with the page setup,
    and the styles, numbering, theme, fonts, settings, headers and footers."""
    import docx

    data = read_template(template)
    name = Path(template).name if template is not None else DEFAULT_TEMPLATE_NAME
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        message = f"The template {name} is not a valid Word document."
        raise ExportError(message, path=template, details=repr(exc)) from None
    body = document.element.body
    for child in list(body):
        if child.tag != f"{_W}sectPr":
            body.remove(child)
    return document


@dataclass(frozen=True)
class ParaStyle:
    style_id: str | None  # None: not in the template, use `fallback`
    fallback: Fallback
    tabs: tuple[int, ...] = ()  # tab stops the style sets (cleared for header/footer lines)


class StyleBook:
    """Style ids for every role, looked up once per export (lookups by name are slow)."""

    def __init__(self, document: DocxDocument) -> None:
        by_name: dict[tuple[str, str], str] = {}
        self._tabs: dict[str, tuple[int, ...]] = {}
        self._based: dict[str, str] = {}
        for el in document.styles.element.findall(f"{_W}style"):
            style_id = el.get(f"{_W}styleId")
            name_el = el.find(f"{_W}name")
            kind = el.get(f"{_W}type") or "paragraph"
            if not style_id:
                continue
            name = name_el.get(f"{_W}val") if name_el is not None else style_id
            by_name.setdefault((kind, (name or "").casefold()), style_id)
            tabs = el.findall(f"{_W}pPr/{_W}tabs/{_W}tab")
            self._tabs[style_id] = tuple(int(t.get(f"{_W}pos") or 0) for t in tabs)
            based = el.find(f"{_W}basedOn")
            if based is not None and based.get(f"{_W}val"):
                self._based[style_id] = based.get(f"{_W}val") or ""

        def find(kind: str, names: tuple[str, ...]) -> str | None:
            for n in names:
                found = by_name.get((kind, n.casefold()))
                if found:
                    return found
            return None

        self.paragraph: dict[str, ParaStyle] = {}
        for role, (names, fallback) in PARAGRAPH_ROLES.items():
            sid = find("paragraph", names)
            self.paragraph[role] = ParaStyle(sid, fallback, self._all_tabs(sid))
        self.link: str | None = find("character", ("Hyperlink",))
        self.table: str | None = find("table", TABLE_STYLES)
        self.table_is_plan = self.table is not None and self.table == find(
            "table", TABLE_STYLES[:1]
        )

    def _all_tabs(self, style_id: str | None) -> tuple[int, ...]:
        tabs: list[int] = []
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            tabs.extend(self._tabs.get(style_id, ()))
            style_id = self._based.get(style_id)
        return tuple(tabs)

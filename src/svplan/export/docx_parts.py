"""Package parts the delivery plan needs besides its text: the theme, and plain properties.

Word expects a document to have a theme part (validators report its absence, and Word resolves
theme fonts and colours through it); templates made with python-docx have none, so the export adds
a plain Office-style theme with Arial when the template lacks one. The extended properties name
no application: the document carries no tool branding.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

THEME_URI = "/word/theme/theme1.xml"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"

_COLOURS = (
    ("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
    ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
    ("dk2", '<a:srgbClr val="1F3A5F"/>'),
    ("lt2", '<a:srgbClr val="E7EEF0"/>'),
    ("accent1", '<a:srgbClr val="1F6F78"/>'),
    ("accent2", '<a:srgbClr val="1F3A5F"/>'),
    ("accent3", '<a:srgbClr val="E8A33D"/>'),
    ("accent4", '<a:srgbClr val="5B8C5A"/>'),
    ("accent5", '<a:srgbClr val="8E6C8A"/>'),
    ("accent6", '<a:srgbClr val="B42318"/>'),
    ("hlink", '<a:srgbClr val="0563C1"/>'),
    ("folHlink", '<a:srgbClr val="954F72"/>'),
)


def _fill(alpha: str = "") -> str:
    return f'<a:solidFill><a:schemeClr val="phClr">{alpha}</a:schemeClr></a:solidFill>'


def _line(width: int) -> str:
    return (
        f'<a:ln w="{width}" cap="flat" cmpd="sng" algn="ctr">{_fill()}'
        '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
    )


def theme_xml() -> str:
    """A complete, minimal DrawingML theme: colours, Arial fonts, three of each style."""
    colours = "".join(f"<a:{name}>{value}</a:{name}>" for name, value in _COLOURS)
    font = '<a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/>'
    effects = "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<a:theme xmlns:a="{_A}" name="Plan"><a:themeElements>'
        f'<a:clrScheme name="Plan">{colours}</a:clrScheme>'
        f'<a:fontScheme name="Plan"><a:majorFont>{font}</a:majorFont>'
        f"<a:minorFont>{font}</a:minorFont></a:fontScheme>"
        '<a:fmtScheme name="Plan">'
        f"<a:fillStyleLst>{_fill() * 3}</a:fillStyleLst>"
        f"<a:lnStyleLst>{_line(6350)}{_line(12700)}{_line(19050)}</a:lnStyleLst>"
        f"<a:effectStyleLst>{effects}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{_fill() * 3}</a:bgFillStyleLst>"
        "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def _has_theme(document: DocxDocument) -> bool:
    return any(rel.reltype == RT.THEME for rel in document.part.rels.values())


def add_theme(document: DocxDocument) -> None:
    """Give the document a theme part when the template has none."""
    if _has_theme(document):
        return
    package = document.part.package
    used = {str(p.partname) for p in package.iter_parts()}
    uri, n = THEME_URI, 1
    while uri in used:
        n += 1
        uri = f"/word/theme/theme{n}.xml"
    part = Part(PackURI(uri), CT.OFC_THEME, theme_xml().encode("utf-8"), package)
    document.part.relate_to(part, RT.THEME)


_APPLICATION = re.compile(rb"<(?:\w+:)?Application>[^<]*</(?:\w+:)?Application>")


def plain_app_properties(document: DocxDocument) -> None:
    """Drop the application name from docProps/app.xml (the template's may name a tool)."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            blob = part.blob
            cleaned = _APPLICATION.sub(b"", blob)
            if cleaned != blob and hasattr(part, "_blob"):
                part._blob = cleaned


def finish_package(document: DocxDocument) -> None:
    add_theme(document)
    plain_app_properties(document)

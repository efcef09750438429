"""Write src/svplan/resources/template.docx, the default Word template of the export.

Run: .venv/bin/python packaging/make_template.py   (no arguments; byte-for-byte reproducible)

The package is written from scratch (no python-docx boilerplate): A4 portrait, 2 cm margins,
Arial (Liberation Sans in LibreOffice, metric-compatible, so pages break the same), dark teal and
navy headings, and only Word's built-in style names plus one table style, "Plan Table". A company
can restyle the export by saving a copy of this file with its own fonts, colours and logo
(docs/word-export.md).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "svplan" / "resources" / "template.docx"

FONT = "Arial"
TEAL = "0E5E6F"
NAVY = "1B2F4B"
GREY = "5B6770"
RULE = "B9CDD2"
BAND = "F1F6F7"
LINK = "0563C1"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

OPENXML = "http://schemas.openxmlformats.org"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = "\n".join(
    [
        f'{XML}<Types xmlns="{OPENXML}/package/2006/content-types">',
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        *(
            f'<Override PartName="/word/{part}.xml" ContentType="{WML}.{kind}+xml"/>'
            for part, kind in (
                ("document", "document.main"),
                ("styles", "styles"),
                ("settings", "settings"),
                ("numbering", "numbering"),
                ("fontTable", "fontTable"),
            )
        ),
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>',
        "</Types>",
    ]
)


def _rels(*rels: tuple[str, str]) -> str:
    body = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(rels, 1)
    )
    return f'{XML}<Relationships xmlns="{PKG}">{body}</Relationships>'


ROOT_RELS = _rels(
    (f"{R}/officeDocument", "word/document.xml"),
    (f"{OPENXML}/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
    (f"{R}/extended-properties", "docProps/app.xml"),
)
DOC_RELS = _rels(
    (f"{R}/styles", "styles.xml"),
    (f"{R}/settings", "settings.xml"),
    (f"{R}/numbering", "numbering.xml"),
    (f"{R}/fontTable", "fontTable.xml"),
)

_W3CDTF = 'xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z'
CORE = (
    f"{XML}<cp:coreProperties "
    f'xmlns:cp="{OPENXML}/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>Social Value Delivery Plan</dc:title>"
    "<dc:creator>Social Value Plan Builder</dc:creator><cp:revision>1</cp:revision>"
    f"<dcterms:created {_W3CDTF}</dcterms:created>"
    f"<dcterms:modified {_W3CDTF}</dcterms:modified>"
    "</cp:coreProperties>"
)

APP = (
    f'{XML}<Properties xmlns="{OPENXML}/officeDocument/2006/extended-properties">'
    "<Application>Social Value Plan Builder</Application></Properties>"
)

# A4 portrait (11906 x 16838 twips), 2 cm (1134 twips) margins, header and footer 1 cm from the edge
DOCUMENT = (
    f'{XML}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body><w:p/><w:sectPr>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" '
    'w:header="567" w:footer="567" w:gutter="0"/>'
    '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/>'
    "</w:sectPr></w:body></w:document>"
)

SETTINGS = (
    f'{XML}<w:settings xmlns:w="{W}">'
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    "</w:settings>"
)

FONTS = (
    f'{XML}<w:fonts xmlns:w="{W}">'
    f'<w:font w:name="{FONT}"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
    '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)

NUMBERING = (
    f'{XML}<w:numbering xmlns:w="{W}">'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
    '<w:pStyle w:val="ListBullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="357" w:hanging="244"/></w:pPr>'
    f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/><w:color w:val="{TEAL}"/></w:rPr>'
    "</w:lvl></w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    "</w:numbering>"
)


def _rpr(
    size: int | None = None, color: str | None = None, bold: bool = False, italic: bool = False
) -> str:
    parts = []
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size:
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def _para_style(
    sid: str,
    name: str,
    *,
    ppr: str = "",
    rpr: str = "",
    based: str = "Normal",
    nxt: str = "Normal",
    priority: int = 10,
    extra: str = "",
) -> str:
    based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>{based_on}'
        f'<w:next w:val="{nxt}"/><w:uiPriority w:val="{priority}"/><w:qFormat/>{extra}'
        f"<w:pPr>{ppr}</w:pPr>{rpr}</w:style>"
    )


def _heading(
    level: int, size: int, color: str, before: int, after: int, ppr_extra: str = ""
) -> str:
    ppr = (
        f'<w:keepNext/><w:keepLines/>{ppr_extra}<w:spacing w:before="{before}" w:after="{after}"/>'
        f'<w:outlineLvl w:val="{level - 1}"/>'
    )
    return _para_style(
        f"Heading{level}",
        f"heading {level}",
        ppr=ppr,
        rpr=_rpr(size, color, bold=True),
        priority=9,
    )


def _border(side: str, color: str, size: int = 4, space: int = 0) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>'


def _table_style(sid: str, name: str, body: str, priority: int) -> str:
    return (
        f'<w:style w:type="table" w:styleId="{sid}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="{priority}"/>{body}</w:style>'
    )


def _borders(*items: str) -> str:
    return "<w:tblBorders>" + "".join(items) + "</w:tblBorders>"


def _cell_margins(top: int, side: int) -> str:
    return (
        f'<w:tblCellMar><w:top w:w="{top}" w:type="dxa"/><w:left w:w="{side}" w:type="dxa"/>'
        f'<w:bottom w:w="{top}" w:type="dxa"/><w:right w:w="{side}" w:type="dxa"/></w:tblCellMar>'
    )


def _shade(fill: str) -> str:
    return f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'


def _styles() -> str:
    tight = '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    grid = _borders(
        *(
            _border(side, "auto")
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
    )
    plan_table = (
        '<w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0" w:line="252" w:lineRule="auto"/>'
        '</w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
        '<w:tblPr><w:tblStyleRowBandSize w:val="1"/>'
        + _borders(_border("top", TEAL, 8), _border("bottom", TEAL, 8), _border("insideH", RULE))
        + _cell_margins(57, 85)
        + "</w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>'
        f"<w:tcPr>{_shade(TEAL)}</w:tcPr></w:tblStylePr>"
        f'<w:tblStylePr w:type="band1Horz"><w:tcPr>{_shade(BAND)}</w:tcPr></w:tblStylePr>'
    )
    parts = [
        f'{XML}<w:styles xmlns:w="{W}">',
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        '<w:sz w:val="20"/><w:szCs w:val="20"/>'
        '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>'
        "</w:pPrDefault></w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/><w:pPr><w:widowControl/></w:pPr></w:style>",
        _para_style(
            "Title",
            "Title",
            ppr=f"<w:pBdr>{_border('top', TEAL, 36, 18)}</w:pBdr>"
            '<w:spacing w:after="200" w:line="240" w:lineRule="auto"/><w:contextualSpacing/>',
            rpr=_rpr(60, NAVY, bold=True),
        ),
        _para_style(
            "Subtitle",
            "Subtitle",
            ppr='<w:spacing w:after="240"/>',
            rpr=_rpr(34, TEAL),
            priority=11,
        ),
        _heading(1, 32, TEAL, 480, 200, f"<w:pBdr>{_border('bottom', TEAL, 8, 4)}</w:pBdr>"),
        _heading(2, 26, NAVY, 360, 120),
        _heading(3, 23, TEAL, 320, 120, f"<w:pBdr>{_border('top', RULE, 4, 6)}</w:pBdr>"),
        _heading(4, 20, NAVY, 200, 60),
        _para_style(
            "ListBullet",
            "List Bullet",
            ppr='<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/>'
            '<w:ind w:left="357" w:hanging="244"/>',
            priority=36,
        ),
        _para_style(
            "Quote",
            "Quote",
            ppr=f"<w:pBdr>{_border('left', TEAL, 12, 8)}</w:pBdr>"
            '<w:spacing w:before="60" w:after="160"/><w:ind w:left="170" w:right="170"/>',
            rpr=_rpr(None, GREY, italic=True),
            priority=29,
        ),
        _para_style(
            "Caption", "caption", ppr='<w:spacing w:after="120"/>', rpr=_rpr(16, GREY), priority=35
        ),
        _para_style(
            "TOCHeading",
            "TOC Heading",
            based="Heading1",
            ppr='<w:outlineLvl w:val="9"/>',
            priority=39,
        ),
        _para_style(
            "TOC1",
            "toc 1",
            ppr='<w:spacing w:before="160" w:after="40"/>',
            rpr=_rpr(None, NAVY, bold=True),
            priority=39,
        ),
        _para_style(
            "TOC2", "toc 2", ppr='<w:spacing w:after="30"/><w:ind w:left="284"/>', priority=39
        ),
        _para_style(
            "TOC3",
            "toc 3",
            ppr='<w:spacing w:after="20"/><w:ind w:left="567"/>',
            rpr=_rpr(18, GREY),
            priority=39,
        ),
        _para_style(
            "Header",
            "header",
            ppr=f"<w:pBdr>{_border('bottom', RULE, 4, 4)}</w:pBdr>{tight}",
            rpr=_rpr(16, GREY),
            priority=99,
        ),
        _para_style("Footer", "footer", ppr=tight, rpr=_rpr(16, GREY), priority=99),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        f'<w:rPr><w:color w:val="{LINK}"/><w:u w:val="single"/></w:rPr></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{_cell_margins(0, 108)}</w:tblPr></w:style>',
        _table_style(
            "TableGrid", "Table Grid", f"<w:pPr>{tight}</w:pPr><w:tblPr>{grid}</w:tblPr>", 39
        ),
        _table_style("PlanTable", "Plan Table", plan_table, 40),
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        "</w:styles>",
    ]
    return "\n".join(parts)


STYLES = _styles()

PARTS = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": ROOT_RELS,
    "docProps/core.xml": CORE,
    "docProps/app.xml": APP,
    "word/document.xml": DOCUMENT,
    "word/_rels/document.xml.rels": DOC_RELS,
    "word/styles.xml": STYLES,
    "word/settings.xml": SETTINGS,
    "word/numbering.xml": NUMBERING,
    "word/fontTable.xml": FONTS,
}


def build() -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in PARTS.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def main() -> int:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

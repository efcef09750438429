"""Write a model.Document into a Word template and return the .docx bytes.

The body is generated as one XML string and parsed once (much faster than python-docx's object
API for hundreds of paragraphs and table cells). Styles are referenced by the ids StyleBook found;
where the template lacks a style, simple direct formatting stands in for it.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from lxml import etree

from svplan.export.model import Block, Contents, Document, Heading, PageBreak, Para, Run, Table
from svplan.export.template import LINK_FALLBACK, Fallback, ParaStyle, StyleBook, open_template
from svplan.export.text import link_text, sanitize, wrap_long_words

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROOT = f'<w:root xmlns:w="{W_NS}" xmlns:r="{R_NS}">%s</w:root>'
_ATTR = {'"': "&quot;"}
A4_TEXT_WIDTH = 9638  # twips: A4 with 2 cm margins
# Rows with more characters than this may break across pages: Word clips a row that is not
# allowed to break and is taller than a page.
SPLITTABLE_ROW = 600


def _attr(value: str) -> str:
    return escape(value, _ATTR)


class _Writer:
    def __init__(self, docx_document: DocxDocument, styles: StyleBook, text_width: int) -> None:
        self.part = docx_document.part
        self.styles = styles
        self.width = text_width
        self._bookmark = 0
        self._links = _hyperlinks_of(self.part)
        self._next_rid = 1  # no rId below this is free (see _link)
        self._break_before = False

    # runs -------------------------------------------------------------------------------------

    def _rpr(
        self,
        bold: bool = False,
        italic: bool = False,
        fb: Fallback | None = None,
        style: str | None = None,
    ) -> str:
        parts = []
        if style:
            parts.append(f'<w:rStyle w:val="{_attr(style)}"/>')
        if bold or (fb and fb.bold):
            parts.append("<w:b/><w:bCs/>")
        if italic or (fb and fb.italic):
            parts.append("<w:i/><w:iCs/>")
        if fb and fb.color:
            parts.append(f'<w:color w:val="{fb.color}"/>')
        if fb and fb.size:
            parts.append(f'<w:sz w:val="{fb.size}"/><w:szCs w:val="{fb.size}"/>')
        if fb is LINK_FALLBACK:
            parts.append('<w:u w:val="single"/>')
        return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""

    @staticmethod
    def text_xml(text: str, wrap: bool = True) -> str:
        """<w:t> and <w:br/> elements for text (cleaned; long words made breakable)."""
        text = sanitize(text)
        if wrap:
            text = wrap_long_words(text)
        lines = text.split("\n")
        out = []
        for i, line in enumerate(lines):
            if i:
                out.append("<w:br/>")
            if line:
                out.append(f'<w:t xml:space="preserve">{escape(line)}</w:t>')
        return "".join(out)

    def _run(self, run: Run, fb: Fallback | None) -> str:
        if run.link:
            rid = self._link(run.link)
            style = self.styles.link
            rpr = self._rpr(run.bold, run.italic, None if style else LINK_FALLBACK, style)
            body = self.text_xml(link_text(run.text), wrap=False)  # no bidi spoofing
            return f'<w:hyperlink r:id="{rid}" w:history="1"><w:r>{rpr}{body}</w:r></w:hyperlink>'
        rpr = self._rpr(run.bold, run.italic, fb)
        body = f"<w:r>{rpr}{self.text_xml(run.text)}</w:r>"
        if run.anchor:
            return f'<w:hyperlink w:anchor="{_attr(run.anchor)}" w:history="1">{body}</w:hyperlink>'
        return body

    def _link(self, url: str) -> str:
        """The rId of the external hyperlink relationship to url, added if there is none yet.

        Gives what python-docx's part.relate_to gives (the template's own relationship to the
        same url, else the lowest free rId), in O(1): relate_to scans every relationship of the
        part twice per call, which made n links cost O(n²).
        """
        rid = self._links.get(url)
        if rid is None:
            rels = self.part.rels
            while f"rId{self._next_rid}" in rels:  # relationships are only added: free rIds
                self._next_rid += 1  # only ever move up, so the walk is O(n) in total
            rid = f"rId{self._next_rid}"
            rels.add_relationship(RT.HYPERLINK, url, rid, is_external=True)
            self._links[url] = rid
        return rid

    # paragraphs -------------------------------------------------------------------------------

    def _ppr(
        self,
        ps: ParaStyle,
        *,
        keep_next: bool = False,
        tabs: str = "",
        spacing: str = "",
        ind: str = "",
        extra: str = "",
    ) -> str:
        fb = ps.fallback if ps.style_id is None else None
        parts = []
        if ps.style_id and ps.style_id != "Normal":
            parts.append(f'<w:pStyle w:val="{_attr(ps.style_id)}"/>')
        if keep_next or (fb and fb.outline is not None):
            parts.append("<w:keepNext/>")
        if self._break_before:
            parts.append("<w:pageBreakBefore/>")
            self._break_before = False
        if tabs:
            parts.append(f"<w:tabs>{tabs}</w:tabs>")
        if spacing:
            parts.append(spacing)
        if ind:
            parts.append(ind)
        elif fb and fb.indent:
            parts.append(f'<w:ind w:left="{fb.indent}"/>')
        parts.append(extra)
        if fb and fb.outline is not None:
            parts.append(f'<w:outlineLvl w:val="{fb.outline}"/>')
        return f"<w:pPr>{''.join(parts)}</w:pPr>"

    def paragraph(self, para: Para, *, cell: bool = False) -> str:
        ps = self.styles.paragraph.get(para.role) or self.styles.paragraph["body"]
        fb = ps.fallback if ps.style_id is None else None
        tabs = ind = spacing = ""
        runs: list[str] = []
        if para.label is not None:
            w = para.label_width
            ind = (
                f'<w:ind w:left="{w}" w:hanging="{w}"/>' if para.label else f'<w:ind w:left="{w}"/>'
            )
            if para.label:
                tabs = f'<w:tab w:val="left" w:pos="{w}"/>'
                runs.append(f"<w:r>{self._rpr(True, False, fb)}{self.text_xml(para.label)}</w:r>")
                runs.append("<w:r><w:tab/></w:r>")
        if para.space_before is not None or para.space_after is not None:
            attrs = ""
            if para.space_before is not None:
                attrs += f' w:before="{para.space_before}"'
            if para.space_after is not None:
                attrs += f' w:after="{para.space_after}"'
            spacing = f"<w:spacing{attrs}/>"
        elif cell:
            spacing = '<w:spacing w:before="0" w:after="0"/>'
        if fb and fb.prefix:
            runs.append(f"<w:r>{self.text_xml(fb.prefix, wrap=False)}</w:r>")
        runs.extend(self._run(r, fb) for r in para.runs)
        ppr = self._ppr(ps, keep_next=para.keep_next, tabs=tabs, spacing=spacing, ind=ind)
        return f"<w:p>{ppr}{''.join(runs)}</w:p>"

    def heading(self, h: Heading) -> str:
        role = h.role or f"h{min(max(h.level, 1), 4)}"
        ps = self.styles.paragraph[role]
        fb = ps.fallback if ps.style_id is None else None
        run = f"<w:r>{self._rpr(False, False, fb)}{self.text_xml(h.text)}</w:r>"
        if h.anchor:
            self._bookmark += 1
            n = self._bookmark
            run = (
                f'<w:bookmarkStart w:id="{n}" w:name="{_attr(h.anchor)}"/>{run}'
                f'<w:bookmarkEnd w:id="{n}"/>'
            )
        return f"<w:p>{self._ppr(ps, keep_next=True)}{run}</w:p>"

    # tables -----------------------------------------------------------------------------------

    def table(self, t: Table) -> str:
        total = sum(c.width for c in t.columns) or 1
        widths = [int(self.width * c.width / total) for c in t.columns]
        widths[-1] += self.width - sum(widths)
        style = self.styles.table
        tblpr = []
        if style:
            tblpr.append(f'<w:tblStyle w:val="{_attr(style)}"/>')
        tblpr.append(f'<w:tblW w:w="{self.width}" w:type="dxa"/>')
        if not style:
            border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
            sides = ("top", "left", "bottom", "right", "insideH", "insideV")
            tblpr.append(f"<w:tblBorders>{''.join(border.format(s) for s in sides)}</w:tblBorders>")
        tblpr.append('<w:tblLayout w:type="fixed"/>')
        tblpr.append(
            '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        )
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out = [f"<w:tbl><w:tblPr>{''.join(tblpr)}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"]
        shade = "" if style else '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
        header = [
            self._cell([Para([Run(c.title, bold=True)])], w, shade)
            for c, w in zip(t.columns, widths, strict=True)
        ]
        out.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{''.join(header)}</w:tr>")
        for row in t.rows:
            size = sum(len(r.text) for cell in row for p in cell for r in p.runs)
            trpr = "<w:trPr><w:cantSplit/></w:trPr>" if size < SPLITTABLE_ROW else ""
            cells = "".join(self._cell(c, w) for c, w in zip(row, widths, strict=True))
            out.append(f"<w:tr>{trpr}{cells}</w:tr>")
        out.append("</w:tbl>")
        # a small empty paragraph keeps two tables apart (Word would merge them)
        out.append(
            '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:rPr><w:sz w:val="8"/>'
            "</w:rPr></w:pPr></w:p>"
        )
        return "".join(out)

    def _cell(self, paras: list[Para], width: int, shade: str = "") -> str:
        body = "".join(self.paragraph(p, cell=True) for p in paras) or "<w:p/>"
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>{body}</w:tc>'

    # the body ---------------------------------------------------------------------------------

    def body(self, blocks: list[Block]) -> str:
        headings = [b for b in blocks if isinstance(b, Heading)]
        out: list[str] = []
        for block in blocks:
            if isinstance(block, PageBreak):
                self._break_before = True
            elif isinstance(block, Heading):
                out.append(self.heading(block))
            elif isinstance(block, Para):
                out.append(self.paragraph(block))
            elif isinstance(block, Table):
                if self._break_before:
                    out.append(self.paragraph(Para([])))
                out.append(self.table(block))
            elif isinstance(block, Contents):
                out.extend(self.contents(headings, block.depth))
        return "".join(out)

    def contents(self, headings: list[Heading], depth: int) -> Iterable[str]:
        for h in headings:
            if h.anchor and h.in_contents and h.level <= depth:
                yield self.paragraph(Para([Run(h.text, anchor=h.anchor)], role=f"toc{h.level}"))

    # header and footer ------------------------------------------------------------------------

    def line(self, role: str, left: list[str], right: list[str]) -> str:
        """A header/footer line: `left` run XML, then `right` run XML at the right margin."""
        ps = self.styles.paragraph[role]
        fb = ps.fallback if ps.style_id is None else None
        clear = "".join(f'<w:tab w:val="clear" w:pos="{p}"/>' for p in ps.tabs if p != self.width)
        tabs = f'{clear}<w:tab w:val="right" w:pos="{self.width}"/>'
        rpr = self._rpr(fb=fb)
        runs = "".join(f"<w:r>{rpr}{x}</w:r>" for x in left)
        if right:
            runs += f"<w:r>{rpr}<w:tab/></w:r>" + "".join(f"<w:r>{rpr}{x}</w:r>" for x in right)
        return f"<w:p>{self._ppr(ps, tabs=tabs, spacing='')}{runs}</w:p>"

    def field(self, code: str, shown: str) -> list[str]:
        return [
            '<w:fldChar w:fldCharType="begin"/>',
            f'<w:instrText xml:space="preserve"> {code} </w:instrText>',
            '<w:fldChar w:fldCharType="separate"/>',
            f"<w:t>{shown}</w:t>",
            '<w:fldChar w:fldCharType="end"/>',
        ]


def _hyperlinks_of(part) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """url -> rId of the external hyperlinks the part already has (the first one per url)."""
    links: dict[str, str] = {}
    for rel in part.rels.values():
        if rel.is_external and rel.reltype == RT.HYPERLINK:
            links.setdefault(rel.target_ref, rel.rId)
    return links


def _with_body(docx_document: DocxDocument, xml: str) -> DocxDocument:
    """The template document with the body XML put into its (emptied) body, before its section
    properties; returns the Document to go on with (its part may now hold a new root element).

    The template's document element is serialized with a marker where the body goes, the body
    XML is spliced in there and the whole is parsed once. Inserting the parsed elements into the
    template instead moves them from one lxml document into another, which costs time quadratic
    in the size moved (lxml 6 / libxml2 2.14, namespace fix-ups: the xml:space attributes above
    all); a 500-commitment plan spent over a second there. document.xml is byte for byte the
    same either way.
    """
    root = docx_document.element
    body = root.body
    sect = body.sectPr
    scope = body.nsmap
    if scope.get("w") != W_NS or scope.get("r") != R_NS:
        # The template binds w: or r: to something else (Word never does): the body XML cannot
        # be spliced as text; move its elements in, and lxml declares what they need.
        for child in list(parse_xml(_ROOT % xml)):
            if sect is not None:
                sect.addprevious(child)
            else:
                body.append(child)
        return docx_document
    marker = f"svplan-body-{uuid.uuid4().hex}"
    comment = etree.Comment(marker)
    if sect is not None:
        sect.addprevious(comment)
    else:
        body.append(comment)
    head, found, tail = etree.tostring(root, encoding="unicode").partition(f"<!--{marker}-->")
    if not found:  # pragma: no cover - the marker was just put there
        raise RuntimeError("the body marker is missing from the serialized template")
    part = docx_document.part
    element = parse_xml(head + xml + tail)
    part._element = element  # where python-docx's XmlPart keeps its root element
    if part.element is not element:  # pragma: no cover - a python-docx that stores it elsewhere
        raise RuntimeError("could not replace the document element of the template")
    return part.document


def _text_width(document: DocxDocument) -> int:
    try:
        section = document.sections[-1]
        width = section.page_width - section.left_margin - section.right_margin
        twips = int(width / 635)  # EMU -> twips
    except (TypeError, IndexError, AttributeError):
        return A4_TEXT_WIDTH
    return twips if 2000 <= twips <= 40000 else A4_TEXT_WIDTH


def _replace_content(part_element, xml: str) -> None:  # type: ignore[no-untyped-def]
    """Drop empty paragraphs from a header/footer and append the new paragraph(s).

    Whatever the template put there (a logo, a line of text) is kept, above the new line.
    """
    w = f"{{{W_NS}}}"
    for p in part_element.findall(f"{w}p"):
        has_text = any((t.text or "").strip() for t in p.iter(f"{w}t"))
        has_other = any(
            el.tag in (f"{w}drawing", f"{w}pict", f"{w}fldChar", f"{w}fldSimple", f"{w}object")
            for el in p.iter()
        )
        if not has_text and not has_other:
            part_element.remove(p)
    for child in list(parse_xml(_ROOT % xml)) if xml else []:
        part_element.append(child)
    if part_element.find(f"{w}p") is None and part_element.find(f"{w}tbl") is None:
        blank = '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>'
        part_element.append(parse_xml(_ROOT % blank)[0])


def render(document: Document, template: Path | str | None = None) -> bytes:
    """The .docx bytes of `document` written into `template` (None: the default template)."""
    docx_document = open_template(template)
    styles = StyleBook(docx_document)
    writer = _Writer(docx_document, styles, _text_width(docx_document))

    docx_document = _with_body(docx_document, writer.body(document.blocks))

    section = docx_document.sections[-1]
    section.different_first_page_header_footer = True
    left, right = document.header
    run = writer.text_xml
    header_xml = writer.line("header", [run(left)] if left else [], [run(right)] if right else [])
    page = [run("Page "), *writer.field("PAGE", "1"), run(" of "), *writer.field("NUMPAGES", "1")]
    footer_xml = writer.line("footer", [run(document.footer)] if document.footer else [], page)
    parts = [
        (section.header, header_xml if (left or right) else ""),
        (section.footer, footer_xml),
        (section.first_page_header, ""),
        (section.first_page_footer, writer.line("footer", [], page)),
    ]
    if docx_document.settings.odd_and_even_pages_header_footer:  # a template may ask for it
        parts += [
            (section.even_page_header, header_xml if (left or right) else ""),
            (section.even_page_footer, footer_xml),
        ]
    for hdr, xml in parts:
        hdr.is_linked_to_previous = False
        _replace_content(hdr._element, xml)

    props = docx_document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.title = document.title[:255]
    props.subject = document.subject[:255]
    props.author = document.author[:255]
    props.last_modified_by = document.author[:255]
    props.keywords = document.keywords[:255]
    props.comments = "Written with Social Value Plan Builder."
    props.category = "Social value delivery plan"
    props.created = now
    props.modified = now
    props.revision = 1

    out = io.BytesIO()
    docx_document.save(out)
    return out.getvalue()

"""Write a model.Document into a Word template and return the .docx bytes.

The body is generated as one XML string and parsed once (much faster than python-docx's object
API for hundreds of paragraphs and table cells). Styles are referenced by the ids StyleBook found;
where the template lacks a style, simple direct formatting stands in for it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from lxml import etree

from svplan.export.docx_parts import finish_package
from svplan.export.docx_tables import table_xml
from svplan.export.model import Block, Contents, Document, Heading, PageBreak, Para, Run, Table
from svplan.export.template import LINK_FALLBACK, Fallback, ParaStyle, StyleBook, open_template
from svplan.export.text import link_text, sanitize, wrap_long_words

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROOT = f'<w:root xmlns:w="{W_NS}" xmlns:r="{R_NS}">%s</w:root>'
_ATTR = {'"': "&quot;"}
A4_TEXT_WIDTH = 9638  # twips: A4 with 2 cm margins

CONTENTS_LINES = 40  # about what one A4 page of contents holds in the default styles


NB_HYPHEN = "\u2011"  # written as <w:noBreakHyphen/>
# "Year 5", "Quarter 2": no line break inside; "36-month": no break at the hyphen
_TIES = re.compile(r"\b(Year|Quarter|Q[1-4]|Y\d{1,2}) (\d+)")
_HYPHEN_UNITS = re.compile(r"\b(\d+)-(month|year|week|day|hour)\b")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATES = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}) (\d{{4}})\b")  # "1 April 2027" on one line


def _attr(value: str) -> str:
    return escape(value, _ATTR)


def tie(text: str) -> str:
    """No-break spaces and hyphens where a line must not break: 'Year\xa05', '36\u2011month'."""
    text = _TIES.sub(lambda m: f"{m.group(1)}\u00a0{m.group(2)}", text)
    text = _DATES.sub(lambda m: "\u00a0".join(m.groups()), text)
    return _HYPHEN_UNITS.sub(lambda m: f"{m.group(1)}{NB_HYPHEN}{m.group(2)}", text)


class _Writer:
    def __init__(self, docx_document: DocxDocument, styles: StyleBook, text_width: int) -> None:
        self.part = docx_document.part
        self.styles = styles
        self.width = text_width
        self._bookmark = 0
        self._links = _hyperlinks_of(self.part)
        self._next_rid = 1  # no rId below this is free (see _link)
        self._break_before = False
        self._size: int | None = None  # half-points for every run (compact tables)
        self.ties = False  # no-break spaces and hyphens (Document.ties)

    # runs -------------------------------------------------------------------------------------

    def _rpr(
        self,
        bold: bool = False,
        italic: bool = False,
        fb: Fallback | None = None,
        style: str | None = None,
        run: Run | None = None,
    ) -> str:
        parts = []
        if style:
            parts.append(f'<w:rStyle w:val="{_attr(style)}"/>')
        if bold or (fb and fb.bold):
            parts.append("<w:b/><w:bCs/>")
        if italic or (fb and fb.italic):
            parts.append("<w:i/><w:iCs/>")
        color = (run.color if run else None) or (fb.color if fb else None)
        if color:
            parts.append(f'<w:color w:val="{_attr(color)}"/>')
        size = (run.size if run else None) or (fb.size if fb else None) or self._size
        if size:
            parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
        if fb is LINK_FALLBACK:
            parts.append('<w:u w:val="single"/>')
        return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""

    def text_xml(self, text: str, wrap: bool = True) -> str:
        """<w:t> and <w:br/> elements for text (cleaned; long words made breakable; with the
        document's `ties`, no line break inside "Year 5", "36-month" or "1 April 2027")."""
        text = sanitize(text)
        if self.ties:
            text = tie(text)
        if wrap:
            text = wrap_long_words(text)
        lines = text.split("\n")
        out = []
        for i, line in enumerate(lines):
            if i:
                out.append("<w:br/>")
            for j, piece in enumerate(line.split(NB_HYPHEN)):
                if j:
                    out.append("<w:noBreakHyphen/>")
                if piece:
                    out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
        return "".join(out)

    def _run(self, run: Run, fb: Fallback | None) -> str:
        if run.link:
            rid = self._link(run.link)
            style = self.styles.link
            rpr = self._rpr(run.bold, run.italic, None if style else LINK_FALLBACK, style)
            body = self.text_xml(link_text(run.text), wrap=False)  # no bidi spoofing
            return f'<w:hyperlink r:id="{rid}" w:history="1"><w:r>{rpr}{body}</w:r></w:hyperlink>'
        rpr = self._rpr(run.bold, run.italic, fb, run=run)
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
        extra = f'<w:jc w:val="{para.align}"/>' if para.align in ("center", "right") else ""
        ppr = self._ppr(
            ps, keep_next=para.keep_next, tabs=tabs, spacing=spacing, ind=ind, extra=extra
        )
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
        return table_xml(self, t)

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
        """A line per heading: its text linked to the heading, a dot leader and its page number.

        The number is a PAGEREF field with no cached result: LibreOffice computes it as it lays
        out the pages; Word fills it in when fields are updated (F9, or on printing); a viewer
        that computes no fields shows the line without a number, never a wrong one.
        """
        listed = [h for h in headings if h.anchor and h.in_contents]
        # one page where it can: the measures' own lines go before the contents runs over
        while depth > 2 and sum(h.level <= depth for h in listed) > CONTENTS_LINES:
            depth -= 1
        for h in listed:
            if h.level > depth:
                continue
            ps = self.styles.paragraph.get(f"toc{h.level}") or self.styles.paragraph["body"]
            fb = ps.fallback if ps.style_id is None else None
            rpr = self._rpr(fb=fb)
            tabs = f'<w:tab w:val="right" w:leader="dot" w:pos="{self.width}"/>'
            page = "".join(
                f"<w:r>{rpr}{x}</w:r>" for x in self.field(f"PAGEREF {h.anchor} \\h", "")
            )
            text = f"<w:r>{rpr}{self.text_xml(h.text)}</w:r><w:r>{rpr}<w:tab/></w:r>{page}"
            link = f'<w:hyperlink w:anchor="{_attr(h.anchor)}" w:history="1">{text}</w:hyperlink>'
            yield f"<w:p>{self._ppr(ps, tabs=tabs)}{link}</w:p>"

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
        """The runs' content of a field; `shown` is its cached result ("" for none)."""
        cached = [f"<w:t>{escape(shown)}</w:t>"] if shown else []
        return [
            '<w:fldChar w:fldCharType="begin"/>',
            f'<w:instrText xml:space="preserve"> {escape(code)} </w:instrText>',
            '<w:fldChar w:fldCharType="separate"/>',
            *cached,
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
    writer.ties = document.ties

    docx_document = _with_body(docx_document, writer.body(document.blocks))

    section = docx_document.sections[-1]
    section.different_first_page_header_footer = True
    left, right = document.header
    run = writer.text_xml
    header_xml = writer.line("header", [run(left)] if left else [], [run(right)] if right else [])
    if document.page_of:
        page = [run("Page "), *writer.field("PAGE", "1"), run(" of ")]
        page += writer.field("NUMPAGES", "1")
    else:  # the number alone, computed on each page; no cached "1" for viewers that never do
        page = writer.field("PAGE", "")
    footer_xml = writer.line("footer", [run(document.footer)] if document.footer else [], page)
    parts = [
        (section.header, header_xml if (left or right) else ""),
        (section.footer, footer_xml),
        (section.first_page_header, ""),
        (section.first_page_footer, writer.line("footer", [], page) if document.page_of else ""),
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
    props.comments = ""  # no tool branding in the document's properties
    props.category = "Social value delivery plan"
    props.created = now
    props.modified = now
    props.revision = 1

    finish_package(docx_document)  # the theme part, no tool name as the "Application"
    out = io.BytesIO()
    docx_document.save(out)
    return out.getvalue()

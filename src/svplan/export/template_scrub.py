"""Cleaning one kept part of a template: no reference to a dropped relationship, no field that
fetches or runs anything, no linked VML image, no settings that reach outside the document.

Pure lxml; used by template_clean, which decides which relationships are kept.
"""

from __future__ import annotations

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
O_HREF = "{urn:schemas-microsoft-com:office:office}href"
VML = "{urn:schemas-microsoft-com:vml}"
SL = "{http://schemas.openxmlformats.org/schemaLibrary/2006/main}"

# Fields that only show something about the document itself. Any other field code in a kept
# header or footer (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE, DDEAUTO, IMPORT, MACROBUTTON,
# HYPERLINK, DATABASE …) is blanked, so Word shows the text it last had and fetches nothing.
# fmt: off
SAFE_FIELDS = frozenset({
    "PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "DATE", "TIME", "CREATEDATE", "SAVEDATE",
    "PRINTDATE", "EDITTIME", "TITLE", "SUBJECT", "AUTHOR", "KEYWORDS", "COMMENTS", "LASTSAVEDBY",
    "FILENAME", "NUMWORDS", "NUMCHARS", "DOCPROPERTY", "STYLEREF", "SEQ", "REF", "PAGEREF", "=",
    "IF", "QUOTE", "SYMBOL", "USERNAME", "USERINITIALS",
})
# fmt: on

# Settings that point outside the document or change how it opens: attached template, mail
# merge data source, document variables, protection, style linking, XSLT on save, schemas,
# footnote/endnote separators (those parts are not kept), and the "update fields?" prompt.
SETTINGS_DROP = frozenset(
    {
        f"{W}attachedTemplate",
        f"{W}mailMerge",
        f"{W}docVars",
        f"{W}documentProtection",
        f"{W}writeProtection",
        f"{W}linkStyles",
        f"{W}saveThroughXslt",
        f"{W}attachedSchema",
        f"{W}footnotePr",
        f"{W}endnotePr",
        f"{W}updateFields",
        f"{SL}schemaLibrary",
    }
)
_CONTAINERS = (f"{W}drawing", f"{W}pict", f"{W}object")


def scrub(root: etree._Element, kept_ids: set[str], kind: str) -> None:
    """Clean `root` (a part of kind "document", "header", "settings", …) in place."""
    if kind == "settings":
        for el in [el for el in root if el.tag in SETTINGS_DROP]:
            root.remove(el)
    drop_dangling(root, kept_ids)
    drop_vml_links(root)
    if kind in ("document", "header", "footer"):
        neutralise_fields(root)
    if kind == "numbering":
        drop_empty_picture_bullets(root)


def _attached(el: etree._Element, root: etree._Element) -> bool:
    return el is root or any(a is root for a in el.iterancestors())


def _unwrap(el: etree._Element) -> None:
    """Replace `el` by its children (a hyperlink or field keeps its text)."""
    parent = el.getparent()
    if parent is None:
        return
    at = parent.index(el)
    for offset, child in enumerate(list(el)):
        parent.insert(at + offset, child)
    parent.remove(el)


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def drop_dangling(root: etree._Element, kept_ids: set[str]) -> None:
    """Remove what refers to a relationship that was not kept.

    A link (r:link, r:href: a linked picture) loses the attribute; a hyperlink keeps its text; a
    picture, drawing or embedded object goes as a whole (within mc:AlternateContent, the whole
    alternative); an extension (a:ext, e.g. an SVG copy of a picture) goes alone; any other
    element carrying the reference goes.
    """
    found = [
        (el, attr)
        for el in root.iter()
        if isinstance(el.tag, str)
        for attr, value in el.attrib.items()
        if attr.startswith(R) and value not in kept_ids
    ]
    for el, attr in found:
        if not _attached(el, root):
            continue  # went with an ancestor
        if attr[len(R) :] in ("link", "href") or el is root:
            del el.attrib[attr]
        elif el.tag == f"{W}hyperlink":
            _unwrap(el)
        else:
            _remove(_enclosing(el))


def _enclosing(el: etree._Element) -> etree._Element:
    """What to remove for an element whose reference was dropped."""
    chain = [el, *el.iterancestors()]
    for node in chain:
        if node.tag == f"{A}ext":
            return node
    for node in reversed(chain):
        if node.tag == f"{MC}AlternateContent":
            return node
    for node in chain:
        if node.tag in _CONTAINERS:
            return node
    return el


def drop_vml_links(root: etree._Element) -> None:
    """VML pictures and fills can name a file or address to fetch (src, o:href, href)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if O_HREF in el.attrib:
            del el.attrib[O_HREF]
        if el.tag.startswith(VML):
            for attr in ("src", "href"):
                if attr in el.attrib:
                    del el.attrib[attr]


def _field_word(code: str) -> str:
    code = code.strip()
    if code.startswith("="):
        return "="
    return code.split(None, 1)[0].upper() if code else ""


def neutralise_fields(root: etree._Element) -> None:
    """Blank the code of every field not in SAFE_FIELDS (its last shown text stays)."""
    for simple in list(root.iter(f"{W}fldSimple")):
        if _field_word(simple.get(f"{W}instr") or "") not in SAFE_FIELDS:
            _unwrap(simple)
    stack: list[tuple[list[etree._Element], list[bool]]] = []
    fields: list[list[etree._Element]] = []
    for el in root.iter(f"{W}fldChar", f"{W}instrText", f"{W}delInstrText"):
        if el.tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            if kind == "begin":
                stack.append(([], [False]))
            elif kind == "separate" and stack:
                stack[-1][1][0] = True
            elif kind == "end" and stack:
                fields.append(stack.pop()[0])
        elif stack and not stack[-1][1][0]:
            stack[-1][0].append(el)
    fields.extend(codes for codes, _ in stack)  # never closed: judged all the same
    for codes in fields:
        if _field_word("".join(c.text or "" for c in codes)) not in SAFE_FIELDS:
            for c in codes:
                c.text = " "


def drop_empty_picture_bullets(root: etree._Element) -> None:
    """A picture bullet whose picture was dropped goes, with the levels that use it."""
    gone = set()
    for bullet in list(root.iter(f"{W}numPicBullet")):
        if len(bullet) == 0:
            gone.add(bullet.get(f"{W}numPicBulletId"))
            _remove(bullet)
    if gone:
        for use in list(root.iter(f"{W}lvlPicBulletId")):
            if use.get(f"{W}val") in gone:
                _remove(use)

"""The template allow-list: from a company .docx/.dotx only styles and layout are taken.

`clean_package(data, name)` builds a new, minimal .docx package from the template's zip and
returns its bytes. It holds only:

- the main document, its body emptied to the last section's page setup (a template without
  one gets the default template's A4 page with 2 cm margins);
- styles, numbering, theme, font table (names only: embedded fonts are dropped), settings
  (without attached template, mail merge source, document variables, protection or any
  relationship), headers and footers;
- the images those parts embed (PNG, JPEG, GIF, BMP, TIFF, EMF, WMF: recognised by their first
  bytes, whatever their name says), and http(s) or plain mailto hyperlinks.

Everything else is left behind: macros (vbaProject.bin), OLE objects, ActiveX controls, custom
XML, embedded fonts, glossary building blocks, comments, document properties (the export
writes its own), thumbnails, web settings, printer settings, external or linked images,
attached templates, and any relationship that is not an internal part of the kinds above or an
http(s)/mailto hyperlink. A part of a kind above whose root element is not what that kind has is
left behind too. Kept parts are renamed (word/styles.xml, word/header1.xml, word/media/image1.png
…), so nothing of the template's own naming reaches the export. Fields in headers and footers
that could fetch or run something are blanked (template_scrub).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from svplan.core.errors import ExportError
from svplan.export.template_scrub import R, W, scrub
from svplan.export.template_zip import TemplateZip
from svplan.export.text import email_link, web_link

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CT_DOCUMENT = _WML + "document.main+xml"
CT_TEMPLATE = _WML + "template.main+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,63}")
DEFAULT_SECTION = (
    f'<w:sectPr xmlns:w="{W[1:-1]}"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" '
    'w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>'
    '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>'
)


@dataclass(frozen=True)
class Kind:
    name: str  # the part's name in the export; {n} numbers headers, footers, themes
    content_type: str
    root: str  # the root element a part of this kind has
    children: tuple[str, ...] = ()  # relationship types kept from it


KINDS = {
    "styles": Kind("word/styles.xml", _WML + "styles+xml", f"{W}styles"),
    "numbering": Kind("word/numbering.xml", _WML + "numbering+xml", f"{W}numbering", ("image",)),
    "theme": Kind(
        "word/theme/theme{n}.xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
        f"{A}theme",
        ("image",),
    ),
    "fontTable": Kind("word/fontTable.xml", _WML + "fontTable+xml", f"{W}fonts"),
    "settings": Kind("word/settings.xml", _WML + "settings+xml", f"{W}settings"),
    "header": Kind("word/header{n}.xml", _WML + "header+xml", f"{W}hdr", ("image", "hyperlink")),
    "footer": Kind("word/footer{n}.xml", _WML + "footer+xml", f"{W}ftr", ("image", "hyperlink")),
}
SINGLE = {"styles", "numbering", "theme", "fontTable", "settings"}
MAIN_CHILDREN = (*KINDS, "hyperlink")

IMAGE_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tiff": "image/tiff",
    "emf": "image/x-emf",
    "wmf": "image/x-wmf",
}


def image_format(data: bytes) -> str | None:
    """The image format by the file's first bytes, or None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data.startswith(b"BM") and len(data) > 26:
        return "bmp"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF":
        return "emf"
    if data[:4] == b"\xd7\xcd\xc6\x9a":  # a placeable metafile
        return "wmf"
    if data[:2] in (b"\x01\x00", b"\x02\x00") and data[2:4] == b"\x09\x00":
        return "wmf"
    return None


def safe_hyperlink(target: str) -> bool:
    """An http(s) address with a host, or a plain mailto address, exactly as given."""
    return target in (web_link(target), email_link(target))


@dataclass
class _Rel:
    rid: str
    kind: str  # the relationship type after RT ("styles", "image", …)
    target: str
    external: bool = False


@dataclass
class _Package:
    """The new package being built: part name -> (content type, bytes), and its relationships."""

    parts: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    rels: dict[str, list[_Rel]] = field(default_factory=dict)
    done: dict[str, str | None] = field(default_factory=dict)  # source part -> export name
    counts: dict[str, int] = field(default_factory=dict)


class _Cleaner:
    def __init__(self, zf: TemplateZip) -> None:
        self.zf = zf
        self.out = _Package()

    # reading the template ----------------------------------------------------------------------

    def relationships(self, source: str) -> list[_Rel]:
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        if not self.zf.has(rels_name):
            return []
        root = self.zf.xml(rels_name)
        if root.tag != f"{{{PKG_RELS}}}Relationships":
            raise self.zf.invalid(f"{rels_name}: not a relationships part")
        found: list[_Rel] = []
        seen: set[str] = set()
        for el in root.iter(f"{{{PKG_RELS}}}Relationship"):
            rid, rtype, target = el.get("Id", ""), el.get("Type", ""), el.get("Target", "")
            if not _ID.fullmatch(rid) or rid in seen or not rtype.startswith(RT):
                continue
            seen.add(rid)
            external = el.get("TargetMode") == "External"
            found.append(_Rel(rid, rtype[len(RT) :], target, external))
        return found

    # following relationships -------------------------------------------------------------------

    def follow(self, source: str, exported: str, allowed: tuple[str, ...]) -> list[_Rel]:
        """The relationships of `source` that are kept, pointing at the export's part names
        (relative to `exported`, the name `source` gets in the export)."""
        kept: list[_Rel] = []
        for rel in self.relationships(source):
            if rel.kind not in allowed:
                continue
            if rel.kind == "hyperlink":
                if rel.external and safe_hyperlink(rel.target):
                    kept.append(rel)
                continue
            part = None if rel.external else resolve(source, rel.target)
            if part is None or not self.zf.has(part):
                continue
            name = self.image(part) if rel.kind == "image" else self.xml_part(rel.kind, part)
            if name is not None:
                target = posixpath.relpath(name, posixpath.dirname(exported))
                kept.append(_Rel(rel.rid, rel.kind, target))
        return kept

    def _number(self, kind: str) -> int:
        self.out.counts[kind] = self.out.counts.get(kind, 0) + 1
        return self.out.counts[kind]

    def image(self, part: str) -> str | None:
        if part.lower() in self.out.done:
            return self.out.done[part.lower()]
        data = self.zf.read(part)
        fmt = image_format(data)
        name = None
        if fmt is not None:
            name = f"word/media/image{self._number('image')}.{fmt}"
            self.out.parts[name] = (IMAGE_TYPES[fmt], data)
        self.out.done[part.lower()] = name
        return name

    def xml_part(self, kind: str, part: str) -> str | None:
        if part.lower() in self.out.done:
            return self.out.done[part.lower()]
        self.out.done[part.lower()] = None
        spec = KINDS[kind]
        if kind in SINGLE and self.out.counts.get(kind):
            return None  # one of each: a second styles part is left behind
        root = self.zf.xml(part)
        if root.tag != spec.root:
            return None
        name = spec.name.format(n=self._number(kind))
        rels = self.follow(part, name, spec.children)
        scrub(root, {r.rid for r in rels}, kind)
        used = referenced(root)  # what scrub removed may have been an image's only use
        self.add(name, spec.content_type, root, [r for r in rels if r.rid in used])
        self.out.done[part.lower()] = name
        return name

    def add(self, name: str, content_type: str, root: etree._Element, rels: list[_Rel]) -> None:
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        self.out.parts[name] = (content_type, xml)
        if rels:
            self.out.rels[name] = rels


def referenced(root: etree._Element) -> set[str]:
    """The relationship ids an XML part refers to (any attribute in the r: namespace)."""
    return {
        value
        for el in root.iter()
        if isinstance(el.tag, str)
        for attr, value in el.attrib.items()
        if attr.startswith(R)
    }


def _reachable(pkg: _Package) -> _Package:
    """Only the parts reached from the main document through kept relationships."""
    seen, todo = set(), ["word/document.xml"]
    while todo:
        name = todo.pop()
        if name in seen or name not in pkg.parts:
            continue
        seen.add(name)
        folder = posixpath.dirname(name)
        for rel in pkg.rels.get(name, []):
            if not rel.external:
                todo.append(posixpath.normpath(posixpath.join(folder, rel.target)))
    return _Package(
        parts={n: v for n, v in pkg.parts.items() if n in seen},
        rels={n: v for n, v in pkg.rels.items() if n in seen},
    )


def resolve(source: str, target: str) -> str | None:
    """The part a relationship of `source` points at, or None if it leaves the package."""
    target = unquote(target.split("#", 1)[0])
    if not target or "\\" in target or "\x00" in target or ":" in target:
        return None
    if target.startswith("/"):
        path = target.lstrip("/")
    else:
        path = posixpath.join(posixpath.dirname(source), target)
    path = posixpath.normpath(path)
    if path in (".", "..") or path.startswith(("../", "/")):
        return None
    return path


def _content_types(zf: TemplateZip) -> tuple[dict[str, str], dict[str, str]]:
    try:
        root = zf.xml("[Content_Types].xml")
    except KeyError:
        raise zf.invalid("no [Content_Types].xml") from None
    defaults = {
        (el.get("Extension") or "").lower(): el.get("ContentType") or ""
        for el in root.iter(f"{{{CT_NS}}}Default")
    }
    overrides = {
        (el.get("PartName") or "").lstrip("/").lower(): el.get("ContentType") or ""
        for el in root.iter(f"{{{CT_NS}}}Override")
    }
    return defaults, overrides


def _main_part(zf: TemplateZip, cleaner: _Cleaner) -> str:
    for rel in cleaner.relationships(""):
        if rel.kind == "officeDocument" and not rel.external:
            part = resolve("", rel.target)
            if part is not None and zf.has(part):
                return part
    raise zf.invalid("no main document part")


def _empty_body(doc: etree._Element) -> None:
    """Only the last section's page setup is kept from the body; a body without one (a valid
    document) gets the default A4 page."""
    for el in [el for el in doc if el.tag not in (f"{W}body", f"{W}background")]:
        doc.remove(el)
    body = doc.find(f"{W}body")
    if body is None:
        body = etree.SubElement(doc, f"{W}body")
    sections = body.findall(f"{W}sectPr")
    section = sections[-1] if sections else etree.fromstring(DEFAULT_SECTION)
    for child in list(body):
        body.remove(child)
    body.append(section)


def clean_package(data: bytes, name: str, path: Path | None = None) -> bytes:
    """The template's styles and layout as a new .docx package (see the module's docstring).

    Raises ExportError (one sentence naming the template) for a file that is not a Word
    document, a macro-enabled one, a zip bomb, or a kept part with a DOCTYPE.
    """
    zf = TemplateZip(data, name, path)
    defaults, overrides = _content_types(zf)
    cleaner = _Cleaner(zf)
    main = _main_part(zf, cleaner)
    content_type = overrides.get(main.lower()) or defaults.get(main.rsplit(".", 1)[-1].lower())
    if content_type and "macroenabled" in content_type.lower():
        raise ExportError(
            f"The template {name} contains macros; save it as a .docx or .dotx first.", path=path
        )
    if content_type not in (CT_DOCUMENT, CT_TEMPLATE):
        raise zf.invalid(f"main part content type {content_type!r}")
    doc = zf.xml(main)
    if doc.tag != f"{W}document":
        raise zf.invalid("main part is not a w:document")
    cleaner.out.done[main.lower()] = "word/document.xml"
    rels = cleaner.follow(main, "word/document.xml", MAIN_CHILDREN)
    _empty_body(doc)
    scrub(doc, {r.rid for r in rels}, "document")
    used = referenced(doc)  # headers and footers of the sections that went with the body
    rels = [r for r in rels if r.rid in used or r.kind in SINGLE or r.kind == "hyperlink"]
    cleaner.add("word/document.xml", CT_DOCUMENT, doc, rels)
    return _zip(_reachable(cleaner.out))


def _rels_xml(rels: list[_Rel]) -> bytes:
    root = etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
    for rel in rels:
        el = etree.SubElement(root, f"{{{PKG_RELS}}}Relationship")
        el.set("Id", rel.rid)
        el.set("Type", RT + rel.kind)
        el.set("Target", rel.target)
        if rel.external:
            el.set("TargetMode", "External")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _zip(pkg: _Package) -> bytes:
    types = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    extensions = {"rels": CT_RELS, "xml": "application/xml"}
    for name, (content_type, _) in pkg.parts.items():
        if name.startswith("word/media/"):
            extensions[name.rsplit(".", 1)[-1]] = content_type
    for ext, content_type in sorted(extensions.items()):
        etree.SubElement(types, f"{{{CT_NS}}}Default", Extension=ext, ContentType=content_type)
    for name, (content_type, _) in sorted(pkg.parts.items()):
        if not name.startswith("word/media/"):
            etree.SubElement(
                types, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=content_type
            )
    files = {
        "[Content_Types].xml": etree.tostring(
            types, xml_declaration=True, encoding="UTF-8", standalone=True
        ),
        "_rels/.rels": _rels_xml([_Rel("rId1", "officeDocument", "word/document.xml")]),
    }
    for name, (_, body) in sorted(pkg.parts.items()):
        files[name] = body
        if name in pkg.rels:
            folder, base = posixpath.split(name)
            files[posixpath.join(folder, "_rels", f"{base}.rels")] = _rels_xml(pkg.rels[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, body in files.items():
            zout.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()

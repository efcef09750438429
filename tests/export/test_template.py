"""Templates: the default one, a company .docx/.dotx, missing styles, bad files."""

from __future__ import annotations

import importlib.util
import io
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor

from svplan.core.errors import ExportError
from svplan.export import export_plan
from svplan.export.template import DEFAULT_TEMPLATE_NAME, default_template_bytes
from tests.conftest import ROOT
from tests.export.docread import all_text, headings, hyperlinks, open_docx, part_xml, text_of
from tests.export.plans import realistic_plan

DEFAULT = ROOT / "src" / "svplan" / "resources" / DEFAULT_TEMPLATE_NAME
CT_DOC = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_TPL = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def _restyled(tmp_path: Path, name: str = "company.docx") -> Path:
    template = docx.Document(str(DEFAULT))
    h1 = template.styles["Heading 1"]
    h1.font.name = "Courier New"
    h1.font.color.rgb = RGBColor(0x99, 0x00, 0x33)
    template.sections[0].header.paragraphs[0].text = "ACME Ltd – Commercial in confidence"
    out = tmp_path / name
    template.save(str(out))
    return out


def _as_dotx(src: Path, dst: Path) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(CT_DOC.encode(), CT_TPL.encode())
            zout.writestr(item, data)
    return dst


def test_default_template_defines_the_styles_the_export_uses():
    template = docx.Document(io.BytesIO(default_template_bytes()))
    names = {s.name for s in template.styles}
    for name in (
        "Normal",
        "Title",
        "Subtitle",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Heading 4",
        "List Bullet",
        "Caption",
        "Quote",
        "Header",
        "Footer",
        "Hyperlink",
        "Plan Table",
        "Table Grid",
        "TOC Heading",
    ):
        assert name in names, name
    s = template.sections[0]
    assert round(s.page_width.cm, 1) == 21.0 and round(s.left_margin.cm, 1) == 2.0


def test_default_template_is_reproducible_from_its_script():
    spec = importlib.util.spec_from_file_location(
        "make_template", ROOT / "packaging" / "make_template.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == DEFAULT.read_bytes(), "run packaging/make_template.py"


def test_company_template_restyles_the_document(tmp_path, extract_catalogue):
    template = _restyled(tmp_path)
    out = export_plan(realistic_plan(), extract_catalogue, tmp_path / "out.docx", template=template)
    doc = open_docx(out)
    h1 = doc.styles["Heading 1"]
    assert h1.font.name == "Courier New"
    assert h1.font.color.rgb == RGBColor(0x99, 0x00, 0x33)
    assert any(text == "1 Executive summary" for _, text in headings(doc, 1))
    # the template's own header line is kept, ours follows it
    header = [p.text for p in doc.sections[0].header.paragraphs if p.text]
    assert header[0] == "ACME Ltd – Commercial in confidence"
    assert header[1].endswith(" · Example Contractors Ltd\tLCC/2027/0042")  # after the DRAFT mark
    assert len(header) == 2
    # nothing of the template's body is left over
    assert doc.paragraphs[0].text == "Social Value Delivery Plan"


def test_dotx_template_works(tmp_path, extract_catalogue):
    dotx = _as_dotx(_restyled(tmp_path), tmp_path / "Company Template.dotx")
    with pytest.raises(ValueError):
        docx.Document(str(dotx))  # python-docx alone refuses a template
    out = export_plan(realistic_plan(), extract_catalogue, tmp_path / "out.docx", template=dotx)
    doc = open_docx(out)
    assert doc.styles["Heading 1"].font.name == "Courier New"
    with zipfile.ZipFile(out) as z:
        assert CT_DOC in z.read("[Content_Types].xml").decode()


def test_template_missing_styles_falls_back(tmp_path, extract_catalogue):
    """A template with only Normal: headings, bullets, links and tables still come out."""
    bare = docx.Document(str(DEFAULT))
    styles = bare.styles.element
    for style in list(styles):
        if style.tag.endswith("}style") and style.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId"
        ) not in ("Normal", "DefaultParagraphFont", "TableNormal"):
            styles.remove(style)
    template = tmp_path / "bare.docx"
    bare.save(str(template))
    out = export_plan(realistic_plan(), extract_catalogue, tmp_path / "out.docx", template=template)
    doc = open_docx(out)
    text = all_text(doc)
    assert "NT1 Local people employed" in text
    assert "• People hired under NT3 are counted" in text  # bullet fallback
    xml = part_xml(doc.part)
    assert '<w:outlineLvl w:val="0"/>' in xml  # headings still navigable
    assert "<w:tblBorders>" in xml  # tables still have borders
    assert 'w:color w:val="0563C1"' in xml  # links still look like links
    footer = part_xml(doc.sections[0].footer)
    assert " PAGE " in footer and "Page 1 of 1" not in text_of(doc.sections[0].footer._element)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.docx", None, "The template missing.docx was not found."),
        ("notes.txt", b"hello", "The template notes.txt is not a Word .docx or .dotx file."),
        (
            "broken.docx",
            b"PK\x03\x04 not really a zip",
            "The template broken.docx is not a valid Word document.",
        ),
        ("empty.dotx", b"", "The template empty.dotx is not a valid Word document."),
    ],
)
def test_bad_templates_give_one_sentence(tmp_path, mini_catalogue, name, content, message):
    from svplan.core.plan import Plan

    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out.docx"
    with pytest.raises(ExportError) as info:
        export_plan(Plan(), mini_catalogue, out, template=path)
    assert str(info.value) == message
    assert not out.exists()


def test_zip_that_is_not_a_word_document(tmp_path, mini_catalogue):
    from svplan.core.plan import Plan

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ExportError, match=r"archive\.docx is not a valid Word document"):
        export_plan(Plan(), mini_catalogue, tmp_path / "out.docx", template=path)


def test_template_folder(tmp_path, mini_catalogue):
    from svplan.core.plan import Plan

    folder = tmp_path / "folder.docx"
    folder.mkdir()
    with pytest.raises(ExportError, match=r"folder\.docx"):
        export_plan(Plan(), mini_catalogue, tmp_path / "out.docx", template=folder)


def test_template_path_as_string(tmp_path, mini_catalogue):
    from svplan.core.plan import Plan

    copy = tmp_path / "copy.docx"
    shutil.copy(DEFAULT, copy)
    out = export_plan(Plan(), mini_catalogue, str(tmp_path / "out.docx"), template=str(copy))
    assert out == tmp_path / "out.docx" and out.is_file()


def test_template_with_different_odd_and_even_pages(tmp_path, extract_catalogue):
    template = docx.Document(str(DEFAULT))
    template.settings.odd_and_even_pages_header_footer = True
    path = tmp_path / "odd-even.docx"
    template.save(str(path))
    out = export_plan(realistic_plan(), extract_catalogue, tmp_path / "out.docx", template=path)
    section = open_docx(out).sections[0]
    for header in (section.header, section.even_page_header):
        assert header.paragraphs[-1].text.endswith("Example Contractors Ltd\tLCC/2027/0042")
    assert " PAGE " in part_xml(section.even_page_footer)


def _with_document_xml(tmp_path: Path, name: str, document_xml: str) -> Path:
    """The default template with its word/document.xml replaced."""
    path = tmp_path / name
    with zipfile.ZipFile(DEFAULT) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = document_xml.encode()
            zout.writestr(item, data)
    return path


W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SECT = '<{p}sectPr><{p}pgSz {a}w="11906" {a}h="16838"/><{p}cols {a}space="708"/></{p}sectPr>'


@pytest.mark.parametrize(
    ("prefix", "attr", "declaration"),
    [
        # the main namespace as the default one (attributes need a prefix), no r: prefix
        ("", "x:", f'xmlns="{W_URI}" xmlns:x="{W_URI}"'),
        ("ns0:", "ns0:", f'xmlns:ns0="{W_URI}"'),
        ("w:", "w:", f'xmlns:w="{W_URI}" xmlns:r="urn:not-relationships"'),  # r: means another
    ],
)
def test_template_with_other_namespace_prefixes(
    tmp_path, extract_catalogue, prefix, attr, declaration
):
    """The body is written with w: and r: prefixes whatever prefixes the template's
    document.xml uses: the export reads back the same as with the default template."""
    sect = SECT.format(p=prefix, a=attr)
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{prefix}document '
        f"{declaration}><{prefix}body><{prefix}p/>{sect}</{prefix}body></{prefix}document>"
    )
    template = _with_document_xml(tmp_path, "prefixes.docx", xml)
    plan = realistic_plan()
    out = export_plan(plan, extract_catalogue, tmp_path / "out.docx", template=template)
    usual = export_plan(plan, extract_catalogue, tmp_path / "usual.docx")
    doc, expected = open_docx(out), open_docx(usual)
    assert all_text(doc) == all_text(expected)
    assert hyperlinks(doc) == hyperlinks(expected)
    assert headings(doc) == headings(expected)
    assert doc.sections[-1].page_width == 11906 * 635  # the template's section is kept


def test_links_reuse_the_templates_relationships_and_never_collide(tmp_path, extract_catalogue):
    """A template whose document part already links to a URL the plan uses, with a gap in its
    relationship ids: that relationship is reused, new ones fill the gap without taking an id
    twice, and every link in the body goes where it says."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    plan = realistic_plan()
    usual = open_docx(export_plan(plan, extract_catalogue, tmp_path / "usual.docx"))
    url = hyperlinks(usual)[-1][0]
    assert url.startswith(("http", "mailto:"))
    template = docx.Document(str(DEFAULT))
    rels = template.part.rels
    rels.add_relationship(RT.HYPERLINK, url, "rId9", is_external=True)
    rels.add_relationship(RT.HYPERLINK, "https://unused.example.com/", "rId11", is_external=True)
    path = tmp_path / "linked.docx"
    template.save(str(path))

    out = export_plan(plan, extract_catalogue, tmp_path / "out.docx", template=path)
    doc = open_docx(out)
    assert hyperlinks(doc) == hyperlinks(usual)
    ids = [r.rId for r in doc.part.rels.values()]
    assert len(ids) == len(set(ids))
    used = {h.get(qn("r:id")) for h in doc.element.body.iter(qn("w:hyperlink"))} - {None}
    assert "rId9" in used
    assert "rId11" not in used
    assert sorted(int(i[3:]) for i in ids) == list(range(1, len(ids) + 1))  # gaps filled
    with zipfile.ZipFile(out) as z:
        rels_xml = z.read("word/_rels/document.xml.rels").decode()
    assert rels_xml.count(f'Target="{escape(url)}"') == 1
